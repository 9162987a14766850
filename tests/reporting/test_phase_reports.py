"""The phase reports for the donor: the whole programme or one municipality, as a
printable page and as a PDF of the same page; staff with the right permissions only;
the same number of queries whatever the number of records."""

import io
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.dateformat import format as format_date
from pypdf import PdfReader

from admin4all.models import Indicator, ReportedFigure
from events.models import Event
from tests import factories
from trainings.models import TrainingParticipant

pytestmark = pytest.mark.django_db

Gender = TrainingParticipant.Gender
Service = TrainingParticipant.Service
REPORT = "/admin/reports/phase-2/"
MILAN_REPORT = "/admin/reports/phase-2/milan/"
PLANNED = timezone.localdate() + timedelta(days=30)


def pdf_text(response) -> str:
    """The PDF's text, its pages one after the other, spacing made single spaces."""
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def today() -> str:
    return format_date(timezone.localdate(), "j F Y")


def seed(size: int = 1) -> dict:
    """Phase 2 with Milan (Italy) and Gdańsk (Poland), and `size` records of each kind
    the report lists; phase 1, drafts and trainings to come, which it must leave out."""
    phase = factories.ProgrammePhaseFactory(
        number=2,
        slug="phase-2",
        name="Supporting Social Inclusion of Vulnerable Migrants in Europe",
        start_date=date(2018, 7, 1),
        end_date=date(2020, 6, 30),
        managed_by=factories.OrganisationFactory(name="IOM Coordination Office"),
        funded_by=factories.OrganisationFactory(name="DG EMPL"),
    )
    other_phase = factories.ProgrammePhaseFactory(number=1, slug="phase-1")
    italy = factories.CountryFactory(name="Italy")
    poland = factories.CountryFactory(name="Poland")
    milan = factories.MunicipalityFactory(name="Milan", slug="milan", country=italy)
    gdansk = factories.MunicipalityFactory(name="Gdańsk", slug="gdansk", country=poland)
    factories.ParticipationFactory(
        municipality=milan, phase=phase, has_coordination_mechanism=True
    )
    factories.ParticipationFactory(municipality=gdansk, phase=phase)
    factories.IndicatorTargetFactory(indicator=Indicator.TRAININGS_HELD, phase=phase, value=4)
    factories.IndicatorTargetFactory(
        indicator=Indicator.STAFF_TRAINED, phase=phase, country=italy, value=50
    )
    factories.PhaseFigureFactory(
        phase=phase,
        indicator=Indicator.PARTICIPATING_MUNICIPALITIES,
        label="municipalities",
        value=30,
        qualifier=ReportedFigure.Qualifier.MORE_THAN,
        source="Project page",
    )
    for n in range(size):
        training = factories.TrainingFactory(
            title=f"Case management {n}",
            municipality=milan,
            phase=phase,
            start_date=date(2019, 5, 6 + n),
            attendance_total=20,
            attendance_women=12,
            attendance_men=8,
            attendance_other_gender=0,
            attendance_social_services=15,
            attendance_immigration_office=3,
            attendance_employment_services=1,
            attendance_other_services=1,
        )
        factories.TrainingParticipantFactory(
            training=training, gender=Gender.WOMAN, service=Service.SOCIAL_SERVICES
        )
        factories.TrainingParticipantFactory(
            training=training, gender=Gender.MAN, service=Service.IMMIGRATION_OFFICE
        )
        factories.TrainingParticipantFactory(training=training, attended=False)
        factories.TrainingFactory(
            title=f"Mediation {n}",
            municipality=gdansk,
            phase=phase,
            start_date=date(2019, 6, 10 + n),
            attendance_total=10,
            attendance_women=6,
        )
        visit = factories.PeerVisitFactory(
            title=f"Visit to Gdańsk {n}",
            host=gdansk,
            phase=phase,
            start_date=date(2019, 9, 2 + n),
            participant_count=8,
        )
        visit.visitors.add(milan)
        event = factories.EventFactory(
            title=f"Consultation {n}",
            kind=Event.Kind.REGIONAL_CONSULTATION,
            phase=phase,
            start_date=date(2019, 10, 8 + n),
            end_date=date(2019, 10, 9 + n),
            city="Milan",
            country=italy,
            host_municipality=milan,
            participant_count=120,
            participant_count_qualifier=ReportedFigure.Qualifier.ABOUT,
        )
        event.participating_municipalities.add(milan, gdansk)
        factories.GoodPracticeFactory(
            title=f"One-stop shop {n}",
            municipality=milan,
            phase=phase,
            summary="A single desk for newcomers.",
        )
    # Left out: a training to come, drafts, another phase.
    factories.TrainingFactory(
        title="Planned", municipality=milan, phase=phase, start_date=PLANNED, attendance_total=99
    )
    factories.EventFactory(title="Draft event", phase=phase, draft=True)
    factories.GoodPracticeFactory(
        title="Draft practice", municipality=milan, phase=phase, draft=True
    )
    factories.TrainingFactory(
        title="Earlier", municipality=milan, phase=other_phase, start_date=date(2017, 1, 1)
    )
    return {"phase": phase, "milan": milan}


