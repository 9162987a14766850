"""Changelist rows written without widget templates or a reverse() per row, and the app
list built only where a page shows it: the same markup and links as Django's."""

import pytest
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.utils.functional import empty

from events.models import Event
from tests import factories
from tests.admin4all.test_admin import admin_url


@pytest.mark.django_db
def test_action_checkbox_is_djangos_markup():
    event = factories.EventFactory(title='Workshop <b> & "friends"')
    event_admin = admin.site._registry[Event]

    assert event_admin.action_checkbox(event) == admin.ModelAdmin.action_checkbox(
        event_admin, event
    )


@pytest.mark.django_db
@pytest.mark.parametrize("pk", [7, "a/b_c?d ü%"])
def test_row_links_are_those_django_reverses(editor_client, pk):
    factories.EventFactory()
    cl = editor_client.get(admin_url(Event, "changelist")).context["cl"]
    row = Event(pk=pk)

    assert cl.url_for_result(row) == ChangeList.url_for_result(cl, row)


@pytest.mark.django_db
def test_changelist_rows_link_to_their_records(editor_client):
    events = factories.EventFactory.create_batch(2)

    html = editor_client.get(admin_url(Event, "changelist")).content.decode()

    for event in events:
        assert f'<a href="{admin_url(Event, "change", event.pk)}">{event.title}</a>' in html
        assert f'name="_selected_action" value="{event.pk}" class="action-select"' in html


@pytest.mark.django_db
def test_changelist_leaves_the_app_list_unbuilt(editor_client):
    response = editor_client.get(admin_url(Event, "changelist"))

    assert response.context["available_apps"]._wrapped is empty


@pytest.mark.django_db
def test_index_lists_the_models_staff_may_see(editor_client, viewer_client):
    edited = editor_client.get("/admin/").context["app_list"]
    viewed = viewer_client.get("/admin/").context["app_list"]

    def events_models(app_list):
        [events] = [app for app in app_list if app["app_label"] == "events"]
        return {model["object_name"]: bool(model["add_url"]) for model in events["models"]}

    assert events_models(edited)["Session"] is True
    assert events_models(viewed)["Session"] is False
    assert "admin4all" in {app["app_label"] for app in edited}


@pytest.mark.django_db
def test_app_index_lists_its_models(editor_client):
    response = editor_client.get("/admin/events/")

    [events] = response.context["app_list"]
    assert response.context["title"] == "Events, news and publications administration"
    assert "Session" in {model["object_name"] for model in events["models"]}
