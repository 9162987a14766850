"""Markdown fields on pages: {{ article.body|markdown }} as sanitized HTML, and
{{ article.body|markdown_text }} where only plain text fits (meta descriptions, lists)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from admin4all import rich_text

register = template.Library()


@register.filter
def markdown(text: str, top_heading: int = 2) -> SafeString:
    """`top_heading` is one below the heading the text sits under: 3 inside an h2
    section. Text from {% translated %} that stands in for a missing translation comes
    out in an element marked with its language."""
    html = rich_text.markdown_html(text, top_heading=top_heading)
    language = getattr(text, "language", None)
    return format_html('<div lang="{}">{}</div>', language, html) if language else html


@register.filter
def markdown_text(text: str) -> str:
    return rich_text.markdown_text(text)
