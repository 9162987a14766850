"""The public lists of held trainings and peer-exchange visits, with their filters."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories import (
    CountryFactory,
    MunicipalityFactory,
    PeerVisitFactory,
    ProgrammePhaseFactory,
    TrainingFactory,
)
from tests.test_public_pages import check_page

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


@pytest.fixture
def places():
    """Milan and Bari in Italy, Wrocław in Poland; phases 1 and 2."""
    italy = CountryFactory(name="Italy", slug="italy")
    return {
        "milan": MunicipalityFactory(name="Milan", slug="milan", country=italy),
        "bari": MunicipalityFactory(name="Bari", slug="bari", country=italy),
        "wroclaw": MunicipalityFactory(
            name="Wrocław",
            slug="wroclaw",
            alternative_names=["Wroclav"],
            country=CountryFactory(name="Poland", slug="poland"),
        ),
        "phase_1": ProgrammePhaseFactory(number=1, slug="phase-1"),
        "phase_2": ProgrammePhaseFactory(number=2, slug="phase-2"),
    }


# Trainings


def test_training_list_shows_held_trainings_newest_first(client, places):
    older = TrainingFactory(
        title="Intercultural skills",
        municipality=places["milan"],
        start_date=date(2019, 3, 4),
        attendance_total=4321,
    )
    newer = TrainingFactory(title="Housing rights", start_date=days_ago(3))
    TrainingFactory(title="Planned training", start_date=days_ago(-3))

    response = client.get("/trainings/")

    assert list(response.context["object_list"]) == [newer, older]
    html = response.content.decode()
    assert '<h2 id="results-heading">2 trainings</h2>' in html
    assert (
        f'<li><a href="{older.get_absolute_url()}">Intercultural skills</a> — '
        '<a href="/municipalities/milan/">Milan</a>, '
        '<time datetime="2019-03-04">4 March 2019</time></li>'
    ) in html
    assert "4321" not in html
    assert "Planned" not in html
    check_page(html)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ("phase=phase-1", ["Milan 2019", "Bari 2018"]),
        ("country=poland", ["Wrocław 2019"]),
        ("municipality=milan", ["Milan 2019"]),
        ("municipality=Wroclav", ["Wrocław 2019"]),
        ("year=2019", ["Wrocław 2019", "Milan 2019"]),
        ("country=italy&year=2018", ["Bari 2018"]),
    ],
)
def test_training_list_filters(client, places, params, expected):
    TrainingFactory(
        title="Milan 2019",
        municipality=places["milan"],
        phase=places["phase_1"],
        start_date=date(2019, 3, 4),
    )
    TrainingFactory(
        title="Bari 2018",
        municipality=places["bari"],
        phase=places["phase_1"],
        start_date=date(2018, 5, 6),
    )
    TrainingFactory(
        title="Wrocław 2019",
        municipality=places["wroclaw"],
        phase=places["phase_2"],
        start_date=date(2019, 7, 8),
    )
    TrainingFactory(municipality=places["milan"], phase=places["phase_1"])  # planned

    response = client.get(f"/trainings/?{params}")

    assert [training.title for training in response.context["object_list"]] == expected


def test_training_list_year_choices_are_those_of_held_trainings(client):
    TrainingFactory(start_date=date(2018, 5, 6))
    TrainingFactory(start_date=date(2019, 3, 4))
    TrainingFactory(start_date=date(timezone.localdate().year + 2, 1, 1))  # planned

    response = client.get("/trainings/")

    assert response.context["filter"].form.fields["year"].choices == [
        ("", "All years"),
        (2019, 2019),
        (2018, 2018),
    ]


def test_training_list_invalid_filter_shows_the_error(client):
    TrainingFactory(start_date=days_ago(3))

    response = client.get("/trainings/?phase=phase-9")

    assert response.status_code == 200
    assert '<ul class="errorlist" id="id_phase_error">' in response.content.decode()
    assert list(response.context["object_list"]) == []


def test_training_list_page_out_of_range_answers_404(client):
    TrainingFactory(start_date=days_ago(3))

    assert client.get("/trainings/?page=2").status_code == 404


@pytest.mark.parametrize("size", [1, 3])
def test_training_list_query_count(client, django_assert_num_queries, size):
    for _ in range(size):
        TrainingFactory(start_date=days_ago(3))

    # Count, page with municipality and country, then the form's phases, countries and years.
    with django_assert_num_queries(5):
        response = client.get("/trainings/")

    assert len(response.context["object_list"]) == size


# Peer-exchange visits


def test_peer_visit_list_shows_held_visits_newest_first(client, places):
    older = PeerVisitFactory(
        title="Visit to Milan", host=places["milan"], start_date=date(2019, 5, 6)
    )
    newer = PeerVisitFactory(title="Visit to Bari", host=places["bari"], start_date=days_ago(3))
    PeerVisitFactory(title="Planned visit", start_date=days_ago(-3))

    response = client.get("/peer-visits/")

    assert list(response.context["object_list"]) == [newer, older]
    html = response.content.decode()
    assert '<h2 id="results-heading">2 peer-exchange visits</h2>' in html
    assert (
        f'<li><a href="{older.get_absolute_url()}">Visit to Milan</a> — hosted by Milan, '
        '<time datetime="2019-05-06">6 May 2019</time></li>'
    ) in html
    assert "Planned" not in html
    check_page(html)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ("phase=phase-2", ["Wrocław hosts"]),
        ("country=italy", ["Bari hosts", "Milan hosts"]),
        ("host=milan", ["Milan hosts"]),
        ("visitor=milan", ["Wrocław hosts", "Bari hosts"]),
        ("visitor=Wroclav", ["Milan hosts"]),
        ("year=2018&visitor=milan", ["Bari hosts"]),
    ],
)
def test_peer_visit_list_filters(client, places, params, expected):
    milan, bari, wroclaw = places["milan"], places["bari"], places["wroclaw"]
    PeerVisitFactory(
        title="Milan hosts", host=milan, phase=places["phase_1"], start_date=date(2017, 3, 4)
    ).visitors.add(bari, wroclaw)
    PeerVisitFactory(
        title="Bari hosts", host=bari, phase=places["phase_1"], start_date=date(2018, 5, 6)
    ).visitors.add(milan)
    PeerVisitFactory(
        title="Wrocław hosts", host=wroclaw, phase=places["phase_2"], start_date=date(2019, 7, 8)
    ).visitors.add(milan, bari)
    PeerVisitFactory(host=milan, phase=places["phase_2"]).visitors.add(bari)  # planned

    response = client.get(f"/peer-visits/?{params}")

    assert [visit.title for visit in response.context["object_list"]] == expected


def test_peer_visit_list_invalid_filter_shows_the_error(client):
    PeerVisitFactory(start_date=days_ago(3))

    response = client.get("/peer-visits/?host=Atlantis")

    assert response.status_code == 200
    assert "No municipality is called “Atlantis”." in response.content.decode()
    assert list(response.context["object_list"]) == []


@pytest.mark.parametrize("size", [1, 3])
def test_peer_visit_list_query_count(client, django_assert_num_queries, size):
    for _ in range(size):
        PeerVisitFactory(start_date=days_ago(3)).visitors.add(MunicipalityFactory())

    # Count, page with host and country, then the form's phases, countries and years.
    with django_assert_num_queries(5):
        response = client.get("/peer-visits/")

    assert len(response.context["object_list"]) == size
