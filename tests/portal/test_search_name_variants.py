"""A city under any spelling: each known spelling of a city finds every record of the
programme's content whose text, in any language, names the city in any spelling."""

import re
import unicodedata

import pytest
from django.utils import translation

from events.models import Event, NewsArticle, Publication
from municipalities.models import Municipality
from tests.public_pages import load_programme_content

pytestmark = pytest.mark.django_db

SPELLINGS = {
    "Wroclaw": "wroclaw",
    "Wroclav": "wroclaw",
    "Wrocław": "wroclaw",
    "Cluj": "cluj-napoca",
    "Gdansk": "gdansk",
    "Poznan": "poznan",
    "Malaga": "malaga",
    # Names that only a language's name for the city holds, no text: found through the
    # city's names (municipalities.name_variants), not through any record's words.
    "Posen": "poznan",
    "Danzica": "gdansk",
    "Breslavia": "wroclaw",
    "Κλουζ-Ναπόκα": "cluj-napoca",
}
LANGUAGES = ["en", "pl", "ro", "es"]


def plain(text: str) -> str:
    """Lower case without diacritics, as the search documents hold words."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def names(municipality: Municipality) -> set[str]:
    spellings = {municipality.name, municipality.native_name, *municipality.alternative_names}
    spellings |= {
        value for key, value in municipality.i18n.items() if key.startswith("name_") and value
    }
    return {plain(name) for name in spellings if name}


def mentions(record, spellings: set[str]) -> bool:
    texts = [str(value) for value in vars(record).values() if isinstance(value, str)]
    texts += [str(value) for value in (record.i18n or {}).values()]
    text = plain(" ".join(texts))
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) for name in spellings)


@translation.override("en")
def records_naming(municipality: Municipality) -> set[str]:
    """The (English) pages of the records whose text names the city in any spelling."""
    spellings = names(municipality)
    records = [
        *Event.objects.published(),
        *NewsArticle.objects.published(),
        *Publication.objects.published(),
    ]
    return {municipality.get_absolute_url()} | {
        record.get_absolute_url() for record in records if mentions(record, spellings)
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_spelling_finds_every_record_naming_the_city(client, language):
    load_programme_content()
    prefix = "" if language == "en" else f"/{language}"
    missing = {}
    for spelling, slug in SPELLINGS.items():
        expected = records_naming(Municipality.objects.get(slug=slug))
        html = client.get(f"{prefix}/search/", {"q": spelling}).content.decode()
        found = {f"{prefix}{url}" for url in expected if f'href="{prefix}{url}"' in html}
        if lost := {f"{prefix}{url}" for url in expected} - found:
            missing[spelling] = sorted(lost)

    assert missing == {}


def test_spellings_of_wroclaw_in_the_sources_find_the_brussels_workshop(client):
    # The sources spell it "Wroclav": the test above must have something to find.
    load_programme_content()

    expected = records_naming(Municipality.objects.get(slug="wroclaw"))

    assert "/events/brussels-regional-workshop-2017/" in expected
    assert len(expected) >= 3
