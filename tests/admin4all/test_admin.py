"""The staff admin: every page renders for editors, is read-only for viewers, and the
history pages record, show and restore changes."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import reverse

from admin4all.admin_history import event_model_for
from admin4all.concurrency import VERSION_FIELD, version_token
from admin4all.models import ChangeHistory, OutgoingEmail, Status, Theme
from admin4all.rich_text import MARKDOWN_HELP_TEXT
from municipalities.models import Municipality
from tests import factories

# The languages content is translated into, besides English.
TRANSLATION_CODES = ["it", "de", "pl", "ro", "el", "es"]

FACTORIES = {
    model_class: getattr(factories, f"{model_class.__name__}Factory")
    for model_class in admin.site._registry
    if model_class._meta.app_config.name in settings.LOCAL_APPS
    # Records nobody edits, with tests of their own (history, the emails sent).
    and model_class not in (ChangeHistory, OutgoingEmail)
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


TARGETS_HELP = "No targets yet. A target is what a phase aims for on an indicator"


@pytest.mark.django_db
def test_empty_list_says_where_its_records_come_from(editor_client):
    content = editor_client.get("/admin/reporting/indicatortarget/").content.decode()

    assert TARGETS_HELP in content


@pytest.mark.django_db
def test_empty_list_help_absent_once_there_are_records_or_a_search_emptied_it(editor_client):
    factories.IndicatorTargetFactory()

    listed = editor_client.get("/admin/reporting/indicatortarget/").content.decode()
    searched = editor_client.get("/admin/reporting/indicatortarget/?q=nothing").content.decode()

    assert TARGETS_HELP not in listed
    assert TARGETS_HELP not in searched
