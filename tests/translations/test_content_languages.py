"""The programme's content reads in each language: with the loader's translations loaded,
every page of the sitemap in a language shows none of the content's English texts
outside the parts marked as English (the titles of English sources), and no notice
that something is shown in English."""

import re

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from content import programme_content as content
from content.catalogues import catalogue_path
from tests.public_pages import language_of, load_programme_content, sitemap_sections
from tests.translations.test_rendered_languages import VisibleText

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


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


# A city's own name (Wrocław, Málaga) is a proper name in every language, even where a
# language has its own (Breslavia): pages may show it, in a filter's example say.
NATIVE_NAMES = {row["native_name"] for row in content.MUNICIPALITIES}


def english_texts(language: str) -> list[re.Pattern]:
    """The content's English texts that the language writes differently, each as a
    pattern of whole words."""
    return [
        re.compile(rf"(?<!\w){re.escape(' '.join(entry.msgid.split()))}(?!\w)")
        for entry in polib.pofile(str(catalogue_path(language)))
        if entry.msgstr and entry.msgstr != entry.msgid and entry.msgid not in NATIVE_NAMES
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_content_pages_show_no_english_and_no_notice(client, language):
    load_programme_content()
    patterns = english_texts(language)
    notice_texts = notices(language)
    pages = [
        path
        for paths in sitemap_sections().values()
        for path in paths
        if language_of(path) == language
    ]
    in_english = {}
    for path in pages:
        html = client.get(path).content.decode()
        parser = VisibleText(language)
        parser.feed(html)
        text = parser.text()
        found = [pattern.pattern for pattern in patterns if pattern.search(text)]
        found += [notice for notice in notice_texts if notice in text]
        if found:
            in_english[path] = found

    assert len(pages) > 90  # every page of the content, in this language
    assert in_english == {}
