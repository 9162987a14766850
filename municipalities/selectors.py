"""What the public pages show of municipalities: their phases, and the map's points."""

from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber

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
    coordinates, in two queries whatever their number."""
    features = []
    for municipality in with_phases(municipalities.exclude(latitude=None)):
        phases = [
            participation.phase.number for participation in municipality.participations.all()
        ]
        features.append(
            {
                "type": "Feature",
                # GeoJSON puts the longitude first.
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(municipality.longitude), float(municipality.latitude)],
                },
                "properties": {
                    "name": municipality.name,
                    "slug": municipality.slug,
                    "url": municipality.get_absolute_url(),
                    "country": municipality.country.name_i18n,
                    "phases": phases,
                    "category": map_category(phases),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