PHASE_2 = "Phase 2: Supporting Social Inclusion of Vulnerable Migrants in Europe"


def cover(heading: str, *notes: str) -> list[str]:
    """The cover page's text, `heading` being what comes before the period."""
    return [
        heading,
        "Period 1 July 2018 – 30 June 2020",
        "Managed by IOM Coordination Office Funded by DG EMPL",
        f"Report made on {today()}",
        "ADMin4ALL is implemented by the International Organization for Migration (IOM) and",
        "funded by the European Commission’s Directorate-General for Employment, Social",
        "Affairs and Inclusion (DG EMPL).",
        "The figures count the trainings and peer-exchange visits already held and the events",
        "and good practices published on the site. An empty figure was not reported.",
        *notes,
        "1 / 3",
    ]


BREAKDOWN_HEADINGS = (
    "Participants Women Men Other or undisclosed gender Social services Immigration office "
    "Employment services Other services"
)
# Milan's training, listed twice with its attendance and one absent participant.
LISTS = [
    "Participant lists The participant lists name 3 people, of whom 2 attended.",
    "People on the participant lists who attended",
]
LISTED_FIGURES = f"{BREAKDOWN_HEADINGS} 2 1 1 0 1 1 0 0"
VISITS_EVENTS_PRACTICES = [
    "Peer-exchange visits 1 peer-exchange visit in the phase",
    "Dates Visit Host Visitors Participants 2 Sep 2019 Visit to Gdańsk 0 Gdańsk Milan 8",
    "Events 1 published event in the phase, with its participants",
    "Dates Event Place Participants Municipalities taking part",
    "8 Oct 2019 – 9 Oct 2019 Consultation 0 Regional consultation Milan, Italy about 120 2",
    "Good practices One-stop shop 0 Milan A single desk for newcomers. 3 / 3",
]


def test_programme_report_pdf_has_activities_figures_and_indicators(viewer_client):
    seed()

    response = viewer_client.get(f"{REPORT}report.pdf")

    assert response["Content-Disposition"] == 'attachment; filename="report-phase-2.pdf"'
    assert pdf_text(response) == " ".join(
        [
            *cover(f"ADMin4ALL · Report of the whole programme {PHASE_2}"),
            "Indicators against their targets Indicators of the phase",
            "Indicator Recorded Target Progress Reported by the programme’s sources",
            "Staff trained 30 — — — Trainings held 2 4 50 % — Peer-exchange visits 1 — — —",
            "Participating municipalities 2 — — More than 30 municipalities (Project page)",
            "Municipalities with coordination mechanisms 1 — — — Good practices shared 1 — — —",
            "Events 1 — — — Event participants about 120 — — —",
            "Indicators per country (recorded, and the target where one is set)",
            "Indicator Italy Poland Staff trained 20 / 50 10 Trainings held 1 1",
            "Peer-exchange visits 0 1 Participating municipalities 1 1",
            "Municipalities with coordination mechanisms 1 0 Good practices shared 1 0",
            "Events 1 0 Event participants about 120 not recorded",
            "Trainings 3 trainings in the phase, with their attendance",
            f"Dates Training Municipality {BREAKDOWN_HEADINGS}",
            "6 May 2019 Case management 0 Milan, Italy 20 12 8 0 15 3 1 1",
            "10 Jun 2019 Mediation 0 Gdańsk, Poland 10 6 — — — — — —",
            f"{format_date(PLANNED, 'j M Y')} Planned Milan, Italy 99 — — — — — — —",
            "Attendance by gender and by service Sums over the 2 trainings held; 2 reported "
            "their attendance. A breakdown may add up to less than the participants where it "
            "was not reported in full. 2 / 3 Attendance of the trainings held",
            f"Country {BREAKDOWN_HEADINGS} Italy 20 12 8 0 15 3 1 1 Poland 10 6 — — — — — —",
            "Total 30 18 8 0 15 3 1 1",
            *LISTS,
            LISTED_FIGURES,
            *VISITS_EVENTS_PRACTICES,
        ]
    )


