"""Each language renders its pages without text left in English: no phrase of the
interface's catalogue, and none of the programme content's texts, where the language
translates them, show on a page in that language; and no page says that something is
shown in English, the loader's translations being loaded.

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
from django.utils import translation
from django.utils.translation import gettext

from content import programme_content as content
from content.catalogues import catalogue_path
from tests.public_pages import (
    UNLISTED_PAGES,
    language_of,
    load_programme_content,
    sitemap_sections,
)
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


# A city's own name (Wrocław, Málaga) is a proper name in every language, even where a
# language has its own (Breslavia): pages may show it, in a filter's example say.
NATIVE_NAMES = {row["native_name"] for row in content.MUNICIPALITIES}


def content_texts(language: str) -> list[re.Pattern]:
    """The content's English texts that the language writes differently (its
    catalogue, content/translations/), each as a pattern of whole words."""
    return [
        re.compile(rf"(?<!\w){re.escape(' '.join(entry.msgid.split()))}(?!\w)")
        for entry in polib.pofile(str(catalogue_path(language)))
        if entry.msgstr and entry.msgstr != entry.msgid and entry.msgid not in NATIVE_NAMES
    ]


def notices(language: str) -> list[str]:
    """The notices that a page, or parts of it, are shown in English, in `language`."""
    with translation.override(language):
        return [
            gettext("This page is not yet available in this language; it is shown in English."),
            gettext(
                "Parts of this page are not yet available in this language; they are shown "
                "in English."
            ),
        ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_show_no_english_and_no_notice(client, language):
    """Every page of the sitemap in the language, and the pages it leaves out (search,
    filtered lists, the error page), with the loader's translations loaded: no phrase
    of the interface's catalogue, none of the content's English texts, and no notice
    that something is shown in English."""
    load_programme_content()
    phrases = [" ".join(phrase.split()) for phrase in english_phrases(language)]
    patterns = content_texts(language)
    notice_texts = notices(language)
    pages = [
        (path, 200)
        for paths in sitemap_sections().values()
        for path in paths
        if language_of(path) == language
    ] + [(f"/{language}{path}", status) for path, status in UNLISTED_PAGES]
    left_in_english = {}
    for path, status in pages:
        response = client.get(path)
        assert response.status_code == status, path
        parser = VisibleText(language)
        parser.feed(response.content.decode())
        text = parser.text()
        found = [phrase for phrase in phrases if phrase in text]
        found += [pattern.pattern for pattern in patterns if pattern.search(text)]
        found += [notice for notice in notice_texts if notice in text]
        if found:
            left_in_english[path] = found

    assert len(pages) > 90  # every page of the content, in this language
    assert left_in_english == {}
