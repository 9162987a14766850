"""The officer area fits the screen, on a desktop (1280 px) and on a phone (360 and 390
px, in every language): no page scrolls sideways. On the desktop nothing scrolls sideways
at all, the attendance table included; on a phone a table too wide for the screen
scrolls inside its own region, labelled and reachable with the keyboard, and the header
takes at most a quarter of a 360 by 640 screen."""

from collections.abc import Callable

import pytest
from django.conf import settings

from tests.accounts.test_login import current_totp_code
from tests.e2e.conftest import SIDEWAYS, phone_fit
from tests.e2e.test_private_pages import PASSWORD, VISITOR_PAGES, seed_officer_world

pytestmark = pytest.mark.e2e

Check = Callable[[object], list[str]]


def on_desktop(page) -> list[str]:
    return page.evaluate(SIDEWAYS)


def sideways(page, urls: list[str], check: Check) -> dict[str, list[str]]:
    found = {}
    for url in urls:
        page.goto(url)
        if problems := check(page):
            found[url] = problems
    return found


def log_in(page):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("officer@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/my/")


def walk_officer_pages(page, check: Check, languages: list[str]) -> dict[str, list[str]]:
    """Every page an officer sees, from the login to two-factor authentication and its
    recovery codes, and what `check` finds on each; the visitor's and the officer's
    pages in the other `languages` too."""
    officer_pages = seed_officer_world()["officer pages"]
    in_languages = [f"/{code}{path}" for code in languages for path in VISITOR_PAGES[:1]]
    found = sideways(page, VISITOR_PAGES + in_languages, check)
    log_in(page)
    in_languages = [f"/{code}{path}" for code in languages for path in officer_pages]
    found |= sideways(page, officer_pages + in_languages, check)
    found |= sideways(page, ["/accounts/reauthenticate/?next=/accounts/2fa/totp/activate/"], check)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    found |= sideways(page, ["/accounts/2fa/totp/activate/"], check)
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
        check,
    )


def test_officer_pages_fit_a_desktop_without_scrolling_sideways(page, transactional_db):
    page.set_viewport_size({"width": 1280, "height": 800})

    assert walk_officer_pages(page, on_desktop, []) == {}


def test_officer_pages_fit_a_phone_with_wide_tables_scrolling_in_their_region(
    page, transactional_db
):
    others = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    wide_table = ["scrolls: div.table-scroll.table-wide"] * 2

    found = walk_officer_pages(page, phone_fit, others)

    # Only the attendance table is wider than a phone, and it scrolls in its region.
    assert found == {
        path: wide_table for path in ["/my/wroclaw/", *(f"/{code}/my/wroclaw/" for code in others)]
    }
