"""Hostile request headers on a public page of each kind (middleware and views read
headers alike whichever record a page shows), and hostile POST bodies on every form a
visitor or an officer can post: never a 500, never markup echoed, nothing saved.

The query strings and paths are in test_hostile_input.py; this file covers the rest of
what a client controls.
"""

import pytest
from django.test import Client

from municipalities.models import Municipality
from tests import factories
from tests.public_pages import load_programme_content
from tests.test_hostile_input import IMG, SCRIPT, UNESCAPED, all_public_urls

LONG = "a" * 10_000
HOSTILE_HEADERS = {
    "accept_language": {"HTTP_ACCEPT_LANGUAGE": f"{SCRIPT};q=abc, xx-{LONG}, *;q=-1"},
    "conditional": {
        "HTTP_IF_MODIFIED_SINCE": "Mon, 99 Foo 99999 25:61:61 GMT",
        "HTTP_IF_NONE_MATCH": '"' * 1_000,
        "HTTP_IF_UNMODIFIED_SINCE": "\x00",
    },
    "cookies": {"HTTP_COOKIE": f"sessionid={SCRIPT}; csrftoken=\x00; messages={LONG}; =;;=x; a"},
    "client_headers": {
        "HTTP_USER_AGENT": LONG,
        "HTTP_REFERER": IMG,
        "HTTP_ACCEPT": SCRIPT,
        "HTTP_X_FORWARDED_FOR": "' OR 1=1 --, 999.1.1.1",
        "HTTP_X_FORWARDED_HOST": "evil.example",
        "HTTP_X_REQUEST_ID": SCRIPT,
        "HTTP_RANGE": "bytes=999999999999-1",
    },
    "content_type_on_get": {"CONTENT_TYPE": "multipart/form-data; boundary="},
}
# Statuses a form may answer: shown again with errors, redirected, refused (CSRF, bad
# body), not found, wrong method, or rate-limited (allauth's login limit).
FORM_ALLOWED = {200, 302, 400, 403, 404, 405, 429}
FORM_FIELDS = [
    "login",
    "email",
    "password",
    "password1",
    "password2",
    "q",
    "profile",
    "website",
    "contact_email",
    "title",
    "summary",
    "body",
    "remember",
]
HOSTILE_BODY_VALUES = {
    "nul": "x\x00y",
    "script": SCRIPT,
    "img": IMG,
    "sql": "' OR 1=1 --",
    "long": LONG,
    "emoji_rtl": "🙂\u202eمرحبا\u202c",
}


@pytest.fixture
def client():
    client = Client()
    client.raise_request_exception = False
    return client


def bad_answers(responses, allowed):
    return [
        (label, response.status_code)
        for label, response in responses
        if response.status_code not in allowed
        or any(markup in response.content for markup in UNESCAPED)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("headers", HOSTILE_HEADERS.values(), ids=HOSTILE_HEADERS.keys())
def test_public_urls_with_hostile_headers_answer_without_error(client, headers):
    load_programme_content()
    urls = all_public_urls(of_each_kind=True)

    responses = [(url, client.get(url, **headers)) for url in urls]

    assert bad_answers(responses, {200, 304, 400, 404, 412}) == []


def test_unknown_host_refused_with_400(db, client):
    response = client.get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400


def public_form_urls() -> list[str]:
    return [
        "/accounts/login/",
        "/admin/login/",
        "/accounts/password/reset/",
        "/accounts/invitation/no-such-token/",
        "/search/",
        "/events/",
        "/news/feed/",
    ]


def hostile_bodies() -> dict[str, tuple[bytes | dict, str]]:
    """Bodies as (content, content type); dicts are sent form-encoded."""
    form_encoded = "application/x-www-form-urlencoded"
    return {
        **{
            name: ({field: value for field in FORM_FIELDS}, form_encoded)
            for name, value in HOSTILE_BODY_VALUES.items()
        },
        "invalid_utf8": (b"login=\xff\xfe\xfd&password=\xc3\x28", form_encoded),
        "broken_multipart": (
            b"--xx\r\nContent-Disposition: form-data\r\n",
            "multipart/form-data; boundary=yy",
        ),
        "multipart_no_boundary": (b"login=a", "multipart/form-data"),
        "json": (b'{"login": "<script>alert(1)</script>"}', "application/json"),
        "too_many_fields": ("&".join(f"f{n}=x" for n in range(1_500)).encode(), form_encoded),
        "too_large": (b"login=" + b"a" * 3_000_000, form_encoded),
        "repeated_fields": (
            b"login=a&login=b&password=&password=" + SCRIPT.encode(),
            form_encoded,
        ),
    }


def post(client, url, content, content_type):
    if isinstance(content, dict):
        return client.post(url, content)
    return client.post(url, content, content_type=content_type)


@pytest.mark.django_db
@pytest.mark.parametrize("body", hostile_bodies().values(), ids=hostile_bodies().keys())
def test_public_forms_with_hostile_body_answer_without_error(client, body):
    load_programme_content()

    responses = [(url, post(client, url, *body)) for url in public_form_urls()]

    assert bad_answers(responses, FORM_ALLOWED) == []


def test_post_without_csrf_token_refused(db):
    client = Client(enforce_csrf_checks=True)

    responses = [(url, client.post(url, {"login": SCRIPT})) for url in public_form_urls()]

    assert {url: response.status_code for url, response in responses} == {
        "/accounts/login/": 403,
        "/admin/login/": 403,
        "/accounts/password/reset/": 403,
        "/accounts/invitation/no-such-token/": 403,
        "/search/": 403,
        "/events/": 403,
        "/news/feed/": 403,
    }


# Text that is merely unusual (markup, SQL, emoji) is valid content, stored as typed and
# escaped on output; these bodies are malformed and must change nothing.
MALFORMED_BODIES = [
    "nul",
    "long",
    "invalid_utf8",
    "broken_multipart",
    "multipart_no_boundary",
    "json",
    "too_many_fields",
    "too_large",
    "repeated_fields",
]


@pytest.mark.parametrize("name", MALFORMED_BODIES)
def test_officer_forms_with_malformed_body_save_nothing(db, client, media_root, name):
    city = factories.MunicipalityFactory(profile="Our city.", website="https://city.example")
    officer = factories.UserFactory()
    factories.OfficerMembershipFactory(user=officer, municipality=city)
    client.force_login(officer)
    urls = [
        f"/my/{city.slug}/profile/",
        f"/my/{city.slug}/documents/new/",
        f"/my/{city.slug}/good-practices/new/",
        f"/my/{city.slug}/training-reports/new/",
    ]

    responses = [(url, post(client, url, *hostile_bodies()[name])) for url in urls]

    assert bad_answers(responses, {200, 400}) == []
    city.refresh_from_db()
    assert (city.profile, city.website) == ("Our city.", "https://city.example")
    assert Municipality.objects.get(pk=city.pk).documents.count() == 0
    assert city.good_practices.count() == 0
