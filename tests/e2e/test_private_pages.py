"""The account pages (allauth) and the officer area are accessible and valid like the
public pages: axe-core's WCAG 2.1 AA checks in a real browser after a real login, and
the Nu HTML Checker on every page, with and without form errors."""

import pytest
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories, samples
from tests.e2e.conftest import axe_violations, html_errors

PASSWORD = "a-Long-and-unusual-passphrase-42"
VISITOR_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/invitation/valid-token/",
    "/accounts/invitation/used-token/",
    "/accounts/invitation/unknown-token/",
]


def seed_officer_world() -> dict:
    """An officer of Wrocław with something in every section of the private page."""
    city = factories.MunicipalityFactory(name="Wrocław", slug="wroclaw")
    officer = factories.UserFactory(email="officer@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=officer, email=officer.email, verified=True, primary=True)
    factories.OfficerMembershipFactory(user=officer, municipality=city, job_title="Mediator")
    factories.MunicipalityContactFactory(
        municipality=city, email="ewa@wroclaw.example", phone="+48 71 000", notes="Notes."
    )
    training = factories.TrainingFactory(municipality=city, attendance_total=3, attendance_women=2)
    factories.TrainingParticipantFactory(training=training, full_name="Zofia Nowak")
    factories.TrainingParticipantFactory(training=training, full_name="Adam Kos", attended=False)
    visit = factories.PeerVisitFactory(host=city)
    visit.visitors.add(factories.MunicipalityFactory())
    factories.MunicipalityDocumentFactory(municipality=city, uploaded_by=officer)
    practice = factories.GoodPracticeFactory(
        municipality=city, submitted_by=officer, draft=True, review_comment="Add details."
    )
    report = factories.TrainingReportFactory(
        municipality=city,
        submitted_by=officer,
        review=True,
        attachment=SimpleUploadedFile("figures.pdf", samples.PDF),
    )
    factories.OfficerInvitationFactory(municipality=city, token="valid-token")
    factories.OfficerInvitationFactory(municipality=city, token="used-token", accepted=True)
    return {
        "officer pages": [
            "/my/",
            "/my/wroclaw/",
            "/my/wroclaw/profile/",
            "/my/wroclaw/documents/new/",
            "/my/wroclaw/good-practices/new/",
            "/my/wroclaw/training-reports/new/",
            f"/my/submissions/good-practice/{practice.pk}/",
            f"/my/submissions/good-practice/{practice.pk}/edit/",
            f"/my/submissions/training-report/{report.pk}/",
            "/accounts/email/",
            "/accounts/password/change/",
            "/accounts/2fa/",
            "/accounts/logout/",
        ],
    }


@pytest.mark.e2e
def test_private_pages_pass_axe(page, transactional_db):
    urls = seed_officer_world()["officer pages"]
    problems = {}

    def check(url, found):
        found += [f"console: {error}" for error in page.watch.console_errors]
        found += [f"foreign request: {request}" for request in page.watch.foreign_requests]
        page.watch.console_errors.clear()
        page.watch.foreign_requests.clear()
        if found:
            problems[url] = found

    for url in VISITOR_PAGES:
        response = page.goto(url)
        if response.status in (404, 410):  # refused invitations: the browser logs it
            page.watch.console_errors.remove(
                "Failed to load resource: the server responded with a status of "
                f"{response.status} ({response.status_text})"
            )
        check(url, axe_violations(page))
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("officer@example.org")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Log in").click()
    check("login with errors", axe_violations(page))
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/my/")
    for url in urls:
        page.goto(url)
        check(url, axe_violations(page))
    page.goto("/my/wroclaw/profile/")
    page.get_by_label("Public contact email").fill("not an address")
    page.get_by_role("button", name="Save the profile").click()
    check("profile form with errors", axe_violations(page))

    assert problems == {}


@pytest.mark.django_db
def test_private_pages_are_valid_html(client, tmp_path):
    urls = seed_officer_world()["officer pages"]
    responses = {url: client.get(url) for url in VISITOR_PAGES}
    responses["login with errors"] = client.post(
        "/accounts/login/", {"login": "officer@example.org", "password": "wrong"}
    )
    responses["invitation with errors"] = client.post(
        "/accounts/invitation/valid-token/", {"new_password1": "1", "new_password2": "2"}
    )
    client.post("/accounts/login/", {"login": "officer@example.org", "password": PASSWORD})
    responses |= {url: client.get(url) for url in urls}
    responses["upload with errors"] = client.post(
        "/my/wroclaw/documents/new/",
        {"title": "", "file": SimpleUploadedFile("page.pdf", samples.HTML)},
    )
    responses["password change with errors"] = client.post(
        "/accounts/password/change/", {"oldpassword": "wrong"}
    )
    pages = {url: response.content for url, response in responses.items()}

    assert html_errors(pages, tmp_path) == []
