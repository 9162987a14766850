"""The strict Content-Security-Policy breaks nothing: pages that run scripts (the map,
the admin's forms with inlines, the spreadsheet pages, the login) log no
violation in a real browser that enforces the policy."""

import pytest

from events.models import Event
from tests.e2e.conftest import log_in_as_staff

pytestmark = pytest.mark.e2e


def staff_context(browser, live_server):
    """A browser context logged in as a superuser."""
    context = browser.new_context(base_url=live_server.url)
    log_in_as_staff(context, live_server)
    return context


def test_pages_with_scripts_run_under_the_policy(browser, live_server, programme_content):
    event = Event.objects.get(slug="milan-mid-term-regional-consultation-2019")
    context = staff_context(browser, live_server)
    page = context.new_page()
    violations = []
    page.on("console", lambda message: message.type == "error" and violations.append(message.text))
    page.on(
        "response",
        lambda response: response.status >= 400 and violations.append(response.url),
    )

    for url in [
        "/",
        "/municipalities/?country=italy",
        event.get_absolute_url(),
        "/accounts/login/",
        f"/admin/events/event/{event.pk}/change/",
        "/admin/municipalities/municipality/?q=wroclaw",
        "/admin/municipalities/municipality/import/",
        "/admin/trainings/training/export/",
    ]:
        response = page.goto(url)
        page.wait_for_load_state("networkidle")
        assert response.status == 200, url

    context.close()
    assert violations == []


def test_export_select_all_box_works_under_the_policy(browser, live_server, programme_content):
    context = staff_context(browser, live_server)
    page = context.new_page()
    page.goto("/admin/municipalities/municipality/export/")
    columns = page.locator('.selectable-field-export-row input[type="checkbox"]')

    page.get_by_label("Select all").uncheck()
    unticked = [columns.nth(i).is_checked() for i in range(columns.count())]
    page.get_by_label("Select all").check()
    ticked = [columns.nth(i).is_checked() for i in range(columns.count())]

    context.close()
    assert len(unticked) > 5
    assert not any(unticked)
    assert all(ticked)
