"""Values computed once per version of the tables they read: kept while those tables
are unchanged, computed again after a save to one of them, and a page built from a kept
value invalidated by the page cache as if it had run the value's queries."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from admin4all.page_cache import page_key
from admin4all.versioned_cache import while_unchanged
from events.models import NewsArticle
from tests.factories import (
    CountryFactory,
    MunicipalityFactory,
    NewsArticleFactory,
    ParticipationFactory,
    ProgrammePhaseFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def versions_kept_a_minute(settings):
    # The tables' versions are read again after a second: long enough for each test.
    settings.PAGE_CACHE_VERSION_SECONDS = 60


def news_titles() -> list[str]:
    return list(NewsArticle.objects.order_by("title").values_list("title", flat=True))


def test_value_kept_while_its_tables_are_unchanged(django_assert_num_queries):
    NewsArticleFactory(title="Bari consultation")
    first = while_unchanged("news-titles", news_titles)

    with django_assert_num_queries(0):
        second = while_unchanged("news-titles", news_titles)

    assert first == second == ["Bari consultation"]


def test_value_computed_again_after_a_save_to_a_table_it_read():
    article = NewsArticleFactory(title="Bari consultation")
    while_unchanged("news-titles", news_titles)

    article.title = "Bari consultation held"
    article.save()

    assert while_unchanged("news-titles", news_titles) == ["Bari consultation held"]


def test_value_kept_after_a_save_to_a_table_it_did_not_read(django_assert_num_queries):
    NewsArticleFactory(title="Bari consultation")
    while_unchanged("news-titles", news_titles)
    TrainingFactory()

    # Only the versions, dropped by the save, are read again.
    with django_assert_num_queries(1):
        assert while_unchanged("news-titles", news_titles) == ["Bari consultation"]


def test_value_kept_per_language():
    with translation.override("it"):
        italian = while_unchanged("language", translation.get_language)
    english = while_unchanged("language", translation.get_language)

    assert (italian, english) == ("it", "en")


def test_home_figure_changes_after_a_save():
    ParticipationFactory(municipality=MunicipalityFactory(country=CountryFactory()))
    before = Client().get("/")

    ParticipationFactory(municipality=MunicipalityFactory(country=CountryFactory()))
    after = Client().get("/")

    assert "<div><dt>Countries</dt><dd>1</dd></div>" in before.content.decode()
    assert "<div><dt>Countries</dt><dd>2</dd></div>" in after.content.decode()


def test_cached_page_made_from_a_kept_value_follows_the_value_tables(settings, rf):
    ParticipationFactory(municipality=MunicipalityFactory(country=CountryFactory()))
    # The home page's values kept, with the page cache off.
    Client().get("/")
    settings.PAGE_CACHE_SECONDS = 600

    stored = Client().get("/")
    read = dict(cache.get(page_key(rf.get("/"))).read)
    ParticipationFactory(municipality=MunicipalityFactory(country=CountryFactory()))
    after = Client().get("/")

    assert stored["X-Page-Cache"] == "miss"
    # No query read the participations while that page was made; the kept value had.
    assert "municipalities_participation" in read
    assert after["X-Page-Cache"] == "miss"
    assert "<div><dt>Countries</dt><dd>2</dd></div>" in after.content.decode()


def test_phase_page_lists_follow_a_change_of_the_phase():
    phase = ProgrammePhaseFactory(slug="phase-2")
    ParticipationFactory(phase=phase)
    Client().get("/programme/phase-2/")

    phase.slug = "phase-two"
    phase.save()
    response = Client().get("/programme/phase-two/")

    # The links to the phase's full lists, kept with them, carry the new slug.
    assert response.context["municipalities"].url == "/municipalities/?phase=phase-two"
    assert response.context["events"].url == "/events/?phase=phase-two"
