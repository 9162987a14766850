"""Password reset by email, password change, and email verification, end to end through
the emails the site sends."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.core import mail

from tests.accounts.conftest import PASSWORD
from tests.factories import UserFactory

NEW_PASSWORD = "another-Unusual-passphrase-77"


def link_in(message, path_prefix: str) -> str:
    [path] = re.findall(rf"https?://testserver({re.escape(path_prefix)}\S+)", message.body)
    return path


@pytest.mark.django_db
def test_password_reset_email_sent_with_link(client, make_account):
    make_account(email="officer@example.org")

    response = client.post("/accounts/password/reset/", {"email": "officer@example.org"})

    assert response["Location"] == "/accounts/password/reset/done/"
    [message] = mail.outbox
    assert message.to == ["officer@example.org"]
    assert message.subject == "[ADMin4ALL] Password Reset Email"
    assert message.body.startswith("Hello from ADMin4ALL,")
    assert "example.com" not in message.body


@pytest.mark.django_db
def test_password_reset_link_sets_new_password(client, make_account):
    user = make_account(email="officer@example.org")
    client.post("/accounts/password/reset/", {"email": "officer@example.org"})
    link = link_in(mail.outbox[0], "/accounts/password/reset/key/")

    form_url = client.get(link)["Location"]
    form_page = client.get(form_url)
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert form_page.status_code == 200
    assert response["Location"] == "/accounts/password/reset/key/done/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    login = client.post(
        "/accounts/login/", {"login": "officer@example.org", "password": NEW_PASSWORD}
    )
    assert login.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)


@pytest.mark.django_db
def test_password_reset_link_used_twice_refused(client, make_account):
    make_account(email="officer@example.org")
    client.post("/accounts/password/reset/", {"email": "officer@example.org"})
    link = link_in(mail.outbox[0], "/accounts/password/reset/key/")
    form_url = client.get(link)["Location"]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    response = client.get(link)

    assert response.status_code == 200
    assert response.context["token_fail"] is True


@pytest.mark.django_db
def test_password_reset_for_unknown_address_sends_nothing(client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})

    assert response["Location"] == "/accounts/password/reset/done/"
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_reset_requests_rate_limited(client, make_account):
    make_account(email="officer@example.org")
    for _ in range(5):
        client.post("/accounts/password/reset/", {"email": "officer@example.org"})

    response = client.post("/accounts/password/reset/", {"email": "officer@example.org"})

    assert response.status_code == 429
    assert len(mail.outbox) == 5


@pytest.mark.django_db
def test_password_change_needs_old_password(client, make_account):
    user = make_account()
    client.force_login(user)

    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.django_db
def test_password_change_sets_new_password(client, make_account):
    user = make_account()
    client.force_login(user)

    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_password_change_applies_password_rules(client, make_account):
    user = make_account()
    client.force_login(user)

    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "12345678", "password2": "12345678"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["password1"] == [
        "This password is too common.",
        "This password is entirely numeric.",
    ]


@pytest.mark.django_db
def test_login_with_unverified_email_sends_verification(client):
    user = UserFactory(email="officer@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert response["Location"] == "/accounts/confirm-email/"
    assert SESSION_KEY not in client.session
    [message] = mail.outbox
    assert message.subject == "[ADMin4ALL] Please Confirm Your Email Address"
    assert "/accounts/confirm-email/" in message.body


@pytest.mark.django_db
def test_email_verification_link_confirms_then_login_works(client):
    user = UserFactory(email="officer@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    link = link_in(mail.outbox[0], "/accounts/confirm-email/")

    confirm_page = client.get(link)
    client.post(link)
    login = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert confirm_page.status_code == 200
    assert EmailAddress.objects.get(user=user).verified is True
    assert login.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)
