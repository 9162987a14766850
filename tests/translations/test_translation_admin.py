"""Translations in the staff admin: entered per language in the change forms, listed
and filtered on the changelists, recorded in the history and restored from it, and
checked by the concurrent-edit guard."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone, translation

from admin4all.admin_history import event_model_for
from admin4all.groups import EDITORS
from admin4all.models import Person, ProgrammePhase
from events.models import Event, Session
from tests import factories
from tests.admin4all.test_admin import admin_url
from tests.admin4all.test_history import restore_confirmed
from tests.edit_forms import form_data

pytestmark = pytest.mark.django_db

LANGUAGE_SECTIONS = ["Italian", "German", "Polish", "Romanian", "Greek", "Spanish"]
EVENT_FIELDS = ["title", "summary", "description", "objectives", "outcome", "city"]


def open_form(client, url) -> dict:
    return form_data(client.get(url).content.decode())


def published_event(**kwargs) -> Event:
    """Published at a whole second, as the admin's form saves it: its saves then change
    only what the test changes."""
    published_at = timezone.now().replace(microsecond=0) - timedelta(days=1)
    return factories.EventFactory(published_at=published_at, **kwargs)


def fieldsets(response) -> list[tuple[str | None, list]]:
    return [
        (fieldset.name, list(fieldset.fields), fieldset.classes)
        for fieldset in response.context["adminform"]
    ]


def changes(version) -> list[tuple]:
    return [(change.label, change.before, change.after) for change in version.changes]


# Change forms


def test_change_form_has_a_collapsed_section_per_language_after_the_english(editor_client):
    event = factories.EventFactory()

    response = editor_client.get(admin_url(Event, "change", event.pk))

    sections = fieldsets(response)
    names = [name for name, _fields, _classes in sections]
    assert names == [None, "When and where", "Who", "Content", *LANGUAGE_SECTIONS, "Record"]
    assert sections[4] == ("Italian", [f"{name}_it" for name in EVENT_FIELDS], "collapse")
    assert sections[9] == ("Spanish", [f"{name}_es" for name in EVENT_FIELDS], "collapse")


def test_change_form_labels_each_translation_with_its_language(editor_client):
    event = factories.EventFactory()

    response = editor_client.get(admin_url(Event, "change", event.pk))

    form = response.context["adminform"].form
    html = response.content.decode()
    assert form.fields["summary_it"].label == "Summary (Italian)"
    assert form.fields["objectives_de"].help_text == "One objective per line."
    assert '<textarea name="summary_el" cols="40" rows="10" class="vLargeTextField" lang="el"' in (
        html
    )
    assert (
        '<details><summary>\n        <h2 id="fieldset-0-6-heading" class="fieldset-heading">'
        "Polish</h2>" in html
    )


def test_change_form_saves_each_language(editor_client):
    event = factories.EventFactory(title="Milan consultation")
    url = admin_url(Event, "change", event.pk)

    response = editor_client.post(
        url,
        {
            **open_form(editor_client, url),
            "title_it": "Consultazione di Milano",
            "summary_it": "Due giorni.",
            "title_de": "Mailänder Konsultation",
        },
    )

    event.refresh_from_db()
    assert response.status_code == 302
    assert event.title == "Milan consultation"
    assert event.i18n == {
        "title_it": "Consultazione di Milano",
        "summary_it": "Due giorni.",
        "title_de": "Mailänder Konsultation",
    }


def test_change_form_emptied_translation_is_missing_again(editor_client):
    event = factories.EventFactory(title_it="Consultazione", title_de="Konsultation")
    url = admin_url(Event, "change", event.pk)

    editor_client.post(url, {**open_form(editor_client, url), "title_it": ""})

    event.refresh_from_db()
    assert event.i18n == {"title_de": "Konsultation"}


def test_inline_rows_take_their_translations(editor_client):
    phase = factories.ProgrammePhaseFactory()
    goal = factories.PhaseGoalFactory(phase=phase, text="Train staff")
    url = admin_url(ProgrammePhase, "change", phase.pk)
    page = editor_client.get(url)

    response = editor_client.post(
        url, {**form_data(page.content.decode()), "goals-0-text_it": "Formare il personale"}
    )

    goal.refresh_from_db()
    inline_sections = [
        (name, options.get("classes"))
        for inline in page.context["inline_admin_formsets"]
        for name, options in inline.fieldsets
    ]
    assert inline_sections == [(None, None), ("Translations", ["collapse"])] * 2
    assert response.status_code == 302
    assert goal.i18n == {"text_it": "Formare il personale"}


def test_session_and_speaker_take_their_translations_on_the_session_page(editor_client):
    session = factories.SessionFactory(title="Opening")
    speaker = factories.SpeakerFactory(session=session, job_title="Mayor")
    url = admin_url(Session, "change", session.pk)

    response = editor_client.post(
        url,
        {
            **open_form(editor_client, url),
            "title_pl": "Otwarcie",
            "speakers-0-job_title_pl": "Burmistrz",
        },
    )

    session.refresh_from_db()
    speaker.refresh_from_db()
    assert response.status_code == 302
    assert session.i18n == {"title_pl": "Otwarcie"}
    assert speaker.i18n == {"job_title_pl": "Burmistrz"}


# Changelists


def test_missing_translation_filter_lists_records_lacking_that_language(editor_client):
    both = factories.EventFactory(title="Both", title_it="Entrambi", title_de="Beide")
    italian = factories.EventFactory(title="Italian", title_it="Italiano", summary_de="Nur hier")
    none = factories.EventFactory(title="None")
    url = admin_url(Event, "changelist")

    def missing(code):
        response = editor_client.get(url, {"missing_translation": code, "o": "1"})
        return [event.title for event in response.context["cl"].result_list]

    assert missing("it") == [none.title]
    assert missing("de") == [italian.title, none.title]
    assert missing("es") == [both.title, italian.title, none.title]
    assert len(missing("xx")) == 3


def test_missing_translation_filter_leaves_out_records_without_english_text(editor_client):
    factories.PersonFactory(name="Anna", job_title="")
    director = factories.PersonFactory(name="Ben", job_title="Director")
    factories.PersonFactory(name="Carla", job_title="Mayor", job_title_it="Sindaca")

    response = editor_client.get(admin_url(Person, "changelist"), {"missing_translation": "it"})

    assert list(response.context["cl"].result_list) == [director]


def test_changelist_lists_the_languages_each_record_is_translated_into(editor_client):
    factories.EventFactory(title="Both", title_it="Entrambi", title_el="Και τα δύο")
    factories.EventFactory(title="Summary only", summary_it="Solo il riassunto")

    response = editor_client.get(admin_url(Event, "changelist"), {"o": "1"})

    html = response.content.decode()
    assert '<td class="field-translations">IT EL</td>' in html
    assert '<td class="field-translations">—</td>' in html
    assert [
        choice["display"]
        for choice in response.context["cl"].filter_specs[-2].choices(response.context["cl"])
    ] == ["All", *LANGUAGE_SECTIONS]


def test_changelist_search_finds_records_by_their_translations(editor_client):
    milan = factories.EventFactory(title="Milan consultation", title_it="Consultazione")
    factories.EventFactory(title="Consultation in Brussels", description_it="Consultazione")

    response = editor_client.get(admin_url(Event, "changelist"), {"q": "consultazione"})

    assert list(response.context["cl"].result_list) == [milan]


@pytest.mark.parametrize("size", [1, 3])
def test_changelist_filtered_by_missing_translation_query_count(
    client, superuser, django_assert_num_queries, size
):
    for _ in range(size):
        event = factories.EventFactory(title_it="Titolo")
        factories.EventFactory()
        event.themes.add(factories.ThemeFactory())
    client.force_login(superuser)
    client.get(admin_url(Event, "changelist"))

    # As the unfiltered changelist (test_admin_queries): the filter is one condition.
    with django_assert_num_queries(10):
        response = client.get(admin_url(Event, "changelist"), {"missing_translation": "it"})

    assert len(response.context["cl"].result_list) == size


# History


def test_edit_of_one_translation_recorded_and_shown_by_language(editor_client):
    event = published_event(title="Milan consultation")
    url = admin_url(Event, "change", event.pk)

    editor_client.post(url, {**open_form(editor_client, url), "title_it": "Consultazione"})
    response = editor_client.get(admin_url(Event, "history", event.pk))

    latest = response.context["versions"][0]
    assert latest.event.pgh_label == "update"
    assert changes(latest) == [("title (Italian)", "—", "Consultazione")]
    assert "<li><strong>title (Italian)</strong>: — → Consultazione</li>" in (
        response.content.decode()
    )


def test_restore_brings_back_the_translations_of_that_version(editor_client):
    event = factories.EventFactory(title_it="Consultazione", summary_de="Zwei Tage.")
    first = event_model_for(Event).objects.get(pgh_obj_id=event.pk)
    Event.objects.filter(pk=event.pk).update(i18n={"title_it": "Vandalizzato"})

    response = restore_confirmed(editor_client, admin_url(Event, "restore", event.pk, first.pk))

    event.refresh_from_db()
    assert response.status_code == 302
    assert event.i18n == {"title_it": "Consultazione", "summary_de": "Zwei Tage."}


def test_restore_of_a_deleted_record_brings_back_its_translations(editor_client):
    theme = factories.ThemeFactory(name="Housing", name_it="Alloggio")
    theme_pk = theme.pk
    theme.delete()
    deleted = event_model_for(type(theme)).objects.get(pgh_obj_id=theme_pk, pgh_label="delete")

    response = restore_confirmed(
        editor_client, admin_url(type(theme), "restore", theme_pk, deleted.pk)
    )

    restored = type(theme).objects.get(pk=theme_pk)
    assert response.status_code == 302
    assert (restored.name, restored.i18n) == ("Housing", {"name_it": "Alloggio"})


def test_revert_in_another_language_writes_no_english_into_the_translations():
    event = factories.EventFactory(title="Milan consultation", summary="", title_de="Mailand")
    first = event_model_for(Event).objects.get(pgh_obj_id=event.pk)
    Event.objects.filter(pk=event.pk).update(title="Vandalised")

    with translation.override("it"):
        first.revert()

    event.refresh_from_db()
    assert (event.title, event.summary, event.i18n) == (
        "Milan consultation",
        "",
        {"title_de": "Mailand"},
    )


def test_concurrent_edit_of_a_translation_shown_by_language(editor_client):
    anna = factories.UserFactory(is_staff=True, first_name="Anna", last_name="Nowak")
    anna.groups.add(Group.objects.get(name=EDITORS))
    anna_client = Client()
    anna_client.force_login(anna)
    event = published_event(title="Milan consultation")
    url = admin_url(Event, "change", event.pk)
    anna_form, ben_form = open_form(anna_client, url), open_form(editor_client, url)

    anna_client.post(url, {**anna_form, "title_it": "Consultazione di Milano"})
    refused = editor_client.post(url, {**ben_form, "title_it": "Consultazione milanese"})

    event.refresh_from_db()
    conflict = refused.context["adminform"].form.conflict
    assert refused.status_code == 200
    assert [(c.label, c.before, c.after) for c in conflict.changes] == [
        ("title (Italian)", "—", "Consultazione di Milano")
    ]
    assert event.i18n == {"title_it": "Consultazione di Milano"}
    assert form_data(refused.content.decode())["title_it"] == ["Consultazione milanese"]
