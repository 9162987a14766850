"""The public event, news and publication pages: lists with their filters and
pagination, the event page, and what they keep hidden."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from events.filters import EventFilter, NewsArticleFilter
from events.models import Event, NewsArticle, Publication, Session
from tests.admin4all.test_rich_text import HOSTILE_MARKDOWN, HOSTILE_MARKDOWN_HTML
from tests.factories import (
    CountryFactory,
    EventFactory,
    EventFigureFactory,
    EventMaterialFactory,
    MunicipalityFactory,
    NewsArticleFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammePhaseFactory,
    PublicationFactory,
    SessionFactory,
    SpeakerFactory,
    ThemeFactory,
)
from tests.public_pages import load_programme_content
from tests.test_public_pages import check_page

pytestmark = pytest.mark.django_db

HIDDEN = [{"draft": True}, {"review": True}, {"scheduled": True}]


def squashed(html: str) -> str:
    """The page with each run of white space made one space."""
    return " ".join(html.split())


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def seed_hidden(factory, **kwargs):
    """One item in each state that must stay off public pages."""
    return [factory(**state, **kwargs) for state in HIDDEN]


# Event list


def test_event_list_shows_published_events_only(client):
    recent = EventFactory(title="Recent", start_date=days_ago(10))
    older = EventFactory(title="Older", start_date=days_ago(400))
    seed_hidden(EventFactory, start_date=days_ago(5))

    response = client.get("/events/")

    assert response.status_code == 200
    assert list(response.context["object_list"]) == [recent, older]
    html = response.content.decode()
    assert '<h2 id="results-heading">2 events</h2>' in html
    check_page(html)


def test_event_list_shows_staff_the_published_events_too_not_their_previews(editor_client):
    published = EventFactory()
    seed_hidden(EventFactory)

    response = editor_client.get("/events/")

    assert list(response.context["object_list"]) == [published]


def test_event_list_item_shows_date_kind_place_and_materials(client):
    country = CountryFactory(name="Italy")
    with_materials = EventFactory(
        title="Consultation",
        kind=Event.Kind.REGIONAL_CONSULTATION,
        start_date=date(2019, 10, 8),
        end_date=date(2019, 10, 9),
        city="Milan",
        country=country,
    )
    EventMaterialFactory(event=with_materials)
    EventMaterialFactory(event=with_materials)
    EventFactory(title="Webinar", kind=Event.Kind.WEBINAR, start_date=None, is_online=True)

    html = squashed(client.get("/events/").content.decode())

    assert (
        '<time datetime="2019-10-08">8 October 2019</time> – '
        '<time datetime="2019-10-09">9 October 2019</time> · Regional consultation · '
        'Milan, Italy <span class="badge">Materials available</span> </p>'
    ) in html
    assert '<p class="meta"> Date not published · Webinar · Online </p>' in html
    assert html.count("Materials available") == 1


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ("kind=webinar", ["Webinar 2019"]),
        ("year=2019", ["Workshop 2019", "Webinar 2019"]),
        ("country=italy", ["Workshop 2019"]),
        ("theme=housing", ["Webinar 2019", "Workshop 2017"]),
        ("kind=regional_workshop&year=2017", ["Workshop 2017"]),
        ("phase=phase-1", ["Workshop 2017"]),
        ("phase=phase-2&kind=regional_workshop", ["Workshop 2019"]),
    ],
)
def test_event_list_filters(client, params, expected):
    italy = CountryFactory(slug="italy")
    housing = ThemeFactory(slug="housing")
    phase_1 = ProgrammePhaseFactory(number=1, slug="phase-1")
    phase_2 = ProgrammePhaseFactory(number=2, slug="phase-2")
    EventFactory(title="Workshop 2019", start_date=date(2019, 10, 8), country=italy, phase=phase_2)
    webinar = EventFactory(
        title="Webinar 2019", kind=Event.Kind.WEBINAR, start_date=date(2019, 6, 1), phase=phase_2
    )
    workshop = EventFactory(title="Workshop 2017", start_date=date(2017, 11, 28), phase=phase_1)
    webinar.themes.add(housing)
    workshop.themes.add(housing)
    hidden = EventFactory(draft=True, start_date=date(2019, 1, 1), country=italy, phase=phase_2)
    hidden.themes.add(housing)

    response = client.get(f"/events/?{params}")

    assert response.status_code == 200
    assert [event.title for event in response.context["object_list"]] == expected


def test_event_list_filter_by_municipality_finds_hosted_and_attended_events_once(client):
    milan = MunicipalityFactory(slug="milan")
    hosted = EventFactory(title="Hosted", host_municipality=milan, start_date=days_ago(1))
    hosted.participating_municipalities.add(milan, MunicipalityFactory())
    attended = EventFactory(title="Attended", start_date=days_ago(2))
    attended.participating_municipalities.add(milan)
    EventFactory(title="Elsewhere", start_date=days_ago(3)).participating_municipalities.add(
        MunicipalityFactory()
    )
    EventFactory(draft=True, host_municipality=milan)

    response = client.get("/events/?municipality=milan")

    assert list(response.context["object_list"]) == [hosted, attended]


# The municipality filter: a text field, not a <select> of every municipality


@pytest.fixture
def wroclaw():
    poland = CountryFactory(name="Poland")
    city = MunicipalityFactory(
        name="Wrocław", slug="wroclaw", alternative_names=["Wroclav"], country=poland
    )
    EventFactory(title="Hosted in Wrocław", host_municipality=city)
    EventFactory(title="Elsewhere", host_municipality=MunicipalityFactory(name="Wrocławek"))
    return city


@pytest.mark.parametrize(
    "text", ["wroclaw", "Wrocław", "Wroclaw", "WROCŁAW", "wroclav", "  Wroclaw  "]
)
def test_event_list_municipality_filter_takes_the_slug_or_a_name_in_any_spelling(
    client, wroclaw, text
):
    response = client.get("/events/", {"municipality": text})

    assert [event.title for event in response.context["object_list"]] == ["Hosted in Wrocław"]


def test_event_list_municipality_filter_prefers_the_slug_then_an_exact_name(client):
    # Three cities whose names contain "Napoca"; one is called just that.
    napoca = MunicipalityFactory(name="Napoca", slug="napoca-city")
    EventFactory(title="In Napoca", host_municipality=napoca)
    cluj = MunicipalityFactory(name="Cluj-Napoca", slug="napoca")
    EventFactory(title="In Cluj-Napoca", host_municipality=cluj)
    EventFactory(host_municipality=MunicipalityFactory(name="Napoca Veche"))

    by_slug = client.get("/events/?municipality=napoca").context["object_list"]
    by_name = client.get("/events/?municipality=Napoca").context["object_list"]

    assert [event.title for event in by_slug] == ["In Cluj-Napoca"]
    assert [event.title for event in by_name] == ["In Napoca"]


def test_event_list_municipality_filter_takes_a_part_of_one_name(client, wroclaw):
    MunicipalityFactory(name="Gdańsk")

    response = client.get("/events/?municipality=gdan")

    assert response.context["filter"].form.cleaned_data["municipality"].name == "Gdańsk"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Lisbon", "No municipality is called “Lisbon”. Check the spelling."),
        (
            "Wroc",
            "Several municipalities match “Wroc”: Wrocław (Poland), Wrocławek (Country ",
        ),
    ],
    ids=["none", "several"],
)
def test_event_list_municipality_filter_explains_a_name_it_cannot_resolve(
    client, wroclaw, text, message
):
    response = client.get("/events/", {"municipality": text})

    html = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["object_list"]) == []
    assert f'<ul class="errorlist" id="id_municipality_error"><li>{message}' in html
    assert 'aria-describedby="id_municipality_helptext id_municipality_error"' in html
    assert 'aria-invalid="true"' in html
    check_page(html)


def test_event_list_municipality_filter_names_at_most_five_matches():
    for number in range(7):
        MunicipalityFactory(name=f"Town {number}", country=CountryFactory(name=f"Land {number}"))

    errors = EventFilter({"municipality": "town"}, queryset=Event.objects.all()).errors

    assert errors["municipality"] == [
        "Several municipalities match “town”: Town 0 (Land 0), Town 1 (Land 1), Town 2 (Land 2),"
        " Town 3 (Land 3), Town 4 (Land 4), and others. Type more of the name."
    ]


def test_event_list_municipality_filter_tells_cities_of_one_name_apart_by_slug(client):
    for country, slug in [("Spain", "valencia"), ("Venezuela", "valencia-ve")]:
        MunicipalityFactory(name="València", slug=slug, country=CountryFactory(name=country))

    errors = EventFilter({"municipality": "Valencia"}, queryset=Event.objects.all()).errors
    chosen = client.get("/events/?municipality=valencia-ve").context["filter"].form

    assert errors["municipality"] == [
        "Several municipalities are called “Valencia”. Type one of these: valencia (Spain),"
        " valencia-ve (Venezuela)."
    ]
    assert chosen.cleaned_data["municipality"].country.name == "Venezuela"


def test_event_list_municipality_field_is_a_labelled_text_field_whatever_the_cities(client):
    for number in range(30):
        MunicipalityFactory(name=f"Town {number:02}")
    EventFactory()

    html = client.get("/events/").content.decode()

    assert '<label for="id_municipality">Municipality:</label>' in html
    assert (
        '<input type="text" name="municipality" data-suggestions="/municipalities/'
        'suggestions.json" autocomplete="off" maxlength="150" '
        'aria-describedby="id_municipality_helptext" id="id_municipality">'
    ) in html
    assert (
        '<div class="helptext" id="id_municipality_helptext">A city’s name in any spelling,'
        " e.g. Wroclaw for Wrocław.</div>"
    ) in html
    assert "Town " not in html
    assert '<script src="/static/js/suggestions.js" defer></script>' in html


def test_event_list_upcoming_lists_the_soonest_first_and_past_the_latest_first(client):
    later = EventFactory(title="Later", start_date=days_ago(-60))
    sooner = EventFactory(title="Sooner", start_date=days_ago(-10))
    ongoing = EventFactory(title="Ongoing", start_date=days_ago(1), end_date=days_ago(-1))
    past = EventFactory(title="Past", start_date=days_ago(30))
    long_past = EventFactory(title="Long past", start_date=days_ago(300))
    EventFactory(title="Undated", start_date=None)
    EventFactory(scheduled=True, start_date=days_ago(-5))

    upcoming = client.get("/events/?when=upcoming").context["object_list"]
    over = client.get("/events/?when=past").context["object_list"]

    assert list(upcoming) == [ongoing, sooner, later]
    assert list(over) == [past, long_past]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ("year=abc", "year", "Select a valid choice. abc is not one of the available choices."),
        ("year=1800", "year", "Select a valid choice. 1800 is not one of the available choices."),
        ("country=atlantis", "country", "Select a valid choice. That choice is not one of"),
        ("country=ita%00ly", "country", "Null characters are not allowed."),
        ("municipality=%00", "municipality", "Null characters are not allowed."),
        ("theme=x%00", "theme", "Null characters are not allowed."),
        ("kind=party", "kind", "Select a valid choice. party is not one of the available"),
        ("when=tomorrow", "when", "Select a valid choice. tomorrow is not one of the"),
    ],
)
def test_event_list_invalid_filter_shows_the_error_with_200(client, params, field, message):
    EventFactory(start_date=date(2019, 1, 1))

    response = client.get(f"/events/?{params}")

    assert response.status_code == 200
    assert list(response.context["object_list"]) == []
    html = response.content.decode()
    assert f'<ul class="errorlist" id="id_{field}_error"><li>{message}' in html
    assert "Correct the fields marked below." in html
    assert "Correct the filters above to see the list." in html
    check_page(html)


def test_event_list_empty_result_says_so(client):
    CountryFactory(slug="malta")
    EventFactory(start_date=date(2019, 1, 1))

    html = client.get("/events/?country=malta").content.decode()

    assert '<h2 id="results-heading">0 events</h2>' in html
    assert 'Nothing matches these filters. <a href="/events/">Show everything</a>' in html


def test_event_list_without_events_says_none_is_published(client):
    EventFactory(draft=True)

    html = client.get("/events/").content.decode()

    assert "<p>No event has been published yet.</p>" in html
    assert "Clear all filters" not in html


def test_event_list_pagination_keeps_the_filters(client):
    webinars = [
        EventFactory(kind=Event.Kind.WEBINAR, title=f"Webinar {n:02}", start_date=date(2020, 1, 1))
        for n in range(21)
    ]
    EventFactory(start_date=date(2020, 1, 1))

    first = client.get("/events/?kind=webinar")
    second = client.get("/events/?kind=webinar&page=2")

    assert list(first.context["object_list"]) == webinars[:20]
    assert list(second.context["object_list"]) == webinars[20:]
    assert '<a href="?kind=webinar&amp;page=2" rel="next">Next page</a>' in first.content.decode()
    second_html = second.content.decode()
    assert '<a href="?kind=webinar&amp;page=1" rel="prev">Previous page</a>' in second_html
    assert (
        '<a href="?kind=webinar&amp;page=2" aria-current="page">'
        '<span class="visually-hidden">Page</span> 2</a>'
    ) in second_html
    assert '<a href="/events/calendar.ics?kind=webinar">Subscribe' in second_html
    check_page(second_html)


@pytest.mark.parametrize("page", ["2", "abc", "-1", "0", "%00"])
def test_event_list_page_out_of_range_or_malformed_answers_404(client, page):
    EventFactory()

    response = client.get(f"/events/?page={page}")

    assert response.status_code == 404


@pytest.mark.parametrize("size", [1, 3])
def test_event_list_query_count(client, django_assert_num_queries, size):
    for _ in range(size):
        event = EventFactory(country=CountryFactory(), host_municipality=MunicipalityFactory())
        EventMaterialFactory(event=event)
        event.themes.add(ThemeFactory())

    # Count, page, then the filter form's choices: years, countries, themes, phases (the
    # municipality is typed: no list of them all).
    with django_assert_num_queries(6):
        response = client.get("/events/")

    assert len(response.context["object_list"]) == size


@pytest.mark.parametrize("size", [1, 3])
def test_event_list_filtered_query_count(client, django_assert_num_queries, size):
    country = CountryFactory(slug="italy")
    for _ in range(size):
        EventFactory(country=country, start_date=date(2019, 5, 1))

    # Validating the country and the year adds one lookup each to the unfiltered count.
    with django_assert_num_queries(7):
        response = client.get("/events/?country=italy&year=2019")

    assert len(response.context["object_list"]) == size


@pytest.mark.parametrize("size", [1, 3])
def test_event_list_filtered_by_municipality_query_count(client, django_assert_num_queries, size):
    milan = MunicipalityFactory(name="Milano", slug="milan")
    for _ in range(size):
        EventFactory(host_municipality=milan).participating_municipalities.add(
            MunicipalityFactory()
        )

    # The unfiltered count, then the municipality: not a slug, so looked up by its name.
    with django_assert_num_queries(8):
        response = client.get("/events/?municipality=Milano")

    assert len(response.context["object_list"]) == size


# Event page


@pytest.fixture
def consultation():
    event = EventFactory(
        title="Consultation", start_date=date(2019, 10, 8), end_date=date(2019, 10, 9)
    )
    iom = OrganisationFactory(name="IOM", slug="iom")
    person = PersonFactory(name="Hart", slug="hart", job_title="Director", organisation=iom)
    opening = SessionFactory(
        event=event, title="Opening", day=date(2019, 10, 8), start_time=time(9, 30), position=1
    )
    SpeakerFactory(session=opening, person=person)
    for position, track in enumerate(["Housing", "Labour market"], start=2):
        SessionFactory(
            event=event,
            title=f"Workshop on {track.lower()}",
            day=date(2019, 10, 9),
            track=track,
            position=position,
        )
    SessionFactory(event=event, title="Closing", day=date(2019, 10, 9), position=9)
    return event


def test_event_page_shows_the_agenda_by_day_and_parallel_track(client, consultation):
    html = client.get(consultation.get_absolute_url()).content.decode()

    first_day = html.index('<time datetime="2019-10-08">Tuesday, 8 October 2019</time></h3>')
    second_day = html.index('<time datetime="2019-10-09">Wednesday, 9 October 2019</time></h3>')
    tracks = html.index("<h4>2 parallel tracks</h4>")
    housing = html.index(">Workshop on housing</h5>")
    labour_market = html.index(">Workshop on labour market</h5>")
    assert first_day < html.index(">Opening</h4>") < second_day < tracks
    assert tracks < housing < labour_market < html.index(">Closing</h4>")
    assert "Thematic workshop" not in html
    assert "Plenary · Track: Housing" in html
    check_page(html)


def test_event_page_links_speakers_to_their_person_and_organisation(client, consultation):
    html = client.get(consultation.get_absolute_url()).content.decode()

    assert (
        '<a href="/people/hart/">Hart</a> — Director, <a href="/organisations/iom/">IOM</a>'
    ) in html


def test_event_page_shows_published_studies_and_news_only(client, consultation):
    study = PublicationFactory(title="City study", presented_at=consultation)
    article = NewsArticleFactory(title="Cities met", event=consultation)
    for state in HIDDEN:
        PublicationFactory(title=f"Hidden study {state}", presented_at=consultation, **state)
        NewsArticleFactory(title=f"Hidden news {state}", event=consultation, **state)

    html = client.get(consultation.get_absolute_url()).content.decode()

    assert f'<a href="{study.get_absolute_url()}">City study</a>' in html
    assert f'<a href="{article.get_absolute_url()}">Cities met</a>' in html
    assert "Hidden" not in html


def test_event_page_shows_materials_municipalities_organisers_and_outcome(client, consultation):
    consultation.outcome = "Recommendations for each city."
    consultation.save()
    consultation.participating_municipalities.add(MunicipalityFactory(name="Milan", slug="milan"))
    consultation.organisers.add(OrganisationFactory(name="Eurocities", slug="eurocities"))
    EventMaterialFactory(event=consultation, title="Slides", url="https://example.org/s.pdf")

    html = client.get(consultation.get_absolute_url()).content.decode()

    assert '<a href="https://example.org/s.pdf" rel="noopener">Slides</a>' in html
    assert '<li><a href="/municipalities/milan/">Milan</a></li>' in html
    assert '<dd><a href="/organisations/eurocities/">Eurocities</a></dd>' in html
    assert "<p>Recommendations for each city.</p>" in html


def test_event_page_texts_headings_nest_under_their_section_and_session(client, consultation):
    consultation.description = "# Aims\n\nMeet the cities."
    consultation.outcome = "## Results\n\n- **One** plan"
    consultation.save()
    Session.objects.filter(title="Opening").update(description="# Steps\n\nWelcome.")
    Session.objects.filter(title="Workshop on housing").update(description="# Questions")

    html = client.get(consultation.get_absolute_url()).content.decode()

    assert "<h3>Aims</h3>\n<p>Meet the cities.</p>" in html
    assert "<h3>Results</h3>\n<ul>\n<li><strong>One</strong> plan</li>\n</ul>" in html
    assert ">Opening</h4>" in html
    assert "<h5>Steps</h5>\n<p>Welcome.</p>" in html
    assert ">Workshop on housing</h5>" in html
    assert "<h6>Questions</h6>" in html
    check_page(html)


def test_event_page_shows_a_session_title_once_where_it_names_its_kind(client, consultation):
    Session.objects.filter(title="Closing").update(kind=Session.Kind.CLOSING)
    Session.objects.filter(title="Opening").update(
        title="Thematic workshop: housing", kind=Session.Kind.THEMATIC_WORKSHOP
    )

    html = squashed(client.get(consultation.get_absolute_url()).content.decode())

    closing = html[html.index(">Closing</h4>") :]
    assert "session-meta" not in closing[: closing.index("</li>")]
    assert (
        '>Thematic workshop: housing</h4> <p class="meta session-meta"> '
        '<time datetime="09:30">09:30</time> </p>'
    ) in html
    # A title that does not say the session's kind keeps it, smaller, below the title.
    assert '<p class="meta session-meta"> Plenary · Track: Housing </p>' in html


def test_milan_consultation_shows_the_sources_municipality_counts_as_one_fact(client):
    load_programme_content()
    event = Event.objects.get(slug="milan-mid-term-regional-consultation-2019")

    html = squashed(client.get(event.get_absolute_url()).content.decode())

    facts = html[html.index('<ul class="reported-facts">') :]
    facts = facts[: facts.index("</ol>")]
    assert facts == (
        '<ul class="reported-facts"> '
        "<li>More than 30 European municipalities"
        '<sup class="note-refs"><a href="#figure-note-1">'
        '<span class="visually-hidden">source </span>1</a>, <a href="#figure-note-2">'
        '<span class="visually-hidden">source </span>2</a></sup></li> '
        "<li>7 EU Member States"
        '<sup class="note-refs"><a href="#figure-note-3">'
        '<span class="visually-hidden">source </span>3</a></sup></li> </ul> '
        '<ol class="source-notes"> '
        '<li id="figure-note-1" value="1">Regional conferences, in its words: '
        "“More than 35 EU municipalities represented”</li> "
        '<li id="figure-note-2" value="2">News: Admin4All Mid-Term Regional Consultation, in its '
        "words: “More than 30 European municipalities”</li> "
        '<li id="figure-note-3" value="3">'
        "Source: News: Admin4All Mid-Term Regional Consultation</li> "
    )
    # The two cities the sources name are some of those taking part, and say so.
    assert (
        "<p>The sources report more than 30 European municipalities taking part, and name "
        'these:</p> <ul class="inline-list"> <li><a href="/municipalities/madrid/">Madrid</a>'
        '</li><li><a href="/municipalities/milan/">Milan</a></li> </ul>'
    ) in html
    assert html.count(">Closing</h4>") == 1
    assert "Closing · " not in html
    check_page(html)


def test_event_page_lists_its_municipalities_as_whole_where_no_source_counts_more(
    client, consultation
):
    consultation.participating_municipalities.add(MunicipalityFactory(name="Milan"))
    EventFigureFactory(event=consultation, indicator="municipalities", value=1, qualifier="exact")

    html = client.get(consultation.get_absolute_url()).content.decode()

    assert "Participating municipalities" in html
    assert "The sources report" not in html


@pytest.mark.parametrize("size", [1, 3])
def test_event_page_query_count(client, django_assert_num_queries, size):
    event = EventFactory(country=CountryFactory(), host_municipality=MunicipalityFactory())
    for _ in range(size):
        session = SessionFactory(event=event)
        SpeakerFactory(session=session, organisation=OrganisationFactory())
        SpeakerFactory(session=session)
        EventMaterialFactory(event=event)
        PublicationFactory(presented_at=event, organisation=OrganisationFactory())
        NewsArticleFactory(event=event)
        event.participating_municipalities.add(MunicipalityFactory())
        event.organisers.add(OrganisationFactory())
        event.themes.add(ThemeFactory())

    # The event, then figures, organisers, themes, materials, municipalities, sessions,
    # speakers, studies and news: one query each.
    with django_assert_num_queries(10):
        response = client.get(event.get_absolute_url())

    assert response.status_code == 200


# News


def test_publication_time_given_to_the_second_as_html_requires(client):
    # Times saved outside the admin keep microseconds, which HTML's datetime refuses.
    published_at = datetime(2019, 10, 9, 16, 30, 15, 123456, tzinfo=UTC)
    NewsArticleFactory(slug="milan-report", published_at=published_at)

    pages = [client.get("/news/"), client.get("/news/milan-report/")]

    for page in pages:
        assert '<time datetime="2019-10-09T18:30:15+0200">9 October 2019</time>' in page.text


def test_news_list_shows_published_articles_newest_first(client):
    older = NewsArticleFactory(published_at=timezone.now() - timedelta(days=9))
    newer = NewsArticleFactory(published_at=timezone.now() - timedelta(days=2))
    seed_hidden(NewsArticleFactory)

    response = client.get("/news/")

    assert list(response.context["object_list"]) == [newer, older]
    check_page(response.content.decode())


def test_news_list_filters_by_country_each_article_once(client):
    italy = CountryFactory(slug="italy")
    both = NewsArticleFactory(title="Two Italian cities")
    both.municipalities.add(MunicipalityFactory(country=italy), MunicipalityFactory(country=italy))
    NewsArticleFactory(title="Elsewhere").municipalities.add(MunicipalityFactory())
    NewsArticleFactory(draft=True).municipalities.add(MunicipalityFactory(country=italy))

    response = client.get("/news/?country=italy")

    assert list(response.context["object_list"]) == [both]
    assert '<a href="/news/feed/?country=italy">Follow' in response.content.decode()


def test_news_list_filters_by_municipality_theme_and_year(client):
    milan = MunicipalityFactory(slug="milan")
    housing = ThemeFactory(slug="housing")
    match = NewsArticleFactory(published_at=timezone.now().replace(year=2019))
    match.municipalities.add(milan)
    match.themes.add(housing)
    other_year = NewsArticleFactory(published_at=timezone.now().replace(year=2018))
    other_year.municipalities.add(milan)
    other_year.themes.add(housing)
    NewsArticleFactory(published_at=timezone.now().replace(year=2019)).themes.add(housing)

    response = client.get("/news/?municipality=milan&theme=housing&year=2019")

    assert list(response.context["object_list"]) == [match]


def test_news_list_invalid_year_shows_the_error(client):
    NewsArticleFactory()

    response = client.get("/news/?year=2%00")

    assert response.status_code == 200
    assert '<ul class="errorlist" id="id_year_error">' in response.content.decode()
    assert list(response.context["object_list"]) == []


@pytest.mark.parametrize("size", [1, 3])
def test_news_list_query_count(client, django_assert_num_queries, size):
    for _ in range(size):
        article = NewsArticleFactory()
        article.municipalities.add(MunicipalityFactory())
        article.themes.add(ThemeFactory())

    # Count, page, then the form's countries, themes and years.
    with django_assert_num_queries(5):
        response = client.get("/news/")

    assert len(response.context["object_list"]) == size


@pytest.mark.parametrize("size", [1, 3])
def test_news_list_filtered_by_municipality_query_count(client, django_assert_num_queries, size):
    milan = MunicipalityFactory(slug="milan")
    for _ in range(size):
        NewsArticleFactory().municipalities.add(milan, MunicipalityFactory())

    # The unfiltered count and the municipality, found by its slug.
    with django_assert_num_queries(6):
        response = client.get("/news/?municipality=milan")

    assert len(response.context["object_list"]) == size


def test_news_article_page_renders_a_hostile_body_as_safe_html(client):
    article = NewsArticleFactory(summary="", body=HOSTILE_MARKDOWN)

    html = client.get(article.get_absolute_url()).content.decode()

    assert HOSTILE_MARKDOWN_HTML in html
    assert "<script>window" not in html
    # Without a summary the description is the body's words, markup left out.
    assert (
        '<meta name="description" content="Housing &lt;script&gt;window.__pwned = true'
        "&lt;/script&gt; &lt;img src=x onerror=&quot;window.__pwned = true&quot;&gt; "
        '[Read more](javascript:window.__pwned=true) or the study.">'
    ) in html
    check_page(html)


@pytest.mark.parametrize("size", [1, 3])
def test_news_article_page_query_count(client, django_assert_num_queries, size):
    article = NewsArticleFactory(event=EventFactory())
    for _ in range(size):
        article.municipalities.add(MunicipalityFactory())
        article.themes.add(ThemeFactory())

    # The article with its event, then its municipalities and themes.
    with django_assert_num_queries(3):
        response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert html.count('<a href="/municipalities/municipality-') == size
    assert html.count('<a class="tag" href="/themes/theme-') == size


# Publications


def test_publication_list_shows_published_ones_with_authors_and_organisation(client):
    mpi = OrganisationFactory(name="Migration Policy Institute", slug="mpi")
    study = PublicationFactory(title="Cities on the front line", year=2020, organisation=mpi)
    study.authors.add(PersonFactory(name="Ahad", slug="ahad"))
    seed_hidden(PublicationFactory)

    response = client.get("/publications/")

    assert list(response.context["object_list"]) == [study]
    html = response.content.decode()
    assert 'Study · 2020 · <a href="/organisations/mpi/">' in squashed(html)
    assert '<p>Author: <a href="/people/ahad/">Ahad</a></p>' in html
    check_page(html)


def test_publication_page_of_the_programme_content_says_what_the_sources_give(client):
    load_programme_content()
    study = Publication.objects.get(slug="european-cities-on-the-front-line")

    html = squashed(client.get(study.get_absolute_url()).content.decode())

    assert (
        '<dt>Author</dt> <dd><a href="/organisations/mpi/">'
        "Migration Policy Institute (MPI)</a></dd> "
        "<dt>Date</dt> <dd>Not published</dd> "
        '<dt>Presented at</dt> <dd><a href="/events/webinar-european-cities-on-the-front-line/">'
    ) in html
    assert (
        '<dt>Themes</dt> <dd><a href="/themes/local-governance-of-social-services/">'
        "Local governance of social services</a></dd>"
    ) in html
    assert '<p class="notice">This publication’s file is not on this site yet.</p>' in html
    check_page(html)


def test_publication_page_leads_to_the_file_or_link_staff_filled(client, media_root):
    study = PublicationFactory(title="City study", year=2020, url="https://example.org/study")
    uploaded = PublicationFactory(title="Upload", file=SimpleUploadedFile("study.pdf", b"%PDF"))

    linked_html = client.get(study.get_absolute_url()).content.decode()
    uploaded_html = client.get(uploaded.get_absolute_url()).content.decode()

    assert (
        '<li><a href="https://example.org/study" rel="noopener">'
        "Read “City study” on the publisher’s website</a></li>"
    ) in linked_html
    assert '<time datetime="2020">2020</time>' in linked_html
    assert f'<li><a href="{uploaded.file.url}">Download “Upload”</a></li>' in uploaded_html
    assert "not on this site yet" not in linked_html + uploaded_html


@pytest.mark.parametrize("size", [1, 3])
def test_publication_page_query_count(client, django_assert_num_queries, size):
    study = PublicationFactory(
        organisation=OrganisationFactory(), presented_at=EventFactory(), url="https://e.org"
    )
    for _ in range(size):
        study.authors.add(PersonFactory())
        study.themes.add(ThemeFactory())

    # The publication with its organisation, event and themes; its authors.
    with django_assert_num_queries(2):
        response = client.get(study.get_absolute_url())

    assert response.status_code == 200
    assert len(response.context["themes"]) == size


def test_publication_summary_is_markdown_on_its_page_and_plain_text_in_the_list(client):
    study = PublicationFactory(summary="**Key** findings on [housing](https://e.org).")

    listed = client.get("/publications/").content.decode()
    page = client.get(study.get_absolute_url()).content.decode()

    assert "<p>Key findings on housing.</p>" in listed
    assert (
        '<p><strong>Key</strong> findings on <a href="https://e.org" rel="nofollow noopener">'
        "housing</a>.</p>"
    ) in page
    assert '<meta name="description" content="Key findings on housing.">' in page


def test_publication_list_filters_by_theme_and_year(client):
    housing = ThemeFactory(slug="housing")
    match = PublicationFactory(year=2021)
    match.themes.add(housing)
    PublicationFactory(year=2020).themes.add(housing)
    PublicationFactory(year=2021)

    response = client.get("/publications/?theme=housing&year=2021")

    assert list(response.context["object_list"]) == [match]
    assert '<option value="2021" selected>2021</option>' in response.content.decode()


def test_publication_year_choices_leave_out_unpublished_items(client):
    PublicationFactory(year=2021)
    PublicationFactory(year=2019, draft=True)

    response = client.get("/publications/?year=2019")

    assert response.context["filter"].form.fields["year"].choices == [
        ("", "All years"),
        (2021, 2021),
    ]
    assert list(response.context["object_list"]) == []


@pytest.mark.parametrize("size", [1, 3])
def test_publication_list_query_count(client, django_assert_num_queries, size):
    for _ in range(size):
        publication = PublicationFactory(organisation=OrganisationFactory())
        publication.authors.add(PersonFactory(), PersonFactory())
        publication.themes.add(ThemeFactory())

    # Count, page, authors, then the form's themes and years.
    with django_assert_num_queries(5):
        response = client.get("/publications/")

    assert len(response.context["object_list"]) == size


# The filters on their own, as the feeds use them


def test_event_filter_narrows_a_published_queryset():
    italy = CountryFactory(slug="italy")
    event = EventFactory(country=italy)
    EventFactory()

    events = EventFilter({"country": "italy"}, queryset=Event.objects.published()).qs

    assert list(events) == [event]


def test_news_filter_rejects_a_nul_byte_without_querying_with_it():
    articles = NewsArticleFilter({"municipality": "mi\x00lan"}, queryset=NewsArticle.objects.all())

    assert articles.is_valid() is False
    assert articles.errors == {"municipality": ["Null characters are not allowed."]}
