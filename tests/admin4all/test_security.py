"""Production settings and the security headers every response carries."""

import os
import secrets
import subprocess
import sys

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings

from tests.factories import UserFactory

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "admin4all.settings",
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "admin4all.example.org",
    "SITE_DOMAIN": "admin4all.example.org",
}


def run_django(code: str, **environment) -> subprocess.CompletedProcess:
    """Run `code` in a fresh interpreter with the project's real settings; values
    given here win over the checkout's .env, which never overrides the environment.
    The browser tests' lifting of Django's async guard is not a production setting."""
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**inherited, **environment},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_check_deploy():
    result = run_django(
        "from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')",
        **PRODUCTION,
    )

    assert (result.returncode, result.stderr) == (0, "")
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("environment", "backend", "location"),
    [
        ({}, "django.core.cache.backends.db.DatabaseCache", "admin4all_cache"),
        (
            {"CACHE_URL": "redis://cache.internal:6379/0"},
            "admin4all.redis_cache.ReusedClientRedisCache",
            "redis://cache.internal:6379/0",
        ),
        (
            {"REDIS_URL": "redis://cache.internal:6379/1"},
            "admin4all.redis_cache.ReusedClientRedisCache",
            "redis://cache.internal:6379/1",
        ),
    ],
    ids=["default", "CACHE_URL", "REDIS_URL"],
)
def test_production_cache_is_shared_by_every_worker(environment, backend, location):
    """Without a Redis, the limits and the page cache live in the database."""
    result = run_django(
        "from django.conf import settings; cache = settings.CACHES['default']; "
        "print(cache['BACKEND'], cache['LOCATION'])",
        **PRODUCTION,
        **environment,
    )

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.split() == [backend, location]


def test_check_deploy_warns_of_a_cache_private_to_each_process():
    result = run_django(
        "from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')",
        **{**PRODUCTION, "CACHE_URL": "locmemcache://"},
    )

    assert result.returncode == 1
    assert "(admin4all.W001) The cache is private to each process" in result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "SITE_DOMAIN"])
def test_production_refuses_to_start_without(missing):
    result = run_django("", **{**PRODUCTION, missing: ""})

    assert result.returncode == 1
    assert f"ImproperlyConfigured: {missing} is not set" in result.stderr


@pytest.mark.django_db
def test_responses_carry_the_security_headers(client):
    response = client.get("/", secure=True)

    policy = response["Content-Security-Policy"]
    assert {
        directive.split(" ")[0]: directive.split(" ", 1)[1] for directive in policy.split("; ")
    } == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    assert (
        response["X-Frame-Options"],
        response["X-Content-Type-Options"],
        response["Referrer-Policy"],
        response["Cross-Origin-Opener-Policy"],
        response["Strict-Transport-Security"],
    ) == (
        "DENY",
        "nosniff",
        "same-origin",
        "same-origin",
        "max-age=31536000; includeSubDomains; preload",
    )


@pytest.mark.django_db
def test_session_cookie_is_secure_httponly_and_same_site(client):
    user = UserFactory(password="a-Long-and-unusual-passphrase-42")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    response = client.post(
        "/accounts/login/",
        {"login": user.email, "password": "a-Long-and-unusual-passphrase-42"},
        secure=True,
    )

    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert (bool(cookie["secure"]), bool(cookie["httponly"]), cookie["samesite"]) == (
        True,
        True,
        "Lax",
    )


def test_map_tiles_host_is_allowed_only_when_configured():
    from admin4all.security import tile_sources

    assert tile_sources("") == []
    assert tile_sources("https://{s}.tiles.example.org/{z}/{x}/{y}.png") == [
        "https://*.tiles.example.org"
    ]
