"""Each language renders its pages without interface text left in English: no phrase of
the catalogue, where the language translates it, shows on a page in that language.

A complete catalogue (test_translations) is not enough: a string translated at import
time (gettext instead of gettext_lazy), a label built from untranslated parts, or text
a template writes without {% translate %} would still show in English. Text inside an
element marked lang="en" is a record's English standing in for a missing translation,
which the page marks on purpose, so it is left out.
"""

import re
from html.parser import HTMLParser

import polib
import pytest
from django.conf import settings

from tests.public_pages import load_programme_content, sample_pages
from tests.test_public_pages import VOID_ELEMENTS

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# Parts of a page no visitor reads as text, the <title>, which cannot mark a name in
# another language (its <h1> does), and code: identifiers (an API's field names) are in
# no language.
UNREAD = {"script", "style", "template", "title", "code"}


class VisibleText(HTMLParser):
    """The text of a page outside the elements marked as another language than the
    page's, and outside scripts and styles."""

    def __init__(self, language: str):
        super().__init__()
        self.language = language
        self.open: list[bool] = []  # per open element: is its text left out?
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID_ELEMENTS:
            return
        lang = dict(attrs).get("lang")
        outside = tag in UNREAD or (lang is not None and lang != self.language)
        self.open.append(outside or (bool(self.open) and self.open[-1]))

    def handle_endtag(self, tag):
        if tag not in VOID_ELEMENTS and self.open:
            self.open.pop()

    def handle_data(self, data):
        if not (self.open and self.open[-1]):
            self.parts.append(data)

    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def english_phrases(language: str) -> list[str]:
    """The catalogue's phrases of two words or more that the language translates
    differently, without placeholders (which never show as written)."""
    catalogue = polib.pofile(f"{settings.BASE_DIR}/locale/{language}/LC_MESSAGES/django.po")
    return sorted(
        {
            entry.msgid
            for entry in catalogue
            if not entry.msgid_plural
            and entry.msgstr
            and entry.msgstr != entry.msgid
            and len(entry.msgid.split()) >= 2
            and not re.search(r"[%{<]", entry.msgid)
        }
    )


def test_pages_show_no_interface_text_in_english(client):
    load_programme_content()
    left_in_english = {}
    for language in LANGUAGES:
        phrases = english_phrases(language)
        for path, status in sample_pages(language):
            response = client.get(path)
            assert response.status_code == status, path
            parser = VisibleText(language)
            parser.feed(response.content.decode())
            text = parser.text()
            if found := [phrase for phrase in phrases if " ".join(phrase.split()) in text]:
                left_in_english[path] = found

    assert left_in_english == {}
