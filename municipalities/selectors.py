"""What the public pages show of municipalities: their phases, and the map's points."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import Count, F, OuterRef, Prefetch, Value, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber

from admin4all.addresses import SLUG_PLACEHOLDER, slug_address
from admin4all.translation import InActiveLanguage
from municipalities.map_view import GridCell, MapView
from municipalities.models import Municipality, MunicipalityQuerySet, Participation

# A cell of the map's grid (map_view) with more cities than this shows them as one
# cluster: the programme's few dozen cities never crowd a cell this much.
CROWDED = 12
# A view shows at most this many cities on their own; beyond, every cell of more than
# one city is a cluster.
ON_THEIR_OWN = 200
# However many municipalities the view holds, the map gets at most this many markers.
MAX_FEATURES = 1000


def with_phases(municipalities: MunicipalityQuerySet) -> MunicipalityQuerySet:
    """Municipalities with their country and their participations' phases, in two queries
    whatever their number."""
    return municipalities.select_related("country").prefetch_related(
        Prefetch("participations", queryset=Participation.objects.select_related("phase"))
    )


def first_of_each_country(municipalities: MunicipalityQuerySet, size: int) -> MunicipalityQuerySet:
    """The first `size` of the municipalities of each country, by name, with their
    country, ordered as the municipality list is: one query, whatever their number. Each
    carries `country_total`, how many of its country's are among `municipalities`."""
    by_country = {"partition_by": F("country")}
    return (
        municipalities.select_related("country")
        .annotate(
            position=Window(RowNumber(), order_by=F("name").asc(), **by_country),
            country_total=Window(Count("pk"), **by_country),
        )
        .filter(position__lte=size)
        .order_by("country__name", "name")
    )


def map_category(phase_numbers: list[int]) -> str:
    """The marker colour of a municipality: one phase, or several."""
    if len(phase_numbers) > 1:
        return "several"
    return f"phase-{phase_numbers[0]}" if phase_numbers else "none"


# The markers in one statement: the municipalities in the view with their cell
# ("located", from _located); the cells with their count, centre and bounds; how many a
# cell may hold before it is crowded: the given number, or 1 if the view would
# otherwise show more than ON_THEIR_OWN cities; a row per crowded cell, then the cities
# of the others (_cities). Clusters first, biggest first, then cities by country and
# name.
MARKERS = """
WITH located AS ({located}),
cells AS (
    SELECT cell, count(*) AS size, avg(latitude) AS latitude, avg(longitude) AS longitude,
        min(latitude) AS south, min(longitude) AS west,
        max(latitude) AS north, max(longitude) AS east
    FROM located GROUP BY cell
),
quiet AS (
    SELECT CASE WHEN coalesce(sum(size) FILTER (WHERE size <= %s), 0) <= %s THEN %s ELSE 1 END
        AS most
    FROM cells
)
SELECT size, latitude, longitude, south, west, north, east, NULL, NULL, NULL, NULL
FROM cells, quiet WHERE size > most
UNION ALL ({cities})
ORDER BY 1 DESC, 10, 8
LIMIT %s
"""
IN_QUIET_CELLS = "SELECT id FROM located JOIN cells USING (cell), quiet WHERE size <= most"
MARKER_COLUMNS = (
    "size",
    "centre_latitude",
    "centre_longitude",
    "south",
    "west",
    "north",
    "east",
    "city",
    "city_slug",
    "country_name",
    "phase_numbers",
)


def _located(municipalities: MunicipalityQuerySet, view: MapView) -> MunicipalityQuerySet:
    west, south, east, north = view.bbox
    return (
        municipalities.filter(latitude__range=(south, north), longitude__range=(west, east))
        .order_by()
        .values("id", "latitude", "longitude", cell=GridCell(view.zoom))
    )


def _cities() -> MunicipalityQuerySet:
    """The municipalities of the cells that are not crowded, in the columns of a
    cluster's row, the latitude and longitude standing for its centre and bounds."""
    return (
        Municipality.objects.filter(pk__in=RawSQL(IN_QUIET_CELLS, []))
        .order_by()
        .values(
            size=Value(1),
            centre_latitude=F("latitude"),
            centre_longitude=F("longitude"),
            south=F("latitude"),
            west=F("longitude"),
            north=F("latitude"),
            east=F("longitude"),
            city=F("name"),
            city_slug=F("slug"),
            country_name=InActiveLanguage("country__name"),
            # A subquery, not a join: a phase filter on the list must not hide a
            # city's other phases.
            phase_numbers=ArraySubquery(
                Participation.objects.filter(municipality=OuterRef("pk"))
                .order_by("phase__number")
                .values("phase__number")
            ),
        )
    )


def _marker_rows(municipalities: MunicipalityQuerySet, view: MapView) -> list[dict]:
    # At the closest zoom, cities share a cell only when they share a place.
    crowded, on_their_own = (CROWDED, ON_THEIR_OWN) if view.groups else (MAX_FEATURES,) * 2
    located_sql, located_params = _located(municipalities, view).query.sql_with_params()
    cities_sql, cities_params = _cities().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            MARKERS.format(located=located_sql, cities=cities_sql),
            [*located_params, crowded, on_their_own, crowded, *cities_params, MAX_FEATURES],
        )
        return [dict(zip(MARKER_COLUMNS, row, strict=True)) for row in cursor.fetchall()]


def _cluster(row: dict) -> dict:
    return {
        "type": "Feature",
        "bbox": [float(row[edge]) for edge in ("west", "south", "east", "north")],
        # GeoJSON puts the longitude first.
        "geometry": {
            "type": "Point",
            "coordinates": [float(row["centre_longitude"]), float(row["centre_latitude"])],
        },
        "properties": {"count": row["size"]},
    }


def _city(row: dict, city_url: str) -> dict:
    return {
        "type": "Feature",
        "geometry": {
            "type": "Point",
            "coordinates": [float(row["centre_longitude"]), float(row["centre_latitude"])],
        },
        "properties": {
            "name": row["city"],
            "slug": row["city_slug"],
            "url": city_url.replace(SLUG_PLACEHOLDER, row["city_slug"]),
            "country": row["country_name"],
            "phases": row["phase_numbers"],
            "category": map_category(row["phase_numbers"]),
        },
    }


def map_features(municipalities: MunicipalityQuerySet, view: MapView) -> dict:
    """The map's markers in the view as a GeoJSON FeatureCollection: each municipality
    with coordinates on its own, but those of a crowded cell of the grid (map_view),
    which make one cluster (its count, centre and bounds). A cell is crowded with more
    than CROWDED cities, or more than one where the view would show more than
    ON_THEIR_OWN. One query, in which PostgreSQL groups the cells; at most MAX_FEATURES
    markers whatever the number of municipalities."""
    rows = _marker_rows(municipalities, view)
    # The address pattern once for all the cities, not a call per city.
    city_url = slug_address("portal:municipality_detail", SLUG_PLACEHOLDER)
    features = [_city(row, city_url) if row["city"] else _cluster(row) for row in rows]
    return {"type": "FeatureCollection", "features": features}
