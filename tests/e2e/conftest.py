"""A real browser against a live server: Debian's Chromium driven by Playwright.

Playwright's sync API runs an event loop in the test's thread, and Django refuses ORM
calls from a thread with a running loop; the tests use the ORM only to arrange data
before the browser acts, so that guard is lifted for this folder.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client
from playwright.sync_api import sync_playwright

from tests.factories import UserFactory
from tests.public_pages import load_programme_content

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags checked on these machines (NOTES.md): headless as root, and no background
# traffic to the internet.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make test`, which installs it (as root).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatch:
    """What a page did besides rendering: console errors, failed loads, requests to
    other hosts."""

    def __init__(self, page, allowed_host: str):
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        self.failed_requests: list[str] = []
        page.on(
            "console",
            lambda message: message.type == "error" and self.console_errors.append(message.text),
        )
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on(
            "request",
            lambda request: (
                urlsplit(request.url).netloc not in ("", allowed_host)
                and not request.url.startswith(("data:", "blob:"))
                and self.foreign_requests.append(request.url)
            ),
        )
        page.on("requestfailed", self._request_failed)

    def _request_failed(self, request):
        # The browser cancels what is still loading when the visitor follows a link (the
        # map's points, on a busy machine): not a failure of the site.
        if request.failure != "net::ERR_ABORTED":
            self.failed_requests.append(request.url)


@pytest.fixture
def page(browser, live_server):
    # bypass_csp lets the tests inject axe-core into pages whose policy forbids it.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.watch = PageWatch(page, urlsplit(live_server.url).netloc)
    yield page
    context.close()


def log_in_as_staff(context, live_server) -> None:
    """Logs the browser context in as a superuser: the session of a test client's login,
    as the cookie the browser sends."""
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def programme_content(transactional_db):
    load_programme_content()


def axe_violations(page) -> list[str]:
    """WCAG 2.1 A and AA violations axe-core finds on the page, one line each. Only the
    violations are collected and sent back: the passes and inapplicable rules of a page
    cost as much again to gather, and nobody reads them."""
    if not page.evaluate("typeof axe !== 'undefined'"):  # not already loaded by use_axe()
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            resultTypes: ["violations"]
        }).then(result => ({violations: result.violations}))"""
    )
    return [
        f"{violation['id']}: {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in result["violations"]
    ]


def use_axe(page) -> None:
    """Loads axe-core with every page the browser opens from now on, as it loads: for a
    sweep, cheaper than adding it to each page afterwards."""
    page.context.add_init_script(path=str(AXE))


def html_errors(pages: dict[str, bytes], folder: Path) -> list[str]:
    """What the Nu HTML Checker finds in `pages` (name: HTML), errors and warnings, one
    line each with the page's name and line. One Java start for all pages: starting the
    checker costs more than checking."""
    if not (VNU.exists() and shutil.which("java")):
        pytest.fail("vnu.jar or Java is missing: run `make test`, which installs them.")
    names = {}
    for number, (name, content) in enumerate(pages.items()):
        path = folder / f"page{number}.html"
        path.write_bytes(content)
        names[path.as_uri()] = name
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *names],
        capture_output=True,
        text=True,
        check=True,
    )
    return [
        f"{names.get(message.get('url'))}:{message.get('lastLine')}: {message['message']}"
        for message in json.loads(result.stderr)["messages"]
        if (message["type"] == "error" or message.get("subType") == "warning")
        # The checker guesses a page's language from its text. A page in another
        # language shows the English text of what is not translated yet, marked
        # lang="en", and the guess takes it for the page's language.
        and not message["message"].startswith("This document appears to be written in")
    ]


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


# The phones the layout is checked on, narrowest first, and the share of a 360 by 640
# screen the header may take.
PHONE_WIDTHS = (360, 390)
PHONE_HEIGHT = 640
HEADER_SHARE = 0.25


# SIDEWAYS only for a page wider than the screen: a sweep of many pages then looks at
# each element only where something sticks out.
WIDER_THAN_SCREEN = f"""() => document.documentElement.scrollWidth
    > document.documentElement.clientWidth ? ({SIDEWAYS})() : []"""


def phone_fit(page, check: str = SIDEWAYS) -> list[str]:
    """What `check` finds on the loaded page at each phone width (by default, what goes
    sideways), and a header taller than its share of the screen: the page is resized,
    not reloaded."""
    found = []
    for width in PHONE_WIDTHS:
        page.set_viewport_size({"width": width, "height": PHONE_HEIGHT})
        found += page.evaluate(check)
        header = page.evaluate("document.querySelector('.site-header').offsetHeight")
        if width == PHONE_WIDTHS[0] and header > HEADER_SHARE * PHONE_HEIGHT:
            found.append(f"header: {header} px high on {PHONE_HEIGHT} px")
    return found
