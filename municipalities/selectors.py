"""What the public pages show of municipalities: their phases, and the map's points."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import Count, F, FloatField, Func, OuterRef, Prefetch, Value, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django.urls import reverse

from admin4all.translation import InActiveLanguage
from municipalities.map_view import MapView
from municipalities.models import Municipality, MunicipalityQuerySet, Participation

# A slug no city has, replaced by each city's: the address pattern is reversed once.
SLUG_PLACEHOLDER = "slug-placeholder"
# A cell of the map's grid (map_view) with more cities than this shows them as one
# cluster: the programme's few dozen cities never crowd a cell this much.
CROWDED = 12
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


class GridCell(Func):
    """The cell of the map's grid (map_view) a municipality is in at a zoom, as one
    number: one expression for PostgreSQL, cheap to build for every window it groups."""

    output_field = FloatField()

    def __init__(self, zoom: int):
        super().__init__(F("longitude"), F("latitude"))
        self.cells = MapView.cells_across(zoom)

    def as_sql(self, compiler, connection, **extra_context):
        longitude, latitude = self.get_source_expressions()
        longitude_sql, longitude_params = compiler.compile(longitude)
        latitude_sql, latitude_params = compiler.compile(latitude)
        # Column, then row, of the Web Mercator grid with self.cells to a side.
        column = f"floor(({longitude_sql}::float8 + 180) / 360 * {self.cells:d})"
        mercator = f"asinh(tan(radians({latitude_sql}::float8))) / (2 * pi())"
        row = f"floor((0.5 - {mercator}) * {self.cells:d})"
        return f"({column} * {self.cells:d} + {row})", [*longitude_params, *latitude_params]


# The markers in one statement: the municipalities in the view with their cell
# ("located", from _located), the cells with their count, centre and bounds ("cells"),
# a row per crowded cell, then the cities of the others (_cities). Clusters first,
# biggest first, then cities by country and name.
MARKERS = """
WITH located AS ({located}),
cells AS (
    SELECT cell, count(*) AS size, avg(latitude) AS latitude, avg(longitude) AS longitude,
        min(latitude) AS south, min(longitude) AS west,
        max(latitude) AS north, max(longitude) AS east
    FROM located GROUP BY cell
)
SELECT size, latitude, longitude, south, west, north, east, NULL, NULL, NULL, NULL
FROM cells WHERE size > %s
UNION ALL ({cities})
ORDER BY 1 DESC, 10, 8
LIMIT %s
"""
IN_QUIET_CELLS = "SELECT id FROM located JOIN cells USING (cell) WHERE size <= %s"


def _located(municipalities: MunicipalityQuerySet, view: MapView) -> MunicipalityQuerySet:
    west, south, east, north = view.bbox
    return (
        municipalities.filter(latitude__range=(south, north), longitude__range=(west, east))
        .order_by()
        .values("id", "latitude", "longitude", cell=GridCell(view.zoom))
    )


def _cities(crowded: int) -> MunicipalityQuerySet:
    """The municipalities of the cells holding at most `crowded`, in the columns of a
    cluster's row, the latitude and longitude standing for its centre and bounds."""
    return (
        Municipality.objects.filter(pk__in=RawSQL(IN_QUIET_CELLS, [crowded]))
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


def _marker_rows(municipalities: MunicipalityQuerySet, view: MapView, crowded: int):
    located_sql, located_params = _located(municipalities, view).query.sql_with_params()
    cities_sql, cities_params = _cities(crowded).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            MARKERS.format(located=located_sql, cities=cities_sql),
            [*located_params, crowded, *cities_params, MAX_FEATURES],
        )
        columns = [
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
        ]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


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
    with coordinates on its own, but those of a cell of the grid (map_view) holding more
    than CROWDED, which make one cluster (its count, centre and bounds). One query, in
    which PostgreSQL groups the cells; at most MAX_FEATURES markers whatever the number
    of municipalities: clusters first, biggest first, then cities by country and name."""
    crowded = CROWDED if view.groups else MAX_FEATURES
    rows = _marker_rows(municipalities, view, crowded)
    city_url = reverse("portal:municipality_detail", kwargs={"slug": SLUG_PLACEHOLDER})
    features = [_city(row, city_url) if row["city"] else _cluster(row) for row in rows]
    return {"type": "FeatureCollection", "features": features}
