"""The open data API (/api/v1/): every endpoint, the lists' filters, pagination edges,
unpublished content never shown, query counts, hostile parameters, the rate limit and
the HTTP caching headers."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.factories import (
    CountryFactory,
    EventFactory,
    GoodPracticeFactory,
    MunicipalityFactory,
    NewsArticleFactory,
    ParticipationFactory,
    PeerVisitFactory,
    PersonFactory,
    PhaseGoalFactory,
    ProgrammePhaseFactory,
    PublicationFactory,
    SessionFactory,
    SpeakerFactory,
    ThemeFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db

HIDDEN = [{"draft": True}, {"review": True}, {"scheduled": True}]
PUBLISHABLE = {
    "events": EventFactory,
    "news": NewsArticleFactory,
    "publications": PublicationFactory,
    "good-practices": GoodPracticeFactory,
}
LISTS = [
    "countries",
    "municipalities",
    "phases",
    "events",
    "news",
    "publications",
    "good-practices",
]
STATISTICS = ["training-statistics", "peer-visit-statistics"]


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def test_root_lists_every_endpoint(client):
    response = client.get("/api/v1/")

    assert response.status_code == 200
    assert response.json() == {
        name: f"http://testserver/api/v1/{name}/" for name in LISTS + STATISTICS
    }


# Only published content


@pytest.mark.parametrize("endpoint", sorted(PUBLISHABLE))
def test_list_shows_published_items_only(client, endpoint):
    factory = PUBLISHABLE[endpoint]
    published = factory()
    for state in HIDDEN:
        factory(**state)

    assert slugs(client.get(f"/api/v1/{endpoint}/")) == [published.slug]


@pytest.mark.parametrize("endpoint", sorted(PUBLISHABLE))
@pytest.mark.parametrize("state", HIDDEN, ids=lambda state: next(iter(state)))
def test_unpublished_item_answers_404_even_to_staff(editor_client, endpoint, state):
    item = PUBLISHABLE[endpoint](**state)

    response = editor_client.get(f"/api/v1/{endpoint}/{item.slug}/")

    assert (response.status_code, response["Content-Type"]) == (404, "application/json")


def test_event_shows_its_published_news_and_publications_only(client):
    event = EventFactory()
    news = NewsArticleFactory(event=event)
    publication = PublicationFactory(presented_at=event)
    for state in HIDDEN:
        NewsArticleFactory(event=event, **state)
        PublicationFactory(presented_at=event, **state)

    data = client.get(f"/api/v1/events/{event.slug}/").json()

    assert [item["slug"] for item in data["news"]] == [news.slug]
    assert [item["slug"] for item in data["publications"]] == [publication.slug]


@pytest.mark.parametrize("state", HIDDEN, ids=lambda state: next(iter(state)))
def test_news_and_publication_leave_out_an_unpublished_event(client, state):
    event = EventFactory(**state)
    NewsArticleFactory(event=event)
    PublicationFactory(presented_at=event)

    news = client.get("/api/v1/news/").json()["results"]
    publications = client.get("/api/v1/publications/").json()["results"]

    assert (news[0]["event"], publications[0]["presented_at"]) == (None, None)


# Payloads


def test_event_detail_has_agenda_with_speakers_and_links(client):
    event = EventFactory(slug="milan-2019", start_date=date(2019, 10, 8))
    session = SessionFactory(event=event, title="Housing workshop", track="Housing")
    SpeakerFactory(session=session, person=PersonFactory(name="Rossi", slug="rossi"))

    data = client.get("/api/v1/events/milan-2019/").json()

    assert (data["id"], data["slug"], data["start_date"]) == (event.pk, "milan-2019", "2019-10-08")
    assert data["url"] == "http://testserver/api/v1/events/milan-2019/"
    assert data["html_url"] == "http://testserver/events/milan-2019/"
    assert data["published_at"] == timezone.localtime(event.published_at).isoformat()
    [agenda_item] = data["sessions"]
    assert (agenda_item["title"], agenda_item["day"], agenda_item["track"]) == (
        "Housing workshop",
        "2019-10-08",
        "Housing",
    )
    assert [speaker["person"]["slug"] for speaker in agenda_item["speakers"]] == ["rossi"]


def test_municipality_has_country_phases_and_coordinates(client):
    municipality = MunicipalityFactory(
        slug="milan", latitude=45.46427, longitude=9.18951, country__slug="italy"
    )
    for number in (2, 1):
        ParticipationFactory(municipality=municipality, phase__number=number)

    data = client.get("/api/v1/municipalities/milan/").json()

    assert (data["latitude"], data["longitude"]) == (45.46427, 9.18951)
    assert data["country"]["slug"] == "italy"
    assert [phase["number"] for phase in data["phases"]] == [1, 2]
    assert data["html_url"] == "http://testserver/municipalities/milan/"


def test_phase_has_goals(client):
    goal = PhaseGoalFactory(text="Strengthen municipal services")

    data = client.get(f"/api/v1/phases/{goal.phase.slug}/").json()

    assert data["goals"] == [
        {"kind": "objective", "text": "Strengthen municipal services", "untranslated": []}
    ]


# Trainings and peer visits: figures of the held ones only


def test_training_statistics_add_up_held_trainings_by_country_phase_and_year(client):
    phase = ProgrammePhaseFactory(number=2)
    city = MunicipalityFactory(country__slug="italy")
    held = {"municipality": city, "phase": phase, "start_date": date(2019, 5, 1)}
    TrainingFactory(
        **held, attendance_total=30, attendance_women=20, attendance_men=10, title="Trainer A"
    )
    TrainingFactory(**held, attendance_total=12, attendance_social_services=12)
    TrainingFactory(**held)  # attendance not reported
    TrainingFactory(municipality=city, phase=phase, attendance_total=99)  # planned

    data = client.get("/api/v1/training-statistics/").json()

    assert data == [
        {
            "country": "italy",
            "phase": 2,
            "year": 2019,
            "trainings": 3,
            "trainings_reporting_attendance": 2,
            "participants": 42,
            "women": 20,
            "men": 10,
            "other_gender": None,
            "social_services": 12,
            "immigration_office": None,
            "employment_services": None,
            "other_services": None,
        }
    ]


def test_peer_visit_statistics_count_held_visits_by_host_country(client):
    phase = ProgrammePhaseFactory(number=1)
    for country, year, participants in [("poland", 2017, 8), ("italy", 2017, None)]:
        host = MunicipalityFactory(country__slug=country)
        PeerVisitFactory(
            host=host, phase=phase, start_date=date(year, 3, 1), participant_count=participants
        )
    PeerVisitFactory(phase=phase)  # planned

    data = client.get("/api/v1/peer-visit-statistics/").json()

    assert [
        (row["country"], row["year"], row["peer_visits"], row["participants"]) for row in data
    ] == [("italy", 2017, 1, None), ("poland", 2017, 1, 8)]


# The lists' filters


@pytest.fixture
def filtered_content():
    italy = CountryFactory(slug="italy")
    milan = MunicipalityFactory(name="Milano", slug="milan", country=italy)
    housing = ThemeFactory(slug="housing")
    phase = ProgrammePhaseFactory(slug="phase-2")
    ParticipationFactory(municipality=milan, phase=phase)
    MunicipalityFactory()
    past = EventFactory(
        start_date=date(2019, 10, 8), country=italy, host_municipality=milan, phase=phase
    )
    past.themes.add(housing)
    EventFactory(start_date=date(2017, 11, 28), kind="webinar")
    EventFactory()  # upcoming
    NewsArticleFactory(event=past).municipalities.add(milan)
    NewsArticleFactory().themes.add(housing)
    PublicationFactory(year=2020).themes.add(housing)
    PublicationFactory(year=2019)
    GoodPracticeFactory(municipality=milan, phase=phase).themes.add(housing)
    GoodPracticeFactory()


@pytest.mark.parametrize(
    ("endpoint", "page", "query"),
    [
        ("municipalities", "/municipalities/", "country=italy"),
        ("municipalities", "/municipalities/", "phase=phase-2"),
        ("events", "/events/", "country=italy"),
        ("events", "/events/", "municipality=milan"),
        ("events", "/events/", "theme=housing"),
        ("events", "/events/", "kind=webinar"),
        ("events", "/events/", "year=2019"),
        ("events", "/events/", "when=upcoming"),
        ("events", "/events/", "when=past"),
        ("events", "/events/", "phase=phase-2"),
        ("news", "/news/", "country=italy"),
        ("news", "/news/", "municipality=milan"),
        ("news", "/news/", "municipality=Milano"),
        ("news", "/news/", "theme=housing"),
        ("publications", "/publications/", "theme=housing"),
        ("publications", "/publications/", "year=2019"),
        ("good-practices", "/good-practices/", "country=italy"),
        ("good-practices", "/good-practices/", "theme=housing"),
        ("good-practices", "/good-practices/", "phase=phase-2"),
        ("good-practices", "/good-practices/", "municipality=milan"),
    ],
)
def test_filter_gives_what_the_public_list_shows(client, filtered_content, endpoint, page, query):
    on_the_site = [item.slug for item in client.get(f"{page}?{query}").context["object_list"]]

    in_the_api = slugs(client.get(f"/api/v1/{endpoint}/?{query}"))

    assert in_the_api == on_the_site
    assert in_the_api != []


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        (
            "country=atlantis",
            {
                "country": [
                    "Select a valid choice. That choice is not one of the available choices."
                ]
            },
        ),
        (
            "year=1900",
            {"year": ["Select a valid choice. 1900 is not one of the available choices."]},
        ),
        ("country=%00", {"country": ["Null characters are not allowed."]}),
        (
            "municipality=atlantis",
            {"municipality": ["No municipality is called “atlantis”. Check the spelling."]},
        ),
    ],
)
def test_invalid_filter_answers_400_with_the_forms_message(client, query, errors):
    EventFactory()

    response = client.get(f"/api/v1/events/?{query}")

    assert (response.status_code, response.json()) == (400, errors)


# Pagination


def test_pages_of_a_list(client):
    countries = sorted(CountryFactory.create_batch(3), key=lambda country: country.name)

    first = client.get("/api/v1/countries/?page_size=2").json()
    second = client.get(first["next"]).json()

    assert (first["count"], first["previous"]) == (3, None)
    assert [country["slug"] for country in first["results"] + second["results"]] == [
        country.slug for country in countries
    ]
    assert second["next"] is None


@pytest.mark.parametrize(
    ("page_size", "errors"),
    [
        ("101", ["Ensure this value is less than or equal to 100."]),
        ("0", ["Ensure this value is greater than or equal to 1."]),
        ("-1", ["Enter a whole number."]),
        ("null", ["Enter a whole number."]),
        ("2.0", ["Enter a whole number."]),
        (" 2", ["Enter a whole number."]),
        ("%00", ["Enter a whole number."]),
        ("9" * 10_000, ["Enter a whole number."]),
        ("", ["This parameter is empty: give it a value, or leave it out."]),
    ],
)
def test_page_size_out_of_bounds_or_malformed_answers_400(client, page_size, errors):
    CountryFactory()

    response = client.get(f"/api/v1/countries/?page_size={page_size}")

    assert (response.status_code, response.json()) == (400, {"page_size": errors})


def test_page_size_of_100_gives_100(client):
    CountryFactory.create_batch(101)

    data = client.get("/api/v1/countries/?page_size=100").json()

    assert (len(data["results"]), data["next"]) == (
        100,
        "http://testserver/api/v1/countries/?page=2&page_size=100",
    )


@pytest.mark.parametrize(
    "page",
    ["abc", "0", "-1", "2", str(10**12), "1.5", "%00", "a" * 10_000, "", "last", "+1", "1&page=1"],
)
def test_malformed_or_missing_page_answers_404(client, page):
    CountryFactory()

    response = client.get(f"/api/v1/countries/?page={page}")

    assert (response.status_code, response.json()) == (404, {"detail": "Invalid page."})


# What the description forbids is refused: a parameter given empty or more than once


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("year=", {"year": ["This parameter is empty: give it a value, or leave it out."]}),
        ("kind=", {"kind": ["This parameter is empty: give it a value, or leave it out."]}),
        (
            "municipality=&country=",
            {
                "municipality": ["This parameter is empty: give it a value, or leave it out."],
                "country": ["This parameter is empty: give it a value, or leave it out."],
            },
        ),
        ("when=past&when=past", {"when": ["Give this parameter only once."]}),
        ("page_size=5&page_size=5", {"page_size": ["Give this parameter only once."]}),
    ],
)
def test_empty_or_repeated_parameter_answers_400(client, query, errors):
    EventFactory(start_date=date(2019, 10, 8))

    response = client.get(f"/api/v1/events/?{query}")

    assert (response.status_code, response.json()) == (400, errors)


def test_empty_filter_still_means_all_on_the_site(client):
    """The site's filter form sends every field, empty or not: its lists keep taking
    an empty value as "all"."""
    event = EventFactory(start_date=date(2019, 10, 8))

    response = client.get("/events/?year=&kind=&country=&municipality=&theme=&phase=&when=")

    assert [item.slug for item in response.context["object_list"]] == [event.slug]


# Hostile input: never a 500, always JSON


HOSTILE = ["%00", "a" * 10_000, "<script>alert(1)</script>", "' OR 1=1 --", "🙂"]


@pytest.mark.parametrize("endpoint", LISTS + STATISTICS)
def test_hostile_parameters_answer_400_or_200_in_json(client, endpoint):
    EventFactory()
    keys = ["country", "municipality", "phase", "theme", "kind", "year", "when", "unknown"]

    answers = {
        value[:20]: client.get(
            f"/api/v1/{endpoint}/?" + "&".join(f"{key}={value}" for key in keys)
        )
        for value in HOSTILE
    }

    assert {
        value: response.status_code
        for value, response in answers.items()
        if response.status_code not in (200, 400) or response["Content-Type"] != "application/json"
    } == {}


@pytest.mark.parametrize(
    "path",
    [
        "events/%00/",
        "events/a%00b/",
        "events/" + "a" * 10_000 + "/",
        "events/no-such-event/",
        "no-such-endpoint/",
        "events/x/y/",
        "../admin/",
    ],
)
def test_unknown_or_hostile_address_answers_404_in_json(client, path):
    response = client.get(f"/api/v1/{path}")

    assert (response.status_code, response["Content-Type"]) == (404, "application/json")


def test_write_methods_answer_405(client):
    country = CountryFactory()

    response = client.post(f"/api/v1/countries/{country.slug}/", {"name": "x"})

    assert (response.status_code, response["Content-Type"]) == (405, "application/json")


# Query counts: constant whatever the number of related rows


def _event_with(size: int):
    event = EventFactory()
    for _ in range(size):
        session = SessionFactory(event=event)
        SpeakerFactory(session=session)
        NewsArticleFactory(event=event)
        PublicationFactory(presented_at=event).authors.add(PersonFactory())
        event.themes.add(ThemeFactory())
        event.participating_municipalities.add(MunicipalityFactory())
    return event


def _municipalities_with(size: int):
    for _ in range(size):
        ParticipationFactory(municipality=MunicipalityFactory(latitude=45, longitude=9))


def _content_with(size: int):
    for _ in range(size):
        theme = ThemeFactory()
        EventFactory(host_municipality=MunicipalityFactory()).themes.add(theme)
        NewsArticleFactory(event=EventFactory()).municipalities.add(MunicipalityFactory())
        PublicationFactory().authors.add(PersonFactory())
        GoodPracticeFactory(phase=ProgrammePhaseFactory()).themes.add(theme)
        PhaseGoalFactory()
        TrainingFactory(start_date=days_ago(10), attendance_total=5)
        PeerVisitFactory(start_date=days_ago(10))


# Each: the page's count query, then the rows, then one query per prefetched relation.
QUERY_COUNTS = {
    "/api/v1/countries/": 2,
    "/api/v1/municipalities/": 3,
    "/api/v1/phases/": 4,
    "/api/v1/events/": 3,
    "/api/v1/news/": 4,
    "/api/v1/publications/": 4,
    "/api/v1/good-practices/": 3,
    "/api/v1/training-statistics/": 1,
    "/api/v1/peer-visit-statistics/": 1,
}


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize("url", sorted(QUERY_COUNTS))
def test_list_query_count(client, django_assert_num_queries, size, url):
    _content_with(size)
    _municipalities_with(size)

    with django_assert_num_queries(QUERY_COUNTS[url]):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 3])
def test_event_detail_query_count(client, django_assert_num_queries, size):
    event = _event_with(size)

    # The event with its country, phase and host; then figures, organisers, themes,
    # materials, participating municipalities, sessions, speakers, publications, news.
    with django_assert_num_queries(10):
        response = client.get(f"/api/v1/events/{event.slug}/")

    assert len(response.json()["sessions"]) == size


# Rate limit and HTTP caching


def test_rate_limit_answers_429_with_retry_after(client, settings):
    settings.API_RATE_LIMIT = "2/min"
    cache.clear()

    statuses = [client.get("/api/v1/countries/").status_code for _ in range(3)]
    other_address = client.get("/api/v1/countries/", REMOTE_ADDR="192.0.2.1")
    throttled = client.get("/api/v1/countries/")
    cache.clear()

    assert statuses == [200, 200, 429]
    assert other_address.status_code == 200
    assert throttled.json()["detail"].startswith("Request was throttled.")
    assert 0 < int(throttled["Retry-After"]) <= 60


def test_unchanged_answer_is_revalidated_with_its_etag(client):
    CountryFactory()
    first = client.get("/api/v1/countries/")

    again = client.get("/api/v1/countries/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first["ETag"]
    assert (again.status_code, again.content) == (304, b"")


def test_anonymous_answer_served_from_the_page_cache(client, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    CountryFactory()
    first = client.get("/api/v1/countries/")

    with django_assert_num_queries(0):
        second = client.get("/api/v1/countries/")
    CountryFactory()
    after_a_change = client.get("/api/v1/countries/")
    cache.clear()

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert first["Cache-Control"] == "public, no-cache"
    assert second.content == first.content
    assert after_a_change.json()["count"] == 2


def test_docs_page_loads_swagger_ui_from_our_static_files(client):
    html = client.get("/api/v1/docs/").content.decode()

    assert (
        '<script src="/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js">'
        in html
    )
    assert '<script src="/static/js/api-docs.js">' in html
    assert 'data-schema-url="/api/v1/openapi.json"' in html
    assert "<script>" not in html and "<style>" not in html