def test_municipality_report_pdf_has_its_own_activities_and_indicators(viewer_client):
    seed()

    response = viewer_client.get(f"{MILAN_REPORT}report.pdf")

    assert response["Content-Disposition"] == 'attachment; filename="report-phase-2-milan.pdf"'
    assert pdf_text(response) == " ".join(
        [
            *cover(
                f"ADMin4ALL · Phase report Milan, Italy Programme phase {PHASE_2}",
                "The municipality’s figures count what it held, hosted or took part in.",
            ),
            "Indicators against their targets Indicators of Milan, its country and the phase",
            "Indicator Milan Italy Whole phase",
            "Staff trained 20 20 of a target of 50 (40 %) 30",
            "Trainings held 1 1 2 of a target of 4 (50 %) Peer-exchange visits 1 0 1",
            "Participating municipalities 1 1 2 Municipalities with coordination mechanisms 1 1 1",
            "Good practices shared 1 1 1 Events 1 1 1",
            "Event participants about 120 about 120 about 120",
            "Trainings 2 trainings in the phase, with their attendance",
            f"Dates Training {BREAKDOWN_HEADINGS}",
            "6 May 2019 Case management 0 20 12 8 0 15 3 1 1",
            f"{format_date(PLANNED, 'j M Y')} Planned 99 — — — — — — —",
            "Attendance by gender and by service Sums over the 1 training held; 1 reported its "
            "attendance. A breakdown may add up to less than the participants where it was not "
            "reported in full. Attendance of the trainings held",
            f"Trainings {BREAKDOWN_HEADINGS} Total 20 12 8 0 15 3 1 1",
            *LISTS,
            "2 / 3",
            LISTED_FIGURES,
            *VISITS_EVENTS_PRACTICES,
        ]
    )


def test_printable_page_is_the_pdfs_page_with_a_toolbar_the_print_hides(viewer_client):
    seed()

    html = viewer_client.get(REPORT).content.decode()
    milan = viewer_client.get(MILAN_REPORT).content.decode()

    assert '<link rel="stylesheet" href="/static/css/print.css">' in html
    assert '<nav class="toolbar" aria-label="Report">' in html
    assert 'href="/admin/reports/phase-2/report.pdf">Download as PDF</a>' in html
    assert 'href="/admin/reports/phase-2/milan/report.pdf">Download as PDF</a>' in milan
    assert 'href="/admin/reports/phase-2/">Report of the whole programme</a>' in milan
    assert "<title>Milan: phase 2 report · ADMin4ALL</title>" in milan
    assert f'<h1 id="report-title">{PHASE_2}</h1>' in html
    assert '<h1 id="report-title">Milan, Italy</h1>' in milan


def _report_context(client, url):
    context = client.get(url).context
    return {
        "trainings": [t.title for t in context["trainings"]],
        "peer_visits": [v.title for v in context["peer_visits"]],
        "events": [(e.title, e.municipality_count) for e in context["events"]],
        "good_practices": [p.title for p in context["good_practices"]],
    }


