"""Every public page of the portal, for the tests that sweep all of them (HTML validity,
accessibility, metadata).

The pages are those of the programme's real content, loaded with load_admin4all, so the
sweeps meet the same data visitors do: every page the sitemap's sections list, plus the pages it
leaves out on purpose (search results, filtered lists, the error page).
"""

from io import StringIO
from urllib.parse import urlsplit
from xml.etree import ElementTree

from django.core.management import call_command
from django.test import Client

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


def load_programme_content() -> None:
    call_command("load_admin4all", stdout=StringIO())


def sitemap_paths() -> list[str]:
    """The paths the sitemap lists, from each section its index names."""
    client = Client()
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    return [
        urlsplit(loc.text).path
        for section in index.findall("sm:sitemap/sm:loc", SITEMAP_NS)
        for loc in ElementTree.fromstring(client.get(section.text).content).findall(
            "sm:url/sm:loc", SITEMAP_NS
        )
    ]


def public_pages() -> list[tuple[str, int]]:
    """(path, expected status) of the public pages: the sitemap's, then the unlisted."""
    return [(path, 200) for path in sitemap_paths()] + UNLISTED_PAGES
