"""Markdown that staff and officers write, turned into HTML that is safe on any page.

markdown-it-py parses CommonMark with raw HTML off, so a tag typed into the text shows
as text. nh3 (the ammonia sanitizer) then keeps only the elements, attributes and link
schemes listed here: the page stays safe even if a parser option or plugin lets
something through.
"""

import html
import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

# The page's h1 is its title; the text's headings nest under the heading it sits below
# (an agenda item's description sits below an h4 or h5).
HEADING_TAGS = {"h2", "h3", "h4", "h5", "h6"}
LOWEST_HEADING = 6
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "hr",
    *HEADING_TAGS,
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
URL_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):", re.IGNORECASE)
LINK_REL = "nofollow noopener"

# Shown under every Markdown field, in the admin and the officer area.
MARKDOWN_HELP_TEXT = _(
    "Markdown: a blank line starts a paragraph; **bold**, *italic*, "
    "[link text](https://…), lines starting with “- ” make a list, with “## ” a "
    "heading and with “> ” a quotation. HTML tags show as typed."
)

# Pages load nothing from another host (DESIGN.md), so an image in the text becomes a
# link to it. A single line break stays one, as it was when these fields were plain text.
_parser = MarkdownIt("commonmark", {"html": False, "breaks": True}).disable("image")


def _is_allowed_link(url: str) -> bool:
    """A link the sanitizer would keep: relative, or with an allowed scheme. Refused
    here, a link stays text, where the sanitizer would leave an <a> without href."""
    scheme = URL_SCHEME.match(url)
    return scheme is None or scheme[1].lower() in URL_SCHEMES


_parser.validateLink = _is_allowed_link
_sanitizer = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel=LINK_REL,
)
_text_only = nh3.Cleaner(tags=set())


def _shift_headings(state: StateCore) -> None:
    """The heading levels the text uses become consecutive levels from h<top_heading>
    down: the page keeps its one h1, and a skipped level in the text is closed up."""
    headings = [token for token in state.tokens if token.type in ("heading_open", "heading_close")]
    levels = sorted({token.tag for token in headings})
    for token in headings:
        level = state.env["top_heading"] + levels.index(token.tag)
        token.tag = f"h{min(level, LOWEST_HEADING)}"


_parser.core.ruler.push("shift_headings", _shift_headings)


def markdown_html(text: str, *, top_heading: int = 2) -> SafeString:
    """Safe HTML of Markdown `text`; its headings start at h<top_heading> (2 to 6)."""
    rendered = _parser.render(text, {"top_heading": top_heading})
    return mark_safe(_sanitizer.clean(rendered))


def quotes(text: str) -> bool:
    """Whether Markdown `text` quotes someone: a quotation is written as a block quote
    ("> "), which tells it from words that merely stand in quotation marks (a study's
    title)."""
    # Most texts hold no ">": they are not parsed for it (pages show many texts).
    return ">" in text and any(token.type == "blockquote_open" for token in _parser.parse(text))


def markdown_text(text: str) -> str:
    """The words of Markdown `text` without its markup, for places that take plain text:
    meta descriptions, JSON-LD, search snippets."""
    return html.unescape(_text_only.clean(markdown_html(text))).strip()
