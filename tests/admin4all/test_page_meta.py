"""Each page's metadata: a unique title and description, the canonical URL, Open Graph
and Twitter tags, and the news feed's alternate link."""

from html.parser import HTMLParser

import pytest

from tests.factories import EventFactory
from tests.public_pages import load_programme_content, sitemap_paths

pytestmark = pytest.mark.django_db


class HeadParser(HTMLParser):
    """The <title>, <meta> and <link> elements of a page's head."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self._in_title = False
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "head":
            self._in_head = True
        if not self._in_head:  # an SVG chart in the body has <title> elements too
            return
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and ("name" in attributes or "property" in attributes):
            key = attributes.get("property") or attributes["name"]
            assert key not in self.meta, f"{key} twice"
            self.meta[key] = attributes["content"]
        elif tag == "link":
            self.links.append(attributes)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "head":
            self._in_head = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def links_of(self, rel: str) -> list[dict[str, str]]:
        return [link for link in self.links if link.get("rel") == rel]


def head_of(client, url: str) -> HeadParser:
    response = client.get(url)
    assert response.status_code == 200, url
    head = HeadParser()
    head.feed(response.content.decode())
    return head


def test_every_page_of_the_sitemap_has_its_own_title_and_metadata(client):
    load_programme_content()
    paths = sitemap_paths()

    titles = {}
    for path in paths:
        head = head_of(client, path)
        page_title = head.title.removesuffix(" · Admin4All")
        titles.setdefault(head.title, []).append(path)
        assert head.meta["description"], path
        assert head.links_of("canonical") == [
            {"rel": "canonical", "href": f"http://testserver{path}"}
        ]
        assert head.meta["og:url"] == f"http://testserver{path}"
        assert head.meta["og:title"] == page_title
        assert head.meta["og:description"] == head.meta["description"]
        assert head.meta["og:type"] == "website"
        assert head.meta["og:site_name"] == "ADMin4ALL"
        assert head.meta["twitter:card"] == "summary"

    assert sorted({path.split("/")[1] for path in paths}) == [
        "",
        "countries",
        "events",
        "good-practices",
        "municipalities",
        "news",
        "open-data",
        "organisations",
        "peer-visits",
        "people",
        "programme",
        "publications",
        "results",
        "themes",
        "trainings",
    ]
    # The seeds give the Milan consultation and the news article reporting it the same
    # headline; the news page's title says it is news.
    assert {title: paths for title, paths in titles.items() if len(paths) > 1} == {}


def test_page_offers_the_news_feed_as_alternate(client):
    head = head_of(client, "/")

    assert [link for link in head.links_of("alternate") if "hreflang" not in link] == [
        {
            "rel": "alternate",
            "type": "application/atom+xml",
            "title": "ADMin4ALL news",
            "href": "/news/feed/",
        }
    ]


@pytest.mark.parametrize("path", ["/events/?page=2&kind=", "/it/events/?page=2"])
def test_page_names_its_versions_in_every_language_with_the_page_number(client, path):
    for _ in range(21):
        EventFactory()

    head = head_of(client, path)

    assert [
        (link["hreflang"], link["href"])
        for link in head.links_of("alternate")
        if "hreflang" in link
    ] == [
        ("en", "http://testserver/events/?page=2"),
        ("x-default", "http://testserver/events/?page=2"),
        ("it", "http://testserver/it/events/?page=2"),
        ("de", "http://testserver/de/events/?page=2"),
        ("pl", "http://testserver/pl/events/?page=2"),
        ("ro", "http://testserver/ro/events/?page=2"),
        ("el", "http://testserver/el/events/?page=2"),
        ("es", "http://testserver/es/events/?page=2"),
    ]


def test_page_of_a_language_has_its_canonical_url_and_lang(client):
    EventFactory(slug="milan-consultation")

    response = client.get("/de/events/milan-consultation/")

    head = HeadParser()
    head.feed(response.content.decode())
    assert (
        head.links_of("canonical")[0]["href"] == "http://testserver/de/events/milan-consultation/"
    )
    assert '<html lang="de">' in response.content.decode()
    assert response["Content-Language"] == "de"


def test_page_title_and_description_are_escaped_once(client):
    event = EventFactory(title='Housing & "jobs"', summary="Cities <b>meet</b>.")

    response = client.get(event.get_absolute_url())

    html = response.content.decode()
    assert "<title>Housing &amp; &quot;jobs&quot; · Admin4All</title>" in html
    assert '<meta property="og:title" content="Housing &amp; &quot;jobs&quot;">' in html
    assert '<meta name="description" content="Cities &lt;b&gt;meet&lt;/b&gt;.">' in html


def test_canonical_url_keeps_the_page_number_and_drops_the_filters(client):
    for _ in range(21):
        EventFactory()

    head = head_of(client, "/events/?kind=regional_workshop&page=2")

    assert head.links_of("canonical")[0]["href"] == "http://testserver/events/?page=2"
    assert head.title == "Events · Admin4All"


def test_canonical_url_of_the_first_page_has_no_query_string(client):
    head = head_of(client, "/events/?page=1&kind=webinar")

    assert head.links_of("canonical")[0]["href"] == "http://testserver/events/"


def test_canonical_url_of_search_results_is_the_search_page(client):
    head = head_of(client, "/search/?q=housing&page=2")

    assert head.links_of("canonical")[0]["href"] == "http://testserver/search/"
    assert head.meta["robots"] == "noindex, follow"
