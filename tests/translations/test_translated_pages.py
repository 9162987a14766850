"""The public site in another language: lists, detail pages, the feed, the calendars
and the structured data show the translations; where one is missing, the English text
marked lang="en" and a notice that says so; the pages cost the queries they cost in
English."""

import json
import re
from datetime import date, timedelta

import feedparser
import icalendar
import pytest
from django.contrib.sites.models import Site
from django.utils import timezone, translation

from tests.factories import (
    CountryFactory,
    EventFactory,
    EventMaterialFactory,
    MunicipalityFactory,
    NewsArticleFactory,
    OrganisationFactory,
    ParticipationFactory,
    PeerVisitFactory,
    PhaseFigureFactory,
    PhaseGoalFactory,
    ProgrammePhaseFactory,
    PublicationFactory,
    SessionFactory,
    SpeakerFactory,
    ThemeFactory,
    TrainingFactory,
)
from tests.translations.test_translated_content import NOT_AVAILABLE, PARTLY_AVAILABLE

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@pytest.fixture(autouse=True)
def site():
    """The Site stays cached for the process, as in production."""
    return Site.objects.get_current()


def italian_url(page) -> str:
    """The URL of the Italian version of a record's page, or of an English path."""
    with translation.override("it"):
        return page.get_absolute_url() if hasattr(page, "get_absolute_url") else f"/it{page}"


def italian(client, page):
    return client.get(italian_url(page))


def html_of(client, page) -> str:
    response = italian(client, page)
    assert response.status_code == 200
    return response.content.decode()


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


# Lists


def test_event_list_shows_translated_titles_and_marks_the_english_ones(client):
    translated = EventFactory(
        title="Regional workshop",
        title_it="Seminario regionale",
        summary="Two days.",
        summary_it="Due giorni.",
        start_date=days_ago(-20),
    )
    english = EventFactory(title="Webinar", summary="One hour.", start_date=days_ago(-10))

    html = html_of(client, "/events/")

    assert f'<a href="{italian_url(translated)}">Seminario regionale</a>' in html
    assert f'<a href="{italian_url(english)}"><span lang="en">Webinar</span></a>' in html
    assert "<p>Due giorni.</p>" in html
    assert '<p lang="en">One hour.</p>' in html
    assert html.count('<p class="notice">') == 1
    assert PARTLY_AVAILABLE in html


def test_list_ordered_by_the_translated_title(client):
    for title, title_it in [("Apples", "Mele"), ("Bridges", "Ponti"), ("Cities", "Città")]:
        PublicationFactory(title=title, title_it=title_it, year=2020)

    response = italian(client, "/publications/")

    assert [str(p) for p in response.context["object_list"]] == ["Città", "Mele", "Ponti"]


def test_list_fully_translated_has_no_notice(client):
    NewsArticleFactory(title="Milan", title_it="Milano", summary="", body="Text.")

    html = html_of(client, "/news/")

    assert "Milano</a>" in html
    assert 'class="notice"' not in html


def test_home_lists_translated_news_and_countries(client):
    NewsArticleFactory(title="Milan consultation", title_it="Consultazione di Milano")
    MunicipalityFactory(country=CountryFactory(name="Italy", name_it="Italia"))

    html = html_of(client, "/")

    assert "Consultazione di Milano</a>" in html
    assert ">Italia</a>" in html


def test_list_filter_options_mark_the_names_shown_in_english(client):
    ThemeFactory(name="Housing", name_it="Alloggio", slug="housing")
    ThemeFactory(name="Labour market", slug="labour-market")
    ProgrammePhaseFactory(number=2, name="Supporting inclusion", slug="supporting")

    html = html_of(client, "/events/")

    assert '<option value="housing">Alloggio</option>' in html
    assert '<option value="labour-market" lang="en">Labour market</option>' in html
    # A phase by its number, in Italian: its full name is too long for a phone's select.
    assert '<option value="supporting">Fase 2</option>' in html


def test_results_name_each_phase_in_italian_and_mark_the_english_names(client):
    ProgrammePhaseFactory(
        number=1, name="Active inclusion", name_it="Inclusione attiva", slug="active"
    )
    ProgrammePhaseFactory(number=2, name="Supporting inclusion", slug="supporting")

    html = html_of(client, "/results/")
    phase_page = html_of(client, "/results/supporting/")

    assert ">Fase 1: Inclusione attiva</a>" in html
    assert '>Fase 2: <span lang="en">Supporting inclusion</span></a>' in html
    assert '<h1>Risultati: Fase 2: <span lang="en">Supporting inclusion</span></h1>' in phase_page


def test_phase_page_heading_marks_an_english_name_once(client):
    phase = ProgrammePhaseFactory(number=2, name="Supporting inclusion")

    html = html_of(client, phase)

    assert '<h1>Fase 2: <span lang="en">Supporting inclusion</span></h1>' in html
    assert "<li>Fase 2</li>" in html


