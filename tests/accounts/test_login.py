"""Logging in and out through allauth, its rate limits, closed sign-up, and the admin
login that goes through the same door (rate limits and second factor included)."""

import pytest
from allauth.core.internal.ratelimit import get_cache_key, get_rates
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.urls import reverse

from admin4all.models import User
from tests.accounts.conftest import PASSWORD
from tests.factories import OfficerMembershipFactory

LOGIN_URL = "/accounts/login/"
TOO_MANY = "Too many failed login attempts. Try again in 5 minutes."


def logged_in_user_id(client):
    return client.session.get(SESSION_KEY)


def post_login(client, email, password, **extra):
    return client.post(LOGIN_URL, {"login": email, "password": password, **extra})


def current_totp_code(secret: str) -> str:
    counter = next(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counter))


@pytest.mark.django_db
def test_login_by_email_logs_in(client, make_account):
    user = make_account(email="officer@example.org")

    response = post_login(client, "officer@example.org", PASSWORD)

    assert response.status_code == 302
    assert logged_in_user_id(client) == str(user.pk)


@pytest.mark.django_db
def test_login_by_username_refused(client, make_account):
    user = make_account(username="officer", email="officer@example.org")

    response = post_login(client, user.username, PASSWORD)

    assert response.status_code == 200
    assert logged_in_user_id(client) is None


@pytest.mark.django_db
def test_login_with_wrong_password_refused(client, make_account):
    make_account(email="officer@example.org")

    response = post_login(client, "officer@example.org", "wrong-password")

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "__all__": ["The email address and/or password you specified are not correct."]
    }
    assert logged_in_user_id(client) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("names", "shown"),
    [
        ({"first_name": "Giulia", "last_name": "Rossi"}, "Giulia Rossi"),
        ({}, "officer@example.org"),
    ],
)
def test_login_message_names_the_person_never_their_username(client, make_account, names, shown):
    make_account(username="officer-7f3a", email="officer@example.org", **names)

    response = post_login(client, "officer@example.org", PASSWORD)

    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        f"Successfully signed in as {shown}."
    ]


@pytest.mark.django_db
def test_login_redirects_officer_to_officer_area(client, make_account):
    user = make_account(email="officer@example.org")
    OfficerMembershipFactory(user=user)

    response = post_login(client, "officer@example.org", PASSWORD)

    assert response["Location"] == reverse("officer:start")


@pytest.mark.django_db
def test_login_redirects_staff_to_admin(client, make_account):
    make_account(email="staff@example.org", is_staff=True)

    response = post_login(client, "staff@example.org", PASSWORD)

    assert response["Location"] == reverse("admin:index")


@pytest.mark.django_db
def test_login_follows_next(client, make_account):
    make_account(email="officer@example.org")

    response = post_login(client, "officer@example.org", PASSWORD, next="/my/")

    assert response["Location"] == "/my/"


@pytest.mark.django_db
def test_logout_by_post_ends_session(client, make_account):
    user = make_account()
    client.force_login(user)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert logged_in_user_id(client) is None


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_address(client, make_account):
    user = make_account(email="officer@example.org")
    for _ in range(5):
        post_login(client, "officer@example.org", "wrong-password")

    response = post_login(client, "officer@example.org", PASSWORD)

    assert response.status_code == 200
    assert response.context["form"].errors == {"__all__": [TOO_MANY]}
    assert logged_in_user_id(client) is None
    assert user.last_login is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rates", "attempts", "message"),
    [
        ("10/m/ip,3/90s/key", 3, "Too many failed login attempts. Try again in 2 minutes."),
        ("10/m/ip,2/m/key", 2, "Too many failed login attempts. Try again in 1 minute."),
        ("4/2h/ip", 4, "Too many failed login attempts. Try again in 120 minutes."),
    ],
)
def test_lock_message_says_how_long_the_rate_limits_lock(
    client, make_account, settings, rates, attempts, message
):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": rates}
    make_account(email="officer@example.org")
    for _ in range(attempts):
        post_login(client, "officer@example.org", "wrong-password")

    response = post_login(client, "officer@example.org", PASSWORD)

    assert response.context["form"].errors == {"__all__": [message]}


@pytest.mark.django_db
def test_lock_message_counts_from_the_attempt_that_filled_the_window(
    client, make_account, settings
):
    # allauth's window slides: five failures made 200 s ago free the login in 100 s.
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "5/5m/key"}
    make_account(email="officer@example.org")
    for _ in range(5):
        post_login(client, "officer@example.org", "wrong-password")
    rate = get_rates(app="allauth.account", action="login_failed")[0]
    key = f"{Site.objects.get_current().domain}:officer@example.org"
    cache_key = get_cache_key(
        None, app="allauth.account", action="login_failed", rate=rate, key=key
    )
    cache.set(cache_key, [at - 200 for at in cache.get(cache_key)])

    response = post_login(client, "officer@example.org", PASSWORD)

    assert response.context["form"].errors == {
        "__all__": ["Too many failed login attempts. Try again in 2 minutes."]
    }


