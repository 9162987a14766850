"""The home page, the programme pages and the site navigation."""

import re
from datetime import date, timedelta
from operator import attrgetter

import pytest
from django.utils import timezone

from admin4all.models import Indicator, PhaseFigure, PhaseGoal, ProgrammePhase
from events.models import Event
from municipalities.models import Municipality
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
from tests.public_pages import load_programme_content
from tests.test_public_pages import check_list_head, check_page

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

    figures = response.context["figures"]
    assert [(str(figure.label), figure.value) for figure in figures.figures] == [
        ("Countries", 2),
        ("Municipalities", 3),
        ("Municipalities in phase 1", 2),
        ("Municipalities in phase 2", 2),
        ("Trainings held", 3),
        ("People trained", 37),
        ("Peer-exchange visits", 1),
        ("Events", 2),
    ]
    assert figures.not_recorded == []
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
        "<li>More than 500 people reached by the training sessions"
        f'<sup class="note-refs"><a href="#{phase.slug}-note-1">'
        '<span class="visually-hidden">source </span>1</a></sup></li>'
    ) in html
    assert f'<li id="{phase.slug}-note-1" value="1">Source: News</li>' in html


def test_home_numbers_source_notes_once_across_its_lists(client):
    phase_1, phase_2 = ProgrammePhaseFactory(number=1), ProgrammePhaseFactory(number=2)
    PhaseFigureFactory(
        phase=phase_1,
        label="people trained",
        value=500,
        indicator=Indicator.STAFF_TRAINED,
        source="News",
    )
    PhaseFigureFactory(phase=phase_1, label="countries", value=4, source="Project page")
    PhaseFigureFactory(phase=phase_2, label="municipalities", value=30, source="Conference")

    html = client.get("/").content.decode()

    links = re.findall(r'<a href="#([\w-]+-note-(\d+))">', html)
    ids = re.findall(r'<li id="([\w-]+-note-(\d+))" value="\2">', html)
    assert links == [
        ("key-figure-note-1", "1"),
        (f"{phase_1.slug}-note-2", "2"),
        (f"{phase_1.slug}-note-3", "3"),
        (f"{phase_2.slug}-note-4", "4"),
    ]
    assert ids == [
        ("key-figure-note-1", "1"),
        (f"{phase_1.slug}-note-2", "2"),
        (f"{phase_1.slug}-note-3", "3"),
        (f"{phase_2.slug}-note-4", "4"),
    ]
    assert f'<li id="{phase_1.slug}-note-3" value="3">Source: Project page</li>' in html
    check_page(html)


def test_home_shows_what_the_sources_report_where_the_records_hold_nothing(client):
    load_programme_content()

    response = client.get("/")

    figures = response.context["figures"]
    shown = {str(figure.label): figure for figure in figures.figures}
    assert shown["People trained"].value is None
    assert str(shown["People trained"].reported) == (
        "more than 500 people reached by the training sessions"
    )
    assert [str(label) for label in figures.not_recorded] == [
        "trainings held",
        "peer-exchange visits",
    ]
    html = " ".join(response.content.decode().split())
    assert (
        "<div><dt>People reached by the training sessions, phase 1</dt><dd>"
        '<span class="key-figure-qualifier">More than</span> 500'
        '<sup class="note-refs"><a href="#key-figure-note-1">'
        '<span class="visually-hidden">source </span>1</a></sup></dd></div>'
    ) in html
    assert (
        '<li id="key-figure-note-1" value="1">'
        "Source: News: First Admin4All regional Conference</li>"
    ) in html
    assert "<p>Not recorded on this site yet: trainings held, peer-exchange visits.</p>" in html
    # No key figure reads 0: what the records do not hold is said once, in words.
    assert "<dd>0</dd>" not in html
    check_page(response.content.decode())


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
def test_home_query_count(client, django_assert_num_queries, settings, size):
    settings.PAGE_CACHE_VERSION_SECONDS = 60
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

    # The tables' versions (read once a second for every page); phases with their
    # counts, their figures; four aggregate queries; news, upcoming and recent events;
    # countries with their municipality counts.
    with django_assert_num_queries(11):
        response = client.get("/")
    # The same tables unchanged: all of it kept (admin4all.versioned_cache).
    with django_assert_num_queries(0):
        again = client.get("/")

    assert len(response.context["countries"]) == size
    assert again.content == response.content


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
    visit = PeerVisitFactory(title="Visit to Bari", phase=phase, start_date=date(2019, 5, 6))
    PeerVisitFactory(title="Planned visit", phase=phase)
    EventFactory(title="Other phase's event")

    response = client.get(phase.get_absolute_url())

    assert response.context["events"].items == [event, webinar]
    assert response.context["trainings"].items == [training]
    assert response.context["peer_visits"].items == [visit]
    html = response.content.decode()
    assert f'<a href="{training.get_absolute_url()}">Training in Bari</a>' in html
    assert f'<a href="{visit.get_absolute_url()}">Visit to Bari</a> — hosted by' in html
    assert "4321" not in html
    assert "Hidden" not in html
    assert "Planned" not in html
    assert "See all" not in html
    check_page(html)


