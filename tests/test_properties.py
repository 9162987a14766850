"""Property-based tests of the search and list filters: whatever a visitor types (any
unicode text, NUL bytes included), the answer is never a 500 and never shows a draft.

Each test seeds a published and an unpublished item of every searchable kind, and a held
and a planned training and peer visit, that share their words, so a query or filter that
reaches one could reach the other.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.models import Event
from tests.factories import (
    CountryFactory,
    EventFactory,
    GoodPracticeFactory,
    MunicipalityFactory,
    NewsArticleFactory,
    PeerVisitFactory,
    PublicationFactory,
    ThemeFactory,
    TrainingFactory,
)
from tests.public_pages import FILTERED_LISTS, LIST_FILTER_KEYS

ALLOWED = {200, 400, 404}
FILTER_KEYS = [*LIST_FILTER_KEYS, "page"]
FEED_PATHS = ["/news/feed/", "/events/calendar.ics"]
HYPOTHESIS_SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def client():
    client = Client()
    client.raise_request_exception = False
    return client


@pytest.fixture
def content(db):
    """Published and unpublished items of each kind, about the same zebra crossing and in
    the same country, municipality and theme; returns the unpublished ones' titles."""
    theme = ThemeFactory(slug="mobility")
    municipality = MunicipalityFactory(slug="lyon", country=CountryFactory(slug="france"))
    unpublished = []
    for factory, extra in [
        (NewsArticleFactory, {"municipalities": [municipality]}),
        (EventFactory, {"country": municipality.country, "host_municipality": municipality}),
        (PublicationFactory, {}),
        (GoodPracticeFactory, {"municipality": municipality}),
    ]:
        kind = factory._meta.model._meta.model_name
        for state in ["published", "draft", "review", "scheduled"]:
            traits = {} if state == "published" else {state: True}
            fields = {key: value for key, value in extra.items() if key != "municipalities"}
            item = factory(title=f"Zebra crossing {kind} {state}", **fields, **traits)
            item.themes.add(theme)
            if "municipalities" in extra:
                item.municipalities.add(municipality)
            if state != "published":
                unpublished.append(item.title)
    # Trainings and peer visits are public once held: a planned one is as hidden as a draft.
    for factory, extra in [
        (TrainingFactory, {"municipality": municipality}),
        (PeerVisitFactory, {"host": municipality}),
    ]:
        kind = factory._meta.model._meta.model_name
        for state, start in [("held", -3), ("planned", 3)]:
            start_date = timezone.localdate() + timedelta(days=start)
            factory(title=f"Zebra crossing {kind} {state}", start_date=start_date, **extra)
        unpublished.append(f"Zebra crossing {kind} planned")
    return unpublished


# Hypothesis's text() leaves surrogates out (they cannot be sent as UTF-8) and keeps NUL.
QUERIES = st.one_of(
    st.text(max_size=300),
    st.builds(
        "{} {}".format,
        st.sampled_from(["zebra", "Zebra crossing", "draft", "crossing review"]),
        st.text(max_size=20),
    ),
)
FILTER_VALUES = st.one_of(
    st.text(max_size=100),
    st.sampled_from(["france", "lyon", "mobility", "upcoming", "past", "1", "2", "-1"]),
    st.sampled_from([value for value, _label in Event.Kind.choices]),
    st.integers(min_value=-(10**6), max_value=10**13).map(str),
)
FILTERS = st.lists(st.tuples(st.sampled_from(FILTER_KEYS), FILTER_VALUES), max_size=6)


def test_search_finds_the_published_item_only(content, client):
    response = client.get("/search/", {"q": "zebra crossing"})

    titles = [hit.title for hit in response.context["results"]]
    assert sorted(titles) == [
        "Zebra crossing event published",
        "Zebra crossing goodpractice published",
        "Zebra crossing newsarticle published",
        "Zebra crossing publication published",
    ]


@HYPOTHESIS_SETTINGS
@given(query=QUERIES, page=st.one_of(st.none(), FILTER_VALUES))
def test_search_never_fails_nor_shows_unpublished_items(content, client, query, page):
    params = {"q": query} if page is None else {"q": query, "page": page}

    response = client.get("/search/", params)

    assert response.status_code == 200
    # An invalid query (empty, too long, a NUL byte) is a form error with no results.
    results = response.context.get("results", [])
    assert [hit.title for hit in results if hit.title in content] == []


@HYPOTHESIS_SETTINGS
@given(filters=FILTERS)
def test_list_filters_never_fail_nor_show_unpublished_items(content, client, filters):
    for path in FILTERED_LISTS:
        response = client.get(path, dict_of_lists(filters))

        assert response.status_code in ALLOWED, path
        if response.status_code == 200:
            shown = [str(item) for item in response.context["object_list"]]
            assert [title for title in shown if title in content] == [], path

    for path in FEED_PATHS:
        response = client.get(path, dict_of_lists(filters))

        assert response.status_code in ALLOWED, path
        assert [title for title in content if title.encode() in response.content] == [], path


def dict_of_lists(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The pairs as the test client's data, each key with all its values (repeatable)."""
    data: dict[str, list[str]] = {}
    for key, value in pairs:
        data.setdefault(key, []).append(value)
    return data
