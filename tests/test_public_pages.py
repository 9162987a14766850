"""The first public pages: every get_absolute_url lands on a real page, drafts stay
hidden from visitors, errors use the site layout, and /healthz tells the truth.

Objects are built with the ORM directly so this module stands on its own.
"""

import json
from datetime import date, time, timedelta
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone
from django.utils.html import escape
from django.views.defaults import server_error

from admin4all.models import (
    Organisation,
    Person,
    PhaseFigure,
    PhaseGoal,
    ProgrammePhase,
    Status,
    Theme,
    User,
)
from events.models import Event, EventFigure, NewsArticle, Publication, Session, Speaker
from municipalities.models import Country, GoodPractice, Municipality, Participation
from trainings.models import PeerVisit, Training

DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class PageChecker(HTMLParser):
    """Collects what the page tests assert on: structure errors, headings, ids, links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.has_doctype = False
        self.errors: list[str] = []
        self.open: list[str] = []
        self.headings: list[int] = []
        self.ids: list[str] = []
        self.link_texts: list[str] = []
        self.time_datetimes: list[str] = []
        self._link_text: list[str] | None = None

    def handle_decl(self, decl):
        self.has_doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if "style" in attributes or tag == "style":
            self.errors.append(f"inline style on <{tag}>")
        # A strict CSP allows script files and data blocks, never inline code.
        if tag == "script" and not (
            attributes.get("src") or attributes.get("type") in DATA_SCRIPT_TYPES
        ):
            self.errors.append("inline script")
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        if tag == "a":
            self._link_text = []
        if tag == "time":
            self.time_datetimes.append(attributes.get("datetime") or "")
        if tag not in VOID_ELEMENTS:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.open.pop()

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            self.errors.append(f"end tag for void element </{tag}>")
            return
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.open[-1] if self.open else None}>")
            return
        self.open.pop()
        if tag == "a" and self._link_text is not None:
            self.link_texts.append(" ".join("".join(self._link_text).split()))
            self._link_text = None

    def handle_data(self, data):
        if self._link_text is not None:
            self._link_text.append(data)


def check_page(html: str) -> PageChecker:
    """Assert what every public page must satisfy, and return the parse for more."""
    page = PageChecker()
    page.feed(html)
    page.close()
    assert page.has_doctype
    assert page.errors == []
    assert page.open == []
    assert page.headings.count(1) == 1
    assert page.headings[0] == 1
    skipped = [
        (before, after)
        for before, after in zip(page.headings, page.headings[1:], strict=False)
        if after > before + 1
    ]
    assert skipped == []
    assert len(page.ids) == len(set(page.ids))
    assert "" not in page.link_texts
    assert "" not in page.time_datetimes
    return page


def check_list_head(client, html: str, shown, link: str, list_path: str, total: int):
    """A section of a record's page that shows part of a list (admin4all.excerpts.Excerpt)
    links to the full list, saying how many it holds, and shows the first items of its
    first page, in its order."""
    assert shown.total == total
    assert f'<a href="{escape(list_path)}">{link}</a>' in html
    full_list = client.get(list_path)
    assert full_list.context["paginator"].count == total
    assert list(full_list.context["object_list"])[: len(shown.items)] == shown.items


@pytest.fixture
def past():
    return timezone.now() - timedelta(days=1)


@pytest.fixture
def organisation():
    return Organisation.objects.create(
        name="International Organization for Migration",
        slug="iom",
        acronym="IOM",
        kind=Organisation.Kind.INTERNATIONAL,
        description="The UN migration agency.",
    )


@pytest.fixture
def person(organisation):
    return Person.objects.create(
        name="Rossi",
        honorific="Dr.",
        slug="rossi",
        job_title="Programme coordinator",
        organisation=organisation,
        bio="Coordinates the programme from Rome.",
    )


@pytest.fixture
def theme():
    return Theme.objects.create(name="Housing", slug="housing", description="Access to housing.")


@pytest.fixture
def phase(organisation):
    phase = ProgrammePhase.objects.create(
        number=2,
        name="Supporting Social Inclusion of Vulnerable Migrants in Europe",
        slug="phase-2",
        summary="The second phase.",
        description="More than 30 municipalities.\n\nIn 7 member states.",
        start_date=date(2018, 7, 1),
        end_date=date(2020, 6, 30),
        duration_months=24,
        managed_by=organisation,
    )
    PhaseGoal.objects.create(
        phase=phase, kind=PhaseGoal.Kind.EXPECTED_RESULT, text="Coordination mechanisms in place"
    )
    PhaseGoal.objects.create(
        phase=phase, kind=PhaseGoal.Kind.OBJECTIVE, text="Strengthen municipal services"
    )
    PhaseFigure.objects.create(
        phase=phase,
        label="people trained",
        value=500,
        qualifier=PhaseFigure.Qualifier.MORE_THAN,
    )
    return phase


@pytest.fixture
def country():
    return Country.objects.create(
        name="Poland", native_name="Polska", slug="poland", iso_code="PL"
    )


@pytest.fixture
def municipality(country, phase):
    municipality = Municipality.objects.create(
        name="Wrocław",
        native_name="Wrocław",
        alternative_names=["Wroclav"],
        slug="wroclaw",
        country=country,
        region="Lower Silesia",
        profile="A city in western Poland.",
        website="https://www.wroclaw.pl/",
    )
    Participation.objects.create(municipality=municipality, phase=phase)
    return municipality


@pytest.fixture
def other_municipality(country):
    return Municipality.objects.create(name="Gdańsk", slug="gdansk", country=country)


@pytest.fixture
def good_practice(municipality, phase, theme, past):
    practice = GoodPractice.objects.create(
        title="One-stop shop for newcomers",
        slug="one-stop-shop",
        municipality=municipality,
        phase=phase,
        summary="All services at one desk.",
        body="How it works.",
        status=Status.PUBLISHED,
        published_at=past,
    )
    practice.themes.add(theme)
    return practice


@pytest.fixture
def training(municipality, phase):
    return Training.objects.create(
        title="Intercultural competences for social workers",
        slug="intercultural-competences",
        municipality=municipality,
        phase=phase,
        start_date=date(2019, 3, 4),
        end_date=date(2019, 3, 5),
        audience="Municipal social services and immigration departments",
        description="Two days of training.",
        attendance_total=4321,
        attendance_women=4000,
        attendance_men=321,
        attendance_other_gender=0,
    )


@pytest.fixture
def peer_visit(municipality, other_municipality, phase):
    visit = PeerVisit.objects.create(
        title="Peer visit to Wrocław",
        slug="peer-visit-wroclaw",
        host=municipality,
        phase=phase,
        start_date=date(2019, 5, 6),
        findings="Shared case management works.",
        recommendations="Set up a coordination table.",
    )
    visit.visitors.add(other_municipality)
    return visit


@pytest.fixture
def event(municipality, country, phase, person, organisation, past):
    event = Event.objects.create(
        kind=Event.Kind.REGIONAL_CONSULTATION,
        title="Mid-Term Regional Consultation",
        slug="milan-consultation",
        phase=phase,
        summary="Two days in Milan.",
        description="High-level panels and thematic workshops.",
        start_date=date(2019, 10, 8),
        end_date=date(2019, 10, 9),
        venue="Fabbrica del Vapore",
        address="Via Giulio Cesare Procaccini 4",
        city="Milan",
        country=country,
        host_municipality=municipality,
        participant_count=35,
        participant_count_qualifier=EventFigure.Qualifier.ABOUT,
        objectives="Take stock of the programme\n\nPlan the second half",
        outcome="Recommendations for each city.",
        status=Status.PUBLISHED,
        published_at=past,
    )
    event.participating_municipalities.add(municipality)
    EventFigure.objects.create(
        event=event,
        label="municipalities",
        value=35,
        qualifier=EventFigure.Qualifier.MORE_THAN,
        source="Agenda",
    )
    opening = Session.objects.create(
        event=event,
        title="Welcome and opening remarks",
        kind=Session.Kind.OPENING,
        day=date(2019, 10, 8),
        start_time=time(9, 30),
        end_time=time(10, 0),
    )
    Speaker.objects.create(session=opening, person=person, role=Speaker.Role.OPENING)
    workshop = Session.objects.create(
        event=event,
        title="Access to housing",
        kind=Session.Kind.THEMATIC_WORKSHOP,
        day=date(2019, 10, 9),
        track="Housing",
    )
    Speaker.objects.create(
        session=workshop, person=person, job_title="Chief of mission", role=Speaker.Role.MODERATOR
    )
    return event


@pytest.fixture
def news_article(event, past):
    return NewsArticle.objects.create(
        title="Cities meet in Milan",
        slug="cities-meet-in-milan",
        body="More than 30 municipalities met.\n\nThey shared their work.",
        event=event,
        status=Status.PUBLISHED,
        published_at=past,
    )


@pytest.fixture
def publication(event, organisation, person, past):
    publication = Publication.objects.create(
        title="Migrant integration in European cities",
        slug="migrant-integration-study",
        organisation=organisation,
        year=2020,
        summary="A study presented at a webinar.",
        url="https://example.org/study",
        presented_at=event,
        status=Status.PUBLISHED,
        published_at=past,
    )
    publication.authors.add(person)
    return publication


@pytest.fixture
def staff_client(client):
    staff = User.objects.create_user(
        username="staff", email="staff@example.org", password=None, is_staff=True
    )
    client.force_login(staff)
    return client


PAGES = [
    ("phase", "Phase 2: Supporting Social Inclusion of Vulnerable Migrants in Europe"),
    ("person", "Dr. Rossi"),
    ("organisation", "International Organization for Migration (IOM)"),
    ("theme", "Housing"),
    ("country", "Poland"),
    ("municipality", "Wrocław"),
    ("good_practice", "One-stop shop for newcomers"),
    ("training", "Intercultural competences for social workers"),
    ("peer_visit", "Peer visit to Wrocław"),
    ("event", "Mid-Term Regional Consultation"),
    ("news_article", "Cities meet in Milan"),
    ("publication", "Migrant integration in European cities"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("fixture", "title"), PAGES)
def test_detail_page_answers_with_its_title(client, request, fixture, title):
    obj = request.getfixturevalue(fixture)

    response = client.get(obj.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    kind = " · News" if fixture == "news_article" else ""
    assert f"<title>{title}{kind} · Admin4All</title>" in html
    check_page(html)


@pytest.mark.django_db
def test_home_lists_the_phases(client, phase):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<a href="{phase.get_absolute_url()}">{phase}</a>' in html
    assert 'aria-current="page"' in html
    check_page(html)


@pytest.mark.django_db
def test_phase_page_shows_goals_figures_and_municipalities_by_country(client, phase, municipality):
    response = client.get(phase.get_absolute_url())

    html = response.content.decode()
    assert html.index("Strengthen municipal services") < html.index(
        "Coordination mechanisms in place"
    )
    assert "More than 500 people trained" in html
    assert '<time datetime="2018-07-01">1 July 2018</time>' in html
    assert '<h3><a href="/countries/poland/">Poland</a></h3>' in html
    assert '<a href="/municipalities/wroclaw/">Wrocław</a>' in html


@pytest.mark.django_db
def test_phase_page_without_dates_says_so(client):
    phase = ProgrammePhase.objects.create(number=1, name="Supportive Active Inclusion", slug="p1")

    response = client.get(phase.get_absolute_url())

    assert "Dates not published" in response.content.decode()
    assert "sources" not in response.content.decode()
    check_page(response.content.decode())


@pytest.mark.django_db
def test_event_page_shows_agenda_by_day_with_speakers(client, event):
    response = client.get(event.get_absolute_url())

    html = response.content.decode()
    assert '<h3><time datetime="2019-10-08">Tuesday, 8 October 2019</time></h3>' in html
    assert '<h3><time datetime="2019-10-09">Wednesday, 9 October 2019</time></h3>' in html
    organisation = (
        '<a href="/organisations/iom/">International Organization for Migration (IOM)</a>'
    )
    assert f"Dr. Rossi</a> — Programme coordinator, {organisation}" in html
    assert f"Dr. Rossi</a> — Chief of mission, {organisation}" in html
    assert '<time datetime="09:30">09:30</time>' in html
    assert "Track: Housing" in html
    assert "<li>Take stock of the programme</li>" in html
    assert "More than 35 municipalities" in html
    assert "Fabbrica del Vapore" in html


@pytest.mark.django_db
def test_undated_online_event_says_so(client, past):
    event = Event.objects.create(
        kind=Event.Kind.WEBINAR,
        title="Webinar on labour market integration",
        slug="webinar-labour",
        is_online=True,
        status=Status.PUBLISHED,
        published_at=past,
    )

    response = client.get(event.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<dt>Date</dt> <dd> Not published </dd>" in " ".join(html.split())
    assert "Online" in html
    check_page(html)


@pytest.mark.django_db
def test_training_page_hides_attendance(client, training):
    response = client.get(training.get_absolute_url())

    assert "4321" not in response.content.decode()


@pytest.mark.django_db
def test_news_article_hides_the_link_to_an_unpublished_event(client, news_article):
    Event.objects.filter(pk=news_article.event_id).update(status=Status.DRAFT)

    response = client.get(news_article.get_absolute_url())

    assert response.status_code == 200
    assert news_article.event.get_absolute_url() not in response.content.decode()


HIDDEN_STATES = {
    "draft": lambda: {"status": Status.DRAFT, "published_at": None},
    "review": lambda: {"status": Status.REVIEW, "published_at": None},
    "scheduled": lambda: {
        "status": Status.PUBLISHED,
        "published_at": timezone.now() + timedelta(days=1),
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize("fixture", ["event", "news_article", "publication", "good_practice"])
@pytest.mark.parametrize("state", sorted(HIDDEN_STATES))
def test_unpublished_content_is_hidden_from_visitors(client, request, fixture, state):
    obj = request.getfixturevalue(fixture)
    type(obj).objects.filter(pk=obj.pk).update(**HIDDEN_STATES[state]())

    response = client.get(obj.get_absolute_url())

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("fixture", ["event", "news_article", "publication", "good_practice"])
@pytest.mark.parametrize("state", sorted(HIDDEN_STATES))
def test_unpublished_content_is_previewed_by_staff(staff_client, request, fixture, state):
    obj = request.getfixturevalue(fixture)
    type(obj).objects.filter(pk=obj.pk).update(**HIDDEN_STATES[state]())

    response = staff_client.get(obj.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "is not public yet." in html
    check_page(html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/programme/no-such-phase/",
        "/municipalities/no-such-city/",
        "/events/no-such-event/",
        "/no/such/page/",
    ],
)
def test_unknown_page_answers_404_in_the_site_layout(client, url):
    response = client.get(url)

    assert response.status_code == 404
    html = response.content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert "<h1>Page not found</h1>" in html
    check_page(html)


def test_server_error_page_renders_without_request_context():
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Server error</h1>" in html
    check_page(html)


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": True}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_healthz_answers_503_when_the_database_is_unreachable(client, tmp_path):
    original_host = connection.settings_dict["HOST"]
    connection.close()
    connection.settings_dict["HOST"] = str(tmp_path / "no-server-here")
    try:
        response = client.get("/healthz")
    finally:
        connection.settings_dict["HOST"] = original_host
        connection.close()

    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "unavailable", "database": False}
