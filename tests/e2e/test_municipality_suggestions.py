"""The municipality filter's suggestions (static/js/suggestions.js) in a real browser
that enforces the Content-Security-Policy: typing part of a name offers the matching
cities as the options of a <datalist> tied to the field, and choosing one filters the
list."""

import pytest

from events.models import Event
from events.selectors import events_involving
from municipalities.models import Municipality

pytestmark = pytest.mark.e2e


def test_typing_part_of_a_name_offers_the_cities_it_may_mean(
    browser, live_server, programme_content
):
    wroclaw = Municipality.objects.get(slug="wroclaw")
    involved = events_involving(Event.objects.published(), wroclaw).count()
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto("/events/")
    field = page.get_by_label("Municipality")

    field.press_sequentially("wrocl")
    options = page.locator("datalist#id_municipality-suggestions option")
    options.first.wait_for(state="attached")
    offered = [
        (options.nth(i).get_attribute("value"), options.nth(i).get_attribute("label"))
        for i in range(options.count())
    ]
    listed = field.get_attribute("list")
    field.fill(offered[0][0])
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    url, heading = page.url, page.locator("#results-heading").inner_text()

    context.close()
    assert offered == [("wroclaw", "Wrocław (Poland)")]
    assert listed == "id_municipality-suggestions"
    assert url.endswith("&municipality=wroclaw&theme=&phase=&when=")
    assert (involved, heading) == (1, "1 event")
    assert errors == []
