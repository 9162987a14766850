"""Certificates of attendance: a PDF page per participant who attended, with what the
donor asks for on it, for staff who may see trainings and their participants only."""

import io
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.dateformat import format as format_date
from pypdf import PdfReader

from tests import factories
from trainings.models import TrainingParticipant

pytestmark = pytest.mark.django_db

PARTICIPANTS = "/admin/trainings/trainingparticipant/"
FUNDING = (
    "ADMin4ALL is implemented by the International Organization for Migration (IOM) and "
    "funded by the European Commission’s Directorate-General for Employment, Social Affairs "
    "and Inclusion (DG EMPL)."
)


def pdf_pages(response) -> list[str]:
    """The text of each page, its spacing and line breaks made single spaces."""
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def issued() -> str:
    return format_date(timezone.localdate(), "j F Y")


@pytest.fixture
def training(db):
    phase = factories.ProgrammePhaseFactory(
        number=2, name="Supporting Social Inclusion of Vulnerable Migrants in Europe"
    )
    italy = factories.CountryFactory(name="Italy")
    training = factories.TrainingFactory(
        title="Case management",
        slug="case-management",
        municipality=factories.MunicipalityFactory(name="Milan", country=italy),
        phase=phase,
        start_date=date(2019, 5, 6),
        end_date=date(2019, 5, 7),
        trainer_organisation=factories.OrganisationFactory(
            name="Migration Policy Institute Europe", acronym="MPI Europe"
        ),
    )
    training.modules.add(
        factories.CurriculumModuleFactory(phase=phase, title="Case management basics", position=2),
        factories.CurriculumModuleFactory(phase=phase, title="Needs of newcomers", position=1),
    )
    return training


def certificate_text(name: str, organisation: str = "") -> str:
    return (
        "ADMin4ALL · Phase 2: Supporting Social Inclusion of Vulnerable Migrants in Europe "
        f"Certificate of attendance This is to certify that {name} "
        + (f"{organisation} " if organisation else "")
        + "attended the training Case management held for the municipality of Milan, Italy, "
        "on 6 May 2019 – 7 May 2019. Curriculum modules: Needs of newcomers Case management "
        "basics Training provider: Migration Policy Institute Europe (MPI Europe) "
        f"{FUNDING} Issued on {issued()}."
    )


def test_certificate_names_participant_training_modules_provider_and_funding(
    viewer_client, training
):
    participant = factories.TrainingParticipantFactory(
        training=training, full_name="Ewa Nowak", organisation="Comune di Milano"
    )

    response = viewer_client.get(f"{PARTICIPANTS}{participant.pk}/certificate.pdf")

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="certificate-case-management-ewa-nowak.pdf"'
    )
    assert pdf_pages(response) == [certificate_text("Ewa Nowak", "Comune di Milano")]


def test_certificate_writes_greek_polish_and_romanian_names_in_an_embedded_font(
    editor_client, training
):
    name = "Łucja Ştefănescu-Παπαδοπούλου"
    participant = factories.TrainingParticipantFactory(training=training, full_name=name)

    response = editor_client.get(f"{PARTICIPANTS}{participant.pk}/certificate.pdf")

    [page] = PdfReader(io.BytesIO(response.content)).pages
    fonts = {str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}
    assert pdf_pages(response) == [certificate_text(name)]
    assert {font.split("+", 1)[1] for font in fonts} == {"DejaVu-Sans", "DejaVu-Sans-Bold"}
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''certificate-case-management-"
        "%C5%82ucja-%C5%9Ftef%C4%83nescu-%CF%80%CE%B1%CF%80%CE%B1%CE%B4%CE%BF%CF%80%CE%BF"
        "%CF%8D%CE%BB%CE%BF%CF%85.pdf"
    )


def test_certificates_action_gives_a_page_per_selected_participant_who_attended(
    editor_client, training
):
    chosen = [
        factories.TrainingParticipantFactory(training=training, full_name="Zofia Lis"),
        factories.TrainingParticipantFactory(training=training, full_name="Adam Kos"),
        factories.TrainingParticipantFactory(
            training=training, full_name="Ola Brak", attended=False
        ),
    ]
    factories.TrainingParticipantFactory(training=training, full_name="Not chosen")

    response = editor_client.post(
        PARTICIPANTS,
        {"action": "download_certificates", "_selected_action": [p.pk for p in chosen]},
    )

    assert response["Content-Disposition"] == 'attachment; filename="certificates.pdf"'
    assert pdf_pages(response) == [certificate_text("Adam Kos"), certificate_text("Zofia Lis")]


