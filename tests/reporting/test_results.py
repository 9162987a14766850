"""The indicators computed in the database, and the public results pages."""

from datetime import date, timedelta

import pytest

from admin4all.models import Indicator, PhaseFigure, ProgrammePhase
from reporting.indicators import SOURCES
from reporting.models import IndicatorTarget
from reporting.results import (
    activity_timeline,
    indicator_totals,
    results_by_country,
    results_by_phase,
    source_figures,
)
from tests.factories import (
    CountryFactory,
    EventFactory,
    GoodPracticeFactory,
    MunicipalityFactory,
    ParticipationFactory,
    PeerVisitFactory,
    ProgrammePhaseFactory,
    TrainingFactory,
)
from tests.public_pages import load_programme_content
from tests.test_public_pages import check_page

pytestmark = pytest.mark.django_db

LAST_YEAR = date.today() - timedelta(days=365)
NEXT_MONTH = date.today() + timedelta(days=30)


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    check_page(html)
    return html


def values(results, indicator) -> dict[str, int | None]:
    """{row label: recorded value} of one indicator's rows."""
    result = next(r for r in results if r.indicator == indicator)
    return {row.short_label: row.figure.value for row in result.rows}


@pytest.fixture
def programme():
    """Two phases; Italy (Milan, Rome) and Austria (Graz) in both."""
    italy = CountryFactory(name="Italy")
    austria = CountryFactory(name="Austria")
    first, second = ProgrammePhaseFactory(number=1), ProgrammePhaseFactory(number=2)
    milan = MunicipalityFactory(name="Milan", country=italy)
    rome = MunicipalityFactory(name="Rome", country=italy)
    graz = MunicipalityFactory(name="Graz", country=austria)
    for phase in (first, second):
        for city in (milan, rome, graz):
            ParticipationFactory(
                municipality=city, phase=phase, has_coordination_mechanism=city == milan
            )
    return {
        "phases": [first, second],
        "italy": italy,
        "austria": austria,
        "milan": milan,
        "rome": rome,
        "graz": graz,
    }


def test_trainings_count_and_staff_trained_per_phase_and_country(programme):
    first, second = programme["phases"]
    TrainingFactory(
        municipality=programme["milan"], phase=first, start_date=LAST_YEAR, attendance_total=20
    )
    TrainingFactory(
        municipality=programme["rome"], phase=first, start_date=LAST_YEAR, attendance_total=5
    )
    TrainingFactory(municipality=programme["graz"], phase=first, start_date=LAST_YEAR)
    TrainingFactory(municipality=programme["graz"], phase=second, start_date=LAST_YEAR)
    # Planned: not held yet, so counts nowhere.
    TrainingFactory(
        municipality=programme["milan"], phase=second, start_date=NEXT_MONTH, attendance_total=9
    )

    by_phase = results_by_phase(programme["phases"])
    by_country = results_by_country(first)

    assert values(by_phase, Indicator.TRAININGS_HELD) == {"Phase 1": 3, "Phase 2": 1}
    assert values(by_phase, Indicator.STAFF_TRAINED) == {"Phase 1": 25, "Phase 2": None}
    assert values(by_country, Indicator.TRAININGS_HELD) == {"Austria": 1, "Italy": 2}
    assert values(by_country, Indicator.STAFF_TRAINED) == {"Austria": None, "Italy": 25}


def test_municipalities_and_coordination_mechanisms_per_country(programme):
    by_country = results_by_country(programme["phases"][0])

    assert values(by_country, Indicator.PARTICIPATING_MUNICIPALITIES) == {
        "Austria": 1,
        "Italy": 2,
    }
    assert values(by_country, Indicator.COORDINATION_MECHANISMS) == {"Austria": 0, "Italy": 1}


@pytest.mark.parametrize("state", ["draft", "review", "scheduled"])
def test_unpublished_good_practices_and_events_never_count(programme, state):
    first = programme["phases"][0]
    GoodPracticeFactory(municipality=programme["milan"], phase=first)
    GoodPracticeFactory(municipality=programme["milan"], phase=first, **{state: True})
    EventFactory(phase=first, country=programme["italy"], participant_count=40)
    EventFactory(phase=first, country=programme["italy"], participant_count=99, **{state: True})

    by_country = results_by_country(first)

    assert values(by_country, Indicator.GOOD_PRACTICES) == {"Austria": 0, "Italy": 1}
    assert values(by_country, Indicator.EVENTS) == {"Austria": 0, "Italy": 1}
    assert values(by_country, Indicator.EVENT_PARTICIPANTS) == {"Austria": None, "Italy": 40}