def test_phase_page_leaves_out_empty_lists_and_names_them_once(client):
    phase = ProgrammePhaseFactory()
    EventFactory(title="Regional workshop", phase=phase)
    TrainingFactory(title="Planned training", phase=phase)  # not held yet: not listed

    html = client.get(phase.get_absolute_url()).content.decode()

    assert 'id="events-heading"' in html
    assert 'id="trainings-heading"' not in html
    assert 'id="peer-visits-heading"' not in html
    assert "Not recorded on this site yet: trainings held, peer-exchange visits." in html
    check_page(html)


def test_phase_page_heading_leads_back_through_the_programme(client):
    phase = ProgrammePhaseFactory(number=2, name="Supporting inclusion")

    html = client.get(phase.get_absolute_url()).content.decode()

    assert (
        '<li><a href="/">Home</a></li>\n      <li><a href="/programme/">Programme</a></li>\n'
        "      <li>Phase 2</li>"
    ) in html
    assert "<h1>Phase 2: Supporting inclusion</h1>" in html
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
    assert "quarters" not in response.context


def test_phase_pages_of_the_programme_content_show_every_record(client):
    load_programme_content()

    for phase in ProgrammePhase.objects.all():
        response = client.get(phase.get_absolute_url())

        cities = Municipality.objects.in_phase(phase).order_by("country__name", "name")
        events = list(Event.objects.published().in_phase(phase))
        assert response.context["municipalities"].items == list(cities)
        assert response.context["events"].items == events
        assert [entry["activity"] for entry in response.context["timeline"]] == sorted(
            (event for event in events if event.start_date), key=attrgetter("start_date")
        )
        assert "See all" not in response.content.decode()


@pytest.fixture
def crowded_phase():
    """A phase with more of each kind of record than its page shows: 25 events,
    trainings and peer visits, 21 municipalities in Italy and one in Poland."""
    phase = ProgrammePhaseFactory(slug="phase-2")
    italy = CountryFactory(name="Italy", slug="italy")
    city = MunicipalityFactory(name="Bari", country=italy)
    ParticipationFactory(phase=phase, municipality=city)
    for number in range(20):
        ParticipationFactory(
            phase=phase, municipality__name=f"City {number:02}", municipality__country=italy
        )
    ParticipationFactory(
        phase=phase, municipality__name="Gdańsk", municipality__country__name="Poland"
    )
    for day in range(25):
        EventFactory(phase=phase, start_date=date(2019, 1, 1) + timedelta(days=day))
        TrainingFactory(
            phase=phase, municipality=city, start_date=date(2019, 4, 1) + timedelta(days=day)
        )
        PeerVisitFactory(phase=phase, host=city, start_date=date(2019, 7, 1) + timedelta(days=day))
    return phase


@pytest.mark.parametrize(
    ("section", "link", "list_path"),
    [
        ("events", "See all 25 events of this phase", "/events/?phase=phase-2"),
        ("trainings", "See all 25 trainings held in this phase", "/trainings/?phase=phase-2"),
        (
            "peer_visits",
            "See all 25 peer-exchange visits held in this phase",
            "/peer-visits/?phase=phase-2",
        ),
    ],
)
def test_phase_page_shows_the_head_of_each_long_list_and_links_to_it(
    client, crowded_phase, section, link, list_path
):
    response = client.get(crowded_phase.get_absolute_url())

    shown = response.context[section]
    assert len(shown.items) == 10
    check_list_head(client, response.content.decode(), shown, link, list_path, total=25)


