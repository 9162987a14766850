"""Translated content (admin4all.translation): a record's text in the active language,
English where a translation is missing and marked as such, the notice that says so,
ordering by the translated text, and what must not write into the translations."""

import pytest
from django.template import Context, Template
from django.utils import translation

from admin4all.models import Theme
from events.models import Event, Session
from events.resources import EventResource
from municipalities.models import Country
from tests import factories

pytestmark = pytest.mark.django_db

# The notice in Italian, which it is shown in.
NOT_AVAILABLE = (
    '<p class="notice">Questa pagina non è ancora disponibile in italiano; è mostrata in '
    "inglese.</p>"
)
PARTLY_AVAILABLE = (
    '<p class="notice">Alcune parti di questa pagina non sono ancora disponibili in italiano; '
    "sono mostrate in inglese.</p>"
)
MARKDOWN_BODY = '{% translated article "body" as body %}{{ body|markdown }}'


def render(source: str, **context) -> str:
    return Template("{% load translations rich_text %}" + source).render(Context(context))


# The text of a field


def test_translated_text_in_the_active_language_when_translated():
    event = factories.EventFactory(title="Regional workshop", title_it="Seminario regionale")

    with translation.override("it"):
        text = render('{% translated event "title" %}', event=event)

    assert text == "Seminario regionale"


def test_translated_text_missing_shows_english_marked_lang_en():
    event = factories.EventFactory(title="Regional <workshop>", title_de="Regionaler Workshop")

    with translation.override("it"):
        text = render('{% translated event "title" %}', event=event)

    assert text == '<span lang="en">Regional &lt;workshop&gt;</span>'


def test_translated_text_in_english_is_the_english_column():
    event = factories.EventFactory(title="Regional workshop", title_it="Seminario regionale")

    text = render('{% translated event "title" %}', event=event)

    assert text == "Regional workshop"


def test_translated_text_empty_in_english_too_is_no_fallback():
    event = factories.EventFactory(summary="")

    with translation.override("it"):
        text = render(
            '{% translation_notice %}[{% translated event "summary" %}]'
            "{% endtranslation_notice %}",
            event=event,
        )

    assert text == "[]"


def test_translated_variable_gives_plain_text_to_filters_and_marks_its_element():
    event = factories.EventFactory(summary="One two three four")

    with translation.override("it"):
        text = render(
            '{% translated event "summary" as summary %}'
            "<p{{ summary.lang_attr }}>{{ summary|truncatewords:2 }}</p>",
            event=event,
        )

    assert text == '<p lang="en">One two …</p>'


def test_translated_bare_text_lets_the_marked_element_hold_it_once():
    event = factories.EventFactory(title="Regional <workshop>")

    with translation.override("it"):
        text = render(
            '{% translated event "title" as title %}<h1{{ title.lang_attr }}>{{ title|bare }}</h1>'
            '{% include "includes/card.html" with title=title url="/e/" %}',
            event=event,
        )
    plain = render("{{ name|bare }}", name="Milan & Co")

    assert text.startswith(
        '<h1 lang="en">Regional &lt;workshop&gt;</h1>'
        '<h3><a href="/e/" lang="en">Regional &lt;workshop&gt;</a></h3>'
    )
    assert plain == "Milan &amp; Co"


def test_translated_name_of_a_record_is_in_its_main_fields_language():
    housing = factories.ThemeFactory(name="Housing", description_it="Abitazioni")
    education = factories.ThemeFactory(name="Education", name_it="Istruzione")

    with translation.override("it"):
        text = render(
            "{% translated housing %}, {% translated education %}",
            housing=housing,
            education=education,
        )

    assert text == '<span lang="en">Housing</span>, Istruzione'


def test_translated_field_that_is_not_translated_refused():
    municipality = factories.MunicipalityFactory()

    with pytest.raises(ValueError, match="Municipality.region is not a translated field"):
        render('{% translated municipality "region" %}', municipality=municipality)


def test_name_of_record_loaded_without_translations_is_english():
    factories.ThemeFactory(name="Housing", name_it="Alloggio")

    with translation.override("it"):
        names = [str(theme) for theme in Theme.objects.only("name")]

    assert names == ["Housing"]


def test_saved_translations_keep_only_those_with_text():
    event = factories.EventFactory(title_it="Seminario", title_de="", summary_it=None)

    event.refresh_from_db()
    assert event.i18n == {"title_it": "Seminario"}


# The notice


def test_notice_absent_when_everything_is_translated():
    event = factories.EventFactory(summary="Two days.", title_it="Seminario", summary_it="Due.")

    with translation.override("it"):
        text = render(
            '{% translation_notice %}{% translated event "title" %}: '
            '{% translated event "summary" %}{% endtranslation_notice %}',
            event=event,
        )

    assert text == "Seminario: Due."


def test_notice_says_the_page_is_in_english_when_nothing_is_translated():
    event = factories.EventFactory(title="Workshop", summary="Two days.")

    with translation.override("it"):
        text = render(
            '{% translation_notice %}{% translated event "title" %}: '
            '{% translated event "summary" %}{% endtranslation_notice %}',
            event=event,
        )

    assert text == (
        NOT_AVAILABLE + '<span lang="en">Workshop</span>: <span lang="en">Two days.</span>'
    )


