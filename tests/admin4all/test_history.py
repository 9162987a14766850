"""The history pages: every change recorded and listed readably, restoring a version
only after showing what it changes and a confirming POST, times in the portal's time
zone with the zone named, and the global change history."""

from datetime import UTC, datetime

import pghistory
import pytest
from django.test import Client

from admin4all.admin_history import SEEN_VERSION_FIELD, event_model_for, latest_event_id
from admin4all.concurrency import VERSION_FIELD, version_token
from admin4all.local_time import local_moment
from admin4all.models import ChangeHistory, Theme
from events.models import Event
from portal.search import site_search
from tests import factories
from tests.admin4all.test_admin import admin_url
from tests.edit_forms import form_data
from trainings.models import Training

pytestmark = pytest.mark.django_db


def restore_confirmed(client, url, **kwargs):
    """What a browser does: open the restore page, then send its form."""
    page = client.get(url)
    return client.post(url, form_data(page.content.decode(), SEEN_VERSION_FIELD), **kwargs)


def first_event(obj):
    return event_model_for(type(obj)).objects.filter(pgh_obj_id=obj.pk).earliest("pgh_id")


def test_admin_change_recorded_with_editor_in_history(editor_client, editor):
    theme = factories.ThemeFactory(name="Housing", slug="housing")

    response = editor_client.post(
        admin_url(Theme, "change", theme.pk),
        {
            "name": "Housing and shelter",
            "slug": "housing",
            "description": "",
            VERSION_FIELD: version_token(theme),
        },
    )

    assert response.status_code == 302
    last = event_model_for(Theme).objects.filter(pgh_obj_id=theme.pk).latest("pgh_id")
    assert (last.pgh_label, last.name) == ("update", "Housing and shelter")
    assert last.pgh_context.metadata["user"] == editor.pk
    assert last.pgh_context.metadata["url"] == admin_url(Theme, "change", theme.pk)


def test_history_page_lists_versions_with_changes(editor_client):
    theme = factories.ThemeFactory(name="Housing")
    Theme.objects.filter(pk=theme.pk).update(name="Housing policy")

    response = editor_client.get(admin_url(Theme, "history", theme.pk))

    assert response.status_code == 200
    versions = response.context["versions"]
    assert [version.event.pgh_label for version in versions] == ["update", "insert"]
    assert [(c.label, c.before, c.after) for c in versions[0].changes] == [
        ("name", "Housing", "Housing policy")
    ]
    assert b"Restore this version" in response.content


def test_history_restore_brings_back_earlier_version(editor_client):
    theme = factories.ThemeFactory(name="Housing")
    Theme.objects.filter(pk=theme.pk).update(name="Vandalised")
    first = first_event(theme)

    response = restore_confirmed(editor_client, admin_url(Theme, "restore", theme.pk, first.pk))

    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name == "Housing"
    last = event_model_for(Theme).objects.filter(pgh_obj_id=theme.pk).latest("pgh_id")
    assert last.pgh_context.metadata["restored_event"] == first.pk


def test_history_restore_in_an_admin_with_spreadsheets(editor_client):
    # Restoring once failed there: the spreadsheet views' URL helper shadowed the history's.
    training = factories.TrainingFactory(title="Intercultural mediation")
    Training.objects.filter(pk=training.pk).update(title="Vandalised")
    first = first_event(training)

    response = restore_confirmed(
        editor_client, admin_url(Training, "restore", training.pk, first.pk)
    )

    training.refresh_from_db()
    assert response.status_code == 302
    assert response.url == admin_url(Training, "change", training.pk)
    assert training.title == "Intercultural mediation"


def test_history_restore_of_searchable_content_brings_its_search_document_back(editor_client):
    # The history leaves the generated search document out; the database recomputes it.
    event = factories.EventFactory(title="Housing workshop")
    Event.objects.filter(pk=event.pk).update(title="Vandalised")
    first = first_event(event)

    response = restore_confirmed(editor_client, admin_url(Event, "restore", event.pk, first.pk))

    assert response.status_code == 302
    assert [hit.title for hit in site_search("housing", limit=10).hits] == ["Housing workshop"]
    assert site_search("vandalised", limit=10).hits == []


def test_history_restore_refused_for_viewer(viewer_client):
    theme = factories.ThemeFactory(name="Housing")
    Theme.objects.filter(pk=theme.pk).update(name="Changed")
    first = first_event(theme)
    url = admin_url(Theme, "restore", theme.pk, first.pk)

    history = viewer_client.get(admin_url(Theme, "history", theme.pk))
    page = viewer_client.get(url)
    response = viewer_client.post(url, {SEEN_VERSION_FIELD: latest_event_id(Theme, theme.pk)})

    assert b"Restore this version" not in history.content
    assert (page.status_code, response.status_code) == (403, 403)
    theme.refresh_from_db()
    assert theme.name == "Changed"


