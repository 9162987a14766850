"""The pages on which staff check and restore changes are accessible and valid like the
rest of the admin: axe-core's WCAG 2.1 AA checks in Chromium at 1280 pixels, and the Nu
HTML Checker."""

import pghistory
import pytest

from admin4all.admin_history import event_model_for
from admin4all.models import ChangeHistory, Theme
from events.models import Event
from tests import factories
from tests.admin4all.test_admin import admin_url
from tests.e2e.conftest import axe_violations, html_errors, log_in_as_staff


def history_pages() -> list[str]:
    """An event changed in every readable way and a deleted theme: the restore pages of
    both, the event's history and the change history."""
    milan = factories.MunicipalityFactory(name="Milan")
    event = factories.EventFactory(title="Milan consultation", title_it="Consultazione")
    first = event_model_for(Event).objects.get(pgh_obj_id=event.pk)
    with pghistory.context(url="/admin/events/event/"):
        Event.objects.filter(pk=event.pk).update(
            title="Milan mid-term consultation", host_municipality=milan, is_online=True, i18n={}
        )
        event.themes.add(factories.ThemeFactory(name="Housing"))
        theme = factories.ThemeFactory(name="Education")
        theme_pk = theme.pk
        theme.delete()
    deleted = event_model_for(Theme).objects.get(pgh_obj_id=theme_pk, pgh_label="delete")
    return [
        admin_url(Event, "restore", event.pk, first.pk),
        admin_url(Theme, "restore", theme_pk, deleted.pk),
        admin_url(Event, "history", event.pk),
        admin_url(ChangeHistory, "changelist"),
    ]


@pytest.mark.django_db
def test_history_pages_are_valid_html(client, superuser, tmp_path):
    client.force_login(superuser)
    pages = {url: client.get(url) for url in history_pages()}

    assert {url: page.status_code for url, page in pages.items()} == dict.fromkeys(pages, 200)
    assert html_errors({url: page.content for url, page in pages.items()}, tmp_path) == []


@pytest.mark.e2e
def test_history_pages_pass_axe(page, transactional_db, live_server):
    urls = history_pages()
    log_in_as_staff(page.context, live_server)
    page.set_viewport_size({"width": 1280, "height": 900})
    problems = {}

    for url in urls:
        response = page.goto(url)
        found = axe_violations(page)
        if response.status != 200:
            found.append(f"HTTP {response.status}")
        found += [f"console: {error}" for error in page.watch.console_errors]
        page.watch.console_errors.clear()
        if found:
            problems[url] = found

    assert problems == {}
