"""The content's translations: read from one catalogue per language, written by the
loader with the English, kept in step by `content_catalogues`."""

import polib
import pytest

from content import programme_content as content
from content.catalogues import ContentCatalogues, ContentText, entry_context, update_catalogue
from content.loader import programme_content_load
from events.models import Event
from municipalities.models import Country

pytestmark = pytest.mark.django_db

MILAN = "milan-mid-term-regional-consultation-2019"


def _write_catalogue(directory, language, entries):
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": language}
    for context, english, translation in entries:
        catalogue.append(polib.POEntry(msgctxt=context, msgid=english, msgstr=translation))
    catalogue.save(str(directory / f"{language}.po"))


def _milan_title() -> str:
    catalogues = ContentCatalogues()
    programme_content_load(dry_run=True, catalogues=catalogues)
    (text,) = [t for t in catalogues.asked if t.key == f"event/{MILAN}" and t.field == "title"]
    return text.english


def _load_with(tmp_path, entries, *, overwrite=False, language="it"):
    _write_catalogue(tmp_path, language, entries)
    return programme_content_load(catalogues=ContentCatalogues(tmp_path), overwrite=overwrite)


def test_load_milan_event_when_catalogue_translates_its_title_writes_translation(tmp_path):
    english = _milan_title()

    _load_with(tmp_path, [(entry_context(f"event/{MILAN}", "title"), english, "Consultazione")])

    event = Event.objects.get(slug=MILAN)
    assert (event.title, event.title_it, event.title_de) == (english, "Consultazione", None)


def test_load_milan_event_when_english_changed_since_translation_leaves_it_out(tmp_path):
    context = entry_context(f"event/{MILAN}", "title")

    _load_with(tmp_path, [(context, "An older English title", "Consultazione")])

    assert Event.objects.get(slug=MILAN).title_it is None


def test_load_when_run_twice_with_translations_changes_nothing(tmp_path):
    entries = [(entry_context(f"event/{MILAN}", "title"), _milan_title(), "Consultazione")]
    _load_with(tmp_path, entries)

    counts = _load_with(tmp_path, entries)

    assert not any(counts.values())


def test_load_when_staff_changed_a_translation_keeps_it_and_overwrite_restores(tmp_path):
    entries = [(entry_context(f"event/{MILAN}", "title"), _milan_title(), "Consultazione")]
    _load_with(tmp_path, entries)
    event = Event.objects.get(slug=MILAN)
    event.i18n = {**event.i18n, "title_it": "Titolo dello staff", "summary_de": "Vom Team"}
    event.save()

    _load_with(tmp_path, entries)
    assert Event.objects.get(slug=MILAN).title_it == "Titolo dello staff"

    _load_with(tmp_path, entries, overwrite=True)
    event = Event.objects.get(slug=MILAN)
    # The content's translation is back; one the content does not hold stays.
    assert (event.title_it, event.summary_de) == ("Consultazione", "Vom Team")


def test_load_countries_names_each_in_every_language_from_cldr():
    programme_content_load()

    italy = Country.objects.get(iso_code="IT")
    greece = Country.objects.get(iso_code="GR")

    assert (italy.name_it, italy.name_de, italy.name_pl, italy.name_el) == (
        "Italia",
        "Italien",
        "Włochy",
        "Ιταλία",
    )
    assert (greece.name_ro, greece.name_es) == ("Grecia", "Grecia")


def test_loader_asks_catalogues_for_every_translated_text_it_writes():
    catalogues = ContentCatalogues()

    programme_content_load(dry_run=True, catalogues=catalogues)

    themes = {t.key for t in catalogues.asked if t.key.startswith("theme/")}
    assert themes == {f"theme/{row['slug']}" for row in content.THEMES}
    fields = {(t.key.split("/")[0], t.field) for t in catalogues.asked}
    assert {("event", "title"), ("news", "body"), ("phase", "description")} <= fields
    assert not any(t.key.startswith("country/") for t in catalogues.asked)


def test_update_catalogue_when_english_changed_marks_entry_fuzzy_with_previous(tmp_path):
    _write_catalogue(
        tmp_path,
        "it",
        [
            ("theme/housing name", "Housing", "Alloggio"),
            ("theme/education name", "Education", "Istruzione"),
            ("theme/gone name", "Gone", "Sparito"),
        ],
    )
    texts = [
        ContentText("theme/housing", "name", "Housing and shelter"),
        ContentText("theme/education", "name", "Education"),
        ContentText("theme/health", "name", "Health"),
    ]

    counts = update_catalogue("it", texts, tmp_path)

    catalogue = polib.pofile(str(tmp_path / "it.po"))
    entries = {e.msgctxt: e for e in catalogue}
    assert counts == {"added": 1, "fuzzy": 1, "dropped": 1, "untranslated": 2}
    housing = entries["theme/housing name"]
    assert (housing.msgid, housing.msgstr, housing.fuzzy, housing.previous_msgid) == (
        "Housing and shelter",
        "Alloggio",
        True,
        "Housing",
    )
    assert entries["theme/education name"].msgstr == "Istruzione"
    assert entries["theme/health name"].msgstr == ""
    assert "theme/gone name" not in entries
    # A fuzzy translation is not used until a translator confirms it.
    translations = ContentCatalogues(tmp_path)
    assert translations.translate("theme/housing", "name", "Housing and shelter") == {}


def test_content_catalogues_translate_every_text_the_loader_writes():
    catalogues = ContentCatalogues()

    programme_content_load(dry_run=True, catalogues=catalogues)

    missing = {
        language: [text.context for text in catalogues.missing(language)]
        for language in catalogues.languages
    }
    assert missing == {language: [] for language in catalogues.languages}, (
        "run `manage.py content_catalogues` and translate the empty and fuzzy entries"
    )


def test_load_on_a_portal_loaded_before_the_translations_adds_those_it_lacks(tmp_path):
    english = _milan_title()
    # The portal as it was loaded before the catalogues had any translation.
    _load_with(tmp_path, [])
    event = Event.objects.get(slug=MILAN)
    event.i18n = {"summary_it": "Riassunto dello staff"}
    event.description = "Rewritten by staff"
    event.save()
    entries = [
        (entry_context(f"event/{MILAN}", "title"), english, "Consultazione"),
        (entry_context(f"event/{MILAN}", "summary"), event.summary, "Sintesi"),
        (entry_context(f"event/{MILAN}", "description"), "The content's text", "Testo"),
    ]

    counts = _load_with(tmp_path, entries)

    event.refresh_from_db()
    assert counts["Event.updated"] == 1
    # Added where missing; staff's translation kept; none for English staff rewrote.
    assert event.i18n == {"title_it": "Consultazione", "summary_it": "Riassunto dello staff"}
    assert not any(_load_with(tmp_path, entries).values())