def test_event_participants_keep_the_loosest_qualifier(programme):
    first = programme["phases"][0]
    EventFactory(phase=first, participant_count=40)
    EventFactory(phase=first, participant_count=75, participant_count_qualifier="about")
    # A qualifier without a count qualifies nothing.
    EventFactory(phase=first, participant_count_qualifier="more_than")

    total = indicator_totals([Indicator.EVENT_PARTICIPANTS])[Indicator.EVENT_PARTICIPANTS]

    assert (total.value, total.qualifier) == (115, "about")


def test_peer_visits_count_in_the_hosts_country(programme):
    PeerVisitFactory(host=programme["graz"], phase=programme["phases"][1], start_date=LAST_YEAR)

    by_country = results_by_country(programme["phases"][1])

    assert values(by_country, Indicator.PEER_VISITS) == {"Austria": 1, "Italy": 0}


def test_targets_per_phase_and_per_country(programme):
    first = programme["phases"][0]
    TrainingFactory(municipality=programme["milan"], phase=first, start_date=LAST_YEAR)
    IndicatorTarget.objects.create(indicator=Indicator.TRAININGS_HELD, phase=first, value=4)
    IndicatorTarget.objects.create(
        indicator=Indicator.TRAININGS_HELD, phase=first, country=programme["italy"], value=2
    )
    spain = CountryFactory(name="Spain")
    IndicatorTarget.objects.create(
        indicator=Indicator.TRAININGS_HELD, phase=first, country=spain, value=1
    )

    result = next(r for r in results_by_country(first) if r.indicator == Indicator.TRAININGS_HELD)

    assert (result.total.value, result.total.target, result.total.percent) == (1, 4, 25)
    assert [
        (row.label, row.figure.value, row.figure.target, row.figure.percent) for row in result.rows
    ] == [("Austria", 0, None, None), ("Italy", 1, 2, 50), ("Spain", 0, 1, 0)]


def test_timeline_counts_activities_per_quarter():
    phase = ProgrammePhaseFactory()
    TrainingFactory(phase=phase, start_date=date(2019, 1, 10))
    TrainingFactory(phase=phase, start_date=date(2019, 3, 30))
    PeerVisitFactory(phase=phase, start_date=date(2019, 5, 2))
    EventFactory(phase=phase, start_date=date(2019, 2, 1))
    EventFactory(phase=phase, start_date=None)

    kinds, quarters = activity_timeline(phase)

    assert kinds == ["trainings", "peer-exchange visits", "events"]
    assert [(q.label, q.counts) for q in quarters] == [
        ("2019 Q1", [2, 0, 1]),
        ("2019 Q2", [0, 1, 0]),
    ]


@pytest.mark.parametrize("size", [1, 3])
def test_each_source_is_one_query(django_assert_num_queries, size):
    for _ in range(size):
        TrainingFactory(start_date=LAST_YEAR, attendance_total=3)

    with django_assert_num_queries(1):
        figures = source_figures(SOURCES[0], by="country")

    assert sum(f[Indicator.TRAININGS_HELD].value for f in figures.values()) == size


# The seeds


def test_seed_figures_per_phase():
    load_programme_content()
    phases = list(ProgrammePhase.objects.order_by("number"))

    results = results_by_phase(phases)

    assert values(results, Indicator.PARTICIPATING_MUNICIPALITIES) == {
        "Phase 1": 14,
        "Phase 2": 33,
    }
    assert values(results, Indicator.EVENTS) == {"Phase 1": 1, "Phase 2": 3}
    # The seeds record no training, peer visit, good practice or coordination mechanism.
    assert values(results, Indicator.TRAININGS_HELD) == {"Phase 1": 0, "Phase 2": 0}
    assert values(results, Indicator.STAFF_TRAINED) == {"Phase 1": None, "Phase 2": None}
    participants = next(r for r in results if r.indicator == Indicator.EVENT_PARTICIPANTS)
    assert [(row.figure.value, row.figure.qualifier) for row in participants.rows] == [
        (75, "about"),
        (None, "exact"),
    ]
    staff = next(r for r in results if r.indicator == Indicator.STAFF_TRAINED)
    assert [str(figure) for figure in staff.reported] == [
        "more than 500 people reached by the training sessions"
    ]


def test_seed_figures_on_the_public_pages(client):
    load_programme_content()

    overview = page(client, "/results/")
    phase_1 = page(client, "/results/phase-1/")

    assert "More than 500 people reached by the training sessions" in overview
    assert "More than 30 municipalities" in overview
    assert "Phase 1: 14; Phase 2: 33." in overview
    assert '<span class="key-figure-qualifier">About</span> 75</dd>' in overview
    assert "Austria: 3; Italy: 4; Poland: 5; Romania: 2" in phase_1
    assert "<div><dt>Phase total</dt><dd>14</dd></div>" in phase_1


def card(html: str, indicator: Indicator) -> str:
    """One indicator's card on a results page, its white space squashed."""
    start = html.index(f'<section class="indicator-card" aria-labelledby="indicator-{indicator}">')
    return " ".join(html[start : html.index("</section>", start)].split())