@pytest.mark.django_db
def test_lock_message_when_only_the_ip_limit_refuses(client, make_account):
    # Ten failures from one address, each for another login: the address is refused
    # for a minute, no login is locked for five.
    make_account(email="officer@example.org")
    for n in range(10):
        post_login(client, f"someone{n}@example.org", "wrong-password")

    response = post_login(client, "officer@example.org", PASSWORD)

    assert response.context["form"].errors == {
        "__all__": ["Too many failed login attempts. Try again in 1 minute."]
    }
    assert logged_in_user_id(client) is None


@pytest.mark.django_db
def test_lock_message_in_the_pages_language(client, make_account):
    make_account(email="officer@example.org")
    for _ in range(5):
        client.post("/it/accounts/login/", {"login": "officer@example.org", "password": "wrong"})

    response = client.post(
        "/it/accounts/login/", {"login": "officer@example.org", "password": PASSWORD}
    )

    assert response.context["form"].errors == {
        "__all__": ["Troppi tentativi di accesso non riusciti. Riprovi tra 5 minuti."]
    }


@pytest.mark.django_db
def test_failed_logins_below_limit_still_allow_login(client, make_account):
    user = make_account(email="officer@example.org")
    for _ in range(4):
        post_login(client, "officer@example.org", "wrong-password")

    post_login(client, "officer@example.org", PASSWORD)

    assert logged_in_user_id(client) == str(user.pk)


@pytest.mark.django_db
def test_signup_page_closed(client):
    response = client.get("/accounts/signup/")

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "account/signup_closed.html"


@pytest.mark.django_db
def test_signup_post_creates_no_account(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 200
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_admin_login_page_sends_to_site_login(client):
    response = client.get("/admin/login/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Flogin%2F"


@pytest.mark.django_db
def test_admin_login_post_never_checks_password(client, make_account):
    make_account(username="staff", email="staff@example.org", is_staff=True)

    response = client.post("/admin/login/", {"username": "staff", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert logged_in_user_id(client) is None


@pytest.mark.django_db
def test_admin_login_rate_limited_like_site_login(client, make_account):
    staff = make_account(username="staff", email="staff@example.org", is_staff=True)
    for _ in range(5):
        post_login(client, "staff@example.org", "wrong-password", next="/admin/")

    admin_post = client.post("/admin/login/", {"username": "staff", "password": PASSWORD})
    site_post = post_login(client, "staff@example.org", PASSWORD, next="/admin/")

    assert admin_post.status_code == 302
    assert site_post.context["form"].errors == {"__all__": [TOO_MANY]}
    assert logged_in_user_id(client) is None
    staff.refresh_from_db()
    assert staff.last_login is None


@pytest.mark.django_db
def test_admin_login_through_site_reaches_admin(client, make_account):
    make_account(email="staff@example.org", is_staff=True)

    response = post_login(client, "staff@example.org", PASSWORD, next="/admin/")

    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_admin_refused_to_officer(client, make_account):
    officer = make_account()
    OfficerMembershipFactory(user=officer)
    client.force_login(officer)

    index = client.get("/admin/")
    login = client.get("/admin/login/?next=/admin/")

    assert (index.status_code, index["Location"]) == (302, "/admin/login/?next=/admin/")
    assert login.status_code == 403


@pytest.mark.django_db
def test_second_factor_required_at_login(client, make_account):
    user = make_account(email="staff@example.org", is_staff=True)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)

    first_step = post_login(client, "staff@example.org", PASSWORD, next="/admin/")
    admin_before = client.get("/admin/")
    second_step = client.post("/accounts/2fa/authenticate/", {"code": current_totp_code(secret)})

    assert first_step["Location"] == "/accounts/2fa/authenticate/"
    assert admin_before.status_code == 302
    assert second_step["Location"] == "/admin/"
    assert logged_in_user_id(client) == str(user.pk)


@pytest.mark.django_db
def test_second_factor_wrong_code_refused(client, make_account):
    user = make_account(email="staff@example.org", is_staff=True)
    TOTP.activate(user, generate_totp_secret())
    post_login(client, "staff@example.org", PASSWORD)

    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"code": ["Incorrect code."]}
    assert logged_in_user_id(client) is None


@pytest.mark.django_db
def test_staff_without_authenticator_sent_to_setup_when_required(client, settings, make_account):
    settings.REQUIRE_STAFF_MFA = True
    make_account(email="staff@example.org", is_staff=True)
    post_login(client, "staff@example.org", PASSWORD)

    response = client.get("/admin/municipalities/municipality/")

    # allauth asks for the password again before an authenticator is added.
    reauthenticate_url = client.get(response["Location"])["Location"]
    after_password = client.post(reauthenticate_url, {"password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert after_password["Location"] == reverse("mfa_activate_totp")
    assert client.get(after_password["Location"]).status_code == 200


@pytest.mark.django_db
def test_staff_with_authenticator_reaches_admin_when_required(client, settings, editor):
    settings.REQUIRE_STAFF_MFA = True
    TOTP.activate(editor, generate_totp_secret())
    client.force_login(editor)

    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_staff_reaches_admin_without_authenticator_by_default(client, editor):
    client.force_login(editor)

    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_staff_mfa_requirement_leaves_officers_alone(client, settings, make_account):
    settings.REQUIRE_STAFF_MFA = True
    officer = make_account()
    OfficerMembershipFactory(user=officer)
    client.force_login(officer)

    assert client.get("/my/").status_code == 200
    assert Authenticator.objects.count() == 0
