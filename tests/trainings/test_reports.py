"""Training reports and the review of what officers submit: staff filter what awaits
review, publish it or return it with a comment the officer receives; private files are
downloaded in the admin only by staff allowed to see them."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from admin4all.admin_history import event_model_for
from admin4all.models import Status
from municipalities.models import GoodPractice, MunicipalityDocument
from tests import factories, samples
from trainings.models import TrainingReport

REPORTS_URL = "/admin/trainings/trainingreport/"
SUBMISSION_ADMIN = {
    TrainingReport: (REPORTS_URL, factories.TrainingReportFactory, "training-report"),
    GoodPractice: (
        "/admin/municipalities/goodpractice/",
        factories.GoodPracticeFactory,
        "good-practice",
    ),
}


@pytest.fixture
def officer(db):
    return factories.UserFactory(email="officer@example.org")


@pytest.mark.django_db
def test_report_training_must_belong_to_same_municipality():
    report = factories.TrainingReportFactory.build(
        municipality=factories.MunicipalityFactory(),
        training=factories.TrainingFactory(),
    )

    with pytest.raises(ValidationError) as error:
        report.full_clean()

    assert error.value.message_dict == {
        "training": ["This training was held for another municipality."]
    }


@pytest.mark.django_db
def test_report_training_of_same_municipality_accepted():
    training = factories.TrainingFactory()
    report = factories.TrainingReportFactory.build(
        municipality=training.municipality, training=training
    )

    assert report.full_clean() is None


@pytest.mark.django_db
def test_admin_rejects_report_for_other_citys_training(editor_client):
    training = factories.TrainingFactory()
    other_city = factories.MunicipalityFactory()

    response = editor_client.post(
        f"{REPORTS_URL}add/",
        {
            "title": "Report",
            "municipality": other_city.pk,
            "training": training.pk,
            "body": "Text.",
            "status": Status.DRAFT,
            "review_comment": "",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "training": ["This training was held for another municipality."]
    }
    assert TrainingReport.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("model", [TrainingReport, GoodPractice], ids=lambda m: m.__name__)
def test_awaiting_review_filter_lists_submissions_to_review(editor_client, model):
    url, factory, _ = SUBMISSION_ADMIN[model]
    awaiting = factory(review=True)
    factory(draft=True)
    factory()

    response = editor_client.get(url, {"status__exact": Status.REVIEW})

    assert list(response.context["cl"].result_list) == [awaiting]
    assert b"awaiting review" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("model", [TrainingReport, GoodPractice], ids=lambda m: m.__name__)
def test_return_action_asks_for_comment_first(editor_client, officer, model):
    url, factory, _ = SUBMISSION_ADMIN[model]
    submission = factory(review=True, submitted_by=officer)

    response = editor_client.post(
        url, {"action": "return_to_submitter", "_selected_action": [submission.pk]}
    )

    assert response.status_code == 200
    assert response.template_name == "admin/municipalities/submission_return.html"
    assert response.context["awaiting"] == [submission]
    submission.refresh_from_db()
    assert submission.status == Status.REVIEW
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize("model", [TrainingReport, GoodPractice], ids=lambda m: m.__name__)
def test_return_action_needs_a_comment(editor_client, officer, model):
    url, factory, _ = SUBMISSION_ADMIN[model]
    submission = factory(review=True, submitted_by=officer)

    response = editor_client.post(
        url,
        {
            "action": "return_to_submitter",
            "_selected_action": [submission.pk],
            "comment": "",
            "apply": "1",
        },
    )

    assert response.context["form"].errors == {"comment": ["This field is required."]}
    submission.refresh_from_db()
    assert submission.status == Status.REVIEW


@pytest.mark.django_db
@pytest.mark.parametrize("model", [TrainingReport, GoodPractice], ids=lambda m: m.__name__)
def test_return_action_sends_back_with_comment(editor_client, editor, officer, model):
    url, factory, kind = SUBMISSION_ADMIN[model]
    submission = factory(review=True, submitted_by=officer, title="Spring work")
    published = factory(submitted_by=officer)

    response = editor_client.post(
        url,
        {
            "action": "return_to_submitter",
            "_selected_action": [submission.pk, published.pk],
            "comment": "Please add the attendance figures.",
            "apply": "1",
        },
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == ["1 item returned to its submitter."]
    submission.refresh_from_db()
    assert (submission.status, submission.review_comment) == (
        Status.DRAFT,
        "Please add the attendance figures.",
    )
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED
    [message] = mail.outbox
    assert message.to == ["officer@example.org"]
    assert message.subject == "[ADMin4ALL] Your submission “Spring work” needs changes"
    assert "Please add the attendance figures." in message.body
    assert re.findall(r"http://testserver(\S+)", message.body) == [
        f"/my/submissions/{kind}/{submission.pk}/"
    ]
    history = event_model_for(model).objects.filter(pgh_obj_id=submission.pk).latest("pgh_id")
    assert history.pgh_context.metadata["user"] == editor.pk


@pytest.mark.django_db
@pytest.mark.parametrize("model", [TrainingReport, GoodPractice], ids=lambda m: m.__name__)
def test_return_action_emails_submitter_in_their_language(editor_client, model):
    url, factory, kind = SUBMISSION_ADMIN[model]
    officer = factories.UserFactory(email="officer@graz.example", language="de")
    submission = factory(review=True, submitted_by=officer, title="Frühjahr")

    editor_client.post(
        url,
        {
            "action": "return_to_submitter",
            "_selected_action": [submission.pk],
            "comment": "Bitte die Teilnehmerzahlen ergänzen.",
            "apply": "1",
        },
    )

    [message] = mail.outbox
    assert message.subject == "[ADMin4ALL] Ihre Einreichung „Frühjahr“ muss überarbeitet werden"
    assert message.body.startswith("Guten Tag,\n")
    assert "Hier können Sie die Einreichung ändern und erneut zur Prüfung senden:" in (
        message.body
    )
    assert re.findall(r"http://testserver(\S+)", message.body) == [
        f"/de/my/submissions/{kind}/{submission.pk}/"
    ]


@pytest.mark.django_db
def test_return_email_names_the_city_in_the_submitters_language(editor_client):
    url, factory, _kind = SUBMISSION_ADMIN[GoodPractice]
    officer = factories.UserFactory(email="officer@milano.example", language="it")
    milan = factories.MunicipalityFactory(
        name="Milan", native_name="Milano", country__iso_code="IT"
    )
    factory(review=True, submitted_by=officer, municipality=milan, title="Sportello unico")

    editor_client.post(
        url,
        {
            "action": "return_to_submitter",
            "_selected_action": [GoodPractice.objects.get().pk],
            "comment": "Aggiunga i dettagli.",
            "apply": "1",
        },
    )

    [message] = mail.outbox
    assert "«Sportello unico» (Milano)" in message.body


@pytest.mark.django_db
def test_return_action_without_submissions_to_review_warns(editor_client):
    published = factories.TrainingReportFactory()

    response = editor_client.post(
        REPORTS_URL,
        {"action": "return_to_submitter", "_selected_action": [published.pk]},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "None of the selected items is awaiting review."
    ]


@pytest.mark.django_db
def test_return_action_refused_to_viewer(viewer_client, officer):
    report = factories.TrainingReportFactory(review=True, submitted_by=officer)

    viewer_client.post(
        REPORTS_URL,
        {
            "action": "return_to_submitter",
            "_selected_action": [report.pk],
            "comment": "No.",
            "apply": "1",
        },
    )

    report.refresh_from_db()
    assert report.status == Status.REVIEW
    assert mail.outbox == []


@pytest.mark.django_db
def test_publish_action_accepts_report(editor_client, officer):
    report = factories.TrainingReportFactory(review=True, submitted_by=officer)

    editor_client.post(REPORTS_URL, {"action": "publish", "_selected_action": [report.pk]})

    report.refresh_from_db()
    assert report.status == Status.PUBLISHED


@pytest.mark.django_db
def test_review_round_trip_seen_by_officer(client, editor_client, officer):
    city = factories.MunicipalityFactory(slug="cluj-napoca")
    factories.OfficerMembershipFactory(user=officer, municipality=city)
    client.force_login(officer)
    client.post(
        "/my/cluj-napoca/training-reports/new/",
        {"title": "Spring training", "training": "", "body": "Forty people came."},
    )
    report = TrainingReport.objects.get()
    editor_client.post(
        REPORTS_URL,
        {
            "action": "return_to_submitter",
            "_selected_action": [report.pk],
            "comment": "Add the figures by service.",
            "apply": "1",
        },
    )

    returned = client.get(f"/my/submissions/training-report/{report.pk}/")
    client.post(
        f"/my/submissions/training-report/{report.pk}/edit/",
        {"title": "Spring training", "training": "", "body": "Forty: 30 social services."},
    )
    editor_client.post(REPORTS_URL, {"action": "publish", "_selected_action": [report.pk]})
    published = client.get(f"/my/submissions/training-report/{report.pk}/")

    assert "<dd>Draft (returned to you)</dd>" in returned.content.decode()
    assert "<p>Add the figures by service.</p>" in returned.content.decode()
    assert "<dd>Published</dd>" in published.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("client_fixture", ["editor_client", "viewer_client"])
def test_admin_downloads_report_attachment(request, client_fixture):
    report = factories.TrainingReportFactory(
        attachment=SimpleUploadedFile("figures.csv", samples.CSV)
    )

    response = request.getfixturevalue(client_fixture).get(f"{REPORTS_URL}{report.pk}/download/")

    assert b"".join(response.streaming_content) == samples.CSV
    assert response["Content-Disposition"] == 'attachment; filename="figures.csv"'


@pytest.mark.django_db
def test_admin_change_page_links_private_download(editor_client):
    report = factories.TrainingReportFactory(
        attachment=SimpleUploadedFile("figures.csv", samples.CSV)
    )

    response = editor_client.get(f"{REPORTS_URL}{report.pk}/change/")

    assert response.status_code == 200
    assert (
        f'<a href="{REPORTS_URL}{report.pk}/download/">figures.csv</a>'
        in response.content.decode()
    )


@pytest.mark.django_db
def test_admin_download_refused_to_officer(client, officer):
    document = factories.MunicipalityDocumentFactory()
    factories.OfficerMembershipFactory(user=officer, municipality=document.municipality)
    client.force_login(officer)

    response = client.get(f"/admin/municipalities/municipalitydocument/{document.pk}/download/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_admin_document_upload_checked(editor_client, editor, media_root):
    city = factories.MunicipalityFactory()
    url = "/admin/municipalities/municipalitydocument/add/"

    refused = editor_client.post(
        url,
        {
            "municipality": city.pk,
            "title": "Minutes",
            "file": SimpleUploadedFile("minutes.pdf", samples.HTML),
        },
    )
    accepted = editor_client.post(
        url,
        {
            "municipality": city.pk,
            "title": "Minutes",
            "file": SimpleUploadedFile("minutes.pdf", samples.PDF),
        },
    )

    assert refused.status_code == 200
    assert list(refused.context["adminform"].form.errors) == ["file"]
    assert accepted.status_code == 302
    document = MunicipalityDocument.objects.get()
    assert (document.uploaded_by, document.file_name) == (editor, "minutes.pdf")
    assert list(media_root.rglob("*")) == []


@pytest.mark.django_db
def test_admin_document_zip_bomb_refused(editor_client, docx_bomb):
    with docx_bomb.open("rb") as upload:
        response = editor_client.post(
            "/admin/municipalities/municipalitydocument/add/",
            {"municipality": factories.MunicipalityFactory().pk, "title": "X", "file": upload},
        )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "file": ["The file is too large once uncompressed: the limit is 100 MB."]
    }
    assert not MunicipalityDocument.objects.exists()
