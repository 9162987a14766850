"""A hostile Markdown body runs nothing in a real browser and reads as text. The page
fixture bypasses the Content-Security-Policy, so the sanitizer alone is tested."""

import pytest

from tests.admin4all.test_rich_text import HOSTILE_MARKDOWN
from tests.factories import NewsArticleFactory

pytestmark = pytest.mark.e2e


def test_news_article_with_script_handler_and_javascript_link_executes_nothing(
    page, transactional_db
):
    article = NewsArticleFactory(title="Housing report", summary="", body=HOSTILE_MARKDOWN)
    console = []
    page.on("console", lambda message: console.append(message.text))

    response = page.goto(article.get_absolute_url())
    page.wait_for_load_state("networkidle")

    assert response.status == 200
    assert page.evaluate("() => window.__pwned") is None
    body = page.locator("article")
    assert body.locator("script, img").count() == 0
    assert body.get_by_text("<script>window.__pwned = true</script>").is_visible()
    assert body.get_by_text('<img src=x onerror="window.__pwned = true">').is_visible()
    assert body.get_by_role("heading", level=2, name="Housing").is_visible()
    assert body.locator('a[href^="javascript:"]').count() == 0
    study = body.get_by_role("link", name="the study")
    assert (study.get_attribute("href"), study.get_attribute("rel")) == (
        "https://example.org/study",
        "nofollow noopener",
    )
    assert (console, page.watch.console_errors, page.watch.foreign_requests) == ([], [], [])
