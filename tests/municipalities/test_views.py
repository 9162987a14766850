"""The public municipality pages (the list with its map, the country page), the good
practices list, and the training and peer-visit pages they link to. The city page is
the portal's (tests/portal/test_city_page.py)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from municipalities.map_view import MapView
from municipalities.models import Municipality
from municipalities.selectors import CROWDED, ON_THEIR_OWN
from tests.admin4all.test_rich_text import HOSTILE_MARKDOWN, HOSTILE_MARKDOWN_HTML
from tests.factories import (
    CountryFactory,
    GoodPracticeFactory,
    MunicipalityFactory,
    ParticipationFactory,
    PeerVisitFactory,
    ProgrammePhaseFactory,
    ThemeFactory,
    TrainingFactory,
)
from tests.test_public_pages import check_list_head, check_page

pytestmark = pytest.mark.django_db

HIDDEN = [{"draft": True}, {"review": True}, {"scheduled": True}]


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def map_names(client, query: str = "") -> list[str]:
    """The names of the points static/js/map.js draws, under the list's filters."""
    response = client.get(f"/municipalities/map.geojson{query}")
    return [feature["properties"]["name"] for feature in response.json()["features"]]


# Municipality list and its map


def test_municipality_list_groups_by_country(client, cities):
    response = client.get("/municipalities/")

    assert response.status_code == 200
    assert list(response.context["object_list"]) == [
        cities["bari"],
        cities["milan"],
        cities["gdansk"],
        cities["tulln"],
    ]
    html = response.content.decode()
    italy = html.index('<h3><a href="/countries/italy/">Italy</a></h3>')
    poland = html.index('<h3><a href="/countries/poland/">Poland</a></h3>')
    assert italy < html.index('<a href="/municipalities/bari/">Bari</a>') < poland
    assert poland < html.index('<a href="/municipalities/tulln/">Tulln</a>')
    assert '<p class="meta">Phases 1 and 2</p>' in html
    assert '<p class="meta">Phase 1</p>' in html
    check_page(html)


def test_municipality_list_map_fetches_the_points_of_the_filtered_list(client, cities):
    html = client.get("/municipalities/?country=italy&page=1").content.decode()

    assert '<div class="map-block" hidden>' in html
    assert 'aria-label="Map of the partner municipalities"' in html
    assert 'data-points-url="/municipalities/map.geojson?country=italy"' in html
    assert '<script src="/static/js/map.js" defer></script>' in html
    assert "<script id=" not in html


def test_map_data_is_geojson_of_the_cities_with_coordinates(client, cities):
    response = client.get("/municipalities/map.geojson")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert response.json() == {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [16.87, 41.11714]},
                "properties": {
                    "name": "Bari",
                    "slug": "bari",
                    "url": "/municipalities/bari/",
                    "country": "Italy",
                    "phases": [1],
                    "category": "phase-1",
                },
            },
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [9.19, 45.46427]},
                "properties": {
                    "name": "Milan",
                    "slug": "milan",
                    "url": "/municipalities/milan/",
                    "country": "Italy",
                    "phases": [1, 2],
                    "category": "several",
                },
            },
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [18.65, 54.35]},
                "properties": {
                    "name": "Gdańsk",
                    "slug": "gdansk",
                    "url": "/municipalities/gdansk/",
                    "country": "Poland",
                    "phases": [2],
                    "category": "phase-2",
                },
            },
        ],
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ("country=italy", ["Bari", "Milan"]),
        ("phase=phase-2", ["Milan", "Gdańsk"]),
        ("country=italy&phase=phase-2", ["Milan"]),
    ],
)
def test_municipality_list_filters_and_its_map_follows(client, cities, params, expected):
    response = client.get(f"/municipalities/?{params}")

    assert [city.name for city in response.context["object_list"]] == expected
    assert map_names(client, f"?{params}") == expected


