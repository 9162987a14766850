"""The portal in seven languages: the language comes from the URL's prefix (none for
English), every page links to itself in the others, and dates follow the language."""

import re
from datetime import date

import pytest

from tests.factories import EventFactory, NewsArticleFactory

pytestmark = pytest.mark.django_db

LANGUAGE_LINK = re.compile(
    r'<a href="([^"]*)" hreflang="([a-z]+)" lang="[a-z]+"( aria-current="true")?>([^<]+)</a>'
)


def language_menu(response) -> list[tuple[str, str, bool, str]]:
    """(url, language, is the current one, name) of each link of the language switcher."""
    html = response.content.decode()
    menu = html[html.index('<nav class="language-menu"') :]
    menu = menu[: menu.index("</nav>")]
    return [
        (url.replace("&amp;", "&"), code, bool(current), name)
        for url, code, current, name in LANGUAGE_LINK.findall(menu)
    ]


def test_switcher_offers_the_same_page_and_filters_in_every_language(client):
    EventFactory()

    response = client.get("/it/events/?kind=webinar&when=past")

    assert response.status_code == 200
    assert language_menu(response) == [
        ("/events/?kind=webinar&when=past", "en", False, "English"),
        ("/it/events/?kind=webinar&when=past", "it", True, "Italiano"),
        ("/de/events/?kind=webinar&when=past", "de", False, "Deutsch"),
        ("/pl/events/?kind=webinar&when=past", "pl", False, "Polski"),
        ("/ro/events/?kind=webinar&when=past", "ro", False, "Română"),
        ("/el/events/?kind=webinar&when=past", "el", False, "Ελληνικά"),
        ("/es/events/?kind=webinar&when=past", "es", False, "Español"),
    ]


def test_switcher_of_a_missing_page_offers_each_home_page(client):
    response = client.get("/pl/no-such-page/")

    assert response.status_code == 404
    assert [url for url, *_ in language_menu(response)] == [
        "/",
        "/it/",
        "/de/",
        "/pl/",
        "/ro/",
        "/el/",
        "/es/",
    ]
    assert '<html lang="pl">' in response.content.decode()


@pytest.mark.parametrize("path", ["/en/events/", "/fr/events/", "/it/admin/", "/de/api/v1/"])
def test_path_with_an_unknown_or_needless_prefix_answers_404(client, path):
    assert client.get(path).status_code == 404


def test_language_comes_from_the_path_never_from_the_browser(client, editor_client):
    page = client.get("/news/", HTTP_ACCEPT_LANGUAGE="de")
    admin = editor_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="de")
    api = client.get("/api/v1/news/", HTTP_ACCEPT_LANGUAGE="de")

    assert [response.status_code for response in (page, admin, api)] == [200, 200, 200]
    assert [response["Content-Language"] for response in (page, admin, api)] == ["en"] * 3
    assert not any(
        response.has_header("Vary") and "Accept-Language" in response["Vary"]
        for response in (page, admin, api)
    )
    admin_title = "<title>Programme management | Admin4All administration</title>"
    assert admin_title in admin.content.decode()


@pytest.mark.parametrize(
    ("prefix", "written"),
    [
        ("", "8 October 2019"),
        ("/it", "8 ottobre 2019"),
        ("/de", "8. Oktober 2019"),
        ("/pl", "8 października 2019"),
        ("/ro", "8 octombrie 2019"),
        ("/el", "8 Οκτωβρίου 2019"),
        ("/es", "8 de octubre de 2019"),
    ],
)
def test_dates_written_the_way_of_the_language(client, prefix, written):
    event = EventFactory(start_date=date(2019, 10, 8), end_date=None)
    article = NewsArticleFactory()
    article.published_at = article.published_at.replace(year=2019, month=10, day=8, hour=12)
    article.save()

    pages = [client.get(prefix + event.get_absolute_url()), client.get(prefix + "/news/")]

    for response in pages:
        assert response.status_code == 200
        assert f">{written}</time>" in response.content.decode()
