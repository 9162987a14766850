"""Markdown fields on pages: {{ article.body|markdown }} as sanitized HTML, and
{{ article.body|markdown_text }} where only plain text fits (meta descriptions, lists)."""

from django import template
from django.utils.safestring import SafeString

from admin4all import rich_text

register = template.Library()


@register.filter
def markdown(text: str, top_heading: int = 2) -> SafeString:
    """`top_heading` is one below the heading the text sits under: 3 inside an h2
    section."""
    return rich_text.markdown_html(text, top_heading=top_heading)


@register.filter
def markdown_text(text: str) -> str:
    return rich_text.markdown_text(text)
