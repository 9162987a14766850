"""The staff's indicators dashboard, the targets in the admin, and the data-quality page."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from admin4all.models import Indicator
from reporting.models import IndicatorTarget
from tests.factories import (
    EventFactory,
    EventMaterialFactory,
    GoodPracticeFactory,
    MunicipalityFactory,
    NewsArticleFactory,
    OfficerMembershipFactory,
    ProgrammePhaseFactory,
    SessionFactory,
    TrainingFactory,
    TrainingReportFactory,
    UserFactory,
)
from tests.public_pages import load_programme_content

pytestmark = pytest.mark.django_db

LAST_YEAR = date.today() - timedelta(days=365)


@pytest.fixture
def officer_client():
    client = Client()
    client.force_login(OfficerMembershipFactory().user)
    return client


def test_dashboard_shows_the_seed_figures(viewer_client):
    load_programme_content()

    html = viewer_client.get("/admin/dashboard/").content.decode()
    phase_1 = viewer_client.get("/admin/dashboard/phase-1/").content.decode()

    assert "More than 500 people reached by the training sessions" in html
    assert "Phase 1: 14; Phase 2: 33." in html
    assert '<span class="key-figure-qualifier">About</span> 75</dd>' in html
    assert "Austria: 3; Italy: 4; Poland: 5; Romania: 2" in phase_1


def test_admin_index_links_the_dashboard_and_data_quality(viewer_client):
    html = viewer_client.get("/admin/").content.decode()

    assert 'href="/admin/dashboard/"' in html
    assert 'href="/admin/data-quality/"' in html


@pytest.mark.parametrize("path", ["/admin/dashboard/", "/admin/data-quality/"])
def test_staff_pages_refused_to_anonymous_and_officers(client, officer_client, path):
    assert client.get(path).status_code == 302
    assert officer_client.get(path).status_code == 302


@pytest.mark.parametrize("path", ["/admin/dashboard/", "/admin/data-quality/"])
def test_staff_pages_refused_to_staff_without_permission(path):
    client = Client()
    client.force_login(UserFactory(is_staff=True))

    assert client.get(path).status_code == 403


def test_editors_change_targets(editor_client):
    phase = ProgrammePhaseFactory()

    response = editor_client.post(
        "/admin/reporting/indicatortarget/add/",
        {"indicator": Indicator.TRAININGS_HELD, "phase": phase.pk, "value": 12, "notes": ""},
    )

    assert response.status_code == 302
    target = IndicatorTarget.objects.get()
    assert (target.indicator, target.phase, target.country, target.value) == (
        Indicator.TRAININGS_HELD,
        phase,
        None,
        12,
    )
    assert target.history.count() == 1


def test_one_target_per_indicator_phase_and_country(editor_client):
    phase = ProgrammePhaseFactory()
    IndicatorTarget.objects.create(indicator=Indicator.EVENTS, phase=phase, value=3)

    response = editor_client.post(
        "/admin/reporting/indicatortarget/add/",
        {"indicator": Indicator.EVENTS, "phase": phase.pk, "value": 5, "notes": ""},
    )

    assert response.status_code == 200
    assert IndicatorTarget.objects.count() == 1


def test_viewers_see_targets_read_only(viewer_client):
    target = IndicatorTarget.objects.create(
        indicator=Indicator.EVENTS, phase=ProgrammePhaseFactory(), value=3
    )
    url = f"/admin/reporting/indicatortarget/{target.pk}/change/"

    assert viewer_client.get(url).status_code == 200
    assert viewer_client.post(url, {"value": 9}).status_code == 403
    assert viewer_client.get("/admin/reporting/indicatortarget/add/").status_code == 403
    target.refresh_from_db()
    assert target.value == 3


def test_officers_and_anonymous_cannot_reach_targets(client, officer_client):
    url = "/admin/reporting/indicatortarget/"

    assert client.get(url).status_code == 302
    assert officer_client.get(url).status_code == 302


@pytest.mark.parametrize("size", [1, 3])
def test_dashboard_query_count(viewer_client, django_assert_num_queries, size):
    phase = ProgrammePhaseFactory()
    for _ in range(size):
        TrainingFactory(phase=phase, start_date=LAST_YEAR)
        EventFactory(phase=phase)

    # Session, user, the user's own and group permissions, then the results page's 11.
    with django_assert_num_queries(15):
        viewer_client.get("/admin/dashboard/")


# Data quality


def quality_sections(client) -> dict[str, list[str]]:
    response = client.get("/admin/data-quality/")
    assert response.status_code == 200
    return {
        str(section.title): [str(record) for record in records]
        for section, records, _count in response.context["sections"]
    }


def test_events_without_agenda_or_materials(viewer_client):
    complete = EventFactory(title="Complete")
    SessionFactory(event=complete)
    EventMaterialFactory(event=complete)
    EventFactory(title="Bare")
    EventFactory(title="Draft", draft=True)

    sections = quality_sections(viewer_client)

    assert sections["Published events without an agenda or materials"] == ["Bare"]


def test_municipalities_not_updated_for_a_year(viewer_client):
    stale = MunicipalityFactory(name="Stale")
    MunicipalityFactory(name="Fresh")
    type(stale).objects.filter(pk=stale.pk).update(updated_at=timezone.now() - timedelta(days=400))

    assert quality_sections(viewer_client)["Municipalities not updated for a year"] == ["Stale"]


def test_trainings_held_without_attendance(viewer_client):
    TrainingFactory(title="Unreported", start_date=LAST_YEAR)
    TrainingFactory(title="Reported", start_date=LAST_YEAR, attendance_total=12)
    TrainingFactory(title="Planned")

    sections = quality_sections(viewer_client)

    assert sections["Trainings held without attendance figures"] == ["Unreported"]


def test_submissions_awaiting_review(viewer_client):
    GoodPracticeFactory(title="Submitted practice", review=True)
    GoodPracticeFactory(title="Published practice")
    TrainingReportFactory(title="Submitted report", review=True)
    TrainingReportFactory(title="Draft report", draft=True)

    sections = quality_sections(viewer_client)

    assert sections["Good practices awaiting review"] == ["Submitted practice"]
    assert sections["Training reports awaiting review"] == ["Submitted report"]


def test_items_going_live_within_a_week(viewer_client):
    NewsArticleFactory(title="Soon", scheduled=True)
    NewsArticleFactory(title="Later", published_at=timezone.now() + timedelta(days=30))
    NewsArticleFactory(title="Already public")

    sections = quality_sections(viewer_client)

    assert sections["News articles going live in the next 7 days"] == ["Soon"]
    assert sections["Events going live in the next 7 days"] == []


def test_data_quality_rows_link_to_their_change_page(viewer_client):
    training = TrainingFactory(start_date=LAST_YEAR)

    html = viewer_client.get("/admin/data-quality/").content.decode()

    assert f'href="/admin/trainings/training/{training.pk}/change/"' in html


@pytest.mark.parametrize("size", [1, 3])
def test_data_quality_query_count(viewer_client, django_assert_num_queries, size):
    for _ in range(size):
        EventFactory()
        TrainingFactory(start_date=LAST_YEAR)
        GoodPracticeFactory(review=True)
        TrainingReportFactory(review=True)
        NewsArticleFactory(scheduled=True)

    # Session, user, the user's own and group permissions, then one query per section.
    with django_assert_num_queries(13):
        viewer_client.get("/admin/data-quality/")


def test_targets_old_admin_address_leads_to_the_new_one(viewer_client):
    response = viewer_client.get("/admin/admin4all/indicatortarget/?phase__id__exact=1")

    assert response.status_code == 301
    assert response["Location"] == "/admin/reporting/indicatortarget/?phase__id__exact=1"
