"""Every public page, in English and a page of each kind in every other language, is
valid HTML5, by the Nu HTML Checker (vnu.jar, from the npm registry, run with the
machine's Java)."""

import datetime

import pytest

from tests.admin4all.test_rich_text import HOSTILE_MARKDOWN, MARKDOWN_OF_EVERY_ELEMENT
from tests.e2e.conftest import html_errors
from tests.factories import NewsArticleFactory
from tests.public_pages import load_programme_content, pages_in_every_language


@pytest.mark.django_db
def test_public_pages_are_valid_html(client, tmp_path):
    load_programme_content()
    NewsArticleFactory(
        title="Markdown sample",
        body=MARKDOWN_OF_EVERY_ELEMENT + HOSTILE_MARKDOWN,
        # The pages write the time in full; the checker allows milliseconds at most.
        published_at=datetime.datetime(2020, 6, 30, 18, tzinfo=datetime.UTC),
    )
    pages = {}
    for url, status in pages_in_every_language():
        response = client.get(url)
        assert response.status_code == status, url
        pages[url] = response.content

    assert html_errors(pages, tmp_path) == []
