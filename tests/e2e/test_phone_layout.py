"""The public site is phone first: a page of each kind, in every language, fits a 360
and a 390 px wide phone without scrolling sideways, with a header that takes at most a
quarter of the first screen; the menu opens without JavaScript; on a desktop the whole
navigation shows. (The dark palette's axe-core checks are in test_accessibility.py.)"""

import pytest
from django.conf import settings

from tests.e2e.conftest import (
    PHONE_HEIGHT,
    WIDER_THAN_SCREEN,
    phone_fit,
)
from tests.public_pages import sample_pages

pytestmark = pytest.mark.e2e

MAIN_SECTIONS = [
    "Programme",
    "Results",
    "Municipalities",
    "Events",
    "News",
    "Publications",
    "Good practices",
]


def test_pages_of_every_kind_fit_a_phone_in_every_language(page, programme_content):
    problems = {}

    for code, _name in settings.LANGUAGES:
        for url, _status in sample_pages(code):
            page.goto(url)
            if found := phone_fit(page, WIDER_THAN_SCREEN):
                problems[url] = found

    assert problems == {}


def test_menu_opens_without_javascript_on_a_phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=False,
        viewport={"width": 360, "height": PHONE_HEIGHT},
    )
    page = context.new_page()
    page.goto("/")
    main_nav = page.get_by_role("navigation", name="Main")
    assert not main_nav.is_visible()

    page.get_by_role("link", name="Menu", exact=True).focus()
    page.keyboard.press("Enter")

    assert main_nav.get_by_role("link", name="Events").is_visible()
    assert page.get_by_role("searchbox", name="Search the site").is_visible()
    page.get_by_role("link", name="Close the menu").click()
    assert not main_nav.is_visible()
    context.close()


def test_whole_navigation_shows_on_a_desktop(page, live_server):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/el/")

    assert page.get_by_role("link", name="Μενού", exact=True).is_hidden()
    links = page.get_by_role("navigation", name="Κύρια").get_by_role("link")
    assert links.count() == len(MAIN_SECTIONS)
    tops = {round(box["y"]) for box in (link.bounding_box() for link in links.all())}
    assert len(tops) == 1


FILTERED_LISTS = ["/events/", "/news/", "/publications/", "/municipalities/", "/good-practices/"]

# Each filter select whose widest option does not fit in it, measured in the select's
# font beside the room its padding and Chromium's arrow (about 20 px) leave, unless the
# select is already as wide as the form (a theme's Greek name is wider than a phone).
CUT_OPTIONS = """() => [...document.querySelectorAll('.filters select')].flatMap(select => {
    const fields = select.closest('.filter-fields');
    if (select.offsetWidth >= fields.clientWidth) return [];
    const style = getComputedStyle(select);
    const context = document.createElement('canvas').getContext('2d');
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const widest = [...select.options].reduce((found, option) => {
        const width = context.measureText(option.text).width;
        return width > found.width ? {text: option.text, width} : found;
    }, {text: '', width: 0});
    const room = select.clientWidth - parseFloat(style.paddingLeft)
        - parseFloat(style.paddingRight) - 20;
    return widest.width > room
        ? [`${select.name}: "${widest.text}" needs ${Math.ceil(widest.width)} px of ${room}`]
        : [];
})"""


def test_filter_selects_show_their_longest_option_in_every_language(page, programme_content):
    problems = {}

    for code, _name in settings.LANGUAGES:
        prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
        for path in FILTERED_LISTS:
            page.goto(prefix + path)
            page.evaluate("document.fonts.ready")
            for width in (360, 390, 1280):
                page.set_viewport_size({"width": width, "height": PHONE_HEIGHT})
                if found := page.evaluate(CUT_OPTIONS):
                    problems[f"{prefix}{path} at {width} px"] = found

    assert problems == {}


def test_city_page_lists_sit_two_by_two_on_a_desktop_one_above_the_other_on_a_phone(
    page, programme_content
):
    page.goto("/municipalities/milan/")
    lefts = "[...document.querySelectorAll('.section-grid > section')].map(s => s.offsetLeft)"

    page.set_viewport_size({"width": 1280, "height": 800})
    desktop = page.evaluate(lefts)
    page.set_viewport_size({"width": 390, "height": PHONE_HEIGHT})
    phone = page.evaluate(lefts)

    assert len(desktop) >= 2
    assert desktop[0] < desktop[1]
    assert len(set(phone)) == 1