def test_deleted_records_listed_and_restorable(editor_client):
    kept = factories.ThemeFactory(name="Education")
    deleted = factories.ThemeFactory(name="Housing")
    deleted_pk = deleted.pk
    deleted.delete()

    page = editor_client.get(admin_url(Theme, "deleted"))
    [version] = page.context["versions"]
    response = restore_confirmed(
        editor_client, admin_url(Theme, "restore", deleted_pk, version.event.pk)
    )

    assert str(version.snapshot) == "Housing"
    assert response.status_code == 302
    assert list(Theme.objects.order_by("name").values_list("pk", "name")) == [
        (kept.pk, "Education"),
        (deleted_pk, "Housing"),
    ]
    assert editor_client.get(admin_url(Theme, "deleted")).context["versions"] == []


def test_history_restore_conflict_reports_error(editor_client):
    theme = factories.ThemeFactory(name="Housing", slug="housing")
    delete_event_pk = theme.pk
    theme.delete()
    factories.ThemeFactory(name="Housing", slug="housing")
    event = event_model_for(Theme).objects.get(pgh_obj_id=delete_event_pk, pgh_label="delete")

    response = restore_confirmed(
        editor_client, admin_url(Theme, "restore", delete_event_pk, event.pk), follow=True
    )

    assert response.status_code == 200
    assert "cannot be restored" in [str(m) for m in response.context["messages"]][0]
    assert Theme.objects.count() == 1


def test_history_page_lists_links_added_and_removed(editor_client, editor):
    article = factories.NewsArticleFactory()
    housing = factories.ThemeFactory(name="Housing")
    education = factories.ThemeFactory(name="Education")
    article.themes.add(housing)

    response = editor_client.post(
        admin_url(type(article), "change", article.pk),
        {
            "title": article.title,
            "slug": article.slug,
            "summary": "",
            "body": article.body,
            "themes": [education.pk],
            "status": article.status,
            "published_at_0": article.published_at.strftime("%Y-%m-%d"),
            "published_at_1": article.published_at.strftime("%H:%M:%S"),
            VERSION_FIELD: version_token(article),
        },
    )
    history = editor_client.get(admin_url(type(article), "history", article.pk))

    assert response.status_code == 302
    links = [
        (version.label, version.user, [(c.before, c.after) for c in version.changes])
        for version in history.context["versions"]
        if version.event.pgh_label in ("add", "remove")
    ]
    assert sorted(links, key=str) == sorted(
        [
            ("link added", None, [("—", housing)]),
            ("link removed", editor, [(housing, "—")]),
            ("link added", editor, [("—", education)]),
        ],
        key=str,
    )


@pytest.mark.parametrize("client_fixture", ["editor_client", "viewer_client"])
def test_change_history_lists_every_change_read_only(request, client_fixture, editor):
    theme = factories.ThemeFactory(name="Housing")
    client = request.getfixturevalue("editor_client")
    client.post(
        admin_url(Theme, "change", theme.pk),
        {
            "name": "Housing policy",
            "slug": theme.slug,
            "description": "",
            VERSION_FIELD: version_token(theme),
        },
    )

    response = request.getfixturevalue(client_fixture).get(admin_url(ChangeHistory, "changelist"))

    assert response.status_code == 200
    rows = [(row.pgh_label, row.pgh_obj_model) for row in response.context["cl"].result_list]
    assert ("update", "admin4all.Theme") in rows
    assert f'<td class="field-by_whom">{editor}<br>' in response.content.decode()
    assert b"Add recorded change" not in response.content


def vandalised_event():
    """An event hosted in Milan, translated into Italian, and its first version; then
    every one of those fields changed."""
    milan = factories.MunicipalityFactory(name="Milan")
    event = factories.EventFactory(
        title="Milan consultation",
        kind=Event.Kind.REGIONAL_CONSULTATION,
        host_municipality=milan,
        title_it="Consultazione di Milano",
    )
    first = first_event(event)
    Event.objects.filter(pk=event.pk).update(
        title="Vandalised",
        kind=Event.Kind.WEBINAR,
        host_municipality=None,
        is_online=True,
        i18n={},
    )
    return event, first, milan


def test_restore_page_shows_the_changes_readably_and_changes_nothing(editor_client):
    event, first, milan = vandalised_event()
    events_recorded = event_model_for(Event).objects.count()

    response = editor_client.get(admin_url(Event, "restore", event.pk, first.pk))

    assert response.status_code == 200
    changes = [(c.label, str(c.before), str(c.after)) for c in response.context["changes"]]
    assert changes == [
        ("kind", "webinar", "regional consultation"),
        ("title", "Vandalised", "Milan consultation"),
        ("online", "yes", "no"),
        ("hosted by", "—", "Milan"),
        ("title (Italian)", "—", "Consultazione di Milano"),
    ]
    milan_link = f'<a href="{admin_url(type(milan), "change", milan.pk)}">Milan</a>'
    assert f"<td>{milan_link}</td>" in response.content.decode()
    assert b'value="Yes, restore this version"' in response.content
    event.refresh_from_db()
    assert (event.title, event_model_for(Event).objects.count()) == ("Vandalised", events_recorded)


