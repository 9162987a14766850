"""Training participant lists: one name (and one email) per training, attendance
figures filled from a list, spreadsheets of participants, and never a name in public."""

import pytest
import tablib
from django.db import IntegrityError
from django.test import Client

from admin4all.admin_history import event_model_for
from api.open_data import TABLES
from tests import factories
from tests.admin4all.test_import_export import (
    admin_url,
    confirm,
    errors_by_row,
    export,
    load,
    preview,
)
from tests.public_pages import public_pages
from trainings.models import Training, TrainingParticipant
from trainings.services import training_attendance_fill

pytestmark = pytest.mark.django_db

Gender = TrainingParticipant.Gender
Service = TrainingParticipant.Service
CHANGELIST = "/admin/trainings/training/"


def figures(training: Training) -> list[int | None]:
    training.refresh_from_db()
    return [
        training.attendance_total,
        training.attendance_women,
        training.attendance_men,
        training.attendance_other_gender,
        training.attendance_social_services,
        training.attendance_immigration_office,
        training.attendance_employment_services,
        training.attendance_other_services,
    ]


@pytest.fixture
def training(db):
    return factories.TrainingFactory(
        slug="case-management", title="Case management", start_date="2019-05-06"
    )


def test_participant_name_listed_once_per_training_ignoring_case(training):
    factories.TrainingParticipantFactory(training=training, full_name="Ewa Nowak")
    factories.TrainingParticipantFactory(full_name="Ewa Nowak")  # another training

    with pytest.raises(IntegrityError):
        factories.TrainingParticipantFactory(training=training, full_name="EWA NOWAK")


def test_participant_email_listed_once_per_training_but_may_be_empty(training):
    factories.TrainingParticipantFactory(training=training, email="")
    factories.TrainingParticipantFactory(training=training, email="")
    factories.TrainingParticipantFactory(training=training, email="ewa@example.org")

    with pytest.raises(IntegrityError):
        factories.TrainingParticipantFactory(training=training, email="ewa@example.org")


def _list(training, *people):
    for gender, service, attended in people:
        factories.TrainingParticipantFactory(
            training=training, gender=gender, service=service, attended=attended
        )


def test_attendance_filled_from_those_who_attended_by_gender_and_service(training):
    _list(
        training,
        (Gender.WOMAN, Service.SOCIAL_SERVICES, True),
        (Gender.WOMAN, Service.IMMIGRATION_OFFICE, True),
        (Gender.MAN, Service.SOCIAL_SERVICES, True),
        (Gender.OTHER, Service.OTHER, True),
        (Gender.MAN, Service.EMPLOYMENT_SERVICES, False),
    )

    [fill] = training_attendance_fill(trainings=Training.objects.all())

    assert (fill.total, fill.has_gender, fill.has_service) == (4, True, True)
    assert figures(training) == [4, 2, 1, 1, 2, 1, 0, 1]


def test_attendance_breakdown_left_empty_when_a_category_is_not_recorded(training):
    training.attendance_women = None
    _list(
        training,
        (Gender.WOMAN, Service.SOCIAL_SERVICES, True),
        (Gender.WOMAN, "", True),
        ("", "", False),  # did not attend: not needed
    )

    [fill] = training_attendance_fill(trainings=Training.objects.all())

    assert (fill.has_gender, fill.has_service) == (True, False)
    assert figures(training) == [2, 2, 0, 0, None, None, None, None]


def test_fill_attendance_action_fills_listed_trainings_and_leaves_the_others(
    editor_client, editor, training
):
    _list(training, (Gender.WOMAN, "", True), (Gender.MAN, Service.OTHER, True))
    unlisted = factories.TrainingFactory(attendance_total=12)

    response = editor_client.post(
        CHANGELIST,
        {"action": "fill_attendance", "_selected_action": [training.pk, unlisted.pk]},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Attendance filled from the participant list of 1 training.",
        "1 training has no participant list and was left as it was.",
        "Case management: the service breakdown was left empty, since someone who attended "
        "has no service recorded.",
    ]
    assert figures(training) == [2, 1, 1, 0, None, None, None, None]
    assert figures(unlisted) == [12, None, None, None, None, None, None, None]
    history = event_model_for(Training).objects.filter(pgh_obj=training, pgh_label="update")
    assert [event.pgh_context.metadata["user"] for event in history] == [editor.pk]