def test_results_cards_show_the_sources_figure_where_the_records_hold_nothing(client):
    load_programme_content()

    overview = page(client, "/results/")

    staff_trained = card(overview, Indicator.STAFF_TRAINED)
    assert (
        '<div><dt><a href="/programme/phase-1/">Phase 1</a></dt><dd>'
        '<span class="key-figure-qualifier">More than</span> 500'
        '<sup class="note-refs"><a href="#note-staff_trained-1">'
        '<span class="visually-hidden">source </span>1</a></sup> '
        '<span class="key-figure-qualifier">as reported</span></dd></div> '
        '<div><dt><a href="/programme/phase-2/">Phase 2</a></dt><dd>'
        '<span class="key-figure-qualifier">none recorded yet</span></dd></div>'
    ) in staff_trained
    municipalities = card(overview, Indicator.PARTICIPATING_MUNICIPALITIES)
    assert (
        '<div><dt><a href="/programme/phase-1/">Phase 1</a></dt><dd>14</dd></div> '
        '<div><dt><a href="/programme/phase-2/">Phase 2</a></dt><dd>33</dd></div>'
    ) in municipalities
    # Phases are named short in the cards and tables; their full names once, above.
    assert overview.count("Phase 1: Supportive Active Inclusion") == 1


def test_results_tables_show_target_and_progress_only_where_targets_exist(client, programme):
    first = programme["phases"][0]
    IndicatorTarget.objects.create(indicator=Indicator.TRAININGS_HELD, phase=first, value=4)

    overview = page(client, "/results/")

    trainings = card(overview, Indicator.TRAININGS_HELD)
    assert '<th scope="col">Target</th> <th scope="col">Progress</th>' in trainings
    assert "<td>4</td> <td>0 %</td>" in trainings
    # Without targets, the overview's cards hold the phases' figures already: no table.
    peer_visits = card(overview, Indicator.PEER_VISITS)
    assert "<table" not in peer_visits
    assert "Target" not in peer_visits
    # A phase's page keeps its table per country, without the columns it has no use for.
    phase_page = card(
        page(client, f"/results/{first.slug}/"), Indicator.PARTICIPATING_MUNICIPALITIES
    )
    italy = programme["italy"].get_absolute_url()
    assert f'<th scope="row"><a href="{italy}">Italy</a></th> <td>2</td> </tr>' in phase_page
    assert '<th scope="col">Recorded</th> </tr>' in phase_page
    assert "Target" not in phase_page
    assert "Progress" not in phase_page


def test_results_page_is_in_the_navigation(client):
    html = page(client, "/results/")

    assert '<a href="/results/" aria-current="page">' in html


def test_phase_results_page_of_an_unknown_phase_is_404(client):
    assert client.get("/results/no-such-phase/").status_code == 404


def test_reported_figures_show_only_on_their_indicator(programme):
    first = programme["phases"][0]
    PhaseFigure.objects.create(
        phase=first,
        label="people trained",
        value=500,
        qualifier="more_than",
        indicator=Indicator.STAFF_TRAINED,
    )
    PhaseFigure.objects.create(phase=first, label="months of work", value=18)

    results = results_by_country(first)

    assert {r.indicator: [str(f) for f in r.reported] for r in results if r.reported} == {
        Indicator.STAFF_TRAINED: ["more than 500 people trained"]
    }


@pytest.mark.parametrize("size", [1, 3])
def test_results_pages_query_count(client, django_assert_num_queries, settings, size):
    settings.PAGE_CACHE_VERSION_SECONDS = 60
    phase = ProgrammePhaseFactory()
    for _ in range(size):
        city = MunicipalityFactory()
        ParticipationFactory(municipality=city, phase=phase)
        TrainingFactory(municipality=city, phase=phase, start_date=LAST_YEAR)
        PeerVisitFactory(host=city, phase=phase, start_date=LAST_YEAR)
        GoodPracticeFactory(municipality=city, phase=phase)
        EventFactory(phase=phase, country=city.country)
        IndicatorTarget.objects.create(
            indicator=Indicator.EVENTS, phase=phase, country=city.country, value=2
        )

    # The tables' versions (read once a second for every page); phases; one query per
    # source; targets; reported figures; the timeline's three.
    with django_assert_num_queries(12):
        first = client.get("/results/")
    # The phase and the phases; per source its total and its countries; targets;
    # reported figures; the timeline's three.
    with django_assert_num_queries(17):
        response = client.get(f"/results/{phase.slug}/")
    # The same tables unchanged: kept (admin4all.versioned_cache), but the phase's page
    # still finds its phase.
    with django_assert_num_queries(0):
        again = client.get("/results/")
    with django_assert_num_queries(1):
        client.get(f"/results/{phase.slug}/")

    assert len(response.context["results"][0].rows) == size
    assert again.content == first.content
