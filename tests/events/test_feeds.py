"""The Atom feed of news and the iCalendar feeds of events, read as subscribers' clients
read them (feedparser, icalendar), with the filters of their lists."""

from datetime import date, timedelta

import feedparser
import icalendar
import pytest
from django.contrib.sites.models import Site
from django.utils import timezone

from events.feeds import CALENDAR_SIZE
from events.models import Event
from tests.factories import (
    CountryFactory,
    EventFactory,
    MunicipalityFactory,
    NewsArticleFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
HIDDEN = [{"draft": True}, {"review": True}, {"scheduled": True}]


@pytest.fixture(autouse=True)
def site():
    """The Site stays cached for the process, as in production."""
    return Site.objects.get_current()


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


def read_feed(client, query: str = ""):
    response = client.get(f"/news/feed/{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert feed.bozo is False
    return feed


def read_calendar(client, url: str) -> icalendar.Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def summaries(calendar: icalendar.Calendar) -> list[str]:
    return [str(entry["SUMMARY"]) for entry in calendar.walk("VEVENT")]


@pytest.fixture
def places():
    """Two cities in Poland, one in Italy."""
    poland = CountryFactory(name="Poland", slug="poland", iso_code="PL")
    italy = CountryFactory(name="Italy", slug="italy", iso_code="IT")
    return {
        "poland": poland,
        "wroclaw": MunicipalityFactory(name="Wrocław", slug="wroclaw", country=poland),
        "gdansk": MunicipalityFactory(name="Gdańsk", slug="gdansk", country=poland),
        "milan": MunicipalityFactory(name="Milan", slug="milan", country=italy),
    }


# The Atom feed of news


def test_news_feed_lists_published_articles_newest_first(client):
    housing = ThemeFactory(name="Housing")
    older = NewsArticleFactory(title="Older", published_at=days_ago(3))
    newer = NewsArticleFactory(
        title="Newer", slug="newer", summary="Cities met & talked.", published_at=days_ago(1)
    )
    newer.themes.add(housing)
    for state in HIDDEN:
        NewsArticleFactory(title="Hidden", **state)

    feed = read_feed(client)

    assert feed.version == "atom10"
    assert feed.feed.title == "ADMin4ALL news"
    assert feed.feed.link == f"{SITE}/news/"
    assert [entry.title for entry in feed.entries] == ["Newer", "Older"]
    entry = feed.entries[0]
    assert entry.link == f"{SITE}/news/newer/"
    # An HTML summary: the ampersand comes back as the entity that shows "&".
    assert entry.summary == "Cities met &amp; talked."
    assert [tag.term for tag in entry.tags] == ["Housing"]
    assert entry.published == newer.published_at.isoformat()
    assert entry.updated == newer.updated_at.isoformat()
    assert feed.entries[1].published == older.published_at.isoformat()


def test_news_feed_keeps_the_twenty_newest(client):
    for day in range(21):
        NewsArticleFactory(title=f"Day {day}", published_at=days_ago(day + 1))

    feed = read_feed(client)

    assert [entry.title for entry in feed.entries] == [f"Day {day}" for day in range(20)]


def test_news_feed_escapes_markup_in_summaries(client):
    NewsArticleFactory(summary="<script>alert(1)</script>")

    feed = read_feed(client)

    assert feed.entries[0].summary == "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?municipality=wroclaw", ["In Wrocław"]),
        ("?municipality=Wroc%C5%82aw", ["In Wrocław"]),
        ("?country=poland", ["In Gdańsk", "In Wrocław"]),
        ("?theme=housing", ["On housing"]),
        ("?country=poland&theme=housing", []),
        ("?unknown=ignored", ["On housing", "In Milan", "In Gdańsk", "In Wrocław"]),
    ],
)
def test_news_feed_takes_the_filters_of_the_news_list(client, places, query, expected):
    for days, title, city in [(4, "In Wrocław", "wroclaw"), (3, "In Gdańsk", "gdansk")]:
        NewsArticleFactory(title=title, published_at=days_ago(days)).municipalities.add(
            places[city]
        )
    NewsArticleFactory(title="In Milan", published_at=days_ago(2)).municipalities.add(
        places["milan"]
    )
    NewsArticleFactory(title="On housing", published_at=days_ago(1)).themes.add(
        ThemeFactory(slug="housing")
    )

    feed = read_feed(client, query)

    assert [entry.title for entry in feed.entries] == expected


@pytest.mark.parametrize(
    "query",
    ["?municipality=nowhere", "?country=%00", "?theme=no-such-theme", "?year=abc", "?year=1900"],
)
def test_news_feed_answers_400_to_an_invalid_filter_value(client, places, query):
    NewsArticleFactory()

    response = client.get(f"/news/feed/{query}")

    assert response.status_code == 400


