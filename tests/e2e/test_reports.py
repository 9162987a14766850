"""The printable phase reports are valid HTML and pass axe-core's WCAG 2.1 AA checks,
on screen and as printed (the print stylesheet hides the toolbar), like the public
pages; they load nothing from another host."""

import pytest

from tests.e2e.conftest import axe_violations, html_errors, log_in_as_staff
from tests.reporting.test_phase_reports import MILAN_REPORT, REPORT, seed

REPORTS = [REPORT, MILAN_REPORT, "/admin/reports/phase-2/gdansk/"]


@pytest.mark.django_db
def test_reports_are_valid_html(viewer_client, tmp_path):
    seed(3)
    pages = {url: viewer_client.get(url).content for url in REPORTS}

    assert html_errors(pages, tmp_path) == []


@pytest.mark.e2e
def test_reports_pass_axe_on_screen_and_in_print(page, transactional_db, live_server):
    seed(3)
    log_in_as_staff(page.context, live_server)
    problems = {}

    for url in REPORTS:
        for media in ("screen", "print"):
            page.emulate_media(media=media)
            response = page.goto(url)
            found = axe_violations(page)
            if response.status != 200:
                found.append(f"HTTP {response.status}")
            found += [f"console: {error}" for error in page.watch.console_errors]
            found += [f"foreign request: {request}" for request in page.watch.foreign_requests]
            page.watch.console_errors.clear()
            page.watch.foreign_requests.clear()
            toolbar_shown = page.locator(".toolbar").is_visible()
            if toolbar_shown != (media == "screen"):
                found.append(f"toolbar visible: {toolbar_shown}")
            if found:
                problems[f"{url} ({media})"] = found

    assert problems == {}