def test_viewer_cannot_fill_attendance(viewer_client, training):
    _list(training, (Gender.WOMAN, Service.OTHER, True))

    viewer_client.post(
        CHANGELIST, {"action": "fill_attendance", "_selected_action": [training.pk]}
    )

    assert figures(training) == [None] * 8


def test_training_change_form_lists_participants_with_certificate_links(editor_client, training):
    attended = factories.TrainingParticipantFactory(training=training, full_name="Ewa Nowak")
    factories.TrainingParticipantFactory(training=training, full_name="Adam Kos", attended=False)

    response = editor_client.get(f"{CHANGELIST}{training.pk}/change/")

    formset = response.context["inline_admin_formsets"][0]
    assert [form.instance.full_name for form in formset.formset.forms] == [
        "Adam Kos",
        "Ewa Nowak",
    ]
    html = response.content.decode()
    assert html.count("/certificate.pdf") == 1
    assert f'href="/admin/trainings/trainingparticipant/{attended.pk}/certificate.pdf"' in html
    assert f'href="/admin/trainings/training/{training.pk}/certificates.pdf"' in html
    assert (
        f'href="/admin/trainings/trainingparticipant/?training__id__exact={training.pk}"' in html
    )


def test_participant_changelist_filters_by_attendance_and_gender(editor_client, training):
    factories.TrainingParticipantFactory(training=training, full_name="Ewa", gender=Gender.WOMAN)
    factories.TrainingParticipantFactory(
        training=training, full_name="Ola", gender=Gender.WOMAN, attended=False
    )
    factories.TrainingParticipantFactory(training=training, full_name="Jan", gender=Gender.MAN)

    response = editor_client.get(
        "/admin/trainings/trainingparticipant/?attended__exact=1&gender__exact=woman"
    )

    assert [p.full_name for p in response.context["cl"].result_list] == ["Ewa"]


# Spreadsheets

HEADER = "training,full_name,email,gender,service,organisation,attended"


def csv_file(*rows):
    return "\n".join([HEADER, *rows]).encode()


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_participants_round_trip_through_export_and_import(editor_client, training, extension):
    factories.TrainingParticipantFactory(
        training=training, full_name="Ewa Nowak", email="ewa@example.org", gender=Gender.WOMAN
    )
    factories.TrainingParticipantFactory(
        training=training, full_name="Jan Kos", service=Service.SOCIAL_SERVICES
    )

    exported = export(editor_client, TrainingParticipant, extension)
    dataset = load(exported.content, extension)
    rows = [list(values) for values in dataset]
    column = {name: index for index, name in enumerate(dataset.headers)}
    changed = next(values for values in rows if values[column["full_name"]] == "Jan Kos")
    changed[column["gender"]] = "man"
    changed[column["attended"]] = 0
    edited = tablib.Dataset(*rows, headers=dataset.headers).export(extension)
    edited = edited.encode() if isinstance(edited, str) else edited
    page = preview(editor_client, TrainingParticipant, f"participants.{extension}", edited)
    done = confirm(editor_client, TrainingParticipant, page)

    assert dataset.headers == HEADER.split(",")
    assert sorted((r.import_type, r.object_repr) for r in page.context["result"].rows) == [
        ("skip", "Ewa Nowak"),
        ("update", "Jan Kos"),
    ]
    assert [str(m) for m in done.context["messages"]] == [
        "Import finished: 0 new, 1 updated, 0 deleted and 1 skipped training participants."
    ]
    assert list(
        TrainingParticipant.objects.values_list("full_name", "email", "gender", "attended")
    ) == [
        ("Ewa Nowak", "ewa@example.org", "woman", True),
        ("Jan Kos", "", "man", False),
    ]


