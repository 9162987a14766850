"""The home page, the programme pages and the site navigation."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from admin4all.models import PhaseFigure, PhaseGoal
from tests.factories import (
    CountryFactory,
    EventFactory,
    EventMaterialFactory,
    MunicipalityFactory,
    NewsArticleFactory,
    ParticipationFactory,
    PeerVisitFactory,
    PhaseFigureFactory,
    PhaseGoalFactory,
    ProgrammePhaseFactory,
    TrainingFactory,
)
from tests.test_public_pages import check_page

pytestmark = pytest.mark.django_db

HIDDEN = [{"draft": True}, {"review": True}, {"scheduled": True}]


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


# Home


def test_home_counts_the_programme_from_the_records(client):
    phase_1, phase_2 = ProgrammePhaseFactory(number=1), ProgrammePhaseFactory(number=2)
    italy, poland = CountryFactory(), CountryFactory()
    milan = MunicipalityFactory(country=italy)
    ParticipationFactory(municipality=milan, phase=phase_1)
    ParticipationFactory(municipality=milan, phase=phase_2)
    ParticipationFactory(municipality__country=italy, phase=phase_2)
    ParticipationFactory(municipality__country=poland, phase=phase_1)
    MunicipalityFactory(country=CountryFactory())  # takes part in no phase
    TrainingFactory(
        municipality=milan, phase=phase_1, start_date=days_ago(30), attendance_total=25
    )
    TrainingFactory(
        municipality=milan, phase=phase_1, start_date=days_ago(20), attendance_total=12
    )
    TrainingFactory(municipality=milan, phase=phase_1, start_date=days_ago(10))
    TrainingFactory(municipality=milan, phase=phase_1, attendance_total=99)  # not held yet
    PeerVisitFactory(host=milan, phase=phase_2, start_date=days_ago(5))
    PeerVisitFactory(host=milan, phase=phase_2)  # planned
    EventFactory()
    EventFactory(start_date=days_ago(100))
    for state in HIDDEN:
        EventFactory(**state)

    response = client.get("/")

    assert response.context["figures"] == {
        "countries": 2,
        "municipalities": 3,
        "trainings": 3,
        "people_trained": 37,
        "peer_visits": 1,
        "events": 2,
    }
    assert [phase.municipality_count for phase in response.context["phases"]] == [2, 2]
    html = response.content.decode()
    assert "<div><dt>People trained</dt><dd>37</dd></div>" in html
    assert "<div><dt>Municipalities in phase 2</dt><dd>2</dd></div>" in html
    check_page(html)


def test_home_shows_the_phases_figures_as_reported(client):
    phase = ProgrammePhaseFactory(number=1)
    PhaseFigureFactory(
        phase=phase,
        label="people reached by the training sessions",
        value=500,
        qualifier=PhaseFigure.Qualifier.MORE_THAN,
        source="News",
    )

    html = client.get("/").content.decode()

    assert "<h3>As reported for phase 1</h3>" in html
    assert (
        "<li>More than 500 people reached by the training sessions "
        '<span class="meta">(source: News)</span></li>'
    ) in html


def test_home_shows_published_news_and_events_only(client):
    now = timezone.now()
    news = [NewsArticleFactory(published_at=now - timedelta(days=days)) for days in (1, 2, 3, 4)]
    soon = EventFactory(start_date=days_ago(-5))
    later = EventFactory(start_date=days_ago(-50))
    EventFactory(start_date=days_ago(-500))
    recent = EventFactory(start_date=days_ago(5))
    EventMaterialFactory(event=recent)
    for state in HIDDEN:
        NewsArticleFactory(**state)
        EventFactory(start_date=days_ago(-1), **state)
        EventFactory(start_date=days_ago(1), **state)

    response = client.get("/")

    assert list(response.context["latest_news"]) == news[:3]
    assert list(response.context["upcoming_events"])[:2] == [soon, later]
    assert len(response.context["upcoming_events"]) == 3
    assert list(response.context["recent_events"]) == [recent]
    assert '<span class="badge">Materials available</span>' in response.content.decode()


def test_home_map_fetches_every_city_and_lists_the_countries(client):
    phase = ProgrammePhaseFactory(number=2)
    city = MunicipalityFactory(name="Kraków", slug="krakow", latitude=50.06, longitude=19.94)
    ParticipationFactory(municipality=city, phase=phase)
    MunicipalityFactory(name="No coordinates", country=city.country)
    CountryFactory(name="Atlantis")

    html = client.get("/").content.decode()

    assert 'data-points-url="/municipalities/map.geojson"' in html
    assert 'data-tile-url=""' in html
    assert (
        f'<li><a href="{city.country.get_absolute_url()}">{city.country}</a> '
        '<span class="meta">(2 municipalities)</span></li>'
    ) in html
    assert "Atlantis" not in html
    assert "/municipalities/krakow/" not in html


def test_home_map_passes_the_tile_settings_to_the_script(client, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Example & co"

    html = client.get("/").content.decode()

    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in html
    assert 'data-tile-attribution="© Example &amp; co"' in html


@pytest.mark.parametrize("size", [1, 3])
def test_home_query_count(client, django_assert_num_queries, size):
    for _ in range(size):
        phase = ProgrammePhaseFactory()
        PhaseFigureFactory(phase=phase)
        city = MunicipalityFactory(latitude=45, longitude=9)
        ParticipationFactory(municipality=city, phase=phase)
        TrainingFactory(municipality=city, phase=phase, start_date=days_ago(9))
        PeerVisitFactory(host=city, phase=phase, start_date=days_ago(9))
        NewsArticleFactory()
        EventFactory(country=city.country, start_date=days_ago(-9))
        EventFactory(country=city.country, start_date=days_ago(9))

    # Phases with their counts, their figures; four aggregate queries; news, upcoming
    # and recent events; countries with their municipality counts.
    with django_assert_num_queries(10):
        response = client.get("/")

    assert len(response.context["countries"]) == size


# Programme pages


def test_programme_page_shows_each_phase_with_goals_and_figures(client):
    phase = ProgrammePhaseFactory(
        number=2, name="Supporting Social Inclusion", start_date=date(2018, 7, 1)
    )
    phase.end_date = date(2020, 6, 30)
    phase.save()
    PhaseGoalFactory(phase=phase, kind=PhaseGoal.Kind.EXPECTED_RESULT, text="Mechanisms set up")
    PhaseGoalFactory(phase=phase, text="Strengthen services")
    PhaseFigureFactory(phase=phase, label="municipalities", value=30, qualifier="more_than")
    ParticipationFactory(phase=phase)
    undated = ProgrammePhaseFactory(number=1)

    response = client.get("/programme/")

    assert list(response.context["object_list"]) == [undated, phase]
    html = response.content.decode()
    assert (
        '<time datetime="2018-07-01">1 July 2018</time> – '
        '<time datetime="2020-06-30">30 June 2020</time>'
    ) in html
    assert html.index("Strengthen services") < html.index("Mechanisms set up")
    assert "<li>More than 30 municipalities</li>" in html
    assert "1 municipality listed" in html
    check_page(html)


@pytest.mark.parametrize("size", [1, 3])
def test_programme_page_query_count(client, django_assert_num_queries, size):
    for _ in range(size):
        phase = ProgrammePhaseFactory()
        PhaseGoalFactory(phase=phase)
        PhaseFigureFactory(phase=phase)
        ParticipationFactory(phase=phase)

    # Phases with their municipality counts, their goals, their figures.
    with django_assert_num_queries(3):
        response = client.get("/programme/")

    assert len(response.context["object_list"]) == size


def test_phase_page_lists_its_published_events_and_held_trainings(client):
    phase = ProgrammePhaseFactory()
    event = EventFactory(title="Regional workshop", phase=phase, start_date=date(2019, 10, 8))
    webinar = EventFactory(title="Webinar", phase=phase, start_date=None)
    for state in HIDDEN:
        EventFactory(title=f"Hidden {state}", phase=phase, **state)
    training = TrainingFactory(
        title="Training in Bari",
        phase=phase,
        start_date=date(2019, 3, 4),
        attendance_total=4321,
    )
    TrainingFactory(title="Planned training", phase=phase)
    EventFactory(title="Other phase's event")

    response = client.get(phase.get_absolute_url())

    assert list(response.context["object"].events.all()) == [event, webinar]
    html = response.content.decode()
    assert f'<a href="{training.get_absolute_url()}">Training in Bari</a>' in html
    assert "4321" not in html
    assert "Hidden" not in html
    assert "Planned" not in html
    check_page(html)


def test_phase_page_timeline_orders_dated_activities(client):
    phase = ProgrammePhaseFactory()
    workshop = EventFactory(phase=phase, start_date=date(2017, 11, 28))
    EventFactory(phase=phase, start_date=None)
    training = TrainingFactory(phase=phase, start_date=date(2017, 3, 1))
    visit = PeerVisitFactory(phase=phase, start_date=date(2017, 6, 1))
    PeerVisitFactory(phase=phase)  # planned

    response = client.get(phase.get_absolute_url())

    assert [(entry["kind"], entry["activity"]) for entry in response.context["timeline"]] == [
        ("training", training),
        ("peer visit", visit),
        ("event", workshop),
    ]
    assert f'· Peer visit:\n              <a href="{visit.get_absolute_url()}">' in (
        response.content.decode()
    )


@pytest.mark.parametrize("size", [1, 3])
def test_phase_page_query_count(client, django_assert_num_queries, size):
    phase = ProgrammePhaseFactory()
    for _ in range(size):
        PhaseGoalFactory(phase=phase)
        PhaseFigureFactory(phase=phase)
        ParticipationFactory(phase=phase)
        EventFactory(phase=phase, country=CountryFactory())
        TrainingFactory(phase=phase, start_date=days_ago(9))
        PeerVisitFactory(phase=phase, start_date=days_ago(9))

    # The phase, then goals, figures, municipalities, events, trainings, peer visits.
    with django_assert_num_queries(7):
        response = client.get(phase.get_absolute_url())

    assert len(response.context["timeline"]) == 3 * size


# Navigation


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("/programme/", '<a href="/programme/" aria-current="page">Programme</a>'),
        ("/municipalities/", '<a href="/municipalities/" aria-current="page">Municipalities</a>'),
        ("/events/", '<a href="/events/" aria-current="page">Events</a>'),
        ("/news/", '<a href="/news/" aria-current="page">News</a>'),
        ("/publications/", '<a href="/publications/" aria-current="page">Publications</a>'),
        (
            "/good-practices/",
            '<a href="/good-practices/" aria-current="page">Good practices</a>',
        ),
    ],
)
def test_navigation_marks_the_current_page(client, url, current):
    html = client.get(url).content.decode()

    assert current in html
    # The page's section, and its language in the language switcher.
    assert html.count("aria-current=") == 2
    assert 'hreflang="en" lang="en" aria-current="true">English</a>' in html


def test_navigation_marks_the_section_of_a_detail_page(client):
    event = EventFactory()

    html = client.get(event.get_absolute_url()).content.decode()

    assert '<a href="/events/" aria-current="true">Events</a>' in html
    assert html.count("aria-current=") == 2
