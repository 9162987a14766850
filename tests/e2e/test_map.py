"""The map in a real browser: every city of the programme's content as a marker, and,
with a hundred times as many cities, clusters that open up when asked to zoom in, by
keyboard as by mouse."""

import pytest

from tests.e2e.conftest import axe_violations
from tests.factories import CountryFactory
from tests.municipalities.test_views import cities_across_europe

pytestmark = pytest.mark.e2e

CITY_MARKERS = "#map path.leaflet-interactive"
CLUSTERS = "#map .map-cluster"


def test_map_shows_every_city_of_the_programme(page, programme_content):
    page.goto("/municipalities/")
    page.wait_for_function(f"document.querySelectorAll('{CITY_MARKERS}').length === 35")

    assert page.locator(CLUSTERS).count() == 0
    # Some markers overlap (Athens and Piraeus): the event goes to the first itself.
    page.locator(CITY_MARKERS).first.dispatch_event("click")
    assert page.locator(".leaflet-popup-content a").count() == 1
    assert page.watch.console_errors == []
    assert page.watch.foreign_requests == []


def test_map_cluster_zooms_in_from_the_keyboard(page, transactional_db):
    cities_across_europe(CountryFactory(), 55)

    page.goto("/municipalities/")
    # The first answer frames the cities, and the framed view is fetched again: the map
    # is busy until its markers are the view's.
    settled = "#map:not([aria-busy])"
    page.wait_for_selector(f"{settled} {CLUSTERS[5:]}")
    zooms = []
    # Each cluster opened from the keyboard zooms closer, until cities show on their own.
    while page.locator(CITY_MARKERS).count() == 0:
        assert len(zooms) < 6
        cluster = page.locator(CLUSTERS).first
        text, label, role = cluster.evaluate(
            "e => [e.textContent, e.getAttribute('aria-label'), e.getAttribute('role')]"
        )
        assert (label, role) == (f"Municipalities in this area: {text}", "button")
        cluster.focus()
        page.keyboard.press("Enter")
        page.wait_for_function(
            "document.activeElement && document.activeElement.matches('.leaflet-popup button')"
        )
        assert page.locator(".leaflet-popup button").inner_text() == "Zoom in"
        with page.expect_response(lambda response: "map.geojson?zoom=" in response.url) as answer:
            page.keyboard.press("Enter")
        assert answer.value.status == 200
        zooms.append(int(answer.value.url.partition("zoom=")[2].partition("&")[0]))
        page.wait_for_selector(settled)

    assert zooms == sorted(set(zooms))  # closer each time
    assert axe_violations(page) == []
    assert page.watch.console_errors == []
    assert page.watch.failed_requests == []
