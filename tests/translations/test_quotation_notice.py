"""A page in another language that shows a translated quotation (a Markdown block
quote in the translation of a record's text) says once that quotations are translated
from English: not on English pages, not where no quotation is shown, and not where
the quoting text itself is shown in English."""

import pytest

from tests import factories
from tests.public_pages import load_programme_content

pytestmark = pytest.mark.django_db

NOTICE = {
    "it": "Le citazioni in questa pagina sono tradotte dall’inglese.",
    "pl": "Cytaty na tej stronie zostały przetłumaczone z języka angielskiego.",
    "el": "Τα παραθέματα σε αυτή τη σελίδα είναι μεταφρασμένα από τα αγγλικά.",
}
ENGLISH_NOTICE = "Quotations on this page are translated from English."
MILAN = "milan-mid-term-regional-consultation-2019"


def page(client, language: str, path: str) -> str:
    prefix = "" if language == "en" else f"/{language}"
    response = client.get(f"{prefix}{path}")
    assert response.status_code == 200
    return response.content.decode()


QUOTING = [f"/events/{MILAN}/", "/news/admin4all-mid-term-regional-consultation/"]
NOT_QUOTING = ["/events/brussels-regional-workshop-2017/", "/news/"]


def test_the_programmes_pages_name_the_translated_quotations_once_where_they_quote(client):
    """One load of the content for every case: loading it takes seconds."""
    load_programme_content()

    for path in QUOTING:
        for language, notice in NOTICE.items():
            html = page(client, language, path)
            assert (path, html.count(notice), html.count("<blockquote>")) == (path, 1, 1)
        assert ENGLISH_NOTICE not in page(client, "en", path)
    for path in NOT_QUOTING:
        assert NOTICE["it"] not in page(client, "it", path)
        assert ENGLISH_NOTICE not in page(client, "en", path)


def test_a_quotation_shown_in_english_for_want_of_a_translation_is_not_called_translated(
    client,
):
    event = factories.EventFactory(slug="forum", title="Forum", title_it="Forum")
    factories.SessionFactory(event=event, description="She said:\n\n> Cities matter.")

    html = page(client, "it", "/events/forum/")

    assert NOTICE["it"] not in html
    assert "<blockquote>\n<p>Cities matter.</p>\n</blockquote>" in html


def test_words_in_quotation_marks_are_no_quotation(client):
    event = factories.EventFactory(slug="forum", title="Forum", title_it="Forum")
    factories.SessionFactory(
        event=event,
        description="The study “Cities and migrants” was presented.",
        description_it="È stato presentato lo studio «Città e migranti».",
    )
    quoting = factories.SessionFactory(event=factories.EventFactory(slug="other"))
    quoting.description, quoting.description_it = "> Cities matter.", "> Le città contano."
    quoting.save()

    assert NOTICE["it"] not in page(client, "it", "/events/forum/")
    assert NOTICE["it"] in page(client, "it", "/events/other/")
