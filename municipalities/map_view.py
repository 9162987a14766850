"""What the map shows: its zoom and bounding box, checked, and the grid of cells its
municipalities are grouped in (municipalities.selectors.map_features), in Python for
the box and in SQL (GridCell) for the cities.

The grid is that of the map's tiles (Web Mercator, as Leaflet draws it): at zoom z the
world is 256 × 2^z pixels wide, cut into square cells of CELL_PIXELS. The box is widened
to whole cells, so any view within the same cells gets the same answer, and the address
static/js/map.js asks for, snapped the same way, repeats: the page cache serves it.
"""

import math
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, FloatField, Func
from django.utils.translation import gettext_lazy as _

TILE_PIXELS = 256
CELL_PIXELS = 64
# static/js/map.js's minZoom and maxZoom; at the highest zoom no city is grouped.
MIN_ZOOM = 0
MAX_ZOOM = 12
# Where Web Mercator stops (Leaflet's MAX_LATITUDE).
MERCATOR_LATITUDE = 85.0511287798
# Wider than any screen: a box wider or taller than this many cells is refused.
MAX_CELLS_ACROSS = 64
# A point on a cell's edge, once rounded by the browser, still counts as on it.
EDGE_TOLERANCE = 0.01
# The map's first view, static/js/map.js's EUROPE: what an address without a view shows.
DEFAULT_ZOOM = 4
DEFAULT_BBOX = (-12.0, 34.0, 42.0, 71.0)


def _x(longitude: float) -> float:
    """The longitude's place across the world, from 0 to 1."""
    return (longitude + 180) / 360


def _y(latitude: float) -> float:
    """The latitude's place down the world, from 0 (north) to 1, in Web Mercator."""
    return 0.5 - math.asinh(math.tan(math.radians(latitude))) / (2 * math.pi)


def _longitude(x: float) -> float:
    return x * 360 - 180


def _latitude(y: float) -> float:
    return math.degrees(math.atan(math.sinh((0.5 - y) * 2 * math.pi)))


@dataclass(frozen=True)
class MapView:
    """A zoom and the cells a box covers at that zoom, first and last of each axis."""

    zoom: int
    first_column: int
    last_column: int
    first_row: int
    last_row: int

    @classmethod
    def of(cls, zoom: int, bbox: tuple[float, float, float, float]) -> "MapView":
        west, south, east, north = bbox
        cells = cls.cells_across(zoom)
        return cls(
            zoom,
            math.floor(_x(west) * cells + EDGE_TOLERANCE),
            math.ceil(_x(east) * cells - EDGE_TOLERANCE) - 1,
            math.floor(_y(north) * cells + EDGE_TOLERANCE),
            math.ceil(_y(south) * cells - EDGE_TOLERANCE) - 1,
        )

    @staticmethod
    def cells_across(zoom: int) -> int:
        return 2**zoom * TILE_PIXELS // CELL_PIXELS

    @property
    def groups(self) -> bool:
        """Whether crowded cells become clusters: not at the highest zoom, where the
        view is a few streets wide."""
        return self.zoom < MAX_ZOOM

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """West, south, east and north edges of the whole cells."""
        cells = self.cells_across(self.zoom)
        return (
            _longitude(self.first_column / cells),
            _latitude((self.last_row + 1) / cells),
            _longitude((self.last_column + 1) / cells),
            _latitude(self.first_row / cells),
        )


class GridCell(Func):
    """The cell of the grid a municipality is in at a zoom, as one number, worked out
    by PostgreSQL: the same projection as _x and _y."""

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


class BoundingBoxField(forms.CharField):
    """West, south, east and north in degrees, as Leaflet's toBBoxString() writes them."""

    def clean(self, value) -> tuple[float, float, float, float] | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            edges = tuple(float(part) for part in text.split(","))
        except ValueError:
            edges = ()
        if len(edges) != 4 or not all(math.isfinite(edge) for edge in edges):
            raise ValidationError(
                _("Give four numbers, west,south,east,north, e.g. -12,34,42,71."),
                code="invalid",
            )
        west, south, east, north = edges
        if not -180 <= west < east <= 180:
            raise ValidationError(
                _("West and east must be longitudes from -180 to 180, west first."),
                code="longitudes",
            )
        if not -MERCATOR_LATITUDE <= south < north <= MERCATOR_LATITUDE:
            raise ValidationError(
                _("South and north must be latitudes from -85 to 85, south first."),
                code="latitudes",
            )
        return edges


class MapViewForm(forms.Form):
    zoom = forms.IntegerField(min_value=MIN_ZOOM, max_value=MAX_ZOOM, required=False)
    bbox = BoundingBoxField(max_length=100, required=False)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        zoom = DEFAULT_ZOOM if cleaned.get("zoom") is None else cleaned["zoom"]
        view = MapView.of(zoom, cleaned.get("bbox") or DEFAULT_BBOX)
        across = max(view.last_column - view.first_column + 1, view.last_row - view.first_row + 1)
        if across > MAX_CELLS_ACROSS:
            self.add_error(
                "bbox",
                ValidationError(
                    _("This box is too large for zoom %(zoom)s: give a smaller one."),
                    code="too_large",
                    params={"zoom": zoom},
                ),
            )
        else:
            cleaned["view"] = view
        return cleaned