def test_phase_page_shows_the_first_municipalities_of_each_country(client, crowded_phase):
    response = client.get(crowded_phase.get_absolute_url())

    (italy, in_italy), (poland, in_poland) = response.context["municipalities_by_country"]
    assert [city.name for city in in_italy.items] == ["Bari"] + [
        f"City {number:02}" for number in range(19)
    ]
    assert ([city.name for city in in_poland.items], in_poland.total) == (["Gdańsk"], 1)
    html = response.content.decode()
    check_list_head(
        client,
        html,
        in_italy,
        "See all 21 municipalities of Italy in this phase",
        "/municipalities/?country=italy&phase=phase-2",
        total=21,
    )
    # Every country's shown, so the list of them all is not this section's head.
    assert (
        '<a href="/municipalities/?phase=phase-2">'
        "See all 22 municipalities of this phase on a map and in a list</a>"
    ) in html
    assert client.get("/municipalities/?phase=phase-2").context["paginator"].count == 22
    assert f"?country={poland.slug}" not in html
    check_page(html)


def test_phase_page_counts_activities_per_quarter_past_the_bound(client, crowded_phase):
    response = client.get(crowded_phase.get_absolute_url())

    assert "timeline" not in response.context
    assert response.context["timeline_kinds"] == ["trainings", "peer-exchange visits", "events"]
    assert [(quarter.label, quarter.counts) for quarter in response.context["quarters"]] == [
        ("2019 Q1", [0, 0, 25]),
        ("2019 Q2", [25, 0, 0]),
        ("2019 Q3", [0, 25, 0]),
    ]
    html = response.content.decode()
    assert '<th scope="row">2019 Q2</th>\n        <td>25</td><td>0</td><td>0</td>' in html
    assert '<a href="/results/phase-2/#timeline-heading">' in html
    check_page(html)


@pytest.mark.parametrize("size", [1, 3])
def test_phase_page_query_count(client, django_assert_num_queries, settings, size):
    settings.PAGE_CACHE_VERSION_SECONDS = 60
    phase = ProgrammePhaseFactory()
    for _ in range(size):
        PhaseGoalFactory(phase=phase)
        PhaseFigureFactory(phase=phase)
        ParticipationFactory(phase=phase)
        EventFactory(phase=phase, country=CountryFactory())
        TrainingFactory(phase=phase, start_date=days_ago(9))
        PeerVisitFactory(phase=phase, start_date=days_ago(9))

    # The tables' versions; the phase, then goals, figures, municipalities, events,
    # trainings, peer visits.
    with django_assert_num_queries(8):
        response = client.get(phase.get_absolute_url())
    with django_assert_num_queries(0):
        again = client.get(phase.get_absolute_url())

    assert len(response.context["timeline"]) == 3 * size
    assert again.content == response.content


@pytest.mark.parametrize("size", [11, 30])
def test_phase_page_query_count_past_the_bound(client, django_assert_num_queries, size):
    phase = ProgrammePhaseFactory()
    city = MunicipalityFactory()
    for _ in range(size):
        ParticipationFactory(phase=phase, municipality__country=city.country)
        EventFactory(phase=phase, country=city.country)
        TrainingFactory(phase=phase, municipality=city, start_date=days_ago(9))
        PeerVisitFactory(phase=phase, host=city, start_date=days_ago(9))

    # As above, and each activity's count, then its number per quarter.
    with django_assert_num_queries(14):
        response = client.get(phase.get_absolute_url())

    assert response.context["events"].total == size
    assert response.context["municipalities"].total == size


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


def test_footer_acknowledges_the_funder_once_in_one_block(client):
    html = client.get("/").content.decode()
    greek = client.get("/el/").content.decode()

    assert (
        "<p><strong>Funded by the European Union</strong><br>"
        '<span class="funding-detail">European Commission, Directorate-General for '
        "Employment, Social Affairs and Inclusion</span><br>"
        "Implemented by IOM, the UN Migration agency</p>"
    ) in html
    assert html.count("funded by") + html.count("Funded by") == 1
    assert "Γενική Διεύθυνση Απασχόλησης, Κοινωνικών Υποθέσεων και Ένταξης</span>" in greek