# Detail pages


def test_publication_page_names_its_themes_in_italian_in_italian_order(client):
    study = PublicationFactory(title="Study", title_it="Studio")
    study.themes.add(
        ThemeFactory(name="Housing", name_it="Alloggio", slug="housing"),
        ThemeFactory(name="Education", name_it="Istruzione", slug="education"),
        ThemeFactory(name="Labour market", slug="labour-market"),
    )

    html = html_of(client, study)

    assert (
        '<dd><a href="/it/themes/housing/">Alloggio</a>, '
        '<a href="/it/themes/education/">Istruzione</a>, '
        '<a href="/it/themes/labour-market/"><span lang="en">Labour market</span></a></dd>'
    ) in html


def test_event_page_fully_translated_shows_no_notice(client):
    theme = ThemeFactory(name="Housing", name_it="Alloggio")
    event = EventFactory(
        title="Workshop",
        title_it="Seminario",
        summary="Two days.",
        summary_it="Due giorni.",
        description="**About** it.",
        description_it="**Di** questo.",
        objectives="Meet\nShare",
        objectives_it="Incontrarsi\nCondividere",
        country=CountryFactory(name="Italy", name_it="Italia"),
    )
    event.themes.add(theme)
    session = SessionFactory(event=event, title="Opening", title_it="Apertura", track="")
    SpeakerFactory(session=session, job_title="Mayor", job_title_it="Sindaca")
    EventMaterialFactory(event=event, title="Slides", title_it="Diapositive")

    html = html_of(client, event)

    assert "<title>Seminario · Admin4All</title>" in html
    assert '<meta name="description" content="Due giorni.">' in html
    assert "<h1>Seminario</h1>" in html
    assert '<div class="lead"><p>Due giorni.</p></div>' in html
    assert "<ul>\n          <li>Incontrarsi</li><li>Condividere</li>" in html
    assert "<p><strong>Di</strong> questo.</p>" in html
    assert ">Italia</a>" in html
    assert ">Alloggio</a>" in html
    assert f'<h4 class="session-title" id="session-{session.pk}">Apertura</h4>' in html
    assert " — Sindaca" in html
    assert ">Diapositive</a>" in html
    assert 'class="notice"' not in html


def test_event_page_untranslated_is_english_marked_and_says_so_once(client):
    event = EventFactory(
        title="Workshop", summary="Two days.", description="About it.", objectives="Meet"
    )

    html = html_of(client, event)

    assert html.count('<p class="notice">') == 1
    assert NOT_AVAILABLE + "\n  <article>" in html
    assert '<h1 lang="en">Workshop</h1>' in html
    assert '<li lang="en">Workshop</li>' in html
    assert '<div class="lead" lang="en"><p>Two days.</p></div>' in html
    assert '<ul lang="en">\n          <li>Meet</li>' in html
    assert '<div lang="en"><p>About it.</p>\n</div>' in html


def test_event_page_partly_translated_says_parts_are_english(client):
    event = EventFactory(title="Workshop", title_it="Seminario", summary="Two days.")

    html = html_of(client, event)

    assert PARTLY_AVAILABLE in html
    assert "<h1>Seminario</h1>" in html


def test_event_page_in_english_has_no_notice(client):
    event = EventFactory(title="Workshop", title_it="Seminario", summary="Two days.")

    with translation.override("en"):
        html = client.get(event.get_absolute_url()).content.decode()

    assert "<h1>Workshop</h1>" in html
    assert 'class="notice"' not in html
    assert 'lang="en">' not in html.split("<main", 1)[1]


def test_event_structured_data_in_the_active_language(client):
    event = EventFactory(
        title="Workshop", title_it="Seminario", summary="Two days.", summary_it="Due giorni."
    )
    session = SessionFactory(event=event)
    SpeakerFactory(session=session, job_title="Mayor", job_title_it="Sindaca")

    [data] = [json.loads(text) for text in JSON_LD.findall(html_of(client, event))]

    assert (data["name"], data["description"]) == ("Seminario", "Due giorni.")
    assert data["performer"][0]["jobTitle"] == "Sindaca"


def test_city_page_shows_the_translated_profile_and_country(client):
    city = MunicipalityFactory(
        name="Milano",
        profile="A *city*.",
        profile_it="Una *città*.",
        country=CountryFactory(name="Italy", name_it="Italia"),
    )

    html = html_of(client, city)

    assert "<h1>Milano</h1>" in html
    assert ">Italia</a>" in html
    assert "<p>Una <em>città</em>.</p>" in html
    assert 'class="notice"' not in html


