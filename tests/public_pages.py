"""Every public page of the portal, for the tests that sweep all of them (HTML validity,
accessibility, metadata).

The pages are those of the programme's real content, loaded with load_admin4all, so the
sweeps meet the same data visitors do: every page the sitemap's sections list, plus the pages it
leaves out on purpose (search results, filtered lists, the error page).
"""

from io import StringIO
from urllib.parse import urlsplit
from xml.etree import ElementTree

from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils.translation import get_language_from_path

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# Each with the status it answers.
UNLISTED_PAGES = [
    ("/search/?q=Wroclaw", 200),
    ("/search/?q=", 200),
    ("/municipalities/?country=italy", 200),
    ("/events/?when=past", 200),
    ("/events/?year=not-a-year", 200),
    ("/news/?theme=housing", 200),
    ("/events/?municipality=Wroclav", 200),
    # A name that matches no municipality: the filter form's error.
    ("/news/?municipality=Atlantis", 200),
    ("/no-such-page/", 404),
]

# The public lists that read filters, and the filters' names, for the tests that try
# every filter on every list (hostile input, property-based).
FILTERED_LISTS = [
    "/municipalities/",
    "/good-practices/",
    "/events/",
    "/news/",
    "/publications/",
    "/trainings/",
    "/peer-visits/",
]
LIST_FILTER_KEYS = [
    "country",
    "municipality",
    "host",
    "visitor",
    "phase",
    "theme",
    "kind",
    "year",
    "when",
]


def load_programme_content() -> None:
    call_command("load_admin4all", stdout=StringIO())


def sitemap_sections() -> dict[str, list[str]]:
    """The paths each section of the sitemap lists, in every language."""
    client = Client()
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    return {
        section.text: [
            urlsplit(loc.text).path
            for loc in ElementTree.fromstring(client.get(section.text).content).findall(
                "sm:url/sm:loc", SITEMAP_NS
            )
        ]
        for section in index.findall("sm:sitemap/sm:loc", SITEMAP_NS)
    }


def language_of(path: str) -> str:
    return get_language_from_path(path) or settings.LANGUAGE_CODE


def sitemap_paths(language: str = "en") -> list[str]:
    """The paths the sitemap lists in one language, from each section its index names."""
    return [
        path
        for paths in sitemap_sections().values()
        for path in paths
        if language_of(path) == language
    ]


def public_pages() -> list[tuple[str, int]]:
    """(path, expected status) of the public pages in English: the sitemap's, then the
    unlisted."""
    return [(path, 200) for path in sitemap_paths()] + UNLISTED_PAGES


def sample_pages(language: str = "en") -> list[tuple[str, int]]:
    """(path, expected status) of a page of each kind in a language: the pages that are
    not about one record, the first record of each other sitemap section, and the
    unlisted pages."""
    sample = []
    for section, paths in sitemap_sections().items():
        in_language = [path for path in paths if language_of(path) == language]
        sample += in_language if section.endswith("/sitemap-pages.xml") else in_language[:1]
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    return [(path, 200) for path in sample] + [
        (f"{prefix}{path}", status) for path, status in UNLISTED_PAGES
    ]


def pages_in_every_language() -> list[tuple[str, int]]:
    """Every public page in English, and a page of each kind in each other language."""
    return public_pages() + [
        page
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
        for page in sample_pages(code)
    ]
