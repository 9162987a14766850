"""A visitor walks the portal by its links: home → a country → a city → an event → the
news about it."""

import pytest

pytestmark = pytest.mark.e2e


def test_visitor_walks_from_home_to_the_news_without_console_errors(page, programme_content):
    page.goto("/")
    page.get_by_role("link", name="Italy", exact=True).first.click()
    page.get_by_role("link", name="Milan", exact=True).first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Milan"

    page.get_by_role("link", name="Admin4All Mid-Term Regional Consultation").first.click()
    assert page.url.endswith("/events/milan-mid-term-regional-consultation-2019/")
    assert page.get_by_text("Fabbrica del Vapore").first.is_visible()

    page.locator("main a[href^='/news/']").first.click()
    assert "/news/admin4all-mid-term-regional-consultation/" in page.url
    assert "Laurence Hart" in page.locator("main").inner_text()

    assert page.watch.console_errors == []
    assert page.watch.failed_requests == []
    assert page.watch.foreign_requests == []
