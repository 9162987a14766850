"""What the public pages show of municipalities: their phases, and the map's points."""

from django.db.models import Prefetch

from municipalities.models import Municipality, MunicipalityQuerySet, Participation


def with_phases(municipalities: MunicipalityQuerySet) -> MunicipalityQuerySet:
    """Municipalities with their country and their participations' phases, in two queries
    whatever their number."""
    return municipalities.select_related("country").prefetch_related(
        Prefetch("participations", queryset=Participation.objects.select_related("phase"))
    )


def map_category(phase_numbers: list[int]) -> str:
    """The marker colour of a municipality: one phase, or several."""
    if len(phase_numbers) > 1:
        return "several"
    return f"phase-{phase_numbers[0]}" if phase_numbers else "none"


def map_points(municipalities: list[Municipality]) -> list[dict]:
    """The map's markers: municipalities that have coordinates, from objects already
    loaded by `with_phases` (no query here)."""
    points = []
    for municipality in municipalities:
        if municipality.latitude is None:
            continue
        phases = [
            participation.phase.number for participation in municipality.participations.all()
        ]
        points.append(
            {
                "name": municipality.name,
                "url": municipality.get_absolute_url(),
                "lat": float(municipality.latitude),
                "lon": float(municipality.longitude),
                "phases": phases,
                "category": map_category(phases),
            }
        )
    return points