def test_notice_says_parts_are_in_english_when_some_are_translated():
    events = [
        factories.EventFactory(title="Workshop", title_it="Seminario"),
        factories.EventFactory(title="Webinar"),
    ]

    with translation.override("it"):
        text = render(
            "{% translation_notice %}{% for event in events %}"
            '{% translated event "title" %};{% endfor %}{% endtranslation_notice %}',
            events=events,
        )

    assert text == PARTLY_AVAILABLE + 'Seminario;<span lang="en">Webinar</span>;'


def test_notice_says_parts_when_the_records_texts_are_parts_of_the_page():
    # The officer area: its headings and explanations are translated, a country's name
    # or a training's title may not be.
    country = factories.CountryFactory(name="Italy")

    with translation.override("it"):
        text = render(
            "{% translation_notice %}{% translated_texts_are_parts %}"
            "{% translated country %}{% endtranslation_notice %}",
            country=country,
        )

    assert text == PARTLY_AVAILABLE + '<span lang="en">Italy</span>'


def test_notice_of_a_section_stays_in_that_section():
    translated = factories.EventFactory(title="Workshop", title_it="Seminario")
    english = factories.EventFactory(title="Webinar")

    with translation.override("it"):
        text = render(
            '{% translation_notice %}<h1>{% translated translated "title" %}</h1>'
            '<section>{% translation_notice %}{% translated english "title" %}'
            "{% endtranslation_notice %}</section>{% endtranslation_notice %}",
            translated=translated,
            english=english,
        )

    assert text == (
        f'<h1>Seminario</h1><section>{NOT_AVAILABLE}<span lang="en">Webinar</span></section>'
    )


def test_notice_is_in_the_language_of_the_page():
    event = factories.EventFactory(title="Workshop")

    with translation.override("de"):
        text = render(
            '{% translation_notice %}{% translated event "title" %}{% endtranslation_notice %}',
            event=event,
        )

    assert text.startswith(
        '<p class="notice">Diese Seite ist noch nicht auf Deutsch verfügbar; sie wird auf '
        "Englisch angezeigt.</p>"
    )


# Markdown in every language


def test_markdown_in_english_for_a_missing_translation_is_marked_lang_en():
    article = factories.NewsArticleFactory(body="**Bold** text.")

    with translation.override("it"):
        text = render(MARKDOWN_BODY, article=article)

    assert text == '<div lang="en"><p><strong>Bold</strong> text.</p>\n</div>'


def test_markdown_translation_goes_through_the_same_sanitizer():
    article = factories.NewsArticleFactory(
        body_it='<script>alert(1)</script> [link](javascript:alert(1)) <b onclick="x">b</b>'
    )

    with translation.override("it"):
        text = render(MARKDOWN_BODY, article=article)

    assert text == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; [link](javascript:alert(1)) "
        '&lt;b onclick="x"&gt;b&lt;/b&gt;</p>\n'
    )


# Ordering by the translated text


def test_lists_order_by_the_name_in_the_active_language():
    for name, name_de in [
        ("Austria", "Österreich"),
        ("Greece", "Griechenland"),
        ("Italy", "Italien"),
        ("Spain", "Spanien"),
    ]:
        factories.CountryFactory(name=name, name_de=name_de)
    factories.CountryFactory(name="Malta")

    english = [str(country) for country in Country.objects.all()]
    with translation.override("de"):
        german = [str(country) for country in Country.objects.all()]

    assert english == ["Austria", "Greece", "Italy", "Malta", "Spain"]
    assert german == ["Griechenland", "Italien", "Malta", "Österreich", "Spanien"]


def test_ordering_by_a_relation_orders_by_its_translated_title():
    day = factories.EventFactory().start_date
    alpha = factories.EventFactory(title="Alpha", title_it="Zeta", start_date=day)
    beta = factories.EventFactory(title="Beta", title_it="Eta", start_date=day)
    sessions = [factories.SessionFactory(event=event) for event in (alpha, beta)]
    events = Event.objects.filter(pk__in=[alpha.pk, beta.pk])

    with translation.override("it"):
        italian = list(Session.objects.filter(event__in=events))

    assert italian == sessions[::-1]
    assert list(Session.objects.filter(event__in=events)) == sessions


# Nothing writes the fallback into the translations


def test_import_under_another_language_writes_no_translation():
    event = factories.EventFactory(
        slug="milan", title="Milan consultation", summary="Two days.", title_de="Mailand"
    )
    dataset = EventResource().export(Event.objects.filter(pk=event.pk))
    Event.objects.filter(pk=event.pk).update(summary="Changed since the export.")

    with translation.override("it"):
        result = EventResource().import_data(dataset, dry_run=False)

    event.refresh_from_db()
    assert [row.import_type for row in result.rows] == ["update"]
    assert (event.summary, event.i18n) == ("Two days.", {"title_de": "Mailand"})