def test_restore_page_of_a_deleted_record_shows_what_comes_back(editor_client):
    theme = factories.ThemeFactory(name="Housing", description="Homes.")
    theme_pk = theme.pk
    theme.delete()
    deleted = event_model_for(Theme).objects.get(pgh_obj_id=theme_pk, pgh_label="delete")

    response = editor_client.get(admin_url(Theme, "restore", theme_pk, deleted.pk))

    changes = [(c.label, c.before, c.after) for c in response.context["changes"]]
    created_at = local_moment(theme.created_at)
    assert changes == [
        ("created at", "—", created_at),
        ("name", "—", "Housing"),
        ("slug", "—", theme.slug),
        ("description", "—", "Homes."),
    ]
    assert b"This record was deleted." in response.content
    assert not Theme.objects.filter(pk=theme_pk).exists()


def test_restore_posted_without_confirmation_only_asks(editor_client):
    theme = factories.ThemeFactory(name="Housing")
    Theme.objects.filter(pk=theme.pk).update(name="Vandalised")

    response = editor_client.post(admin_url(Theme, "restore", theme.pk, first_event(theme).pk))

    theme.refresh_from_db()
    assert (response.status_code, theme.name) == (200, "Vandalised")
    assert response.context["changed_meanwhile"] is False


def test_restore_confirmed_restores_and_says_so_in_local_time(editor_client):
    event, first, milan = vandalised_event()
    # 07:08 UTC is 08:08 in Brussels in winter.
    event_model_for(Event).objects.filter(pk=first.pk).update(
        pgh_created_at=datetime(2026, 12, 7, 7, 8, tzinfo=UTC)
    )

    response = restore_confirmed(
        editor_client, admin_url(Event, "restore", event.pk, first.pk), follow=True
    )

    event.refresh_from_db()
    assert (event.title, event.kind, event.host_municipality, event.is_online) == (
        "Milan consultation",
        Event.Kind.REGIONAL_CONSULTATION,
        milan,
        False,
    )
    assert event.i18n == {"title_it": "Consultazione di Milano"}
    assert [str(message) for message in response.context["messages"]] == [
        "Restored Milan consultation as it was on 7 December 2026, 08:08 CET."
    ]


def test_history_page_times_in_local_time_with_the_zone(editor_client):
    theme = factories.ThemeFactory(name="Housing")
    Theme.objects.filter(pk=theme.pk).update(name="Housing policy")
    first, second = event_model_for(Theme).objects.filter(pgh_obj_id=theme.pk).order_by("pgh_id")
    event_model_for(Theme).objects.filter(pk=first.pk).update(
        pgh_created_at=datetime(2026, 12, 7, 7, 8, tzinfo=UTC)
    )
    event_model_for(Theme).objects.filter(pk=second.pk).update(
        pgh_created_at=datetime(2026, 7, 7, 7, 8, tzinfo=UTC)
    )

    response = editor_client.get(admin_url(Theme, "history", theme.pk))

    content = response.content.decode()
    assert '<th scope="row">7 December 2026, 08:08 CET</th>' in content
    assert '<th scope="row">7 July 2026, 09:08 CEST</th>' in content


def test_restore_refused_when_the_record_changed_since_the_page(editor_client):
    theme = factories.ThemeFactory(name="Housing")
    Theme.objects.filter(pk=theme.pk).update(name="Vandalised")
    url = admin_url(Theme, "restore", theme.pk, first_event(theme).pk)
    page = editor_client.get(url)
    Theme.objects.filter(pk=theme.pk).update(name="Housing", description="Written meanwhile.")

    response = editor_client.post(url, form_data(page.content.decode(), SEEN_VERSION_FIELD))

    theme.refresh_from_db()
    assert (response.status_code, theme.description) == (200, "Written meanwhile.")
    assert response.context["changed_meanwhile"] is True
    assert [(c.label, c.before, c.after) for c in response.context["changes"]] == [
        ("description", "Written meanwhile.", "—")
    ]
    restore_confirmed(editor_client, url)
    theme.refresh_from_db()
    assert theme.description == ""


def test_restore_page_with_nothing_to_change_has_no_button(editor_client):
    theme = factories.ThemeFactory(name="Housing")

    response = editor_client.get(admin_url(Theme, "restore", theme.pk, first_event(theme).pk))

    assert response.context["changes"] == []
    assert b"restoring it would change nothing" in response.content
    assert b"<form" not in response.content.split(b'id="content-main"')[1]


