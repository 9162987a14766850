"""The event's agenda in the admin: the event's change form lists its sessions, and each
session, with its translations and speakers, is edited on its own page."""

import datetime

import pytest
from django.utils import translation

from events.models import Event, Session, Speaker
from tests import factories
from tests.admin4all.test_admin import admin_url
from tests.edit_forms import form_data


def _agenda_links(html: str, event: Event) -> list[str]:
    with translation.override("en"):
        return [
            f'href="{admin_url(Session, "change", session.pk)}?event={event.pk}"'
            for session in event.sessions.all()
        ]


@pytest.mark.django_db
def test_event_form_lists_its_sessions_in_agenda_order_with_links(editor_client):
    event = factories.EventFactory(start_date=datetime.date(2019, 10, 8))
    later = factories.SessionFactory(
        event=event, title="Workshops", day=datetime.date(2019, 10, 9), track="Housing"
    )
    first = factories.SessionFactory(
        event=event, title="Opening", start_time=datetime.time(9, 30), end_time=datetime.time(10)
    )
    factories.SpeakerFactory(session=first)

    response = editor_client.get(admin_url(Event, "change", event.pk))

    html = response.content.decode()
    assert list(response.context["agenda"]) == [first, later]
    links = [html.index(link) for link in _agenda_links(html, event)]
    assert links == sorted(links)
    assert "<td>09:30</td>" in html and "<td>10:00</td>" in html and "<td>Housing</td>" in html
    assert f'href="{admin_url(Session, "add")}?event={event.pk}"' in html
    # The sessions are no longer rows of the form: neither they nor their speakers.
    prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
    assert prefixes == ["figures", "materials"]
    assert 'name="sessions-' not in html and "speakers-" not in html


@pytest.mark.django_db
def test_event_form_offers_no_add_link_to_viewer(viewer_client):
    session = factories.SessionFactory()

    response = viewer_client.get(admin_url(Event, "change", session.event.pk))

    html = response.content.decode()
    assert _agenda_links(html, session.event)[0] in html
    assert admin_url(Session, "add") not in html


@pytest.mark.django_db
def test_event_add_form_has_no_agenda_yet(editor_client):
    response = editor_client.get(admin_url(Event, "add"))

    assert "agenda" not in response.context
    assert 'id="agenda-group"' not in response.content.decode()


@pytest.mark.django_db
def test_session_added_from_the_agenda_belongs_to_the_event_and_leads_back(editor_client):
    event = factories.EventFactory()
    person = factories.PersonFactory()
    url = f"{admin_url(Session, 'add')}?event={event.pk}"
    page = editor_client.get(url)

    response = editor_client.post(
        url,
        {
            **form_data(page.content.decode()),
            "title": "Opening",
            "title_it": "Apertura",
            "kind": Session.Kind.OPENING,
            "day": "2019-10-08",
            "speakers-TOTAL_FORMS": "1",
            "speakers-0-person": str(person.pk),
            "speakers-0-role": Speaker.Role.SPEAKER,
            "speakers-0-position": "0",
            "speakers-0-job_title_it": "Sindaca",
        },
    )

    [session] = event.sessions.all()
    [speaker] = session.speakers.all()
    assert page.context["adminform"].form.initial["event"] == str(event.pk)
    assert response.status_code == 302
    assert response["Location"] == admin_url(Event, "change", event.pk)
    assert (session.title, session.i18n) == ("Opening", {"title_it": "Apertura"})
    assert (speaker.person, speaker.i18n) == (person, {"job_title_it": "Sindaca"})


@pytest.mark.django_db
def test_session_saved_from_the_agenda_leads_back_to_the_event(editor_client):
    session = factories.SessionFactory(title="Opening")
    url = f"{admin_url(Session, 'change', session.pk)}?event={session.event.pk}"

    response = editor_client.post(
        url, {**form_data(editor_client.get(url).content.decode()), "title": "Welcome"}
    )

    session.refresh_from_db()
    assert response["Location"] == admin_url(Event, "change", session.event.pk)
    assert session.title == "Welcome"


@pytest.mark.django_db
def test_session_saved_with_continue_or_from_its_list_stays_in_the_sessions(editor_client):
    session = factories.SessionFactory()
    url = admin_url(Session, "change", session.pk)
    data = form_data(editor_client.get(url).content.decode())

    from_list = editor_client.post(url, data)
    data = form_data(editor_client.get(url).content.decode())
    continued = editor_client.post(f"{url}?event={session.event.pk}", {**data, "_continue": "1"})

    assert from_list["Location"] == admin_url(Session, "changelist")
    assert continued["Location"] == f"{url}?event={session.event.pk}"


@pytest.mark.django_db
def test_session_page_links_to_its_event(editor_client):
    session = factories.SessionFactory()

    response = editor_client.get(admin_url(Session, "change", session.pk))

    assert response.context["object_tool_links"] == [
        ("Event", admin_url(Event, "change", session.event.pk))
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 3])
def test_event_form_queries_do_not_grow_with_its_sessions(
    superuser_client, django_assert_num_queries, size
):
    event = factories.EventFactory()
    for session in factories.SessionFactory.create_batch(size, event=event):
        factories.SpeakerFactory.create_batch(size, session=session)

    with django_assert_num_queries(11):
        response = superuser_client.get(admin_url(Event, "change", event.pk))

    assert len(response.context["agenda"]) == size
