"""What the public pages show of municipalities: their phases, and the map's points."""

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.db.models import (
    Avg,
    CharField,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Value,
    Window,
)
from django.db.models.functions import RowNumber
from django.urls import reverse

from admin4all.translation import InActiveLanguage
from municipalities.map_view import MapView
from municipalities.models import MunicipalityQuerySet, Participation

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


def _located(municipalities: MunicipalityQuerySet, view: MapView) -> MunicipalityQuerySet:
    west, south, east, north = view.bbox
    return (
        municipalities.filter(latitude__range=(south, north), longitude__range=(west, east))
        .order_by()
        .annotate(cell=GridCell(view.zoom))
    )


def _crowded_cells(located: MunicipalityQuerySet, crowded: int) -> MunicipalityQuerySet:
    return located.values("cell").annotate(size=Count("pk")).filter(size__gt=crowded)


def _clusters(crowded_cells: MunicipalityQuerySet) -> MunicipalityQuerySet:
    """A row per crowded cell, with its centre and bounds, in the columns of _cities."""
    nothing = {"output_field": CharField()}
    return crowded_cells.values(
        "size",
        centre_latitude=Avg("latitude"),
        centre_longitude=Avg("longitude"),
        south=Min("latitude"),
        west=Min("longitude"),
        north=Max("latitude"),
        east=Max("longitude"),
        city=Value(None, **nothing),
        city_slug=Value(None, **nothing),
        country_name=Value(None, **nothing),
        phase_numbers=Value(None, output_field=ArrayField(IntegerField())),
    )


def _cities(located: MunicipalityQuerySet) -> MunicipalityQuerySet:
    """A row per municipality, in the columns of _clusters."""
    return located.values(
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
        # A subquery, not a join: a phase filter on the list must not hide a city's
        # other phases.
        phase_numbers=ArraySubquery(
            Participation.objects.filter(municipality=OuterRef("pk"))
            .order_by("phase__number")
            .values("phase__number")
        ),
    )


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
    located = _located(municipalities, view)
    markers = _cities(located)
    if view.groups:
        crowded_cells = _crowded_cells(located, CROWDED)
        markers = _clusters(crowded_cells).union(
            _cities(located.exclude(cell__in=crowded_cells.values("cell"))), all=True
        )
    rows = markers.order_by("-size", "country_name", "city")[:MAX_FEATURES]
    city_url = reverse("portal:municipality_detail", kwargs={"slug": SLUG_PLACEHOLDER})
    features = [_city(row, city_url) if row["city"] else _cluster(row) for row in rows]
    return {"type": "FeatureCollection", "features": features}
