"""The results pages read on a 360 px phone in all seven languages (Greek the longest,
German with the longest words): no page scrolls sideways, and the chart's labels stay
at body size."""

import pytest

from tests.e2e.test_officer_widths import SIDEWAYS

pytestmark = pytest.mark.e2e

RESULTS_PAGES = ["/results/", "/results/phase-1/", "/results/phase-2/"]
LANGUAGE_PREFIXES = ["", "/it", "/de", "/pl", "/ro", "/el", "/es"]

# The smallest rendered size of a chart's text, in CSS pixels.
SMALLEST_CHART_TEXT = """() => Math.min(...[...document.querySelectorAll("svg.chart text")]
    .map(text => text.getBoundingClientRect().height))"""


def test_results_pages_fit_a_phone_in_every_language(page, programme_content):
    page.set_viewport_size({"width": 360, "height": 740})

    found, smallest = {}, {}
    for language in LANGUAGE_PREFIXES:
        for path in RESULTS_PAGES:
            page.goto(language + path)
            if problems := page.evaluate(SIDEWAYS):
                found[language + path] = problems
            smallest[language + path] = page.evaluate(SMALLEST_CHART_TEXT)

    assert found == {}
    # 16 px text in the chart's units, drawn at about one unit per pixel: not the 7 px
    # of a 600-unit chart squeezed into a phone's column.
    assert all(size >= 15 for size in smallest.values()), smallest
