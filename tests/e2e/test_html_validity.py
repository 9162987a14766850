"""Every public page is valid HTML5, by the Nu HTML Checker (vnu.jar, from the npm
registry, run with the machine's Java)."""

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.admin4all.test_rich_text import HOSTILE_MARKDOWN, MARKDOWN_OF_EVERY_ELEMENT
from tests.factories import NewsArticleFactory
from tests.public_pages import load_programme_content, public_pages

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
    for number, (url, status) in enumerate(public_pages()):
        response = client.get(url)
        assert response.status_code == status, url
        path = tmp_path / f"page{number}.html"
        path.write_bytes(response.content)
        pages[path.as_uri()] = url

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
        f"{pages.get(message.get('url'))}:{message.get('lastLine')}: {message['message']}"
        for message in messages
        if message["type"] == "error" or message.get("subType") == "warning"
    ]

    assert errors == []