def test_municipality_report_lists_what_it_held_hosted_or_took_part_in(viewer_client):
    seed()
    gdansk_report = "/admin/reports/phase-2/gdansk/"

    assert _report_context(viewer_client, gdansk_report) == {
        "trainings": ["Mediation 0"],
        "peer_visits": ["Visit to Gdańsk 0"],
        "events": [("Consultation 0", 2)],
        "good_practices": [],
    }


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize("url", [REPORT, MILAN_REPORT], ids=["programme", "municipality"])
def test_report_queries_do_not_grow_with_records(
    viewer_client, django_assert_num_queries, size, url
):
    seed(size)
    # session, user, permissions (own and groups'), phase, [municipality], trainings,
    # attendance, [attendance per country], participant lists, peer visits and their
    # visitors, events, good practices; the indicators: two per source (total and per
    # country), targets, reported figures, [one per source for the municipality]
    queries = {REPORT: 25, MILAN_REPORT: 30}[url]

    with django_assert_num_queries(queries):
        response = viewer_client.get(url)

    assert len(response.context["trainings"]) == (2 * size + 1 if url == REPORT else size + 1)
    assert len(response.context["events"]) == size


@pytest.mark.parametrize("url", [REPORT, f"{REPORT}report.pdf", MILAN_REPORT])
def test_report_refused_to_staff_without_every_permission_it_needs(staff_client_with, url):
    seed()
    everything_but_targets = ["view_training", "view_peervisit", "view_event", "view_goodpractice"]

    assert staff_client_with().get(url).status_code == 403
    assert staff_client_with(*everything_but_targets).get(url).status_code == 403
    assert staff_client_with("view_indicatortarget").get(url).status_code == 403
    assert (
        staff_client_with(*everything_but_targets, "view_indicatortarget").get(url).status_code
        == 200
    )


@pytest.mark.parametrize("url", [REPORT, f"{MILAN_REPORT}report.pdf"])
def test_report_sends_officers_and_visitors_to_the_login(client, url):
    membership = factories.OfficerMembershipFactory(municipality=seed()["milan"])
    officer = Client()
    officer.force_login(membership.user)

    for user_client in (officer, client):
        response = user_client.get(url)
        assert (response.status_code, response["Location"]) == (302, f"/admin/login/?next={url}")


@pytest.mark.parametrize(
    "url",
    [
        "/admin/reports/phase-9/",
        "/admin/reports/phase-2/atlantis/",
        "/admin/reports/phase-9/x.pdf",
    ],
)
def test_report_of_unknown_phase_or_municipality_is_404(editor_client, url):
    seed()

    assert editor_client.get(url).status_code == 404


def test_reports_linked_from_dashboard_phase_and_municipality_admin(editor_client):
    records = seed()
    lonely = factories.MunicipalityFactory(name="Lonely")

    dashboard = editor_client.get("/admin/dashboard/").content.decode()
    phase_dashboard = editor_client.get("/admin/dashboard/phase-2/").content.decode()
    phase_form = editor_client.get(
        f"/admin/admin4all/programmephase/{records['phase'].pk}/change/"
    ).content.decode()
    milan_form = editor_client.get(
        f"/admin/municipalities/municipality/{records['milan'].pk}/change/"
    ).content.decode()
    lonely_form = editor_client.get(
        f"/admin/municipalities/municipality/{lonely.pk}/change/"
    ).content.decode()

    assert '<a href="/admin/reports/phase-2/">Phase 2: Supporting' in dashboard
    assert '<a href="/admin/reports/phase-2/">Phase report</a>' in phase_dashboard
    assert '<a href="/admin/reports/phase-2/">Phase report</a>' in phase_form
    assert '<a href="/admin/reports/phase-2/milan/">Phase 2 report</a>' in milan_form
    assert "/admin/reports/" not in lonely_form


def test_dashboard_hides_report_links_from_staff_who_may_not_open_them(staff_client_with):
    seed()
    client = staff_client_with("view_indicatortarget")

    assert "/admin/reports/" not in client.get("/admin/dashboard/phase-2/").content.decode()
