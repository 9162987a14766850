"""Two people editing the same record in the admin: the second save is refused, shown
what the first changed, and succeeds when sent again (issue #5, "Nothing lost")."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from admin4all.concurrency import VERSION_FIELD, version_token
from admin4all.groups import EDITORS
from admin4all.local_time import local_moment
from admin4all.models import Status, Theme
from events.models import Event, NewsArticle, Session
from tests import factories
from tests.admin4all.test_admin import admin_url
from tests.edit_forms import OLD_PAGE, conflict_message, form_data


def changes(response) -> list[tuple]:
    conflict = response.context["adminform"].form.conflict
    return [(c.label, c.before, c.after) for c in conflict.changes]


def open_form(client, url) -> dict:
    return form_data(client.get(url).content.decode())


def whole_seconds(moment):
    """The admin's date and time fields drop microseconds: data saved there has none."""
    return moment.replace(microsecond=0)


@pytest.fixture
def anna_client(db):
    """The first editor, who saves first."""
    user = factories.UserFactory(is_staff=True, first_name="Anna", last_name="Nowak")
    user.groups.add(Group.objects.get(name=EDITORS))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def theme(db):
    return factories.ThemeFactory(name="Housing", slug="housing", description="")


@pytest.mark.django_db
def test_change_form_carries_token_of_current_version(editor_client, theme):
    response = editor_client.get(admin_url(Theme, "change", theme.pk))

    assert form_data(response.content.decode())[VERSION_FIELD] == [version_token(theme)]


@pytest.mark.django_db
def test_second_save_refused_with_first_savers_changes(anna_client, editor_client, theme):
    url = admin_url(Theme, "change", theme.pk)
    anna_form, ben_form = open_form(anna_client, url), open_form(editor_client, url)

    first = anna_client.post(url, {**anna_form, "name": "Housing policy"})
    second = editor_client.post(url, {**ben_form, "name": "Shelter", "description": "Beds."})

    theme.refresh_from_db()
    assert (first.status_code, second.status_code) == (302, 200)
    assert second.context["adminform"].form.errors == {
        "__all__": [conflict_message(theme, "Anna Nowak")]
    }
    assert changes(second) == [("name", "Housing", "Housing policy")]
    assert (theme.name, theme.description) == ("Housing policy", "")
    kept = form_data(second.content.decode())
    assert (kept["name"], kept["description"]) == (["Shelter"], ["Beds."])
    html = second.content.decode()
    assert "<caption>Changes saved by someone else since you opened this form</caption>" in html
    assert (
        '<th scope="row">Name</th>\n        <td>Housing</td>\n        <td>Housing policy</td>'
        in (html)
    )


@pytest.mark.django_db
def test_second_save_sent_again_after_conflict_succeeds(anna_client, editor_client, theme):
    url = admin_url(Theme, "change", theme.pk)
    anna_form, ben_form = open_form(anna_client, url), open_form(editor_client, url)
    anna_client.post(url, {**anna_form, "name": "Housing policy"})
    refused = editor_client.post(url, {**ben_form, "name": "Shelter"})

    again = editor_client.post(url, form_data(refused.content.decode()))

    theme.refresh_from_db()
    assert (refused.status_code, again.status_code, theme.name) == (200, 302, "Shelter")


@pytest.mark.django_db
def test_saves_one_after_another_never_conflict(editor_client, theme):
    url = admin_url(Theme, "change", theme.pk)

    first = editor_client.post(url, {**open_form(editor_client, url), "name": "Housing policy"})
    second = editor_client.post(url, {**open_form(editor_client, url), "name": "Shelter"})

    theme.refresh_from_db()
    assert (first.status_code, second.status_code, theme.name) == (302, 302, "Shelter")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "token",
    [None, "", "garbage", "admin4all.Theme:1:1:forged-signature", "other object"],
)
def test_missing_or_tampered_token_refused_with_message(editor_client, theme, token):
    url = admin_url(Theme, "change", theme.pk)
    data = {**open_form(editor_client, url), "name": "Shelter"}
    if token is None:
        del data[VERSION_FIELD]
    elif token == "other object":
        data[VERSION_FIELD] = version_token(factories.ThemeFactory())
    else:
        data[VERSION_FIELD] = token

    refused = editor_client.post(url, data)
    theme.refresh_from_db()
    unchanged = theme.name
    again = editor_client.post(url, form_data(refused.content.decode()))

    theme.refresh_from_db()
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors == {"__all__": [OLD_PAGE]}
    assert refused.context["adminform"].form.conflict.changes is None
    assert (unchanged, again.status_code, theme.name) == ("Housing", 302, "Shelter")


@pytest.mark.django_db
def test_publish_action_between_opening_and_saving_detected(anna_client, editor_client):
    article = factories.NewsArticleFactory(draft=True, title="Milan consultation")
    url = admin_url(NewsArticle, "change", article.pk)
    opened = open_form(editor_client, url)

    anna_client.post(
        admin_url(NewsArticle, "changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
    )
    response = editor_client.post(url, {**opened, "title": "Milan mid-term consultation"})

    article.refresh_from_db()
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "__all__": [conflict_message(article, "Anna Nowak")]
    }
    assert changes(response) == [
        ("status", "draft", "published"),
        ("publication time", "—", local_moment(article.published_at)),
    ]
    assert (article.title, article.status) == ("Milan consultation", Status.PUBLISHED)