def test_map_data_filter_keeps_every_phase_of_a_city(client, cities):
    response = client.get("/municipalities/map.geojson?phase=phase-1")

    assert [feature["properties"]["phases"] for feature in response.json()["features"]] == [
        [1],
        [1, 2],
    ]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ("country=atlantis", "country", "Select a valid choice."),
        ("country=it%00aly", "country", "Null characters are not allowed."),
        ("phase=phase-9", "phase", "Select a valid choice."),
    ],
)
def test_municipality_list_invalid_filter_shows_the_error(client, cities, params, field, message):
    response = client.get(f"/municipalities/?{params}")

    assert response.status_code == 200
    assert list(response.context["object_list"]) == []
    html = response.content.decode()
    assert f'<ul class="errorlist" id="id_{field}_error"><li>{message}' in html
    assert "Correct the filters above to see the list." in html
    assert 'id="map"' not in html
    check_page(html)


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ("country=atlantis", "Select a valid choice. That choice is not one of the available"),
        ("country=it%00aly", "Null characters are not allowed."),
    ],
)
def test_map_data_invalid_filter_answers_400_with_the_reason(client, cities, params, reason):
    response = client.get(f"/municipalities/map.geojson?{params}")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith(f"* country\n  * {reason}")


def test_municipality_list_paginates_by_50_and_its_map_shows_them_all(client):
    italy = CountryFactory(name="Italy", slug="italy")
    cities = [
        MunicipalityFactory(name=f"City {n:02}", country=italy, latitude=45, longitude=9)
        for n in range(51)
    ]
    MunicipalityFactory(country=CountryFactory(name="Spain"))

    first = client.get("/municipalities/?country=italy")
    second = client.get("/municipalities/?country=italy&page=2")

    assert list(first.context["object_list"]) == cities[:50]
    assert list(second.context["object_list"]) == cities[50:]
    assert '<a href="?country=italy&amp;page=2" rel="next">Next page</a>' in first.content.decode()
    second_html = second.content.decode()
    assert '<h2 id="results-heading">51 municipalities</h2>' in second_html
    assert 'data-points-url="/municipalities/map.geojson?country=italy"' in second_html
    # At one place, the map counts them in one cluster until it is zoomed in closest.
    assert [
        feature["properties"]["count"]
        for feature in client.get("/municipalities/map.geojson?country=italy").json()["features"]
    ] == [51]
    assert len(map_names(client, "?country=italy&zoom=12&bbox=8.99,44.99,9.01,45.01")) == 51
    check_page(second_html)
    # As in the other lists, a page out of range or malformed is not clamped.
    assert [
        client.get(f"/municipalities/?country=italy&page={page}").status_code
        for page in ("3", "abc", "%00")
    ] == [404, 404, 404]


def test_municipality_list_empty_result_says_so(client, cities):
    CountryFactory(slug="spain")

    html = client.get("/municipalities/?country=spain").content.decode()

    assert '<h2 id="results-heading">0 municipalities</h2>' in html
    assert "Nothing matches these filters." in html


def cities_in_two_phases(size: int) -> None:
    """For the query counts: cities on the map, each in a shared phase and its own."""
    phase = ProgrammePhaseFactory()
    for _ in range(size):
        municipality = MunicipalityFactory(latitude=45, longitude=9)
        ParticipationFactory(municipality=municipality, phase=phase)
        ParticipationFactory(municipality=municipality)


@pytest.mark.parametrize("size", [1, 3])
def test_municipality_list_query_count(client, django_assert_num_queries, size):
    cities_in_two_phases(size)

    # The count for the pages, municipalities with their country, participations with
    # their phase, then the form's countries and phases.
    with django_assert_num_queries(5):
        response = client.get("/municipalities/")

    assert len(response.context["object_list"]) == size


@pytest.mark.parametrize("size", [1, 3])
def test_map_data_query_count(client, django_assert_num_queries, size):
    cities_in_two_phases(size)

    # Municipalities with their country's name and their phases, as plain values.
    with django_assert_num_queries(1):
        response = client.get("/municipalities/map.geojson")

    assert len(response.json()["features"]) == size


