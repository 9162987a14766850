"""The staff admin: every page renders for editors, is read-only for viewers, and the
history pages record, show and restore changes."""

import pghistory
import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import reverse

from admin4all.admin_history import event_model_for
from admin4all.concurrency import VERSION_FIELD, version_token
from admin4all.models import ChangeHistory, Status, Theme
from admin4all.rich_text import MARKDOWN_HELP_TEXT
from events.models import Event
from municipalities.models import Municipality
from portal.search import site_search
from tests import factories
from trainings.models import Training

# The languages content is translated into, besides English.
TRANSLATION_CODES = ["it", "de", "pl", "ro", "el", "es"]

FACTORIES = {
    model_class: getattr(factories, f"{model_class.__name__}Factory")
    for model_class in admin.site._registry
    if model_class._meta.app_config.name in settings.LOCAL_APPS
    and model_class is not ChangeHistory
}


def admin_url(model_class, view, *args):
    return reverse(
        f"admin:{model_class._meta.app_label}_{model_class._meta.model_name}_{view}", args=args
    )


@pytest.fixture(params=sorted(FACTORIES, key=lambda m: m._meta.label), ids=lambda m: m._meta.label)
def model_class(request):
    return request.param


@pytest.mark.django_db
def test_admin_pages_render_for_superuser(client, superuser, model_class):
    obj = FACTORIES[model_class]()
    client.force_login(superuser)

    for url in [
        admin_url(model_class, "changelist"),
        admin_url(model_class, "changelist") + "?q=a",
        admin_url(model_class, "add"),
        admin_url(model_class, "change", obj.pk),
        admin_url(model_class, "history", obj.pk),
        admin_url(model_class, "deleted"),
    ]:
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_admin_programme_pages_render_for_editor(editor_client, model_class):
    if model_class._meta.label == "admin4all.User":
        pytest.skip("user accounts are for superusers")
    obj = FACTORIES[model_class]()

    assert editor_client.get(admin_url(model_class, "changelist")).status_code == 200
    assert editor_client.get(admin_url(model_class, "add")).status_code == 200
    response = editor_client.get(admin_url(model_class, "change", obj.pk))
    assert response.status_code == 200
    assert b'name="_save"' in response.content


MARKDOWN_FIELDS = {
    "admin4all.Organisation": {"description"},
    "admin4all.Person": {"bio"},
    "admin4all.ProgrammePhase": {"description"},
    "admin4all.Theme": {"description"},
    "events.Event": {"description", "outcome"},
    "events.NewsArticle": {"body"},
    "events.Publication": {"summary"},
    "events.Session": {"description"},
    "municipalities.GoodPractice": {"body"},
    "municipalities.Municipality": {"profile"},
}


@pytest.mark.django_db
def test_admin_forms_say_which_fields_take_markdown(editor_client, model_class):
    if model_class._meta.label == "admin4all.User":
        pytest.skip("user accounts are for superusers")

    form = editor_client.get(admin_url(model_class, "add")).context["adminform"].form

    markdown_fields = {
        name for name, field in form.fields.items() if field.help_text == MARKDOWN_HELP_TEXT
    }
    english = MARKDOWN_FIELDS.get(model_class._meta.label, set())
    # Their translations take Markdown too.
    translations = {f"{name}_{code}" for name in english for code in TRANSLATION_CODES}
    assert markdown_fields == english | translations


@pytest.mark.django_db
def test_admin_event_form_says_its_sessions_descriptions_take_markdown(editor_client):
    session = factories.SessionFactory()

    response = editor_client.get(admin_url(Event, "change", session.event.pk))

    [sessions] = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model._meta.model_name == "session"
    ]
    assert sessions.forms[0].fields["description"].help_text == MARKDOWN_HELP_TEXT


@pytest.mark.django_db
def test_admin_change_form_read_only_for_viewer(viewer_client, model_class):
    obj = FACTORIES[model_class]()

    assert viewer_client.get(admin_url(model_class, "changelist")).status_code == 200
    assert viewer_client.get(admin_url(model_class, "add")).status_code == 403
    response = viewer_client.get(admin_url(model_class, "change", obj.pk))
    assert response.status_code == 200
    assert b'name="_save"' not in response.content


