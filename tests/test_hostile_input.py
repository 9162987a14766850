"""Hostile and malformed input on every public URL: never a 500, never markup echoed.

The pages are those of the programme's real content (public_pages(): the sitemap's and
the unlisted ones), plus the search page, the feeds, the sitemap, robots.txt and the
health check. Every parameter set is tried on a page of each kind (a view reads its
query the same way whichever record it shows); the most dangerous one, markup in every
parameter, on every page. Each test loads the content once and loops over the URLs, so
a failure lists every URL that answered wrongly rather than the first.
"""

import functools
from urllib.parse import urlencode

import pytest
from django.test import Client

from events.models import Event
from tests.public_pages import (
    FILTERED_LISTS,
    LIST_FILTER_KEYS,
    load_programme_content,
    public_pages,
    sample_pages,
)

ALLOWED = {200, 400, 404}
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
# What must never come back as it was sent: it would run in the visitor's browser.
UNESCAPED = [SCRIPT.encode(), b"onerror=alert(1)>"]

FILTER_KEYS = ["q", *LIST_FILTER_KEYS]
# Unknown to every view (p is the sitemap's own page parameter).
UNKNOWN_KEYS = ["unknown", "p", "date", "month"]
HOSTILE_VALUES = {
    "script": SCRIPT,
    "img": IMG,
    "sql": "' OR 1=1 --",
    # Full-text query syntax and format placeholders.
    "tsquery": '!(a:* & | <-> b) "\\ -x or',
    "format": "%s %(value)s {0} %00 %%",
    "nul": "\x00",
    "nul_inside": "italy\x00' OR 1=1 --",
    "long": "a" * 10_000,
    "emoji": "🙂🏳️‍🌈👨‍👩‍👧",
    "rtl": "\u202eمرحبا עולם\u202c",
    "impossible_date": "2019-13-45",
    "huge_year": "99999",
    "negative": "-1",
    "huge_number": str(10**12),
    "blank": "",
}
# Every parameter set: a list of (key, value) pairs, so keys may repeat.
PARAMETER_SETS = {
    **{
        f"filters_{name}": [(key, value) for key in FILTER_KEYS + UNKNOWN_KEYS]
        for name, value in HOSTILE_VALUES.items()
    },
    **{
        f"page_{name}": [("page", value)]
        for name, value in {
            "negative": "-1",
            "zero": "0",
            "huge": str(10**12),
            "word": "abc",
            "nul": "\x00",
            "script": SCRIPT,
            "float": "1.5",
        }.items()
    },
    "year_negative": [("year", "-1")],
    "nul_in_keys": [("\x00", "x"), ("q\x00", "x"), ("country\x00", "italy"), (SCRIPT, IMG)],
    "repeated": [
        ("country", "a"),
        ("country", "b"),
        ("q", "Wroclaw"),
        ("q", SCRIPT),
        ("year", "2020"),
        ("year", "2019-13-45"),
        ("page", "1"),
        ("page", "abc"),
    ],
    "injection_in_unknown_only": [("unknown", SCRIPT), ("other", IMG), ("sql", "' OR 1=1 --")],
}
# The views that read filters: each filter key is also tried alone on these, so one
# invalid value cannot hide a failure that another value would reach.
FILTERED_PATHS = ["/search/", *FILTERED_LISTS, "/news/feed/", "/events/calendar.ics"]


@functools.cache
def all_public_urls(of_each_kind: bool = False) -> list[str]:
    """Every public path (or a path of each kind): the sitemap's and the unlisted pages,
    then the others. Each test here loads the same programme content, so the paths are
    the same for all of them: read once per process (the sitemap in seven languages)."""
    event = Event.objects.published().exclude(start_date=None).first()
    extra = [
        "/search/",
        "/news/feed/",
        "/events/calendar.ics",
        f"/events/{event.slug}/calendar.ics",
        "/sitemap.xml",
        "/sitemap-news.xml",
        "/municipalities/map.geojson",
        "/municipalities/suggestions.json",
        "/robots.txt",
        "/healthz",
    ]
    pages = sample_pages() if of_each_kind else public_pages()
    return tuple([path for path, _status in pages] + extra)


def with_query(path: str, pairs: list[tuple[str, str]]) -> str:
    return f"{path}{'&' if '?' in path else '?'}{urlencode(pairs)}"


