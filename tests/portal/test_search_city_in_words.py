"""A query naming a city among other words ("training Wroclaw", "Wroclav workshop",
"Cluj-Napoca housing") looks for the city under every name it has, while the other
words stay as they are: a record must hold them too. Through the stored documents, with
no query more than a search of one word, on pages in English and in the languages of
the cities."""

import pytest
from django.utils import translation

from municipalities.name_variants import name_readings
from tests.factories import CountryFactory, EventFactory, MunicipalityFactory, NewsArticleFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "pl", "ro", "es"]


@pytest.fixture
def records():
    poland = CountryFactory(name="Poland", slug="poland", iso_code="PL")
    romania = CountryFactory(name="Romania", slug="romania", iso_code="RO")
    MunicipalityFactory(
        name="Wrocław",
        native_name="Wrocław",
        alternative_names=["Wroclav"],
        name_de="Breslau",
        slug="wroclaw",
        country=poland,
        profile="A city on the Oder.",
    )
    MunicipalityFactory(
        name="Cluj-Napoca",
        native_name="Cluj-Napoca",
        alternative_names=["Cluj"],
        slug="cluj-napoca",
        country=romania,
        profile="Transylvania.",
    )
    EventFactory(slug="trainers", title="Training of social workers in Wroclav")
    EventFactory(slug="breslau", title="Workshop held in Breslau")
    EventFactory(slug="milan-training", title="Training in Milan")
    EventFactory(slug="wroclaw-housing", title="Housing in Wrocław")
    NewsArticleFactory(slug="cluj-housing", title="Housing for migrants in Cluj")
    NewsArticleFactory(slug="cluj-jobs", title="Jobs in Cluj")


def found(client, language: str, text: str) -> list[str]:
    prefix = "" if language == "en" else f"/{language}"
    html = client.get(f"{prefix}/search/", {"q": text}).content.decode()
    with translation.override(language):
        slugs = ["trainers", "breslau", "milan-training", "wroclaw-housing"]
        links = {slug: f'href="{prefix}/events/{slug}/"' for slug in slugs}
        links |= {slug: f'href="{prefix}/news/{slug}/"' for slug in ("cluj-housing", "cluj-jobs")}
    return sorted(slug for slug, link in links.items() if link in html)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The city under another spelling than the record's, beside other words.
        ("training Wroclaw", ["trainers"]),
        ("Wroclav workshop", ["breslau"]),
        ("Wrocław training", ["trainers"]),
        ("Cluj-Napoca housing", ["cluj-housing"]),
        ("housing Cluj-Napoca", ["cluj-housing"]),
        # Each other word is still needed, stemmed as before ("trainings").
        ("trainings Breslau", ["trainers"]),
        ("training Wroclaw social", ["trainers"]),
        ("housing Wroclav", ["wroclaw-housing"]),
    ],
)
def test_a_city_among_other_words_is_found_under_every_spelling(
    client, records, language, text, expected
):
    assert found(client, language, text) == expected


@pytest.mark.parametrize("language", ["en", "pl"])
def test_a_multi_word_search_costs_the_queries_of_a_one_word_search(
    client, records, django_assert_num_queries, language
):
    prefix = "" if language == "en" else f"/{language}"

    # One per kind of content, then the snippets of the page's hits.
    with django_assert_num_queries(7):
        response = client.get(f"{prefix}/search/", {"q": "training Wroclaw"})

    assert response.status_code == 200


def test_each_run_of_up_to_three_words_is_tried_as_a_city_name():
    assert name_readings("Cluj-Napoca housing") == [
        ("Cluj-Napoca housing", ""),
        ("Cluj-Napoca", "housing"),
        ("housing", "Cluj-Napoca"),
    ]
    assert len(name_readings("a b c d e f")) == 1 + 15
    assert name_readings("a b c d e f g") == [("a b c d e f g", "")]


@pytest.mark.parametrize("text", ['"Wroclaw" training', "-Wroclaw training", "Wroclaw or Milan"])
def test_a_text_using_websearch_operators_is_searched_as_typed(text):
    assert name_readings(text) == [(text, "")]