@pytest.mark.django_db
def test_admin_post_by_viewer_refused_and_changes_nothing(viewer_client):
    theme = factories.ThemeFactory(name="Housing")

    response = viewer_client.post(
        admin_url(Theme, "change", theme.pk), {"name": "Changed", "slug": theme.slug}
    )

    assert response.status_code == 403
    theme.refresh_from_db()
    assert theme.name == "Housing"


@pytest.mark.django_db
def test_admin_user_accounts_not_changeable_by_editor(editor_client, editor):
    response = editor_client.get(admin_url(type(editor), "change", editor.pk))

    assert response.status_code == 200
    assert b'name="_save"' not in response.content


@pytest.mark.django_db
def test_admin_user_language_set_by_superuser(client, superuser):
    officer = factories.UserFactory(username="giulia", email="giulia@milano.example")
    client.force_login(superuser)
    url = admin_url(type(officer), "change", officer.pk)

    response = client.post(
        url,
        {
            "username": "giulia",
            "first_name": "",
            "last_name": "",
            "email": "giulia@milano.example",
            "language": "it",
            "is_active": "on",
            "date_joined_0": officer.date_joined.strftime("%Y-%m-%d"),
            "date_joined_1": officer.date_joined.strftime("%H:%M:%S"),
            VERSION_FIELD: version_token(officer),
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    officer.refresh_from_db()
    assert officer.language == "it"


@pytest.mark.django_db
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


@pytest.mark.django_db
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


@pytest.mark.django_db
def test_history_restore_brings_back_earlier_version(editor_client):
    theme = factories.ThemeFactory(name="Housing")
    Theme.objects.filter(pk=theme.pk).update(name="Vandalised")
    first = event_model_for(Theme).objects.filter(pgh_obj_id=theme.pk, pgh_label="insert").get()

    response = editor_client.post(admin_url(Theme, "restore", theme.pk, first.pk))

    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name == "Housing"
    last = event_model_for(Theme).objects.filter(pgh_obj_id=theme.pk).latest("pgh_id")
    assert last.pgh_context.metadata["restored_event"] == first.pk


@pytest.mark.django_db
def test_history_restore_in_an_admin_with_spreadsheets(editor_client):
    # Restoring once failed there: the spreadsheet views' URL helper shadowed the history's.
    training = factories.TrainingFactory(title="Intercultural mediation")
    Training.objects.filter(pk=training.pk).update(title="Vandalised")
    first = event_model_for(Training).objects.get(pgh_obj_id=training.pk, pgh_label="insert")

    response = editor_client.post(admin_url(Training, "restore", training.pk, first.pk))

    training.refresh_from_db()
    assert response.status_code == 302
    assert response.url == admin_url(Training, "change", training.pk)
    assert training.title == "Intercultural mediation"


@pytest.mark.django_db
def test_history_restore_of_searchable_content_brings_its_search_document_back(editor_client):
    # The history leaves the generated search document out; the database recomputes it.
    event = factories.EventFactory(title="Housing workshop")
    Event.objects.filter(pk=event.pk).update(title="Vandalised")
    first = event_model_for(Event).objects.filter(pgh_obj_id=event.pk, pgh_label="insert").get()

    response = editor_client.post(admin_url(Event, "restore", event.pk, first.pk))

    assert response.status_code == 302
    assert [hit.title for hit in site_search("housing", limit=10).hits] == ["Housing workshop"]
    assert site_search("vandalised", limit=10).hits == []


@pytest.mark.django_db
def test_history_restore_refused_for_viewer(viewer_client):
    theme = factories.ThemeFactory(name="Housing")
    Theme.objects.filter(pk=theme.pk).update(name="Changed")
    first = event_model_for(Theme).objects.filter(pgh_obj_id=theme.pk, pgh_label="insert").get()

    history = viewer_client.get(admin_url(Theme, "history", theme.pk))
    response = viewer_client.post(admin_url(Theme, "restore", theme.pk, first.pk))

    assert b"Restore this version" not in history.content
    assert response.status_code == 403
    theme.refresh_from_db()
    assert theme.name == "Changed"


@pytest.mark.django_db
def test_history_restore_by_get_not_allowed(editor_client):
    theme = factories.ThemeFactory()
    first = event_model_for(Theme).objects.get(pgh_obj_id=theme.pk)

    response = editor_client.get(admin_url(Theme, "restore", theme.pk, first.pk))

    assert response.status_code == 405


@pytest.mark.django_db
def test_deleted_records_listed_and_restorable(editor_client):
    kept = factories.ThemeFactory(name="Education")
    deleted = factories.ThemeFactory(name="Housing")
    deleted_pk = deleted.pk
    deleted.delete()

    page = editor_client.get(admin_url(Theme, "deleted"))
    [version] = page.context["versions"]
    response = editor_client.post(admin_url(Theme, "restore", deleted_pk, version.event.pk))

    assert str(version.snapshot) == "Housing"
    assert response.status_code == 302
    assert list(Theme.objects.order_by("name").values_list("pk", "name")) == [
        (kept.pk, "Education"),
        (deleted_pk, "Housing"),
    ]
    assert editor_client.get(admin_url(Theme, "deleted")).context["versions"] == []


@pytest.mark.django_db
def test_history_restore_conflict_reports_error(editor_client):
    theme = factories.ThemeFactory(name="Housing", slug="housing")
    delete_event_pk = theme.pk
    theme.delete()
    factories.ThemeFactory(name="Housing", slug="housing")
    event = event_model_for(Theme).objects.get(pgh_obj_id=delete_event_pk, pgh_label="delete")

    response = editor_client.post(
        admin_url(Theme, "restore", delete_event_pk, event.pk), follow=True
    )

    assert response.status_code == 200
    assert "cannot be restored" in [str(m) for m in response.context["messages"]][0]
    assert Theme.objects.count() == 1


@pytest.mark.django_db
def test_publish_action_publishes_drafts_and_is_recorded(editor_client, editor):
    draft = factories.NewsArticleFactory(draft=True)
    published = factories.NewsArticleFactory()
    original_time = published.published_at

    response = editor_client.post(
        admin_url(type(draft), "changelist"),
        {"action": "publish", "_selected_action": [draft.pk, published.pk]},
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, draft.is_public) == (Status.PUBLISHED, True)
    assert published.published_at == original_time
    last = event_model_for(type(draft)).objects.filter(pgh_obj_id=draft.pk).latest("pgh_id")
    assert last.pgh_context.metadata["user"] == editor.pk


@pytest.mark.django_db
def test_unpublish_action_makes_drafts(editor_client):
    article = factories.NewsArticleFactory()

    editor_client.post(
        admin_url(type(article), "changelist"),
        {"action": "unpublish", "_selected_action": [article.pk]},
    )

    article.refresh_from_db()
    assert (article.status, article.is_public) == (Status.DRAFT, False)


@pytest.mark.django_db
def test_publish_action_refused_for_viewer(viewer_client):
    draft = factories.NewsArticleFactory(draft=True)

    viewer_client.post(
        admin_url(type(draft), "changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )

    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


@pytest.mark.django_db
@pytest.mark.parametrize("term", ["Wroclav", "wroclaw", "Wrocław", "Breslau"])
def test_municipality_admin_search_finds_any_spelling(editor_client, term):
    wroclaw = factories.MunicipalityFactory(
        name="Wrocław", native_name="Wrocław", alternative_names=["Wroclav", "Breslau"]
    )
    factories.MunicipalityFactory(name="Warsaw")

    response = editor_client.get(admin_url(Municipality, "changelist"), {"q": term})

    assert list(response.context["cl"].result_list) == [wroclaw]


@pytest.mark.django_db
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


@pytest.mark.django_db
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
    assert f'<td class="field-user nowrap">{editor}</td>' in response.content.decode()
    assert b"Add recorded change" not in response.content


@pytest.mark.django_db
def test_deleting_a_municipality_others_depend_on_is_refused_with_the_list(editor_client):
    participation = factories.ParticipationFactory()
    municipality = participation.municipality

    page = editor_client.get(admin_url(Municipality, "delete", municipality.pk))
    response = editor_client.post(
        admin_url(Municipality, "delete", municipality.pk), {"post": "yes"}
    )

    assert page.status_code == 200
    assert [str(obj) for obj in page.context["protected"]] == [
        f'Participation: <a href="{admin_url(type(participation), "change", participation.pk)}">'
        f"{participation}</a>"
    ]
    assert (response.status_code, list(Municipality.objects.all())) == (200, [municipality])