def test_phase_page_shows_translated_name_goals_and_figures(client):
    phase = ProgrammePhaseFactory(number=2, name="Inclusion", name_it="Inclusione")
    PhaseGoalFactory(phase=phase, text="Train staff", text_it="Formare il personale")
    PhaseGoalFactory(phase=phase, text="Share practices")
    PhaseFigureFactory(phase=phase, qualifier="more_than", value=500, label="people reached")

    html = html_of(client, phase)

    assert "<h1>Fase 2: Inclusione</h1>" in html
    assert "<li>Formare il personale</li>" in html
    assert '<li><span lang="en">Share practices</span></li>' in html
    assert '<li>Oltre 500 <span lang="en">people reached</span></li>' in html
    assert PARTLY_AVAILABLE in html


def test_training_and_peer_visit_pages_show_their_translations(client):
    training = TrainingFactory(
        title="Mediation", title_it="Mediazione", start_date=days_ago(9), audience="Staff"
    )
    visit = PeerVisitFactory(
        title="Visit", title_it="Visita", start_date=days_ago(9), findings="Good."
    )

    training_html = html_of(client, training)
    visit_html = html_of(client, visit)
    lists_html = html_of(client, "/trainings/") + html_of(client, "/peer-visits/")

    assert "<h1>Mediazione</h1>" in training_html
    assert '<dd><span lang="en">Staff</span></dd>' in training_html
    assert "<h1>Visita</h1>" in visit_html
    assert '<div lang="en"><p>Good.</p></div>' in visit_html
    assert f'<a href="{italian_url(training)}">Mediazione</a>' in lists_html
    assert f'<a href="{italian_url(visit)}">Visita</a>' in lists_html


# Feed and calendars


def test_news_feed_in_italian_marks_entries_still_in_english(client):
    NewsArticleFactory(
        title="Milan", title_it="Milano", summary="Two days.", summary_it="Due giorni."
    )
    NewsArticleFactory(title="Webinar", published_at=timezone.now() - timedelta(days=2))

    feed = feedparser.parse(italian(client, "/news/feed/").content)

    assert feed.feed.language == "it"
    assert [(e.title, e.summary, e.title_detail.language) for e in feed.entries] == [
        ("Milano", "Due giorni.", "it"),
        ("Webinar", "", "en"),
    ]


def test_calendar_in_italian_marks_texts_still_in_english(client):
    EventFactory(title="Workshop", title_it="Seminario", start_date=date(2030, 5, 1))
    EventFactory(title="Webinar", summary="One hour.", start_date=date(2030, 4, 1))

    calendar = icalendar.Calendar.from_ical(italian(client, "/events/calendar.ics").content)

    entries = [
        (str(entry["summary"]), entry["summary"].params.get("LANGUAGE"))
        for entry in calendar.walk("VEVENT")
    ]
    assert entries == [("Webinar", "en"), ("Seminario", None)]
    descriptions = [
        entry["description"].params.get("LANGUAGE") for entry in calendar.walk("VEVENT")
    ]
    assert descriptions == ["en", None]


# Query counts: the translations come with the rows


@pytest.mark.parametrize("size", [1, 3])
def test_event_list_in_italian_query_count(client, django_assert_num_queries, size):
    for _ in range(size):
        event = EventFactory(country=CountryFactory(name_it="Paese"), title_it="Titolo")
        EventMaterialFactory(event=event)
        event.themes.add(ThemeFactory(name_it="Tema"))

    # As in English (tests/events/test_views.py).
    with django_assert_num_queries(6):
        response = italian(client, "/events/")

    assert len(response.context["object_list"]) == size


@pytest.mark.parametrize("size", [1, 3])
def test_event_page_in_italian_query_count(client, django_assert_num_queries, size):
    event = EventFactory(country=CountryFactory(), title_it="Titolo")
    for _ in range(size):
        session = SessionFactory(event=event, title_it="Sessione")
        SpeakerFactory(session=session, organisation=OrganisationFactory(), job_title_it="Ruolo")
        EventMaterialFactory(event=event, title_it="Materiale")
        PublicationFactory(presented_at=event, title_it="Studio")
        NewsArticleFactory(event=event, title_it="Notizia")
        event.themes.add(ThemeFactory(name_it="Tema"))

    # As in English (tests/events/test_views.py).
    with django_assert_num_queries(10):
        response = italian(client, event)

    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 3])
def test_city_page_in_italian_query_count(client, django_assert_num_queries, size):
    city = MunicipalityFactory(profile="Profile.", profile_it="Profilo.")
    for _ in range(size):
        ParticipationFactory(municipality=city, phase=ProgrammePhaseFactory(name_it="Fase"))
        TrainingFactory(municipality=city, start_date=days_ago(30), title_it="Formazione")
        PeerVisitFactory(host=city, start_date=days_ago(30), title_it="Visita")
        PeerVisitFactory(start_date=days_ago(30)).visitors.add(city)
        EventFactory(host_municipality=city, country=CountryFactory(), title_it="Evento")
        NewsArticleFactory(title_it="Notizia").municipalities.add(city)

    # As in English (tests/municipalities/test_views.py).
    with django_assert_num_queries(8):
        response = italian(client, city)

    assert len(response.context["events"].items) == size
