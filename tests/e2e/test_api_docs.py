"""The API's docs page (Swagger UI) renders in a real browser that enforces the
Content-Security-Policy, with no violation and nothing loaded from another host."""

import pytest

pytestmark = pytest.mark.e2e


def test_api_docs_render_under_the_policy(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "request",
        lambda request: (
            not request.url.startswith((live_server.url, "data:", "blob:"))
            and problems.append(request.url)
        ),
    )

    response = page.goto("/api/v1/docs/")
    page.wait_for_selector(".opblock-summary-path")
    page.wait_for_load_state("networkidle")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    context.close()

    assert response.status == 200
    assert "/api/v1/events/{slug}/" in paths
    assert problems == []
