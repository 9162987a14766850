"""allauth's pages in the site's layout, accessible like the others; the account menu."""

from html.parser import HTMLParser

import pytest

from tests.accounts.conftest import PASSWORD
from tests.factories import OfficerMembershipFactory


class PageStructure(HTMLParser):
    """What the checks below need from a page: headings, controls, labels, scripts."""

    def __init__(self, html: str):
        super().__init__()
        self.headings: list[str] = []
        self.controls: list[dict] = []
        self.label_targets: set[str] = set()
        self.ids: set[str] = set()
        self.inline_styles = 0
        self.scripts: list[dict] = []
        self.landmarks: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if "style" in attrs:
            self.inline_styles += 1
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(tag)
        if tag in ("header", "main", "footer", "nav"):
            self.landmarks.append(tag)
        if tag == "label" and "for" in attrs:
            self.label_targets.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") not in (
            "hidden",
            "submit",
        ):
            self.controls.append(attrs)
        if tag == "script":
            self.scripts.append(attrs)


def structure(response) -> PageStructure:
    assert response.status_code == 200
    return PageStructure(response.content.decode())


def assert_accessible_layout(page: PageStructure):
    assert page.landmarks.count("main") == 1
    assert "header" in page.landmarks and "footer" in page.landmarks
    assert page.headings.count("h1") == 1
    levels = [int(h[1]) for h in page.headings]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    unlabelled = [c for c in page.controls if c.get("id") not in page.label_targets]
    assert unlabelled == []
    for control in page.controls:
        for described_by in control.get("aria-describedby", "").split():
            assert described_by in page.ids
    assert page.inline_styles == 0
    # Same-host script files and JSON data blocks only: nothing a strict CSP forbids.
    for script in page.scripts:
        assert script.get("src", "").startswith("/static/") or script.get("type") in (
            "application/json",
        ), script


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        "/accounts/password/reset/key/done/",
        "/accounts/confirm-email/",
    ],
)
def test_visitor_account_pages_use_site_layout(client, url):
    page = structure(client.get(url))

    assert_accessible_layout(page)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/accounts/logout/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accounts/reauthenticate/",
    ],
)
def test_signed_in_account_pages_use_site_layout(client, make_account, url):
    client.force_login(make_account())

    page = structure(client.get(url))

    assert_accessible_layout(page)


@pytest.mark.django_db
def test_totp_setup_and_recovery_pages_use_site_layout(client, make_account):
    make_account(email="officer@example.org")
    client.post("/accounts/login/", {"login": "officer@example.org", "password": PASSWORD})
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})

    activate = structure(client.get("/accounts/2fa/totp/activate/"))

    assert_accessible_layout(activate)


@pytest.mark.django_db
def test_login_errors_shown_and_fields_labelled(client, make_account):
    make_account(email="officer@example.org")

    response = client.post("/accounts/login/", {"login": "officer@example.org", "password": "x"})
    page = structure(response)

    assert_accessible_layout(page)
    assert "The email address and/or password you specified are not correct." in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_field_errors_linked_to_their_control(client, make_account):
    client.force_login(make_account())

    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": "wrong", "password1": "x", "password2": "x"},
    )
    page = structure(response)

    assert_accessible_layout(page)
    old_password = next(c for c in page.controls if c["name"] == "oldpassword")
    assert old_password["aria-invalid"] == "true"
    assert "id_oldpassword_error" in old_password["aria-describedby"].split()


@pytest.mark.django_db
def test_login_page_does_not_offer_signup(client):
    response = client.get("/accounts/login/")

    assert b"/accounts/signup/" not in response.content


@pytest.mark.django_db
def test_account_menu_offers_login_to_visitors(client):
    content = client.get("/").content.decode()

    assert '<a href="/accounts/login/">Log in</a>' in content
    assert "Log out" not in content


@pytest.mark.django_db
def test_account_menu_of_officer(client, make_account):
    officer = make_account()
    OfficerMembershipFactory(user=officer)
    client.force_login(officer)

    content = client.get("/").content.decode()

    assert '<a href="/my/">My municipalities</a>' in content
    assert "Administration" not in content
    assert '<form class="inline-form" method="post" action="/accounts/logout/">' in content
    assert 'name="csrfmiddlewaretoken"' in content


@pytest.mark.django_db
def test_account_menu_of_staff(client, editor):
    client.force_login(editor)

    content = client.get("/").content.decode()

    assert '<a href="/admin/">Administration</a>' in content
    assert "My municipalities" not in content
    assert "Log out" in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("/accounts/login/", '<label for="id_remember">Stay logged in</label>'),
        ("/it/accounts/login/", '<label for="id_remember">Mantenga l&#x27;accesso</label>'),
    ],
)
def test_login_checkbox_labelled_in_plain_words_without_colon(client, url, label):
    content = client.get(url).content.decode()

    assert label in content
    assert "Remember Me" not in content
