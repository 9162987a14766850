"""Every public page, in English and a page of each kind in every other language, is
valid HTML5, by the Nu HTML Checker (vnu.jar, from the npm registry, run with the
machine's Java)."""

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.admin4all.test_rich_text import HOSTILE_MARKDOWN, MARKDOWN_OF_EVERY_ELEMENT
from tests.factories import NewsArticleFactory
from tests.public_pages import load_programme_content, pages_in_every_language

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


@pytest.mark.django_db
def test_public_pages_are_valid_html(client, tmp_path):
    if not (VNU.exists() and shutil.which("java")):
        pytest.fail("vnu.jar or Java is missing: run `make test`, which installs them.")
    load_programme_content()
    NewsArticleFactory(
        title="Markdown sample",
        body=MARKDOWN_OF_EVERY_ELEMENT + HOSTILE_MARKDOWN,
        # The pages write the time in full; the checker allows milliseconds at most.
        published_at=datetime.datetime(2020, 6, 30, 18, tzinfo=datetime.UTC),
    )
    pages = {}
    for number, (url, status) in enumerate(pages_in_every_language()):
        response = client.get(url)
        assert response.status_code == status, url
        path = tmp_path / f"page{number}.html"
        path.write_bytes(response.content)
        pages[path.name] = url

    # One Java start for all pages: starting the checker costs more than checking.
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, tmp_path.glob("*.html")),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{pages.get(Path(message.get('url', '')).name)}:{message.get('lastLine')}: "
        f"{message['message']}"
        for message in messages
        if (message["type"] == "error" or message.get("subType") == "warning")
        # The checker guesses a page's language from its text. A page in another
        # language shows the English text of what is not translated yet, marked
        # lang="en", and the guess takes it for the page's language.
        and not message["message"].startswith("This document appears to be written in")
    ]

    assert errors == []
