"""Two production app servers (gunicorn) on two ports, one PostgreSQL and one Redis:
what a load balancer in front of several hosts relies on. A login made on one server
holds on the other, an edit on one shows at once on the other (through the page cache
in Redis), and the login rate limit counts across both.
"""

import http.cookiejar
import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from municipalities.models import Municipality
from tests.edit_forms import form_data
from tests.factories import MunicipalityFactory, OfficerMembershipFactory, UserFactory
from tests.servers import free_port, wait_for_port

PASSWORD = "Two-servers-share-1-session"
TOO_MANY = b"Too many failed login attempts. Try again in 5 minutes."
ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    """The test database, as the servers in other processes reach it."""
    settings = connection.settings_dict
    socket_folder = urllib.parse.quote(settings["HOST"])
    return (
        f"postgres://{settings['USER']}@/{settings['NAME']}"
        f"?host={socket_folder}&port={settings['PORT']}"
    )


def production_environment(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """The environment of a production app server (DEBUG off, plain HTTP, the host name
    a load balancer passes on) on the test database, with its files under `tmp_path`."""
    (tmp_path / "static").mkdir(exist_ok=True)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "admin4all.settings",
        "DEBUG": "0",
        "SECRET_KEY": "shared-by-every-server-" + "x" * 40,
        "ALLOWED_HOSTS": "portal.example",
        "SITE_DOMAIN": "portal.example",
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private-media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "LOG_LEVEL": "ERROR",
        **overrides,
    }


@pytest.fixture(scope="module")
def app_servers(django_db_setup, redis_url, tmp_path_factory):
    """Two gunicorn servers with production settings on plain HTTP, on the test
    database; yields their URLs. Tests using them need `transactional_db`, so what
    they arrange is committed and visible to the servers."""
    tmp_path = tmp_path_factory.mktemp("servers")
    environment = production_environment(tmp_path, CACHE_URL=redis_url, WEB_CONCURRENCY="1")
    ports = [free_port(), free_port()]
    servers = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "admin4all.wsgi", "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=environment,
        )
        for port in ports
    ]
    try:
        for port, server in zip(ports, servers, strict=True):
            wait_for_port(port, server)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


class Browser:
    """A browser behind a load balancer: one host name, its cookies sent to both
    servers."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )

    def get(self, url: str):
        return self._open(urllib.request.Request(url))

    def post_form(self, url: str, data: dict):
        """GET the page and POST its form (the one with the fields of `data`) as a
        browser would: hidden fields (CSRF and version tokens) included."""
        page = self.get(url)
        fields = form_data(page.body.decode(), containing=next(iter(data)))
        fields.update({name: [value] for name, value in data.items()})
        body = urllib.parse.urlencode(fields, doseq=True)
        return self._open(
            urllib.request.Request(url, data=body.encode(), headers={"Referer": url})
        )

    def _open(self, request):
        # The one public host name a load balancer passes on to every server.
        request.add_header("Host", "portal.example")
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        response.body = response.read()
        return response


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_session_and_edits_hold_across_two_app_servers(transactional_db, app_servers):
    first, second = app_servers
    city = MunicipalityFactory(name="Cluj-Napoca", slug="cluj-napoca", profile="Before.")
    officer = UserFactory(email="officer@cluj.example")
    # The servers run the production hashers, not the tests' fast one.
    officer.password = PBKDF2PasswordHasher().encode(PASSWORD, "saltsaltsalt")
    officer.save()
    EmailAddress.objects.create(user=officer, email=officer.email, verified=True, primary=True)
    OfficerMembershipFactory(user=officer, municipality=city)
    visitor = Browser()
    assert visitor.get(f"{first}/municipalities/cluj-napoca/").headers["X-Page-Cache"] == "miss"
    assert visitor.get(f"{second}/municipalities/cluj-napoca/").headers["X-Page-Cache"] == "hit"

    officer_browser = Browser()
    login = officer_browser.post_form(
        f"{first}/accounts/login/", {"login": "officer@cluj.example", "password": PASSWORD}
    )
    dashboard = officer_browser.get(f"{second}/my/")
    saved = officer_browser.post_form(
        f"{second}/my/cluj-napoca/profile/",
        {"profile": "Edited on the second server.", "website": "", "contact_email": ""},
    )
    public_page = visitor.get(f"{first}/municipalities/cluj-napoca/")

    assert login.status == 302
    assert (dashboard.status, b"Cluj-Napoca" in dashboard.body) == (200, True)
    assert saved.status == 302
    assert Municipality.objects.get(pk=city.pk).profile == "Edited on the second server."
    assert public_page.headers["X-Page-Cache"] == "miss"
    assert b"Edited on the second server." in public_page.body


def test_login_rate_limit_counts_across_both_servers(transactional_db, app_servers):
    first, second = app_servers
    UserFactory(email="officer@milano.example")
    browser = Browser()

    answers = [
        browser.post_form(
            f"{server}/accounts/login/",
            {"login": "officer@milano.example", "password": f"wrong-{attempt}"},
        )
        for attempt, server in enumerate([first, second, first, second, first, second])
    ]

    # Five failures for one address in five minutes (settings.ACCOUNT_RATE_LIMITS).
    assert [(answer.status, TOO_MANY in answer.body) for answer in answers] == [
        *[(200, False)] * 5,
        (200, True),
    ]