def cities_across_europe(country, across: int, *, start: int = 0) -> None:
    """across × across municipalities of the country on a grid over most of Europe, as
    many as at a hundred times the programme's size for across=55."""
    Municipality.objects.bulk_create(
        Municipality(
            name=f"{country.name} {start + n}",
            slug=f"{country.slug}-{start + n}",
            country=country,
            latitude=Decimal(35 + 20 * (n // across) / across).quantize(Decimal("0.00001")),
            longitude=Decimal(-9 + 38 * (n % across) / across).quantize(Decimal("0.00001")),
        )
        for n in range(across * across)
    )


def test_map_data_of_many_cities_is_bounded_in_one_query(client, django_assert_num_queries):
    cities_across_europe(CountryFactory(), 55)

    with django_assert_num_queries(1):
        response = client.get("/municipalities/map.geojson")

    features = response.json()["features"]
    # The first view, all of Europe: a few dozen clusters stand for the 3,025 cities.
    assert len(features) < 100
    assert sum(feature["properties"].get("count", 1) for feature in features) == 3025
    clusters = [feature for feature in features if "count" in feature["properties"]]
    assert clusters
    assert all(set(feature["properties"]) == {"count"} for feature in clusters)
    west, south, east, north = clusters[0]["bbox"]
    longitude, latitude = clusters[0]["geometry"]["coordinates"]
    assert west <= longitude <= east and south <= latitude <= north
    assert len(response.content) < 30_000


def test_map_data_zoomed_in_shows_each_city_of_the_box(client):
    cities_across_europe(CountryFactory(), 55)

    features = client.get("/municipalities/map.geojson?zoom=7&bbox=8,44,12,47").json()["features"]

    # The box widened to whole cells of the grid at that zoom.
    west, south, east, north = MapView.of(7, (8, 44, 12, 47)).bbox
    assert (round(west, 2), round(south, 2), round(east, 2), round(north, 2)) == (
        7.73,
        43.58,
        12.66,
        47.04,
    )
    inside = Municipality.objects.filter(
        latitude__range=(south, north), longitude__range=(west, east)
    )
    assert sorted(feature["properties"]["name"] for feature in features) == sorted(
        inside.values_list("name", flat=True)
    )
    assert len(features) == 70


def test_map_data_of_a_view_with_many_cities_groups_every_shared_cell(client):
    cities_across_europe(CountryFactory(), 55)

    features = client.get("/municipalities/map.geojson?zoom=6&bbox=5,36,20,49").json()["features"]

    # Some 400 cities, a few to a cell: more than a view shows on their own.
    west, south, east, north = MapView.of(6, (5, 36, 20, 49)).bbox
    inside = Municipality.objects.filter(
        latitude__range=(south, north), longitude__range=(west, east)
    )
    counts = [feature["properties"].get("count", 1) for feature in features]
    assert sum(counts) == inside.count() > ON_THEIR_OWN
    assert len(features) < ON_THEIR_OWN
    # Clusters of cells not crowded in a quieter view.
    assert any(1 < count <= CROWDED for count in counts)


def test_map_data_counts_only_the_filtered_cities(client):
    italy = CountryFactory(name="Italy", slug="italy")
    cities_across_europe(italy, 30)
    cities_across_europe(CountryFactory(name="Poland", slug="poland"), 30, start=900)

    features = client.get("/municipalities/map.geojson?country=italy").json()["features"]

    assert sum(feature["properties"].get("count", 1) for feature in features) == 900
    assert {
        feature["properties"]["country"] for feature in features if "name" in feature["properties"]
    } <= {"Italy"}


def test_map_data_is_the_same_for_views_within_the_same_cells(client, cities):
    first = client.get("/municipalities/map.geojson?zoom=6&bbox=8.1,40.1,17.9,46.9")
    second = client.get("/municipalities/map.geojson?zoom=6&bbox=8.2,40.3,17.5,46.6")

    assert first.json() == second.json()
    assert [feature["properties"]["name"] for feature in first.json()["features"]] == [
        "Bari",
        "Milan",
    ]


def test_map_data_kept_by_the_page_cache_until_a_city_changes(
    client, settings, cities, django_assert_num_queries
):
    """The page cache files each view's answer under its address with the versions of
    the tables it read: the map needs no cache of its own."""
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    view = "/municipalities/map.geojson?zoom=6&bbox=8.1,40.1,17.9,46.9"
    first = client.get(view)

    with django_assert_num_queries(0):
        second = client.get(view)
    cities["bari"].participations.all().delete()
    after_a_change = client.get(view)
    cache.clear()

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert after_a_change["X-Page-Cache"] == "miss"
    assert after_a_change.json()["features"][0]["properties"]["phases"] == []


@pytest.mark.parametrize(
    ("query", "field", "reason"),
    [
        ("zoom=x", "zoom", "Enter a whole number."),
        ("zoom=13", "zoom", "Ensure this value is less than or equal to 12."),
        ("bbox=1,2,3", "bbox", "Give four numbers, west,south,east,north, e.g. -12,34,42,71."),
        ("bbox=1,2,3,nan", "bbox", "Give four numbers, west,south,east,north"),
        ("bbox=20,30,10,40", "bbox", "West and east must be longitudes from -180 to 180"),
        ("bbox=10,-90,20,40", "bbox", "South and north must be latitudes from -85 to 85"),
        ("bbox=1,2,3,4%00", "bbox", "Null characters are not allowed."),
        ("zoom=12&bbox=-12,34,42,71", "bbox", "This box is too large for zoom 12"),
    ],
)
def test_map_data_invalid_view_answers_400_with_the_reason(client, query, field, reason):
    response = client.get(f"/municipalities/map.geojson?{query}")

    assert response.status_code == 400
    assert response.content.decode().startswith(f"* {field}\n  * {reason}")


# Suggestions for the municipality filters (static/js/suggestions.js)


def test_suggestions_name_the_matching_cities_most_likely_first(client):
    poland = CountryFactory(name="Poland")
    MunicipalityFactory(name="Wrocławek", slug="wroclawek", country=poland)
    MunicipalityFactory(
        name="Wrocław", slug="wroclaw", alternative_names=["Wroclav"], country=poland
    )
    MunicipalityFactory(name="Gdańsk")

    exact = client.get("/municipalities/suggestions.json?q=wroclaw")
    part = client.get("/municipalities/suggestions.json?q=WROC")

    assert exact["Content-Type"] == "application/json"
    assert exact.json() == {
        "suggestions": [
            {"value": "wroclaw", "label": "Wrocław (Poland)"},
            {"value": "wroclawek", "label": "Wrocławek (Poland)"},
        ]
    }
    assert [suggestion["value"] for suggestion in part.json()["suggestions"]] == [
        "wroclaw",
        "wroclawek",
    ]


def test_suggestions_offer_ten_at_most(client):
    for number in range(12):
        MunicipalityFactory(name=f"Town {number:02}")

    suggestions = client.get("/municipalities/suggestions.json?q=town").json()["suggestions"]

    assert [suggestion["label"].split(" (")[0] for suggestion in suggestions] == [
        f"Town {number:02}" for number in range(10)
    ]


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("", {"q": ["This field is required."]}),
        ("?q=w", {"q": ["Ensure this value has at least 2 characters (it has 1)."]}),
        ("?q=wr%00", {"q": ["Null characters are not allowed."]}),
    ],
    ids=["missing", "short", "nul"],
)
def test_suggestions_answer_400_to_text_they_cannot_use(client, query, errors):
    response = client.get(f"/municipalities/suggestions.json{query}")

    assert (response.status_code, response.json()) == (400, errors)


