"""Where a narrow column may break a long word that has no space.

{{ version.source|breaks_after:"/" }}
    a page's path, breakable after each slash
{{ name|breaks_after:"_" }}
    an identifier (an API's field name), breakable after each underscore
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def breaks_after(value, separator: str) -> str:
    parts = str(value).split(separator)
    return mark_safe(f"{conditional_escape(separator)}<wbr>".join(map(conditional_escape, parts)))