def test_import_finds_participant_by_email_and_corrects_the_name(editor_client, training):
    factories.TrainingParticipantFactory(
        training=training, full_name="Ewa Nowk", email="ewa@example.org"
    )
    content = csv_file(
        "case-management,Ewa Nowak,EWA@example.org,woman,social_services,City of Wrocław,1",
        "case-management,Jan Kos,,,,,",
    )

    page = preview(editor_client, TrainingParticipant, "participants.csv", content)
    confirm(editor_client, TrainingParticipant, page)

    assert list(
        TrainingParticipant.objects.values_list(
            "full_name", "email", "gender", "service", "organisation", "attended"
        )
    ) == [
        ("Ewa Nowak", "EWA@example.org", "woman", "social_services", "City of Wrocław", True),
        ("Jan Kos", "", "", "", "", True),
    ]


@pytest.mark.parametrize(
    ("third_row", "errors"),
    [
        (
            "no-such-training,Jan Kos,,man,,,1",
            {"training": ["No single training has the slug “no-such-training”."]},
        ),
        (
            "case-management,Jan Kos,,male,,,1",
            {"gender": ["Value 'male' is not a valid choice."]},
        ),
        (
            "case-management,Jan Kos,,man,,,ja",
            {"attended": ["“ja” is neither yes nor no: write 1 for yes, 0 for no."]},
        ),
        (
            "case-management,Jan Kos,jan(at)example.org,,,,1",
            {"email": ["Enter a valid email address."]},
        ),
    ],
    ids=["unknown-training", "bad-gender", "bad-yes-no", "bad-email"],
)
def test_import_bad_third_row_reported_by_column_and_nothing_written(
    editor_client, training, third_row, errors
):
    content = csv_file(
        "case-management,Ewa Nowak,,woman,,,1", "case-management,Ola Lis,,,,,0", third_row
    )

    response = preview(editor_client, TrainingParticipant, "participants.csv", content)

    assert errors_by_row(response) == [(3, errors)]
    assert "confirm_form" not in response.context
    assert list(TrainingParticipant.objects.all()) == []


def test_participant_template_lists_columns_and_choices(editor_client):
    response = editor_client.get(
        admin_url(TrainingParticipant, "import_template", extension="csv")
    )

    [example] = load(response.content, "csv").dict
    assert example == {
        "training": "slug of the training (required)",
        "full_name": "full name (required)",
        "email": "email address",
        "gender": "one of: woman, man, other",
        "service": "one of: social_services, immigration_office, employment_services, other",
        "organisation": "organisation or department",
        "attended": "1 for yes, 0 for no",
    }


def test_viewer_exports_participants_but_cannot_import(viewer_client, training):
    factories.TrainingParticipantFactory(training=training, full_name="Ewa Nowak")

    exported = export(viewer_client, TrainingParticipant, "csv")
    refused = preview(
        viewer_client,
        TrainingParticipant,
        "participants.csv",
        csv_file("case-management,Jan Kos,,,,,1"),
    )

    assert [row["full_name"] for row in load(exported.content, "csv").dict] == ["Ewa Nowak"]
    assert refused.status_code == 403
    assert TrainingParticipant.objects.count() == 1


# Never public

NAME, EMAIL = "Wiesława Participantka", "wieslawa.participant@example.org"


def test_participants_in_no_public_page_download_or_api(client):
    training = factories.TrainingFactory(
        title="Public training", start_date="2019-05-06", attendance_total=1
    )
    factories.ParticipationFactory(municipality=training.municipality, phase=training.phase)
    factories.TrainingParticipantFactory(training=training, full_name=NAME, email=EMAIL)
    api = Client()
    urls = [path for path, _status in public_pages()]
    # Search pages repeat the query: the training's title is searched for.
    urls += ["/search/?q=Public+training", "/api/v1/openapi.json"]
    urls += list(api.get("/api/v1/").json().values())
    urls += [
        f"/open-data/{table}.{extension}" for table in TABLES for extension in ("csv", "json")
    ]

    bodies = {url: b"".join(client.get(url)) for url in urls}

    assert training.get_absolute_url() in urls
    assert [url for url, body in bodies.items() if b"Wies" in body or b"wieslawa" in body] == []
