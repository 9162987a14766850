"""The officer area seen by an officer: their cities, the private part of each, the
public profile form (recorded in the history), documents, and submissions."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from admin4all.admin_history import event_model_for
from admin4all.concurrency import VERSION_FIELD, version_token
from admin4all.models import Status
from admin4all.rich_text import MARKDOWN_HELP_TEXT
from municipalities.models import GoodPractice, Municipality, MunicipalityDocument
from tests import factories, samples
from tests.memory import allocation_peak_mb
from trainings.models import TrainingReport


@pytest.fixture
def city(db):
    return factories.MunicipalityFactory(name="Wrocław", slug="wroclaw")


@pytest.fixture
def other_city(db):
    """Another city whose private data must never show up for the officer."""
    return factories.MunicipalityFactory(name="Gdańsk", slug="gdansk")


@pytest.fixture
def officer(city):
    user = factories.UserFactory(first_name="Anna", last_name="Nowak")
    factories.OfficerMembershipFactory(user=user, municipality=city, job_title="Social services")
    return user


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def days(n: int):
    return timezone.localdate() + timedelta(days=n)


def stored_files(media_root: Path) -> list[Path]:
    """Every file under MEDIA_ROOT and the private storage beside it."""
    return [
        path
        for root in (media_root, media_root.parent / "private-media")
        for path in root.rglob("*")
        if path.is_file()
    ]


def seed_private_data(city, other_city, officer, count: int) -> None:
    """`count` items of every kind for the city, and the same for the other city."""
    for municipality in (city, other_city):
        for n in range(count):
            factories.MunicipalityContactFactory(municipality=municipality)
            training = factories.TrainingFactory(
                municipality=municipality, attendance_total=10 + n
            )
            factories.TrainingParticipantFactory(training=training)
            visit = factories.PeerVisitFactory(host=municipality, start_date=days(10 + n))
            visit.visitors.add(factories.MunicipalityFactory())
            factories.MunicipalityDocumentFactory(municipality=municipality, uploaded_by=officer)
            factories.GoodPracticeFactory(
                municipality=municipality, submitted_by=officer, review=True
            )
            factories.TrainingReportFactory(
                municipality=municipality, submitted_by=officer, review=True
            )


@pytest.mark.django_db
def test_dashboard_lists_cities_with_role(officer_client, officer, city, other_city):
    second = factories.MunicipalityFactory(name="Cluj-Napoca", slug="cluj-napoca")
    factories.OfficerMembershipFactory(user=officer, municipality=second)

    response = officer_client.get("/my/")

    assert [(m.name, m.job_title) for m in response.context["municipalities"]] == [
        ("Cluj-Napoca", ""),
        ("Wrocław", "Social services"),
    ]
    assert b"your role: Social services" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/it/my/", "/it/my/wroclaw/"])
def test_officer_pages_in_italian_say_only_parts_are_in_english(officer_client, city, url):
    # The country's name and the training's title have no Italian yet; the page's own
    # words are Italian, so it is not "not yet available in Italian".
    factories.TrainingFactory(municipality=city, title="Intercultural mediation")

    content = officer_client.get(url).content.decode()

    assert (
        "Alcune parti di questa pagina non sono ancora disponibili in italiano; sono "
        "mostrate in inglese."
    ) in content
    assert "Questa pagina non è ancora disponibile in italiano" not in content


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_query_count(officer_client, officer, django_assert_num_queries, count):
    for _ in range(count - 1):
        factories.OfficerMembershipFactory(user=officer)

    # session, user, municipalities with their country
    with django_assert_num_queries(3):
        response = officer_client.get("/my/")

    assert len(response.context["municipalities"]) == count


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_private_page_query_count(
    officer_client, officer, city, other_city, django_assert_num_queries, count
):
    seed_private_data(city, other_city, officer, count)

    # session, user, municipality, contacts, trainings and their participants, peer
    # visits and their visitors, documents, good practices, training reports
    with django_assert_num_queries(11):
        response = officer_client.get("/my/wroclaw/")

    assert len(response.context["documents"]) == count
    assert [len(t.participants.all()) for t in response.context["trainings"]] == [1] * count


@pytest.mark.django_db
def test_private_page_shows_only_own_city(officer_client, officer, city, other_city):
    seed_private_data(city, other_city, officer, 1)

    context = officer_client.get("/my/wroclaw/").context

    for name in [
        "contacts",
        "trainings",
        "documents",
        "good_practices",
        "training_reports",
    ]:
        assert [item.municipality for item in context[name]] == [city], name
    assert [visit.host for visit in context["peer_visits"]] == [city]


@pytest.mark.django_db
def test_private_page_shows_contacts(officer_client, city):
    factories.MunicipalityContactFactory(
        municipality=city,
        name="Ewa Kowalska",
        role="Head of social services",
        email="ewa@wroclaw.example",
        phone="+48 71 000 00 00",
    )

    content = officer_client.get("/my/wroclaw/").content.decode()

    assert "<h3>Ewa Kowalska</h3>" in content
    assert '<a href="mailto:ewa@wroclaw.example">ewa@wroclaw.example</a>' in content
    assert '<a href="tel:+48 71 000 00 00">+48 71 000 00 00</a>' in content


@pytest.mark.django_db
def test_private_page_shows_attendance_figures(officer_client, city):
    factories.TrainingFactory(
        municipality=city,
        title="Intercultural mediation",
        start_date=days(-40),
        attendance_total=20,
        attendance_women=12,
        attendance_men=8,
        attendance_other_gender=0,
        attendance_social_services=15,
    )

    content = officer_client.get("/my/wroclaw/").content.decode()

    row = content[content.index("Intercultural mediation") :].split("</tr>")[0]
    cells = [cell.split(">", 1)[1] for cell in row.split("<td")[1:]]
    # The figures, between the dates and the participant list.
    figures = [cell.split("<")[0] for cell in cells[1:-1]]
    assert figures == ["20", "12", "8", "0", "15", "—", "—", "—"]


@pytest.mark.django_db
def test_private_page_lists_participant_names_of_own_trainings_only(
    officer_client, city, other_city
):
    training = factories.TrainingFactory(municipality=city, title="Case management")
    factories.TrainingParticipantFactory(
        training=training, full_name="Zofia Nowak", email="zofia@wroclaw.example"
    )
    factories.TrainingParticipantFactory(training=training, full_name="Adam Kos", attended=False)
    factories.TrainingFactory(municipality=city, title="No list")
    factories.TrainingParticipantFactory(
        training=factories.TrainingFactory(municipality=other_city), full_name="Elsewhere Person"
    )

    response = officer_client.get("/my/wroclaw/")

    html = response.content.decode()
    assert [
        (t.title, [(p.full_name, p.attended) for p in t.participants.all()])
        for t in response.context["trainings"]
    ] == [
        ("Case management", [("Adam Kos", False), ("Zofia Nowak", True)]),
        ("No list", []),
    ]
    assert "<li>Adam Kos (did not attend)</li><li>Zofia Nowak</li>" in html
    assert "<summary>2 people</summary>" in html
    assert "zofia@wroclaw.example" not in html
    assert "Elsewhere Person" not in html


@pytest.mark.django_db
def test_private_page_lists_planned_peer_visits_only(officer_client, city, other_city):
    hosted = factories.PeerVisitFactory(host=city, title="Hosted", start_date=days(5))
    visiting = factories.PeerVisitFactory(host=other_city, title="Visiting", start_date=days(9))
    visiting.visitors.add(city)
    factories.PeerVisitFactory(host=city, title="Past", start_date=days(-30))
    factories.PeerVisitFactory(host=other_city, title="Elsewhere", start_date=days(7))

    context = officer_client.get("/my/wroclaw/").context

    assert list(context["peer_visits"]) == [hosted, visiting]


@pytest.mark.django_db
def test_profile_edit_saves_public_profile(officer_client, city):
    response = officer_client.post(
        "/my/wroclaw/profile/",
        {
            "profile": "Wrocław runs a one-stop shop for migrants.",
            "website": "www.wroclaw.pl",
            "contact_email": "migrants@wroclaw.example",
            VERSION_FIELD: version_token(city),
        },
        follow=True,
    )

    city.refresh_from_db()
    assert (city.profile, city.website, city.contact_email) == (
        "Wrocław runs a one-stop shop for migrants.",
        "https://www.wroclaw.pl",
        "migrants@wroclaw.example",
    )
    assert response.redirect_chain == [("/my/wroclaw/", 302)]
    assert [str(m) for m in response.context["messages"]] == ["The public profile was saved."]


@pytest.mark.django_db
def test_profile_edit_recorded_in_history_with_officer(officer_client, officer, city):
    officer_client.post(
        "/my/wroclaw/profile/",
        {
            "profile": "New profile.",
            "website": "",
            "contact_email": "",
            VERSION_FIELD: version_token(city),
        },
    )

    event = event_model_for(Municipality).objects.filter(pgh_obj_id=city.pk).latest("pgh_id")
    assert (event.pgh_label, event.profile) == ("update", "New profile.")
    assert event.pgh_context.metadata["user"] == officer.pk
    assert event.pgh_context.metadata["url"] == "/my/wroclaw/profile/"


@pytest.mark.django_db
def test_profile_edit_shown_in_admin_history_with_officer_name(
    officer_client, officer, city, editor_client
):
    officer_client.post(
        "/my/wroclaw/profile/",
        {
            "profile": "New profile.",
            "website": "",
            "contact_email": "",
            VERSION_FIELD: version_token(city),
        },
    )

    response = editor_client.get(f"/admin/municipalities/municipality/{city.pk}/history/")

    latest = response.context["versions"][0]
    assert (latest.user, [(c.label, c.after) for c in latest.changes]) == (
        officer,
        [("profile", "New profile.")],
    )


@pytest.mark.django_db
def test_profile_edit_invalid_email_changes_nothing(officer_client, city):
    response = officer_client.post(
        "/my/wroclaw/profile/",
        {
            "profile": "New profile.",
            "website": "",
            "contact_email": "not an address",
            VERSION_FIELD: version_token(city),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"contact_email": ["Enter a valid email address."]}
    city.refresh_from_db()
    assert city.profile == ""


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(samples.ALLOWED))
def test_document_upload_of_allowed_type_stored_and_downloadable(
    officer_client, officer, city, name
):
    content = samples.ALLOWED[name]

    response = officer_client.post(
        "/my/wroclaw/documents/new/",
        {"title": "Minutes", "file": SimpleUploadedFile(name, content)},
    )

    assert response.status_code == 302
    document = MunicipalityDocument.objects.get()
    assert (document.municipality, document.uploaded_by, document.file_name) == (
        city,
        officer,
        name,
    )
    download = officer_client.get(f"/my/documents/{document.pk}/")
    assert b"".join(download.streaming_content) == content
    assert download["Content-Disposition"] == f'attachment; filename="{name}"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_document_stored_outside_media_root(officer_client, media_root):
    officer_client.post(
        "/my/wroclaw/documents/new/",
        {"title": "Minutes", "file": SimpleUploadedFile("minutes.pdf", samples.PDF)},
    )

    document = MunicipalityDocument.objects.get()
    assert list(media_root.rglob("*")) == []
    assert [p.name for p in stored_files(media_root)] == [Path(document.file.name).name]
    assert document.file.name.startswith(f"municipalities/{document.municipality_id}/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("report.pdf", samples.EXECUTABLE, "The content of this file is not a valid PDF file."),
        ("report.pdf", samples.HTML, "The content of this file is not a valid PDF file."),
        ("report.pdf", samples.SVG, "The content of this file is not a valid PDF file."),
        (
            "report.pdf",
            samples.PDF_HTML_POLYGLOT,
            "The content of this file is not a valid PDF file.",
        ),
        (
            "report.pdf",
            samples.PDF_HTML_POLYGLOT_LATER,
            "The content of this file is not a valid PDF file.",
        ),
        ("page.html", samples.HTML, "This type of file is not accepted."),
        ("drawing.svg", samples.SVG, "This type of file is not accepted."),
    ],
)
def test_document_upload_refused_stores_nothing(officer_client, media_root, name, content, error):
    response = officer_client.post(
        "/my/wroclaw/documents/new/",
        {"title": "Minutes", "file": SimpleUploadedFile(name, content)},
    )

    assert response.status_code == 200
    [message] = response.context["form"].errors["file"]
    assert message.startswith(error)
    assert 'id="id_file_error"' in response.content.decode()
    assert MunicipalityDocument.objects.count() == 0
    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_document_zip_bomb_refused_without_unpacking(
    officer_client, media_root, docx_bomb, settings
):
    """Issue #16: a 300 KB docx whose "[Content_Types].xml" unpacks to 300 MB. The
    check used to read that part whole: the document was accepted and the request
    allocated over 600 MB. Its central directory now gives it away, unread."""
    settings.MAX_UPLOAD_UNPACKED_MB = 400  # so that the ratio is what refuses it
    officer_client.get("/my/wroclaw/documents/new/")  # the page's templates loaded

    with docx_bomb.open("rb") as upload:
        response, peak_mb = allocation_peak_mb(
            lambda: officer_client.post(
                "/my/wroclaw/documents/new/", {"title": "Minutes", "file": upload}
            )
        )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "file": [
            "This file is compressed far more than documents normally are: a part of it "
            "expands more than 100 times."
        ]
    }
    assert 'id="id_file_error"' in response.content.decode()
    assert MunicipalityDocument.objects.count() == 0
    assert stored_files(media_root) == []
    assert peak_mb < 200


@pytest.mark.django_db
def test_document_zip_bomb_refused_in_the_persons_language(client, officer, docx_bomb):
    client.force_login(officer)

    with docx_bomb.open("rb") as upload:
        response = client.post("/de/my/wroclaw/documents/new/", {"title": "X", "file": upload})

    assert response.context["form"].errors == {
        "file": ["Die Datei ist nach dem Entpacken zu groß: Die Obergrenze liegt bei 100 MB."]
    }


@pytest.mark.django_db
def test_document_upload_too_large_refused_stores_nothing(officer_client, settings, media_root):
    settings.MAX_UPLOAD_MB = 1

    response = officer_client.post(
        "/my/wroclaw/documents/new/",
        {"title": "Minutes", "file": SimpleUploadedFile("big.pdf", samples.PDF + b"0" * 2**20)},
    )

    assert response.context["form"].errors == {
        "file": ["The file is too large: the limit is 1 MB."]
    }
    assert MunicipalityDocument.objects.count() == 0
    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_good_practice_submitted_for_review(officer_client, officer, city):
    theme = factories.ThemeFactory(name="Housing")

    response = officer_client.post(
        "/my/wroclaw/good-practices/new/",
        {
            "title": "One desk for all services",
            "summary": "Migrants find every service at one desk.",
            "body": "How it works.",
            "themes": [theme.pk],
        },
    )

    practice = GoodPractice.objects.get()
    assert response["Location"] == f"/my/submissions/good-practice/{practice.pk}/"
    assert (practice.status, practice.published_at, practice.is_public) == (
        Status.REVIEW,
        None,
        False,
    )
    assert (practice.municipality, practice.submitted_by, practice.slug) == (
        city,
        officer,
        "one-desk-for-all-services",
    )
    assert list(practice.themes.all()) == [theme]


@pytest.mark.django_db
def test_profile_and_good_practice_forms_say_markdown_is_accepted(officer_client):
    profile = officer_client.get("/my/wroclaw/profile/")
    practice = officer_client.get("/my/wroclaw/good-practices/new/")

    assert str(profile.context["form"].fields["profile"].help_text) == (
        f"Shown on the city's public page. {MARKDOWN_HELP_TEXT}"
    )
    assert practice.context["form"].fields["body"].help_text == MARKDOWN_HELP_TEXT
    assert "[link text](https://…)" in practice.content.decode()


@pytest.mark.django_db
def test_good_practice_slug_made_unique(officer_client):
    factories.GoodPracticeFactory(slug="shared-desk")

    officer_client.post(
        "/my/wroclaw/good-practices/new/", {"title": "Shared desk", "summary": "", "body": "x"}
    )

    assert GoodPractice.objects.get(title="Shared desk").slug == "shared-desk-2"


@pytest.mark.django_db
def test_submission_not_public_until_published(officer_client, client):
    officer_client.post(
        "/my/wroclaw/good-practices/new/", {"title": "Shared desk", "summary": "", "body": "x"}
    )
    client.logout()

    assert client.get("/good-practices/shared-desk/").status_code == 404


@pytest.mark.django_db
def test_training_report_submitted_with_attachment(officer_client, officer, city):
    training = factories.TrainingFactory(municipality=city)

    officer_client.post(
        "/my/wroclaw/training-reports/new/",
        {
            "title": "Spring training",
            "training": training.pk,
            "body": "Forty people came.",
            "attachment": SimpleUploadedFile("figures.xlsx", samples.ooxml("xlsx")),
        },
    )

    report = TrainingReport.objects.get()
    assert (report.status, report.training, report.submitted_by, report.attachment_name) == (
        Status.REVIEW,
        training,
        officer,
        "figures.xlsx",
    )
    download = officer_client.get(f"/my/submissions/training-report/{report.pk}/attachment/")
    assert b"".join(download.streaming_content) == samples.ooxml("xlsx")


@pytest.mark.django_db
def test_training_report_with_bad_attachment_stores_nothing(officer_client, media_root):
    response = officer_client.post(
        "/my/wroclaw/training-reports/new/",
        {
            "title": "Spring training",
            "training": "",
            "body": "Forty people came.",
            "attachment": SimpleUploadedFile("figures.pdf", samples.HTML),
        },
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["attachment"]
    assert TrainingReport.objects.count() == 0
    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_training_report_with_zip_bomb_attachment_stores_nothing(
    officer_client, media_root, docx_bomb
):
    officer_client.get("/my/wroclaw/training-reports/new/")  # the page's templates loaded

    with docx_bomb.open("rb") as upload:
        response, peak_mb = allocation_peak_mb(
            lambda: officer_client.post(
                "/my/wroclaw/training-reports/new/",
                {"title": "Spring training", "body": "Forty came.", "attachment": upload},
            )
        )

    assert response.status_code == 200
    assert response.context["form"].errors["attachment"] == [
        "The file is too large once uncompressed: the limit is 100 MB."
    ]
    assert TrainingReport.objects.count() == 0
    assert stored_files(media_root) == []
    assert peak_mb < 200


@pytest.mark.django_db
def test_report_without_attachment_download_not_found(officer_client, officer, city):
    report = factories.TrainingReportFactory(municipality=city, submitted_by=officer)

    response = officer_client.get(f"/my/submissions/training-report/{report.pk}/attachment/")

    assert response.status_code == 404


@pytest.mark.django_db
def test_city_page_shows_submission_status_and_comment(officer_client, officer, city):
    factories.GoodPracticeFactory(
        municipality=city, submitted_by=officer, title="Under review", review=True
    )
    factories.GoodPracticeFactory(
        municipality=city,
        submitted_by=officer,
        title="Returned",
        draft=True,
        review_comment="Please name the services involved.",
    )
    factories.GoodPracticeFactory(municipality=city, title="Written by staff", draft=True)

    response = officer_client.get("/my/wroclaw/")
    content = response.content.decode()

    assert [p.title for p in response.context["good_practices"]] == ["Returned", "Under review"]
    assert '<span class="badge">Awaiting review</span>' in content
    assert "Returned with a comment: Please name the services involved." in content


@pytest.mark.django_db
def test_submission_detail_shows_status_and_comment(officer_client, officer, city):
    practice = factories.GoodPracticeFactory(
        municipality=city,
        submitted_by=officer,
        draft=True,
        review_comment="Please name the services involved.",
    )

    response = officer_client.get(f"/my/submissions/good-practice/{practice.pk}/")
    content = response.content.decode()

    assert "<dd>Draft (returned to you)</dd>" in content
    assert "<p>Please name the services involved.</p>" in content
    assert f'href="/my/submissions/good-practice/{practice.pk}/edit/"' in content


@pytest.mark.django_db
def test_submission_detail_shows_a_good_practice_body_as_its_public_page_will(
    officer_client, officer, city
):
    practice = factories.GoodPracticeFactory(
        municipality=city, submitted_by=officer, review=True, body="# Steps\n\n**One** desk"
    )

    response = officer_client.get(f"/my/submissions/good-practice/{practice.pk}/")

    # One level below the page's "Content" heading.
    assert "<h3>Steps</h3>\n<p><strong>One</strong> desk</p>" in response.content.decode()


@pytest.mark.django_db
def test_returned_submission_changed_and_sent_again(officer_client, officer, city):
    practice = factories.GoodPracticeFactory(
        municipality=city, submitted_by=officer, draft=True, review_comment="Add details."
    )

    response = officer_client.post(
        f"/my/submissions/good-practice/{practice.pk}/edit/",
        {"title": "With details", "summary": "", "body": "Details."},
    )

    assert response.status_code == 302
    practice.refresh_from_db()
    assert (practice.title, practice.body, practice.status) == (
        "With details",
        "Details.",
        Status.REVIEW,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("trait", ["review", "published"])
def test_submission_awaiting_review_or_published_not_editable(
    officer_client, officer, city, trait
):
    traits = {"review": {"review": True}, "published": {}}[trait]
    practice = factories.GoodPracticeFactory(
        municipality=city, submitted_by=officer, title="Kept", **traits
    )
    url = f"/my/submissions/good-practice/{practice.pk}/"

    get = officer_client.get(url + "edit/")
    post = officer_client.post(url + "edit/", {"title": "Changed", "summary": "", "body": "x"})

    assert (get.status_code, get["Location"]) == (302, url)
    assert (post.status_code, post["Location"]) == (302, url)
    practice.refresh_from_db()
    assert practice.title == "Kept"


@pytest.mark.django_db
def test_training_report_form_in_italian_says_the_attachment_is_optional_in_italian(
    officer_client,
):
    response = officer_client.get("/it/my/wroclaw/training-reports/new/")

    help_text = str(response.context["form"].fields["attachment"].help_text)
    assert help_text.startswith("Facoltativo. Tipi accettati: PDF")