@pytest.mark.django_db
def test_theme_links_changed_meanwhile_listed(anna_client, editor_client, theme):
    article = factories.NewsArticleFactory(
        title="Milan consultation", published_at=whole_seconds(timezone.now())
    )
    url = admin_url(NewsArticle, "change", article.pk)
    anna_form, ben_form = open_form(anna_client, url), open_form(editor_client, url)

    anna_client.post(url, {**anna_form, "themes": [theme.pk]})
    response = editor_client.post(url, {**ben_form, "title": "Milan mid-term consultation"})

    assert response.status_code == 200
    assert changes(response) == [("themes", "—", theme)]
    assert list(article.themes.all()) == [theme]


@pytest.mark.django_db
def test_event_fields_protected(anna_client, editor_client):
    event = factories.EventFactory(
        title="Brussels workshop", published_at=whole_seconds(timezone.now())
    )
    factories.SpeakerFactory(session=factories.SessionFactory(event=event))
    url = admin_url(Event, "change", event.pk)
    anna_form, ben_form = open_form(anna_client, url), open_form(editor_client, url)

    first = anna_client.post(url, {**anna_form, "title": "Brussels regional workshop"})
    second = editor_client.post(url, {**ben_form, "venue": "Résidence Palace"})

    event.refresh_from_db()
    assert (first.status_code, second.status_code) == (302, 200)
    assert changes(second) == [("title", "Brussels workshop", "Brussels regional workshop")]
    assert (event.title, event.venue) == ("Brussels regional workshop", "")


@pytest.mark.django_db
def test_material_row_changed_in_event_form_detected(anna_client, editor_client):
    event = factories.EventFactory(published_at=whole_seconds(timezone.now()))
    material = factories.EventMaterialFactory(event=event, title="Opening")
    url = admin_url(Event, "change", event.pk)
    anna_form, ben_form = open_form(anna_client, url), open_form(editor_client, url)
    (title_field,) = [name for name in anna_form if name.endswith("-0-title")]

    anna_client.post(url, {**anna_form, title_field: "Opening plenary"})
    response = editor_client.post(url, {**ben_form, title_field: "Welcome"})

    material.refresh_from_db()
    assert response.status_code == 200
    assert changes(response) == []
    assert (
        "None of the record's own fields changed: the change concerns items linked to it "
        "or listed under it."
    ) in response.content.decode()
    assert material.title == "Opening plenary"


@pytest.mark.django_db
def test_session_admin_protects_session_without_timestamps(anna_client, editor_client):
    session = factories.SessionFactory(title="Opening")
    url = admin_url(Session, "change", session.pk)
    anna_form, ben_form = open_form(anna_client, url), open_form(editor_client, url)

    anna_client.post(url, {**anna_form, "title": "Opening plenary"})
    response = editor_client.post(url, {**ben_form, "title": "Welcome"})

    session.refresh_from_db()
    assert response.status_code == 200
    assert changes(response) == [("title", "Opening", "Opening plenary")]
    assert session.title == "Opening plenary"


@pytest.mark.django_db
def test_user_admin_second_save_refused(superuser):
    account = factories.UserFactory(first_name="Ioana", date_joined=whole_seconds(timezone.now()))
    url = admin_url(type(account), "change", account.pk)
    first_client, second_client = Client(), Client()
    first_client.force_login(superuser)
    second_client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    first_form, second_form = open_form(first_client, url), open_form(second_client, url)

    first_client.post(url, {**first_form, "first_name": "Ioana Maria"})
    response = second_client.post(url, {**second_form, "last_name": "Pop"})

    account.refresh_from_db()
    assert response.status_code == 200
    assert changes(response) == [("first name", "Ioana", "Ioana Maria")]
    assert (account.first_name, account.last_name) == ("Ioana Maria", "")


@pytest.mark.django_db
def test_add_form_needs_no_token(editor_client):
    response = editor_client.post(
        admin_url(Theme, "add"), {"name": "Education", "slug": "education", "description": ""}
    )

    assert response.status_code == 302
    assert list(Theme.objects.values_list("name", flat=True)) == ["Education"]


@pytest.mark.django_db
def test_update_outside_any_request_detected_as_someone_else(editor_client, theme):
    url = admin_url(Theme, "change", theme.pk)
    opened = open_form(editor_client, url)
    Theme.objects.filter(pk=theme.pk).update(description="Beds and flats.")

    response = editor_client.post(url, {**opened, "name": "Shelter"})

    theme.refresh_from_db()
    assert response.context["adminform"].form.errors == {
        "__all__": [conflict_message(theme, "Someone else")]
    }
    assert changes(response) == [("description", "—", "Beds and flats.")]
    assert (theme.name, theme.description) == ("Housing", "Beds and flats.")
