"""The officer area fits the screen, on a desktop (1280 px) and on a phone (360 px): no
page scrolls sideways. On the desktop nothing scrolls sideways at all, the attendance
table included; on a phone a table too wide for the screen scrolls inside its own
region, labelled and reachable with the keyboard."""

import pytest

from tests.accounts.test_login import current_totp_code
from tests.e2e.test_private_pages import PASSWORD, VISITOR_PAGES, seed_officer_world

pytestmark = pytest.mark.e2e

# What sticks out of the screen, or scrolls sideways inside the page, one line each.
SIDEWAYS = """() => {
    const screen = document.documentElement.clientWidth;
    const found = [];
    const name = element => element.tagName.toLowerCase()
        + (element.id ? "#" + element.id : "")
        + (element.className && typeof element.className === "string"
            ? "." + element.className.trim().split(/\\s+/).join(".") : "");
    if (document.documentElement.scrollWidth > screen) {
        found.push(`page: ${document.documentElement.scrollWidth} px wide on ${screen} px`);
        for (const element of document.body.querySelectorAll("*")) {
            const box = element.getBoundingClientRect();
            const inside = element.parentElement.closest(".table-scroll");
            if (box.width && box.right > screen + 0.5 && !inside) {
                found.push(`sticks out: ${name(element)} to ${Math.round(box.right)} px`);
            }
        }
    }
    for (const element of document.body.querySelectorAll("*")) {
        const overflow = getComputedStyle(element).overflowX;
        if (!["auto", "scroll"].includes(overflow)
            || element.scrollWidth <= element.clientWidth) continue;
        const labelled = element.getAttribute("role") === "region"
            && element.getAttribute("tabindex") === "0"
            && (element.getAttribute("aria-labelledby") || element.getAttribute("aria-label"));
        const problem = labelled ? "" : ", not a labelled focusable region";
        found.push(`scrolls: ${name(element)}${problem}`);
    }
    return found;
}"""


def sideways(page, urls: list[str]) -> dict[str, list[str]]:
    found = {}
    for url in urls:
        page.goto(url)
        if problems := page.evaluate(SIDEWAYS):
            found[url] = problems
    return found


def log_in(page):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("officer@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/my/")


def walk_officer_pages(page) -> dict[str, list[str]]:
    """Every page an officer sees, from the login to two-factor authentication and its
    recovery codes, and what goes sideways on each."""
    officer_pages = seed_officer_world()["officer pages"]
    found = sideways(page, VISITOR_PAGES)
    log_in(page)
    found |= sideways(page, officer_pages)
    found |= sideways(page, ["/accounts/reauthenticate/?next=/accounts/2fa/totp/activate/"])
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    found |= sideways(page, ["/accounts/2fa/totp/activate/"])
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(current_totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    return found | sideways(
        page,
        [
            "/accounts/2fa/",
            "/accounts/2fa/recovery-codes/",
            "/accounts/2fa/recovery-codes/generate/",
            "/accounts/2fa/totp/deactivate/",
        ],
    )


def test_officer_pages_fit_a_desktop_without_scrolling_sideways(page, transactional_db):
    page.set_viewport_size({"width": 1280, "height": 800})

    assert walk_officer_pages(page) == {}


def test_officer_pages_fit_a_phone_with_wide_tables_scrolling_in_their_region(
    page, transactional_db
):
    page.set_viewport_size({"width": 360, "height": 740})

    # Only the attendance table is wider than a phone, and it scrolls in its region.
    assert walk_officer_pages(page) == {"/my/wroclaw/": ["scrolls: div.table-scroll.table-wide"]}