def test_news_feed_says_which_filter_is_wrong(client, places):
    response = client.get("/news/feed/?municipality=nowhere&theme=")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "* municipality\n  * No municipality is called “nowhere”. Check the spelling."
    )


@pytest.mark.parametrize("size", [1, 3])
def test_news_feed_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    for _ in range(size):
        article = NewsArticleFactory()
        article.themes.add(ThemeFactory(), ThemeFactory())

    with django_assert_num_queries(2):
        feed = read_feed(client)

    assert len(feed.entries) == size


def test_news_feed_is_sent_in_one_piece(client):
    NewsArticleFactory.create_batch(3)

    response = client.get("/news/feed/")

    # The app server writes each piece of a response to the socket on its own (make bench).
    assert len(list(response)) == 1


# The iCalendar feeds of events


@pytest.fixture
def milan(places):
    event = EventFactory(
        kind=Event.Kind.REGIONAL_CONSULTATION,
        title="Mid-Term Regional Consultation",
        slug="milan-consultation",
        summary="Two days in Milan.",
        start_date=date(2019, 10, 8),
        end_date=date(2019, 10, 9),
        venue="Fabbrica del Vapore",
        address="Via Giulio Cesare Procaccini 4",
        city="Milan",
        country=places["milan"].country,
        host_municipality=places["milan"],
    )
    event.participating_municipalities.add(places["wroclaw"])
    return event


def test_calendar_describes_each_event_as_an_all_day_entry(client, milan):
    calendar = read_calendar(client, "/events/calendar.ics")

    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//IOM//ADMin4ALL portal//EN"
    [entry] = calendar.walk("VEVENT")
    assert str(entry["UID"]) == "event-milan-consultation@testserver"
    assert entry.decoded("DTSTART") == date(2019, 10, 8)
    assert entry.decoded("DTEND") == date(2019, 10, 10)
    assert entry.decoded("DTSTAMP") == milan.updated_at.replace(microsecond=0)
    assert str(entry["SUMMARY"]) == "Mid-Term Regional Consultation"
    assert str(entry["LOCATION"]) == (
        "Fabbrica del Vapore, Via Giulio Cesare Procaccini 4, Milan, Italy"
    )
    assert str(entry["URL"]) == f"{SITE}/events/milan-consultation/"
    assert str(entry["DESCRIPTION"]) == f"Two days in Milan.\n\n{SITE}/events/milan-consultation/"


def test_calendar_ends_a_one_day_event_on_the_next_day(client):
    EventFactory(start_date=date(2017, 11, 28), end_date=None)

    [entry] = read_calendar(client, "/events/calendar.ics").walk("VEVENT")

    assert (entry.decoded("DTSTART"), entry.decoded("DTEND")) == (
        date(2017, 11, 28),
        date(2017, 11, 29),
    )


def test_calendar_places_an_online_event_online(client):
    EventFactory(is_online=True, kind=Event.Kind.WEBINAR)

    [entry] = read_calendar(client, "/events/calendar.ics").walk("VEVENT")

    assert str(entry["LOCATION"]) == "Online"


def test_calendar_leaves_out_undated_and_unpublished_events(client):
    EventFactory(title="Dated")
    EventFactory(title="Undated", start_date=None)
    for state in HIDDEN:
        EventFactory(title="Hidden", **state)

    assert summaries(read_calendar(client, "/events/calendar.ics")) == ["Dated"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?kind=webinar", ["Webinar"]),
        ("?country=poland", ["In Gdańsk"]),
        # Hosted by the city, or with the city taking part.
        ("?municipality=milan", ["Mid-Term Regional Consultation"]),
        ("?municipality=wroclaw", ["Mid-Term Regional Consultation"]),
        ("?municipality=Wroclaw", ["Mid-Term Regional Consultation"]),
        ("?theme=housing", ["In Gdańsk"]),
        ("?year=2019", ["Mid-Term Regional Consultation"]),
        ("?kind=webinar&country=poland", []),
    ],
)
def test_calendar_takes_the_filters_of_the_event_list(client, places, milan, query, expected):
    EventFactory(title="Webinar", kind=Event.Kind.WEBINAR, is_online=True)
    EventFactory(title="In Gdańsk", country=places["poland"]).themes.add(
        ThemeFactory(slug="housing")
    )

    assert summaries(read_calendar(client, f"/events/calendar.ics{query}")) == expected


@pytest.mark.parametrize(
    "query", ["?kind=party", "?municipality=nowhere", "?theme=%00", "?year=abc", "?when=later"]
)
def test_calendar_answers_400_to_an_invalid_filter_value(client, milan, query):
    response = client.get(f"/events/calendar.ics{query}")

    assert response.status_code == 400


