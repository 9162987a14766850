"""Search in every language: each translation is stemmed as its language is, the
visitor's words as the page's language is, and the hits are shown in that language."""

import pytest
from django.utils import translation

from portal.search import site_search
from tests.factories import (
    CountryFactory,
    EventFactory,
    MunicipalityFactory,
    NewsArticleFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def titles(text: str, language: str) -> list[str]:
    with translation.override(language):
        return [hit.title for hit in site_search(text, limit=100).hits]


def test_search_in_italian_finds_another_form_of_an_italian_word():
    NewsArticleFactory(
        title="Housing course",
        title_it="Corso sulla casa",
        summary="On public housing.",
        summary_it="Un corso sulle abitazioni popolari.",
    )

    # Italian stems "abitazione" and "abitazioni" alike; English does not.
    assert titles("abitazione", "it") == ["Corso sulla casa"]
    assert titles("abitazione", "en") == []


def test_search_in_german_finds_another_form_of_a_german_word():
    MunicipalityFactory(
        name="Graz",
        profile="A city in Styria.",
        profile_de="Die Stadt vermittelt jeder Familie eine Wohnung.",
    )

    assert titles("Wohnungen", "de") == ["Graz"]
    assert titles("Wohnungen", "en") == []


def test_search_in_greek_ignores_accents_and_stems_greek():
    EventFactory(title="Inclusion forum", title_el="Φόρουμ ένταξης μεταναστών")

    assert titles("ενταξη μεταναστες", "el") == ["Φόρουμ ένταξης μεταναστών"]


def test_search_in_polish_matches_words_as_typed_without_diacritics():
    SessionFactory(title="Welcome desks", description_pl="Punkty obsługi cudzoziemców.")

    assert titles("cudzoziemcow", "pl") == ["Welcome desks"]
    assert titles("cudzoziemiec", "pl") == []


@pytest.mark.parametrize("language", ["it", "de"])
def test_search_in_any_language_still_finds_the_english_text(language):
    NewsArticleFactory(title="Housing course", summary="On public housing.")

    assert titles("housing", language) == ["Housing course"]


def test_search_finds_a_country_by_its_translated_name():
    italy = CountryFactory(name="Italy", name_it="Italia", native_name="Italia")
    MunicipalityFactory(name="Bergamo", country=italy)
    MunicipalityFactory(name="Graz", country=CountryFactory(name="Austria", name_de="Österreich"))

    assert titles("Osterreich", "de") == ["Graz"]


def test_search_page_shows_hits_in_the_page_language_and_marks_the_english_ones(client):
    NewsArticleFactory(
        slug="corso",
        title="Housing course",
        title_it="Corso sulla casa",
        summary="A course on public housing.",
        summary_it="Un corso sulle abitazioni popolari per il personale.",
        body="",
    )
    NewsArticleFactory(
        slug="desk",
        title="Housing desk",
        summary="A desk that helps find public housing.",
        body="",
    )

    html = client.get("/it/search/", {"q": "abitazioni OR housing"}).content.decode()

    assert '<h3><a href="/it/news/corso/">Corso sulla casa</a></h3>' in html
    assert '<h3><a href="/it/news/desk/"><span lang="en">Housing desk</span></a></h3>' in html
    # A headline starts at a word that is not a stop word ("un", "a").
    assert "<p>corso sulle <mark>abitazioni</mark> popolari per il personale</p>" in html
    assert '<p lang="en">desk that helps find public <mark>housing</mark></p>' in html


@pytest.mark.parametrize("size", [1, 3])
def test_search_page_in_italian_runs_one_query_per_kind_of_content(
    client, django_assert_num_queries, size
):
    for number in range(size):
        event = EventFactory(title=f"Integration {number}", title_it=f"Integrazione {number}")
        SessionFactory(event=event, title=f"Integration session {number}")
        NewsArticleFactory(title=f"Integration news {number}")

    # One per kind, then the snippets of the page's hits, all kinds at once.
    with django_assert_num_queries(7):
        response = client.get("/it/search/", {"q": "integrazione"})

    # Italian and English both stem "integrazione" and "integration" to "integr".
    assert len(response.context["results"].object_list) == size * 3