def test_certificates_action_without_anyone_who_attended_says_so(editor_client, training):
    absent = factories.TrainingParticipantFactory(training=training, attended=False)

    response = editor_client.post(
        PARTICIPANTS,
        {"action": "download_certificates", "_selected_action": [absent.pk]},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "No certificate: none of the selected participants attended a training that has begun."
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_training_certificates_one_page_per_attendee_in_fixed_queries(
    editor_client, training, django_assert_num_queries, count
):
    factories.TrainingParticipantFactory.create_batch(count, training=training)
    factories.TrainingParticipantFactory(training=training, attended=False)

    # session, user, their permissions (own and groups'), the training, the participants
    # with their training, its modules
    with django_assert_num_queries(7):
        response = editor_client.get(f"/admin/trainings/training/{training.pk}/certificates.pdf")

    assert len(pdf_pages(response)) == count
    assert response["Content-Disposition"] == (
        'attachment; filename="certificates-case-management.pdf"'
    )


@pytest.mark.parametrize(
    ("attended", "starts_in_days"), [(False, -10), (True, 1)], ids=["absent", "to-come"]
)
def test_no_certificate_for_an_absent_participant_or_a_training_to_come(
    editor_client, training, attended, starts_in_days
):
    training.start_date = timezone.localdate() + timedelta(days=starts_in_days)
    training.end_date = None
    training.save()
    participant = factories.TrainingParticipantFactory(training=training, attended=attended)

    single = editor_client.get(f"{PARTICIPANTS}{participant.pk}/certificate.pdf", follow=True)
    whole = editor_client.get(
        f"/admin/trainings/training/{training.pk}/certificates.pdf", follow=True
    )

    assert single.redirect_chain == [(f"{PARTICIPANTS}{participant.pk}/change/", 302)]
    assert [str(m) for m in single.context["messages"]] == [
        "No certificate: this participant did not attend, or the training has not begun."
    ]
    assert whole.redirect_chain == [(f"/admin/trainings/training/{training.pk}/change/", 302)]
    assert [str(m) for m in whole.context["messages"]] == [
        "No certificate: nobody on this training's list attended, or the training has not begun."
    ]


def test_unknown_participant_has_no_certificate(editor_client):
    assert editor_client.get(f"{PARTICIPANTS}999999/certificate.pdf").status_code == 404
    assert editor_client.get(f"{PARTICIPANTS}abc/certificate.pdf").status_code == 404


@pytest.mark.parametrize(
    "codenames",
    [(), ("view_training",), ("view_trainingparticipant",)],
    ids=["no-permission", "trainings-only", "participants-only"],
)
def test_certificates_refused_to_staff_who_may_not_see_trainings_and_participants(
    staff_client_with, training, codenames
):
    participant = factories.TrainingParticipantFactory(training=training)
    client = staff_client_with(*codenames)

    single = client.get(f"{PARTICIPANTS}{participant.pk}/certificate.pdf")
    whole = client.get(f"/admin/trainings/training/{training.pk}/certificates.pdf")

    assert (single.status_code, whole.status_code) == (403, 403)


def test_certificates_refused_to_officers_and_visitors(client, training):
    participant = factories.TrainingParticipantFactory(training=training)
    membership = factories.OfficerMembershipFactory(municipality=training.municipality)
    officer = Client()
    officer.force_login(membership.user)

    for user_client in (officer, client):
        response = user_client.get(f"{PARTICIPANTS}{participant.pk}/certificate.pdf")
        assert (response.status_code, response["Location"]) == (
            302,
            f"/admin/login/?next={PARTICIPANTS}{participant.pk}/certificate.pdf",
        )


def test_participant_change_form_links_its_certificate_only_when_attended(editor_client, training):
    attended = factories.TrainingParticipantFactory(training=training)
    absent = factories.TrainingParticipantFactory(training=training, attended=False)

    with_link = editor_client.get(f"{PARTICIPANTS}{attended.pk}/change/").content.decode()
    without = editor_client.get(f"{PARTICIPANTS}{absent.pk}/change/").content.decode()

    assert with_link.count(f'href="{PARTICIPANTS}{attended.pk}/certificate.pdf"') == 2
    assert "certificate.pdf" not in without
    assert TrainingParticipant.objects.count() == 2
