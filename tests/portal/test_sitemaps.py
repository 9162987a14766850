"""/sitemap.xml, an index of one sitemap per section, lists every public page and nothing
unpublished; /robots.txt points to it."""

from datetime import date, timedelta
from xml.etree import ElementTree

import pytest
from django.contrib.sites.models import Site
from django.utils import timezone

from admin4all.sitemaps import MultilingualSitemap
from portal.sitemaps import sitemaps
from tests.factories import (
    CountryFactory,
    EventFactory,
    GoodPracticeFactory,
    MunicipalityFactory,
    NewsArticleFactory,
    OrganisationFactory,
    PeerVisitFactory,
    PersonFactory,
    ProgrammePhaseFactory,
    PublicationFactory,
    ThemeFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
LANGUAGES = ["en", "it", "de", "pl", "ro", "el", "es"]
SITE = "http://testserver"
LIST_PAGES = [
    "/",
    "/programme/",
    "/results/",
    "/municipalities/",
    "/events/",
    "/news/",
    "/publications/",
    "/good-practices/",
    "/trainings/",
    "/peer-visits/",
    "/open-data/",
]
LAST_YEAR = date.today() - timedelta(days=365)
PUBLISHABLE_FACTORIES = [EventFactory, NewsArticleFactory, PublicationFactory, GoodPracticeFactory]


def in_every_language(path: str) -> list[str]:
    """An English path and its versions in the other languages, in the order of LANGUAGES."""
    return [path] + [f"/{code}{path}" for code in LANGUAGES[1:]]


@pytest.fixture(autouse=True)
def site():
    """The Site stays cached for the process, as in production."""
    return Site.objects.get_current()


def get_xml(client, url: str) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return ElementTree.fromstring(response.content)


def sitemap_entries(client) -> dict[str, str | None]:
    """loc: lastmod of every page, from the sections the index lists."""
    index = get_xml(client, "/sitemap.xml")
    return {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for section in index.findall("sm:sitemap/sm:loc", NS)
        for url in get_xml(client, section.text).findall("sm:url", NS)
    }


def test_sitemap_lists_every_public_page(client):
    municipality = MunicipalityFactory()
    records = [
        ProgrammePhaseFactory(),
        municipality.country,
        municipality,
        TrainingFactory(municipality=municipality, start_date=LAST_YEAR),
        PeerVisitFactory(host=municipality, start_date=LAST_YEAR),
        EventFactory(),
        NewsArticleFactory(),
        PublicationFactory(),
        GoodPracticeFactory(municipality=municipality),
        PersonFactory(),
        OrganisationFactory(),
        ThemeFactory(),
    ]
    # The factories' phase and country SubFactories make more records with pages.
    records += [records[3].phase, records[4].phase]

    phases = [records[0], records[3].phase, records[4].phase]

    entries = sitemap_entries(client)

    assert sorted(entries) == sorted(
        SITE + localized
        for path in LIST_PAGES
        + [record.get_absolute_url() for record in records]
        + [f"/results/{phase.slug}/" for phase in phases]
        for localized in in_every_language(path)
    )


def test_sitemap_entries_name_the_page_in_every_language(client):
    event = EventFactory()
    index = get_xml(client, "/sitemap.xml")
    section = next(
        loc.text for loc in index.findall("sm:sitemap/sm:loc", NS) if "events" in loc.text
    )

    entries = {
        url.findtext("sm:loc", namespaces=NS): [
            (link.get("hreflang"), link.get("href"))
            for link in url.findall("xhtml:link[@rel='alternate']", NS)
        ]
        for url in get_xml(client, section).findall("sm:url", NS)
    }

    path = event.get_absolute_url()
    alternates = [
        (code, SITE + localized)
        for code, localized in zip(LANGUAGES, in_every_language(path), strict=True)
    ]
    assert entries == {
        SITE + localized: alternates + [("x-default", SITE + path)]
        for localized in in_every_language(path)
    }


def test_sitemap_gives_each_record_its_last_change(client):
    event = EventFactory()

    entries = sitemap_entries(client)

    assert entries[SITE + event.get_absolute_url()] == str(timezone.localdate(event.updated_at))
    assert entries[SITE + "/"] is None


@pytest.mark.parametrize("state", ["draft", "review", "scheduled"])
@pytest.mark.parametrize("factory", PUBLISHABLE_FACTORIES, ids=lambda f: f.__name__)
def test_sitemap_leaves_out_unpublished_content(client, factory, state):
    published = factory()
    hidden = factory(**{state: True})

    entries = sitemap_entries(client)

    assert SITE + published.get_absolute_url() in entries
    assert SITE + hidden.get_absolute_url() not in entries


def test_sitemap_leaves_out_planned_trainings_and_peer_visits(client):
    held = [
        TrainingFactory(start_date=LAST_YEAR),
        PeerVisitFactory(start_date=LAST_YEAR),
    ]
    planned = [TrainingFactory(), PeerVisitFactory()]

    entries = sitemap_entries(client)

    assert [SITE + record.get_absolute_url() in entries for record in held + planned] == [
        True,
        True,
        False,
        False,
    ]


@pytest.fixture
def records_of_every_kind():
    """For the query counts: `size` records of each kind with a page."""

    def create(size: int) -> None:
        for _ in range(size):
            municipality = MunicipalityFactory(country=CountryFactory())
            TrainingFactory(municipality=municipality, start_date=LAST_YEAR)
            PeerVisitFactory(host=municipality, start_date=LAST_YEAR)
            EventFactory()
            NewsArticleFactory()
            PublicationFactory()
            GoodPracticeFactory(municipality=municipality)
            PersonFactory()
            OrganisationFactory()
            ThemeFactory()

    return create


def test_sitemap_index_lists_each_section_with_its_last_change(client):
    event = EventFactory()

    index = get_xml(client, "/sitemap.xml")

    sections = {
        entry.findtext("sm:loc", namespaces=NS): entry.findtext("sm:lastmod", namespaces=NS)
        for entry in index.findall("sm:sitemap", NS)
    }
    assert (
        sections[SITE + "/sitemap-events.xml"] == timezone.localtime(event.updated_at).isoformat()
    )
    assert sections[SITE + "/sitemap-pages.xml"] is None
    assert sorted(sections) == sorted(SITE + f"/sitemap-{name}.xml" for name in sitemaps)


@pytest.mark.parametrize("size", [1, 3])
def test_sitemap_index_and_sections_run_a_fixed_number_of_queries(
    client, django_assert_num_queries, records_of_every_kind, size
):
    records_of_every_kind(size)

    # Twelve kinds of record, each counted (Django paginates) and its latest change
    # read; the phases' results pages counted.
    with django_assert_num_queries(25):
        index = client.get("/sitemap.xml")
    # A section is listed once; each record's entries in every language come from it.
    with django_assert_num_queries(1):
        section = client.get("/sitemap-news.xml")

    assert index.status_code == 200
    assert len(ElementTree.fromstring(section.content).findall("sm:url", NS)) == size * 7


def test_sitemap_pages_split_the_entries_without_gaps_or_repeats(
    client, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(MultilingualSitemap, "limit", 10)
    articles = [NewsArticleFactory() for _ in range(3)]  # 21 entries: pages of 10, 10, 1

    index = get_xml(client, "/sitemap.xml")
    pages = [
        loc.text for loc in index.findall("sm:sitemap/sm:loc", NS) if "sitemap-news" in loc.text
    ]
    # Entries 11 to 20 are the 2nd and 3rd articles': only they are read, no count.
    with django_assert_num_queries(1) as queries:
        client.get("/sitemap-news.xml?p=2")
        page_query = queries.captured_queries[0]["sql"]
    entries = [
        url.findtext("sm:loc", namespaces=NS)
        for page in pages
        for url in get_xml(client, page).findall("sm:url", NS)
    ]

    assert pages == [SITE + "/sitemap-news.xml" + query for query in ["", "?p=2", "?p=3"]]
    assert entries == [
        SITE + localized
        for article in sorted(articles, key=lambda article: article.pk)
        for localized in in_every_language(article.get_absolute_url())
    ]
    assert client.get("/sitemap-news.xml?p=4").status_code == 404
    assert page_query.endswith("LIMIT 2 OFFSET 1")


@pytest.mark.parametrize(
    "url",
    [
        "/sitemap-nothing.xml",
        "/sitemap-news.xml?p=2",
        "/sitemap-news.xml?p=0",
        "/sitemap-news.xml?p=two",
    ],
)
def test_sitemap_unknown_section_or_page_answers_404(client, url):
    NewsArticleFactory()

    assert client.get(url).status_code == 404


def test_robots_txt_keeps_crawlers_out_of_private_areas_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    assert response.content.decode() == (
        "User-agent: *\n"
        "Disallow: /admin/\n"
        "Disallow: /accounts/\n"
        "Disallow: /my/\n"
        "\n"
        "Sitemap: http://testserver/sitemap.xml\n"
    )