def problems(client: Client, urls: list[str]) -> list[tuple[str, int, str]]:
    """The URLs that answered a status outside ALLOWED or echoed markup unescaped."""
    found = []
    for url in urls:
        response = client.get(url)
        if response.status_code not in ALLOWED:
            found.append((url[:200], response.status_code, "status"))
        elif any(markup in response.content for markup in UNESCAPED):
            found.append((url[:200], response.status_code, "unescaped markup"))
    return found


@pytest.fixture
def client():
    # Collect a 500 as a status to report, alongside the other URLs' answers.
    client = Client()
    client.raise_request_exception = False
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("pairs", PARAMETER_SETS.values(), ids=PARAMETER_SETS.keys())
def test_public_urls_with_hostile_query_answer_without_error(client, pairs):
    load_programme_content()
    urls = all_public_urls(of_each_kind=True)

    found = problems(client, [with_query(url, pairs) for url in urls])

    assert len(urls) > 30  # the sweep really met every kind of page
    assert found == []


@pytest.mark.django_db
def test_every_public_url_with_markup_in_every_parameter_answers_escaped(client):
    load_programme_content()
    urls = all_public_urls()

    found = problems(client, [with_query(url, PARAMETER_SETS["filters_script"]) for url in urls])

    assert len(urls) > 90  # the sweep really met the programme's pages
    assert found == []


@pytest.mark.django_db
@pytest.mark.parametrize("value", HOSTILE_VALUES.values(), ids=HOSTILE_VALUES.keys())
def test_each_filter_alone_with_hostile_value_answers_without_error(client, value):
    load_programme_content()
    urls = [
        with_query(path, [(key, value)])
        for path in FILTERED_PATHS
        for key in FILTER_KEYS + ["page"]
    ]

    assert problems(client, urls) == []


def test_hostile_filter_values_on_the_lists_answer_200_with_a_message(db, client):
    """An unknown slug in a list's filter is a form error shown on the page, escaped."""
    load_programme_content()

    response = client.get(with_query("/events/", [("kind", SCRIPT), ("country", "\x00")]))

    assert response.status_code == 200
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content
    assert b"Null characters are not allowed" in response.content


def test_hostile_filter_values_on_the_feeds_answer_400_with_the_reason(db, client):
    load_programme_content()

    response = client.get(with_query("/events/calendar.ics", [("country", "\x00")]))

    assert response.status_code == 400
    assert response.content == b"* country\n  * Null characters are not allowed."


def test_control_characters_sent_in_a_feed_filter_not_echoed(db, client):
    response = client.get(with_query("/events/calendar.ics", [("kind", "a\x00b\x1b[31m")]))

    assert response.status_code == 400
    assert response.content == (
        b"* kind\n  * Select a valid choice. ab[31m is not one of the available choices."
    )


@pytest.mark.parametrize(
    "path",
    [
        "/municipalities/no-such-city/",
        "/municipalities/%00/",
        "/municipalities/..%2F..%2Fetc%2Fpasswd/",
        "/municipalities/" + "a" * 10_000 + "/",
        "/municipalities/%3Cscript%3Ealert(1)%3C%2Fscript%3E/",
        "/municipalities/wroc%C5%82aw/",
        "/countries/%00/",
        "/good-practices/" + "x" * 10_000 + "/",
        "/events/no-such-event/",
        "/events/%00/calendar.ics",
        "/events/" + "e" * 10_000 + "/calendar.ics",
        "/news/..%2F/",
        "/news/%F0%9F%99%82/",
        "/publications/%2e%2e/",
        "/programme/" + "9" * 30 + "/",
        "/people/%00/",
        "/organisations/" + "o" * 10_000 + "/",
        "/themes/%27%20OR%201%3D1%20--/",
        "/trainings/no-such-training/",
        "/peer-visits/%00%00/",
        "/%00",
        "/..%2F..%2F",
        "/" + "z" * 10_000,
        "/%3Cscript%3Ealert(1)%3C%2Fscript%3E/",
        "/%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E/",
    ],
)
def test_malformed_paths_answer_404(db, client, path):
    # The URLs name records by slug only: no numeric ids to overflow.
    response = client.get(path)

    assert response.status_code == 404
    assert not any(markup in response.content for markup in UNESCAPED)