@pytest.mark.parametrize("size", [1, 3])
def test_suggestions_query_count(client, django_assert_num_queries, size):
    for number in range(size):
        MunicipalityFactory(name=f"Town {number}")

    with django_assert_num_queries(1):
        response = client.get("/municipalities/suggestions.json?q=town")

    assert len(response.json()["suggestions"]) == size


# Country page


def test_country_page_lists_its_municipalities(client, cities):
    MunicipalityFactory(name="Ancona", region="Marche", country=cities["milan"].country)

    response = client.get("/countries/italy/")

    assert [city.name for city in response.context["municipalities"].items] == [
        "Ancona",
        "Bari",
        "Milan",
    ]
    html = response.content.decode()
    assert '<span class="meta">(Marche)</span>' in html
    assert "See all" not in html
    check_page(html)


def test_country_page_shows_the_first_50_and_links_to_the_list(client):
    italy = CountryFactory(name="Italy", slug="italy")
    for number in range(51):
        MunicipalityFactory(name=f"City {number:02}", country=italy)

    response = client.get("/countries/italy/")

    shown = response.context["municipalities"]
    assert [city.name for city in shown.items] == [f"City {number:02}" for number in range(50)]
    check_list_head(
        client,
        response.content.decode(),
        shown,
        "See all 51 municipalities of Italy on a map and in a list",
        "/municipalities/?country=italy",
        total=51,
    )


@pytest.mark.parametrize(("size", "queries"), [(1, 2), (3, 2), (51, 3), (60, 3)])
def test_country_page_query_count(client, django_assert_num_queries, size, queries):
    country = CountryFactory()
    for _ in range(size):
        MunicipalityFactory(country=country)

    # The country, its first municipalities, then their count if there are more.
    with django_assert_num_queries(queries):
        response = client.get(country.get_absolute_url())

    assert response.context["municipalities"].total == size