def test_restore_needs_the_csrf_token(editor):
    theme = factories.ThemeFactory(name="Housing")
    Theme.objects.filter(pk=theme.pk).update(name="Vandalised")
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post(
        admin_url(Theme, "restore", theme.pk, first_event(theme).pk),
        {SEEN_VERSION_FIELD: latest_event_id(Theme, theme.pk)},
    )

    theme.refresh_from_db()
    assert (response.status_code, theme.name) == (403, "Vandalised")


@pytest.mark.parametrize(
    ("permissions", "status"),
    [(["view_theme"], 403), (["view_theme", "change_theme"], 302)],
)
def test_restore_needs_the_change_permission(staff_client_with, permissions, status):
    theme = factories.ThemeFactory(name="Housing")
    Theme.objects.filter(pk=theme.pk).update(name="Vandalised")
    client = staff_client_with(*permissions)
    url = admin_url(Theme, "restore", theme.pk, first_event(theme).pk)

    response = client.post(url, {SEEN_VERSION_FIELD: latest_event_id(Theme, theme.pk)})

    theme.refresh_from_db()
    assert (client.get(url).status_code, response.status_code) == (
        200 if status == 302 else 403,
        status,
    )
    assert theme.name == ("Housing" if status == 302 else "Vandalised")


def test_change_history_page_reads_as_staff_say_it(editor_client, editor):
    event, first, milan = vandalised_event()
    housing = factories.ThemeFactory(name="Housing")
    housing_pk = housing.pk
    with pghistory.context(user=editor.pk, url="/admin/events/event/"):
        Event.objects.filter(pk=event.pk).update(host_municipality=milan)
        event.themes.add(housing)
        housing.delete()

    response = editor_client.get(admin_url(ChangeHistory, "changelist"))

    assert [header["text"] for header in response.context["result_headers"]] == [
        "when",
        "record",
        "kind of record",
        "change",
        "by whom",
    ]
    content = response.content.decode()
    event_links = (
        f'<a href="{admin_url(Event, "change", event.pk)}">Vandalised</a><br>'
        f'<small><a href="{admin_url(Event, "history", event.pk)}">History</a></small>'
    )
    assert f'<td class="field-record">{event_links}</td>' in content
    milan_link = f'<a href="{admin_url(type(milan), "change", milan.pk)}">Milan</a>'
    assert f"<li><strong>hosted by</strong>: — → {milan_link}</li>" in content
    assert f"<li><strong>themes</strong>: — → theme {housing_pk} (deleted since)</li>" in content
    assert (
        f'<td class="field-record">Housing (deleted)<br><small><a href="'
        f'{admin_url(Theme, "deleted")}">Deleted records</a></small></td>'
    ) in content
    assert '<td class="field-kind_of_record">Theme</td>' in content
    assert f"{response.context['cl'].result_count} recorded changes" in content
    page_path = "/<wbr>admin/<wbr>events/<wbr>event/<wbr>"
    assert (f'<td class="field-by_whom">{editor}<br><small>{page_path}</small>') in content


@pytest.mark.parametrize(
    "query",
    [
        "?event_model=events.nothing",
        "?label=%00",
        "?obj=events.Event:abc&method=tracks",
        "?obj=nothing.Nothing:1&method=tracks",
    ],
)
def test_change_history_filter_typed_wrong_is_reported_not_a_500(editor_client, query):
    factories.ThemeFactory()

    response = editor_client.get(admin_url(ChangeHistory, "changelist") + query)

    assert (response.status_code, response.url) == (
        302,
        admin_url(ChangeHistory, "changelist") + "?e=1",
    )


def test_restore_of_a_record_key_that_cannot_be_one_is_not_found(editor_client):
    theme = factories.ThemeFactory()

    response = editor_client.get(admin_url(Theme, "restore", "abc", first_event(theme).pk))

    assert response.status_code == 404


@pytest.mark.django_db
def test_history_page_names_editors_by_name_and_email_never_by_username(client, editor):
    editor.username, editor.email = "staff-9d2b", "maria@iom.example"
    editor.first_name, editor.last_name = "Maria", "Rossi"
    editor.save()
    officer = factories.UserFactory(username="officer-5c1e", email="anna@wroclaw.example")
    client.force_login(editor)
    theme = factories.ThemeFactory(name="Housing")
    for user, name in [(editor, "Housing policy"), (officer, "Housing first")]:
        with pghistory.context(user=user.pk):
            theme.name = name
            theme.save()

    html = client.get(admin_url(Theme, "history", theme.pk)).content.decode()

    assert "<td>anna@wroclaw.example" in html
    assert "<td>Maria Rossi (maria@iom.example)" in html
    assert "officer-5c1e" not in html and "staff-9d2b" not in html
