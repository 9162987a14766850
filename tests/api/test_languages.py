"""The API and the downloads in the portal's languages: `?lang=` gives the translated
fields, English where a field has none, named in `untranslated`."""

import csv
import io

import pytest
from django.core.cache import cache

from tests.factories import EventFactory, MunicipalityFactory, SessionFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def _event():
    event = EventFactory(
        title="Regional workshop",
        summary="Cities met.",
        description="",
        city="Milan",
        i18n={"title_it": "Workshop regionale", "city_it": "Milano"},
    )
    event.themes.add(ThemeFactory(name="Housing", i18n={"name_it": "Alloggio"}))
    SessionFactory(event=event, title="Opening", i18n={"title_it": "Apertura"})
    return event


def test_event_in_italian_gives_translations_and_names_fields_in_english(client):
    event = _event()

    data = client.get(f"/api/v1/events/{event.slug}/?lang=it").json()

    assert (data["title"], data["city"], data["summary"]) == (
        "Workshop regionale",
        "Milano",
        "Cities met.",
    )
    assert data["untranslated"] == ["summary"]
    assert data["themes"][0]["name"] == "Alloggio"
    assert data["sessions"][0]["title"] == "Apertura"


def test_event_without_lang_is_english_with_nothing_untranslated(client):
    event = _event()

    data = client.get(f"/api/v1/events/{event.slug}/").json()

    assert (data["title"], data["city"], data["untranslated"]) == (
        "Regional workshop",
        "Milan",
        [],
    )


def test_list_in_greek_names_fields_without_greek_text(client):
    MunicipalityFactory(name="Milan", i18n={"name_el": "Μιλάνο"})

    response = client.get("/api/v1/municipalities/?lang=el")

    (record,) = response.json()["results"]
    assert (record["name"], record["untranslated"]) == ("Μιλάνο", [])
    assert response.headers["Content-Language"] == "el"


@pytest.mark.parametrize("query", ["?lang=fr", "?lang=", "?lang=it&lang=de"])
def test_unknown_empty_or_repeated_lang_answers_400_naming_it(client, query):
    response = client.get(f"/api/v1/events/{query}")

    assert response.status_code == 400
    assert list(response.json()) == ["lang"]


def test_download_in_italian_page_has_italian_titles(client):
    _event()

    response = client.get("/it/open-data/events.csv")

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(row["title"], row["untranslated"]) for row in rows] == [
        ("Workshop regionale", '["summary"]')
    ]
