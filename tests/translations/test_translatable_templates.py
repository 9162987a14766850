"""Every word a template writes is marked for translation: text outside {% translate %}
and {% blocktranslate %} would stay English in every language.

Checked: the text between tags and the attributes people read (alt, title, aria-label,
placeholder, content of the description metadata). Not checked: what scripts and styles
hold, other attributes, and what variables bring (the views' strings are marked where
they are written)."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Not prose: the crawler rules, and the name of the programme.
NOT_PROSE_FILES = {"robots.txt"}
NAMES = re.compile(r"ADMin4ALL|Admin4All")
WORD = re.compile(r"[^\W\d_]{2,}")
# Pieces of class names, ids and URLs that templates assemble around variables
# ("app-{{ label }}", "{{ id }}_helptext", "?page={{ number }}"): not prose.
NOT_PROSE_CHUNK = re.compile(r"[_=?/@#]|^-|-$")
READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description"}
UNCHECKED_ELEMENTS = {"script", "style"}
# Inside these, text is not shown to readers or is translated by other means.
SKIPPED_BLOCKS = {
    "comment": "endcomment",
    "blocktranslate": "endblocktranslate",
    "blocktrans": "endblocktrans",
    "verbatim": "endverbatim",
}


def template_paths() -> list[Path]:
    return sorted(
        path
        for path in TEMPLATES.rglob("*")
        if path.suffix in {".html", ".txt", ".xml"} and path.name not in NOT_PROSE_FILES
    )


class ProseFinder(HTMLParser):
    """Collects the words of text nodes and read attributes outside scripts and styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self._unchecked_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in UNCHECKED_ELEMENTS:
            self._unchecked_depth += 1
        attributes = dict(attrs)
        for name in READ_ATTRIBUTES & attributes.keys():
            self._collect(attributes[name] or "")
        if tag == "meta" and attributes.get("name") == "description":
            self._collect(attributes.get("content") or "")

    def handle_endtag(self, tag):
        if tag in UNCHECKED_ELEMENTS:
            self._unchecked_depth -= 1

    def handle_data(self, data):
        if not self._unchecked_depth:
            self._collect(data)

    def _collect(self, text: str) -> None:
        for chunk in NAMES.sub("", text).split():
            if not NOT_PROSE_CHUNK.search(chunk):
                self.words += WORD.findall(chunk)


def untranslated_words(source: str) -> list[str]:
    """The words of a template's literal text, with every template tag, variable and
    skipped block replaced by a blank, so the HTML around them still parses."""
    literal = []
    closing = None
    for token in Lexer(source).tokenize():
        if closing:
            if token.token_type == TokenType.BLOCK and token.contents.split()[0] == closing:
                closing = None
            continue
        if token.token_type == TokenType.BLOCK:
            tag, *arguments = token.contents.split()
            closing = SKIPPED_BLOCKS.get(tag)
            # A block that fills in a class attribute ({% block body_class %}).
            if tag == "block" and arguments and "class" in arguments[0]:
                closing = "endblock"
            literal.append(" ")
        elif token.token_type == TokenType.TEXT:
            literal.append(token.contents)
        else:
            literal.append(" x ")
    finder = ProseFinder()
    finder.feed("".join(literal))
    finder.close()
    return finder.words


@pytest.mark.parametrize(
    "path", template_paths(), ids=lambda path: str(path.relative_to(TEMPLATES))
)
def test_template_text_is_marked_for_translation(path):
    assert untranslated_words(path.read_text()) == []


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ('<p>{% translate "Hello" %} world</p>', ["world"]),
        ('<img alt="A map" src="{{ url }}">', ["map"]),
        ('<a title="{% translate "Home" %}" href="/">{{ name }}</a>', []),
        ("{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}", []),
        ("{% comment %}Notes for developers{% endcomment %}<script>let map;</script>", []),
        ('<meta name="description" content="About us">', ["About", "us"]),
        ("<p>ADMin4ALL · 2019 – {{ year }}</p>", []),
        ("{% block bodyclass %}app-{{ label }} {{ id }}_help ?page={{ n }}{% endblock %}", []),
        ("<p>A well-known city</p>", ["well", "known", "city"]),
        ("{% block body_class %}certificates{% endblock %}<p>Hi</p>", ["Hi"]),
    ],
)
def test_checker_finds_unmarked_words(source, words):
    assert untranslated_words(source) == words
