"""The catalogues (locale/<language>/LC_MESSAGES/django.po) are complete and in step
with the code: every string the code marks is there, translated, with the same
placeholders; none is fuzzy or left over."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

from admin4all.management.commands.catalogues import catalogue_languages, extract_catalogues

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = catalogue_languages()
# %(name)s, %s, %d and {name}: what the code fills in.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sd]|%[sd]|\{[a-z_]+\}")
# What stays the same in every language.
SAME_EVERYWHERE = {"ADMin4ALL", "Admin4All", "API", "CSV", "JSON", "GeoJSON", "URL", "ID"}


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def describe(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt + ' | ' if entry.msgctxt else ''}{entry.msgid[:70]}"


def translations_of(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_translates_every_string(language):
    entries = catalogue(language)

    assert [describe(entry) for entry in entries if not entry.translated()] == []
    assert [describe(entry) for entry in entries if "fuzzy" in entry.flags] == []
    assert [describe(entry) for entry in entries.obsolete_entries()] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language):
    def placeholders(text: str) -> list[str]:
        return sorted(PLACEHOLDER.findall(text))

    wrong = [
        describe(entry)
        for entry in catalogue(language)
        if entry.translated()
        for translated in translations_of(entry)
        # A plural form for "one" may write the number out instead of %(counter)s.
        if set(placeholders(translated)) - set(placeholders(entry.msgid_plural or entry.msgid))
        or (not entry.msgid_plural and placeholders(translated) != placeholders(entry.msgid))
    ]

    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_are_not_english_copies(language):
    copied = [
        describe(entry)
        for entry in catalogue(language)
        if entry.msgstr == entry.msgid
        and len(entry.msgid) > 3
        and entry.msgid not in SAME_EVERYWHERE
        and "same-in-every-language" not in entry.tcomment
    ]

    assert copied == []


def test_catalogues_are_in_step_with_the_code(tmp_path):
    """What `make messages` would add or drop: nothing."""
    updated = extract_catalogues(tmp_path)

    for language in LANGUAGES:
        committed = {(entry.msgctxt, entry.msgid) for entry in catalogue(language)}
        current = {
            (entry.msgctxt, entry.msgid)
            for entry in polib.pofile(str(updated / language / "LC_MESSAGES" / "django.po"))
        }
        assert sorted(current - committed, key=str) == [], f"{language}: run make messages"
        assert sorted(committed - current, key=str) == [], f"{language}: run make messages"
