"""The city page: a municipality with the head of each list of what the apps record
about it."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from events.models import Event
from events.selectors import events_involving
from municipalities.models import Country, Municipality
from tests.admin4all.test_rich_text import HOSTILE_MARKDOWN, HOSTILE_MARKDOWN_HTML
from tests.factories import (
    CountryFactory,
    EventFactory,
    GoodPracticeFactory,
    MunicipalityFactory,
    NewsArticleFactory,
    ParticipationFactory,
    PeerVisitFactory,
    TrainingFactory,
)
from tests.public_pages import load_programme_content
from tests.test_public_pages import check_list_head, check_page

pytestmark = pytest.mark.django_db

HIDDEN = [{"draft": True}, {"review": True}, {"scheduled": True}]


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def test_city_page_lists_what_happened_there(client, cities):
    milan, bari = cities["milan"], cities["bari"]
    training = TrainingFactory(
        title="Intercultural skills",
        municipality=milan,
        start_date=date(2019, 3, 4),
        end_date=date(2019, 3, 5),
        attendance_total=4321,
    )
    TrainingFactory(title="Planned training", municipality=milan, start_date=days_ago(-10))
    hosted = PeerVisitFactory(title="Visit to Milan", host=milan, start_date=date(2019, 5, 6))
    hosted.visitors.add(bari)
    made = PeerVisitFactory(title="Visit to Bari", host=bari, start_date=date(2019, 6, 7))
    made.visitors.add(milan)
    PeerVisitFactory(title="Planned visit", host=milan, start_date=days_ago(-10))

    html = client.get(milan.get_absolute_url()).content.decode()

    assert (
        f'<li><a href="{training.get_absolute_url()}">Intercultural skills</a> — '
        '<time datetime="2019-03-04">4 March 2019</time> – '
        '<time datetime="2019-03-05">5 March 2019</time></li>'
    ) in html
    assert "4321" not in html
    assert f'<a href="{hosted.get_absolute_url()}">Visit to Milan</a>' in html
    assert f'<a href="{made.get_absolute_url()}">Visit to Bari</a> — hosted by Bari,' in html
    assert "Planned" not in html
    check_page(html)


def test_city_page_lists_published_events_it_hosted_or_joined_once(client, cities):
    milan = cities["milan"]
    hosted = EventFactory(title="Hosted", host_municipality=milan, start_date=days_ago(10))
    hosted.participating_municipalities.add(milan)
    joined = EventFactory(title="Joined", start_date=days_ago(20))
    joined.participating_municipalities.add(milan)
    EventFactory(title="Elsewhere")
    for state in HIDDEN:
        EventFactory(title=f"Hidden {state}", host_municipality=milan, **state)

    response = client.get(milan.get_absolute_url())

    assert response.context["events"].items == [hosted, joined]
    assert "Hidden" not in response.content.decode()


def test_city_page_lists_its_published_good_practices_and_news(client, cities):
    milan = cities["milan"]
    practice = GoodPracticeFactory(title="One-stop shop", municipality=milan)
    article = NewsArticleFactory(title="Milan hosts")
    article.municipalities.add(milan)
    for state in HIDDEN:
        GoodPracticeFactory(title=f"Hidden practice {state}", municipality=milan, **state)
        NewsArticleFactory(title=f"Hidden news {state}", **state).municipalities.add(milan)

    html = client.get(milan.get_absolute_url()).content.decode()

    assert f'<a href="{practice.get_absolute_url()}">One-stop shop</a>' in html
    assert f'<a href="{article.get_absolute_url()}">Milan hosts</a>' in html
    assert "Hidden" not in html


def test_city_page_renders_a_hostile_profile_as_safe_html_under_its_heading(client, cities):
    milan = cities["milan"]
    milan.profile = HOSTILE_MARKDOWN
    milan.save()

    html = client.get(milan.get_absolute_url()).content.decode()

    # One level below the section's "Profile" heading.
    assert HOSTILE_MARKDOWN_HTML.replace("h2>", "h3>") in html
    assert "<script>window" not in html
    check_page(html)


def test_city_page_without_activity_says_so_once_and_shows_no_empty_section(client, cities):
    html = client.get(cities["tulln"].get_absolute_url()).content.decode()

    assert (
        "<p>Not recorded on this site yet: trainings held, peer-exchange visits, events, "
        "good practices shared, news articles.</p>"
    ) in html
    assert "<h2" not in html[
        html.index("</h1>") : html.index("Not recorded on this site")
    ].replace('<h2 id="summary-heading" class="visually-hidden">', "")
    for heading in ["trainings", "peer-visits", "events", "good-practices", "news"]:
        assert f'id="{heading}-heading"' not in html
    assert "key-figures" not in html
    check_page(html)


def test_milan_page_opens_with_its_summary(client):
    load_programme_content()
    milan = Municipality.objects.get(slug="milan")

    response = client.get(milan.get_absolute_url())

    html = " ".join(response.content.decode().split())
    summary = html[html.index('<section class="city-summary"') : html.index("</section>")]
    assert (
        '<dt>Country</dt> <dd><a href="/countries/italy/">Italy</a></dd> '
        '<dt>Programme phases</dt> <dd><a href="/programme/phase-1/">Phase 1</a>, '
        '<a href="/programme/phase-2/">Phase 2</a></dd>'
    ) in summary
    assert (
        '<dt>On the map</dt> <dd><a href="/municipalities/?country=italy">'
        "The municipalities of Italy on the map</a></dd>"
    ) in summary
    assert (
        '<dl class="key-figures"> <div><dt>Events</dt><dd>2</dd></div>'
        "<div><dt>News</dt><dd>2</dd></div> </dl>"
    ) in summary
    assert (
        "<p>Not recorded on this site yet: trainings held, peer-exchange visits, "
        "good practices shared.</p>"
    ) in summary
    assert 'id="events-heading"' in html
    assert 'id="news-heading"' in html
    assert 'id="trainings-heading"' not in html
    assert "has been recorded yet" not in html
    check_page(response.content.decode())


@pytest.mark.parametrize("size", [1, 3])
def test_city_page_query_count(client, django_assert_num_queries, size):
    city = MunicipalityFactory()
    for _ in range(size):
        ParticipationFactory(municipality=city)
        TrainingFactory(municipality=city, start_date=days_ago(30))
        PeerVisitFactory(host=city, start_date=days_ago(30))
        PeerVisitFactory(start_date=days_ago(30)).visitors.add(city)
        EventFactory(host_municipality=city, country=CountryFactory())
        GoodPracticeFactory(municipality=city)
        NewsArticleFactory().municipalities.add(city)

    # The city with its country; participations; trainings, visits hosted, visits made,
    # events, good practices and news (one query each).
    with django_assert_num_queries(8):
        response = client.get(city.get_absolute_url())

    assert len(response.context["events"].items) == size


def test_country_and_city_pages_of_the_programme_content_show_every_record(client):
    load_programme_content()

    for country in Country.objects.all():
        response = client.get(country.get_absolute_url())

        assert response.context["municipalities"].items == list(country.municipalities.all())
        assert "See all" not in response.content.decode()
    for city in Municipality.objects.all():
        response = client.get(city.get_absolute_url())

        events = events_involving(Event.objects.published(), city)
        assert response.context["events"].items == list(events)
        assert response.context["news"].items == list(city.news_articles.published())
        assert "See all" not in response.content.decode()


@pytest.fixture
def busy_city():
    """Milan, with 12 of each kind of record its page lists."""
    city = MunicipalityFactory(name="Milan", slug="milan")
    for day in range(12):
        start = days_ago(30 + day)
        TrainingFactory(municipality=city, start_date=start)
        PeerVisitFactory(host=city, start_date=start)
        PeerVisitFactory(start_date=start).visitors.add(city)
        EventFactory(host_municipality=city, start_date=start)
        GoodPracticeFactory(municipality=city)
        NewsArticleFactory().municipalities.add(city)
    return city


@pytest.mark.parametrize(
    ("section", "link", "list_path"),
    [
        ("trainings", "See all 12 trainings held in Milan", "/trainings/?municipality=milan"),
        ("visits_hosted", "See all 12 visits Milan hosted", "/peer-visits/?host=milan"),
        ("visits_made", "See all 12 visits Milan made", "/peer-visits/?visitor=milan"),
        ("events", "See all 12 events of Milan", "/events/?municipality=milan"),
        (
            "good_practices",
            "See all 12 good practices of Milan",
            "/good-practices/?municipality=milan",
        ),
        ("news", "See all 12 articles about Milan", "/news/?municipality=milan"),
    ],
)
def test_city_page_shows_the_head_of_each_long_list_and_links_to_it(
    client, busy_city, section, link, list_path
):
    response = client.get(busy_city.get_absolute_url())

    shown = response.context[section]
    assert len(shown.items) == 10
    check_list_head(client, response.content.decode(), shown, link, list_path, total=12)


@pytest.mark.parametrize("extra", [0, 5])
def test_city_page_query_count_past_the_bound(client, django_assert_num_queries, busy_city, extra):
    for _ in range(extra):
        NewsArticleFactory().municipalities.add(busy_city)

    # As with short lists, and each list's count.
    with django_assert_num_queries(14):
        response = client.get(busy_city.get_absolute_url())

    assert response.context["news"].total == 12 + extra


def test_city_page_names_the_city_in_the_page_language_with_its_own_name_beside():
    poland = CountryFactory(name="Poland", iso_code="PL")
    wroclaw = MunicipalityFactory(
        name="Wrocław", native_name="Wrocław", country=poland, i18n={"name_el": "Βρότσλαβ"}
    )
    italy = CountryFactory(name="Italy", iso_code="IT")
    milan = MunicipalityFactory(
        name="Milan", native_name="Milano", country=italy, i18n={"name_it": "Milano"}
    )
    client = Client()

    greek = client.get(f"/el/municipalities/{wroclaw.slug}/").content.decode()
    italian = client.get(f"/it/municipalities/{milan.slug}/").content.decode()
    english = client.get(f"/municipalities/{milan.slug}/").content.decode()

    assert "<h1>Βρότσλαβ</h1>" in greek
    assert '<span lang="pl">Wrocław</span>' in greek
    assert "<h1>Milano</h1>" in italian and 'lang="it">Milano' not in italian
    assert "<h1>Milan</h1>" in english and '<span lang="it">Milano</span>' in english
