"""Site-wide search: spellings and diacritics, ranking, publishing rules, bad input and a
fixed number of queries."""

import pytest

from events.models import Event, NewsArticle, Publication, Session
from municipalities.models import Country, GoodPractice, Municipality
from portal.search import MAX_RESULTS, site_search
from tests.factories import (
    CountryFactory,
    EventFactory,
    GoodPracticeFactory,
    MunicipalityFactory,
    NewsArticleFactory,
    PublicationFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

HIDDEN = [{"draft": True}, {"review": True}, {"scheduled": True}]
PUBLISHABLE_FACTORIES = [EventFactory, NewsArticleFactory, PublicationFactory, GoodPracticeFactory]


def titles(text: str) -> list[str]:
    return [hit.title for hit in site_search(text, limit=100).hits]


@pytest.fixture
def cities():
    poland = CountryFactory(name="Poland", native_name="Polska", slug="poland", iso_code="PL")
    romania = CountryFactory(name="Romania", native_name="România", slug="romania", iso_code="RO")
    return {
        "wroclaw": MunicipalityFactory(
            name="Wrocław",
            native_name="Wrocław",
            alternative_names=["Wroclav"],
            slug="wroclaw",
            country=poland,
            profile="A city on the Oder in western Poland.",
        ),
        "gdansk": MunicipalityFactory(
            name="Gdańsk",
            native_name="Gdańsk",
            slug="gdansk",
            country=poland,
            profile="A port city with a historic shipyard.",
        ),
        "cluj": MunicipalityFactory(
            name="Cluj-Napoca", slug="cluj-napoca", country=romania, profile="Transylvania."
        ),
    }


@pytest.mark.parametrize("text", ["Wroclaw", "Wroclav", "Wrocław", "wrocław", "WROCLAW"])
def test_search_finds_wroclaw_in_any_spelling(cities, text):
    assert titles(text) == ["Wrocław"]


@pytest.mark.parametrize("text", ["Gdansk", "Gdańsk", "gdansk"])
def test_search_finds_gdansk_with_or_without_diacritics(cities, text):
    assert titles(text) == ["Gdańsk"]


def test_search_finds_cluj_napoca_by_part_of_its_name(cities):
    assert titles("Cluj") == ["Cluj-Napoca"]


def test_search_finds_a_city_by_the_start_of_its_name(cities):
    assert titles("Wroc") == ["Wrocław"]


def test_search_finds_municipalities_by_the_native_name_of_their_country(cities):
    assert titles("Polska") == ["Gdańsk", "Wrocław"]


def test_search_ranks_a_city_whose_profile_also_matches_higher(cities):
    # Both cities are in Poland; only Wrocław's profile says so too.
    assert titles("Poland") == ["Wrocław", "Gdańsk"]


def test_search_finds_a_municipality_by_its_profile(cities):
    assert titles("shipyards") == ["Gdańsk"]


@pytest.mark.parametrize(
    "model",
    [Country, Municipality, Event, Session, NewsArticle, Publication, GoodPractice],
    ids=lambda model: model.__name__,
)
def test_stored_search_document_stays_out_of_the_rows_pages_load(model):
    sql = str(model.objects.all().query)

    assert "search_document" not in sql
    assert f'"{model._meta.db_table}"."id"' in sql


def test_search_follows_an_edit_of_the_text():
    event = EventFactory(title="Housing workshop")
    Event.objects.filter(pk=event.pk).update(title="Labour market workshop")

    assert titles("housing") == []
    assert titles("labour") == ["Labour market workshop"]


def test_search_matches_other_forms_of_a_word_in_prose():
    EventFactory(title="Regional workshop", description="Access to housing for newcomers.")

    assert titles("houses") == ["Regional workshop"]


def test_search_ranks_a_title_match_above_a_body_match():
    NewsArticleFactory(title="Cities meet in Milan", body="They discussed housing at length.")
    EventFactory(title="Workshop on housing", description="Three parallel workshops.")
    PublicationFactory(title="A study", summary="On housing and labour markets.")

    assert titles("housing") == ["Workshop on housing", "A study", "Cities meet in Milan"]


def test_search_interleaves_kinds_of_content_by_rank(cities):
    EventFactory(title="Peer visit", description="Officers travelled to Wrocław.")
    GoodPracticeFactory(title="Wrocław one-stop shop", municipality=cities["gdansk"])

    results = site_search("Wroclaw", limit=100)

    assert [(hit.kind, hit.title) for hit in results.hits] == [
        ("Municipality", "Wrocław"),
        ("Good practice", "Wrocław one-stop shop"),
        ("Event", "Peer visit"),
    ]
    assert results.total == 3


def test_search_links_a_session_to_its_place_in_the_agenda():
    event = EventFactory(slug="milan", title="Mid-Term Regional Consultation")
    session = SessionFactory(event=event, title="Labour market integration")

    [hit] = site_search("labour", limit=100).hits

    assert (hit.kind, hit.title, hit.url) == (
        "Session",
        "Labour market integration",
        f"/events/milan/#session-{session.pk}",
    )


@pytest.mark.parametrize("state", HIDDEN, ids=["draft", "review", "scheduled"])
@pytest.mark.parametrize("factory", PUBLISHABLE_FACTORIES, ids=lambda f: f.__name__)
def test_search_never_finds_unpublished_content(factory, state):
    factory(title="Integration public")
    factory(title="Integration hidden", **state)

    assert titles("integration") == ["Integration public"]


@pytest.mark.parametrize("state", HIDDEN, ids=["draft", "review", "scheduled"])
def test_search_never_finds_sessions_of_unpublished_events(state):
    SessionFactory(event=EventFactory(), title="Integration in public")
    SessionFactory(event=EventFactory(**state), title="Integration in hiding")

    assert titles("integration") == ["Integration in public"]


def test_search_highlights_matches_in_escaped_text_without_markup():
    EventFactory(
        title="Workshop",
        summary='Housing & jobs <script>alert("x")</script>\nfor "all" newcomers in Milan.',
    )

    [hit] = site_search("housing", limit=100)[:]

    assert hit.snippet == (
        "<mark>Housing</mark> &amp; jobs alert(&quot;x&quot;) for &quot;all&quot; newcomers"
        " in Milan"
    )


def test_search_snippet_shows_the_words_of_markdown_without_its_markup():
    NewsArticleFactory(
        title="Report",
        body="## Housing\n\nThe **city** of [Milan](https://example.org/milan) opened a desk.",
    )

    [hit] = site_search("desk", limit=100)[:]

    assert hit.snippet == "Housing The city of Milan opened a <mark>desk</mark>"


def test_search_without_words_finds_nothing(cities):
    assert titles("!!! ...") == []


def test_search_page_lists_results_with_kind_link_and_count(client, cities):
    EventFactory(slug="peer", title="Peer visit", summary="Officers travelled to Wrocław.")

    response = client.get("/search/", {"q": "Wroclaw"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Search: Wroclaw · Admin4All</title>" in html
    assert "2 results for “Wroclaw”" in html
    assert '<h3><a href="/municipalities/wroclaw/">Wrocław</a></h3>' in html
    assert "<p>Officers travelled to <mark>Wrocław</mark></p>" in html
    assert html.index("/municipalities/wroclaw/") < html.index("/events/peer/")
    assert '<meta name="robots" content="noindex, follow">' in html


def test_search_page_says_when_nothing_matches(client, cities):
    response = client.get("/search/", {"q": "Lisbon"})

    html = response.content.decode()
    assert "0 results for “Lisbon”" in html
    assert "Nothing public matches these words." in html


def test_search_page_without_a_query_shows_the_form_only(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/search/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_q">Words to search for</label>' in html
    assert "results for" not in html
    assert "errorlist" not in html


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Type one or more words to search for."),
        ("   ", "Type one or more words to search for."),
        ("a" * 201, "Search for 200 characters at most (you typed 201)."),
        ("Wro\x00claw", "Null characters are not allowed."),
    ],
    ids=["empty", "blank", "too-long", "nul"],
)
def test_search_page_explains_a_query_it_cannot_run(
    client, django_assert_num_queries, text, message
):
    with django_assert_num_queries(0):
        response = client.get("/search/", {"q": text})

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<ul class="errorlist" id="id_q_error"><li>{message}</li></ul>' in html
    assert 'aria-describedby="id_q_error"' in html
    assert "results for" not in html


def test_search_page_accepts_a_query_of_the_longest_length(client):
    response = client.get("/search/", {"q": "a" * 200})

    assert response.status_code == 200
    assert "0 results for" in response.content.decode()


def test_search_page_paginates_by_rank(client):
    for number in range(25):
        EventFactory(title=f"Integration {number:02}")

    first = client.get("/search/", {"q": "integration"}).content.decode()
    second = client.get("/search/", {"q": "integration", "page": "2"}).content.decode()

    assert "25 results for “integration”" in first
    assert first.count('<h3><a href="/events/') == 20
    assert second.count('<h3><a href="/events/') == 5
    assert '<a href="?q=integration&amp;page=2" rel="next">Next page</a>' in first
    assert '<a href="?q=integration&amp;page=1" rel="prev">Previous page</a>' in second
    assert '<ol class="search-results" start="21">' in second


@pytest.mark.parametrize("page", ["abc", "-1", "0", "999999999999999999999999", "\x00"])
def test_search_page_falls_back_to_a_valid_page(client, page):
    EventFactory(title="Integration")

    response = client.get("/search/", {"q": "integration", "page": page})

    assert response.status_code == 200
    assert "1 result for “integration”" in response.content.decode()


@pytest.mark.parametrize("size", [1, 3])
def test_search_page_runs_one_query_per_kind_of_content(client, django_assert_num_queries, size):
    country = CountryFactory(name="Integration land")
    for number in range(size):
        municipality = MunicipalityFactory(name=f"Integration city {number}", country=country)
        event = EventFactory(title=f"Integration event {number}")
        SessionFactory(event=event, title=f"Integration session {number}")
        NewsArticleFactory(title=f"Integration news {number}")
        PublicationFactory(title=f"Integration study {number}")
        GoodPracticeFactory(title=f"Integration practice {number}", municipality=municipality)

    # One per kind, then the snippets of the page's hits, all kinds at once.
    with django_assert_num_queries(7):
        response = client.get("/search/", {"q": "integration"})

    assert f"{size * 6} results for “integration”" in response.content.decode()


def test_search_builds_snippets_for_the_hits_of_a_page_only(django_assert_num_queries):
    for number in range(25):
        EventFactory(title=f"Event {number:02}", summary=f"Integration in town{number:02}.")
    results = site_search("integration", limit=40)

    with django_assert_num_queries(1):
        page = results[20:23]

    assert [(hit.title, hit.snippet) for hit in page] == [
        ("Event 20", "<mark>Integration</mark> in town20"),
        ("Event 21", "<mark>Integration</mark> in town21"),
        ("Event 22", "<mark>Integration</mark> in town22"),
    ]
    assert {hit.snippet for hit in results.hits} == {""}


def test_search_counts_a_common_word_no_further_than_it_can_show(client):
    NewsArticle.objects.bulk_create(
        NewsArticleFactory.build_batch(MAX_RESULTS + 5, title="Integration news")
    )

    results = site_search("integration", limit=20)
    html = client.get("/search/", {"q": "integration", "page": "50"}).content.decode()

    assert (results.total, len(results), results.more_than_shown) == (
        MAX_RESULTS + 1,
        MAX_RESULTS,
        True,
    )
    assert "More than 1,000 results for “integration”" in html
    assert html.count('<h3><a href="/news/') == 20
    assert 'rel="next"' not in html


def test_every_page_has_a_labelled_search_box_in_its_header(client):
    html = client.get("/").content.decode()

    assert '<form class="site-search" action="/search/" method="get" role="search">' in html
    assert '<label for="site-search-q">Search the site</label>' in html
    assert '<input type="search" id="site-search-q" name="q" maxlength="200" required>' in html