def test_calendar_says_which_filter_is_wrong(client):
    response = client.get("/events/calendar.ics?kind=party")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "* kind\n  * Select a valid choice. party is not one of the available choices."
    )


def test_calendar_puts_events_not_over_first_soonest_first_then_the_latest_past(client):
    today = timezone.localdate()
    for title, start, end in [
        ("Long past", today - timedelta(days=400), None),
        ("Later", today + timedelta(days=60), None),
        ("Recent", today - timedelta(days=10), today - timedelta(days=9)),
        ("Ongoing", today - timedelta(days=1), today + timedelta(days=1)),
        ("Today", today, None),
        ("Soon", today + timedelta(days=5), None),
    ]:
        EventFactory(title=title, start_date=start, end_date=end)

    calendar = read_calendar(client, "/events/calendar.ics")

    assert summaries(calendar) == ["Ongoing", "Today", "Soon", "Later", "Recent", "Long past"]


def test_calendar_holds_a_bounded_number_of_events_leaving_out_the_oldest(client):
    EventFactory(title="Long past", start_date=date(2017, 11, 28))
    EventFactory.create_batch(CALENDAR_SIZE - 1, title="Coming")
    EventFactory(title="Last year", start_date=timezone.localdate() - timedelta(days=365))

    titles = summaries(read_calendar(client, "/events/calendar.ics"))
    filtered = summaries(read_calendar(client, "/events/calendar.ics?year=2017"))

    assert (len(titles), titles[-1], "Long past" in titles) == (CALENDAR_SIZE, "Last year", False)
    assert filtered == ["Long past"]


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize(
    ("query", "queries"),
    # The events; filtered by a municipality, first its lookup by slug, then by name.
    [("", 1), ("?municipality=milan", 2), ("?municipality=Milano", 3)],
    ids=["all", "slug", "name"],
)
def test_calendar_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, size, query, queries
):
    milan = MunicipalityFactory(name="Milano", slug="milan")
    for _ in range(size):
        EventFactory(country=CountryFactory(), host_municipality=milan)

    with django_assert_num_queries(queries):
        calendar = read_calendar(client, f"/events/calendar.ics{query}")

    assert len(calendar.walk("VEVENT")) == size


def test_event_calendar_holds_that_event_only(client, milan):
    EventFactory(title="Another event")

    calendar = read_calendar(client, "/events/milan-consultation/calendar.ics")

    assert summaries(calendar) == ["Mid-Term Regional Consultation"]
    assert str(calendar.walk("VEVENT")[0]["UID"]) == "event-milan-consultation@testserver"


@pytest.mark.parametrize("state", HIDDEN, ids=["draft", "review", "scheduled"])
def test_event_calendar_of_an_unpublished_event_is_not_found(client, state):
    event = EventFactory(**state)

    response = client.get(f"/events/{event.slug}/calendar.ics")

    assert response.status_code == 404


def test_event_calendar_of_an_undated_event_is_not_found(client):
    event = EventFactory(start_date=None)

    response = client.get(f"/events/{event.slug}/calendar.ics")

    assert response.status_code == 404


# Where visitors find the subscriptions


def test_event_list_offers_its_calendar_with_the_current_filters(client, places):
    response = client.get("/events/", {"kind": "webinar", "country": "poland"})

    assert (
        '<a href="/events/calendar.ics?kind=webinar&amp;country=poland" type="text/calendar">'
        "Subscribe to these events (iCalendar)</a>"
    ) in response.content.decode()


def test_news_list_offers_its_feed_with_the_current_filters_but_not_the_page(client, places):
    for _ in range(21):
        NewsArticleFactory().municipalities.add(places["wroclaw"])

    response = client.get("/news/", {"municipality": "wroclaw", "page": "2"})

    assert (
        '<a href="/news/feed/?municipality=wroclaw" type="application/atom+xml">'
        "Subscribe to this news (Atom feed)</a>"
    ) in response.content.decode()


def test_unfiltered_lists_offer_the_whole_feeds(client):
    events = client.get("/events/").content.decode()
    news = client.get("/news/").content.decode()

    assert '<a href="/events/calendar.ics" type="text/calendar">' in events
    assert '<a href="/news/feed/" type="application/atom+xml">' in news


def test_event_page_offers_its_own_calendar_entry(client, milan):
    response = client.get(milan.get_absolute_url())

    assert (
        '<a href="/events/milan-consultation/calendar.ics" type="text/calendar">'
        "Add to my calendar (iCalendar)</a>"
    ) in response.content.decode()


def test_undated_event_page_offers_no_calendar_entry(client):
    event = EventFactory(start_date=None)

    response = client.get(event.get_absolute_url())

    # The footer's link to the calendar of all events is the page's only one.
    assert response.content.decode().count("calendar.ics") == 1
    assert f"/events/{event.slug}/calendar.ics" not in response.content.decode()
