"""Every public page (in English, and a page of each kind in every other language) passes
axe-core's WCAG 2.1 AA checks in a real browser, logs no console error and loads nothing
from another host; a page of each kind passes them in the dark palette too
(prefers-color-scheme: dark)."""

import pytest

from tests.admin4all.test_rich_text import HOSTILE_MARKDOWN, MARKDOWN_OF_EVERY_ELEMENT
from tests.e2e.conftest import axe_violations, use_axe
from tests.factories import NewsArticleFactory
from tests.public_pages import pages_in_every_language, sample_pages

pytestmark = pytest.mark.e2e


def test_public_pages_pass_axe_in_both_palettes_and_stay_on_this_host(page, programme_content):
    NewsArticleFactory(title="Markdown sample", body=MARKDOWN_OF_EVERY_ELEMENT + HOSTILE_MARKDOWN)
    problems = {}
    use_axe(page)

    for url, status in pages_in_every_language():
        response = page.goto(url)
        found = axe_violations(page)
        if response.status != status:
            found.append(f"HTTP {response.status}")
        found += [
            f"console: {error}"
            for error in page.watch.console_errors
            # The browser reports an error page's own status as a console error.
            if not (status != 200 and f"status of {status}" in error)
        ]
        found += [f"foreign request: {request}" for request in page.watch.foreign_requests]
        page.watch.console_errors.clear()
        page.watch.foreign_requests.clear()
        if found:
            problems[url] = found
    page.emulate_media(color_scheme="dark")
    for url, _status in sample_pages():
        page.goto(url)
        if found := axe_violations(page):
            problems[f"{url} (dark)"] = found

    assert problems == {}


def test_the_maps_credit_links_show_as_links_by_more_than_colour(page, programme_content):
    """Leaflet draws its credits once the map runs, sometimes after axe has looked:
    checked here when they are there."""
    page.goto("/")
    credit = page.wait_for_selector(".leaflet-control-attribution a")

    assert credit.evaluate("a => getComputedStyle(a).textDecorationLine") == "underline"
