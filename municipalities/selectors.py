"""What the public pages show of municipalities: their phases, and the map's points."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, F, OuterRef, Prefetch, Window
from django.db.models.functions import RowNumber

from admin4all.addresses import SLUG_PLACEHOLDER, slug_address
from admin4all.translation import InActiveLanguage
from municipalities.models import MunicipalityQuerySet, Participation


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


def map_features(municipalities: MunicipalityQuerySet) -> dict:
    """The map's markers as a GeoJSON FeatureCollection: the municipalities that have
    coordinates, from one query of plain values whatever their number, and one
    reverse() for all their addresses."""
    rows = (
        municipalities.exclude(latitude=None)
        .values("name", "slug", "latitude", "longitude")
        .annotate(
            country_name=InActiveLanguage("country__name"),
            # A subquery, not a join: a phase filter on the list must not hide a
            # city's other phases.
            phases=ArraySubquery(
                Participation.objects.filter(municipality=OuterRef("pk"))
                .order_by("phase__number")
                .values("phase__number")
            ),
        )
    )
    # The address pattern once for all the cities, not a call per city.
    city_url = slug_address("portal:municipality_detail", SLUG_PLACEHOLDER)
    features = [
        {
            "type": "Feature",
            # GeoJSON puts the longitude first.
            "geometry": {
                "type": "Point",
                "coordinates": [float(row["longitude"]), float(row["latitude"])],
            },
            "properties": {
                "name": row["name"],
                "slug": row["slug"],
                "url": city_url.replace(SLUG_PLACEHOLDER, row["slug"]),
                "country": row["country_name"],
                "phases": row["phases"],
                "category": map_category(row["phases"]),
            },
        }
        for row in rows
    ]
    return {"type": "FeatureCollection", "features": features}