# Trainings and peer visits: public once held


@pytest.mark.parametrize("factory", [TrainingFactory, PeerVisitFactory])
def test_activity_page_is_public_once_held(client, factory):
    held = factory(start_date=days_ago(3))
    planned = factory(start_date=days_ago(-3))

    assert client.get(held.get_absolute_url()).status_code == 200
    assert client.get(planned.get_absolute_url()).status_code == 404


# Good practices


def test_good_practice_list_shows_published_ones_only(client, cities):
    practice = GoodPracticeFactory(title="One-stop shop", municipality=cities["milan"])
    for state in HIDDEN:
        GoodPracticeFactory(municipality=cities["milan"], **state)

    response = client.get("/good-practices/")

    assert list(response.context["object_list"]) == [practice]
    html = response.content.decode()
    assert '<a href="/municipalities/milan/">Milan</a>, Italy' in html
    check_page(html)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ("country=poland", ["Gdańsk practice"]),
        ("theme=housing", ["Milan practice"]),
        ("phase=phase-2", ["Gdańsk practice", "Milan practice"]),
        ("country=italy&phase=phase-2", ["Milan practice"]),
        ("municipality=milan", ["Milan practice"]),
        ("municipality=Gdansk", ["Gdańsk practice"]),
    ],
)
def test_good_practice_list_filters(client, cities, phases, params, expected):
    now = timezone.now()
    milan_practice = GoodPracticeFactory(
        title="Milan practice",
        municipality=cities["milan"],
        phase=phases[1],
        published_at=now - timedelta(days=2),
    )
    milan_practice.themes.add(ThemeFactory(slug="housing"))
    GoodPracticeFactory(
        title="Gdańsk practice",
        municipality=cities["gdansk"],
        phase=phases[1],
        published_at=now - timedelta(days=1),
    )
    GoodPracticeFactory(title="Bari practice", municipality=cities["bari"], phase=phases[0])

    response = client.get(f"/good-practices/?{params}")

    assert [practice.title for practice in response.context["object_list"]] == expected


def test_good_practice_list_invalid_filter_shows_the_error(client):
    GoodPracticeFactory()

    response = client.get("/good-practices/?theme=%00")

    assert response.status_code == 200
    assert '<ul class="errorlist" id="id_theme_error">' in response.content.decode()
    assert list(response.context["object_list"]) == []


def test_good_practice_list_pagination_keeps_the_filters(client, cities):
    for _ in range(21):
        GoodPracticeFactory(municipality=cities["gdansk"])

    html = client.get("/good-practices/?country=poland").content.decode()

    assert '<a href="?country=poland&amp;page=2" rel="next">Next page</a>' in html


@pytest.mark.parametrize("size", [1, 3])
def test_good_practice_list_query_count(client, django_assert_num_queries, size):
    for _ in range(size):
        practice = GoodPracticeFactory(phase=ProgrammePhaseFactory())
        practice.themes.add(ThemeFactory())

    # Count, page with municipality, country and phase, then the form's countries,
    # themes and phases.
    with django_assert_num_queries(5):
        response = client.get("/good-practices/")

    assert len(response.context["object_list"]) == size


@pytest.mark.parametrize("size", [1, 3])
def test_good_practice_list_by_municipality_query_count(client, django_assert_num_queries, size):
    city = MunicipalityFactory(slug="milan")
    for _ in range(size):
        GoodPracticeFactory(municipality=city, phase=ProgrammePhaseFactory())

    # The municipality by its slug, then as unfiltered.
    with django_assert_num_queries(6):
        response = client.get("/good-practices/?municipality=milan")

    assert len(response.context["object_list"]) == size


# Good practice page


def test_good_practice_page_renders_a_hostile_body_as_safe_html(client):
    practice = GoodPracticeFactory(summary="A desk for everything.", body=HOSTILE_MARKDOWN)

    html = client.get(practice.get_absolute_url()).content.decode()

    assert '<div class="lead"><p>A desk for everything.</p></div>' in html
    assert HOSTILE_MARKDOWN_HTML in html
    assert "<script>window" not in html
    check_page(html)
