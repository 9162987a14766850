"""Selectors of the phase reports for the donor: what the programme did in a phase, for
the whole programme or for one municipality — its activities, their figures broken
down by gender and by service, its events and good practices, and the indicators
against their targets (reporting.results).

Every list and figure is one query whatever the
number of records; sums and counts are computed by the database.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum

from admin4all.models import Indicator, ProgrammePhase
from events.models import Event
from municipalities.models import GoodPractice, Municipality
from reporting.results import (
    Figure,
    IndicatorResult,
    municipality_figures,
    results_by_country,
)
from trainings.models import (
    GENDER_FIELDS,
    SERVICE_FIELDS,
    PeerVisit,
    Training,
    TrainingParticipant,
)
from trainings.selectors import participant_counts

# The figures of an attendance breakdown, in the order of its columns
# (templates/includes/attendance_headings.html).
BREAKDOWN_FIELDS = ["attendance_total", *GENDER_FIELDS, *SERVICE_FIELDS]


@dataclass
class MunicipalityIndicator:
    """An indicator in a municipality's report: its own figure beside its country's
    and the phase's, each against its target."""

    indicator: Indicator
    municipality: Figure
    country: Figure | None
    phase: Figure


def _trainings(phase: ProgrammePhase, municipality: Municipality | None) -> QuerySet[Training]:
    trainings = Training.objects.filter(phase=phase)
    if municipality is not None:
        trainings = trainings.filter(municipality=municipality)
    return trainings


def _attendance_sums() -> dict:
    # Named apart from the fields: the count of reported figures filters on one.
    sums = {f"sum_{field}": Sum(field) for field in BREAKDOWN_FIELDS}
    sums["trainings"] = Count("pk")
    sums["reported"] = Count("pk", filter=Q(attendance_total__isnull=False))
    return sums


def _with_breakdown(row: dict, prefix: str = "") -> dict:
    """The row, with its figures in the order of BREAKDOWN_FIELDS as `breakdown`."""
    return {**row, "breakdown": [row[prefix + field] for field in BREAKDOWN_FIELDS]}


def _listed_participants(
    phase: ProgrammePhase, municipality: Municipality | None
) -> dict[str, int]:
    """How many people the participant lists of the phase's trainings name, and those
    who attended by gender and by service."""
    listed = TrainingParticipant.objects.filter(training__phase=phase)
    if municipality is not None:
        listed = listed.filter(training__municipality=municipality)
    return _with_breakdown(listed.aggregate(**participant_counts()))


def _peer_visits(phase: ProgrammePhase, municipality: Municipality | None) -> list[PeerVisit]:
    visits = PeerVisit.objects.filter(phase=phase)
    if municipality is not None:
        visits = visits.filter(
            pk__in=PeerVisit.objects.filter(
                Q(host=municipality) | Q(visitors=municipality)
            ).values("pk")
        )
    visitors = Prefetch("visitors", queryset=Municipality.objects.order_by("name"))
    return list(
        visits.select_related("host").prefetch_related(visitors).order_by("start_date", "title")
    )


def _events(phase: ProgrammePhase, municipality: Municipality | None) -> list[Event]:
    """The phase's published events (those the indicators count), with the number of
    municipalities taking part in each."""
    events = Event.objects.published().filter(phase=phase)
    if municipality is not None:
        events = events.filter(
            pk__in=Event.objects.filter(
                Q(host_municipality=municipality) | Q(participating_municipalities=municipality)
            ).values("pk")
        )
    return list(
        events.select_related("country")
        .annotate(municipality_count=Count("participating_municipalities"))
        .order_by("start_date", "title")
    )


def _good_practices(
    phase: ProgrammePhase, municipality: Municipality | None
) -> list[GoodPractice]:
    practices = GoodPractice.objects.published().filter(phase=phase)
    if municipality is not None:
        practices = practices.filter(municipality=municipality)
    return list(practices.select_related("municipality").order_by("municipality__name", "title"))


def _municipality_indicators(
    phase: ProgrammePhase, municipality: Municipality, results: list[IndicatorResult]
) -> list[MunicipalityIndicator]:
    own = municipality_figures(phase, municipality)
    rows = []
    for result in results:
        country = next(
            (row.figure for row in result.rows if row.key[0] == municipality.country_id), None
        )
        rows.append(
            MunicipalityIndicator(
                indicator=result.indicator,
                municipality=own[result.indicator],
                country=country,
                phase=result.total,
            )
        )
    return rows


def phase_report(phase: ProgrammePhase, municipality: Municipality | None = None) -> dict:
    """What the phase report shows (templates/reporting/phase_report.html), for the whole
    programme or, given one, for a municipality."""
    trainings = _trainings(phase, municipality)
    results = results_by_country(phase)
    context = {
        "phase": phase,
        "municipality": municipality,
        "trainings": list(
            trainings.select_related("municipality__country", "trainer_organisation").order_by(
                "start_date", "title"
            )
        ),
        "attendance": _with_breakdown(
            trainings.past().aggregate(**_attendance_sums()), prefix="sum_"
        ),
        "listed": _listed_participants(phase, municipality),
        "peer_visits": _peer_visits(phase, municipality),
        "events": _events(phase, municipality),
        "good_practices": _good_practices(phase, municipality),
    }
    if municipality is None:
        context["results"] = results
        # The columns of the indicators per country: every result has the same rows.
        context["countries"] = results[0].rows
        context["attendance_by_country"] = [
            _with_breakdown(row, prefix="sum_")
            for row in trainings.past()
            .order_by("municipality__country__name")
            .values(country=F("municipality__country__name"))
            .annotate(**_attendance_sums())
        ]
    else:
        context["indicators"] = _municipality_indicators(phase, municipality, results)
    return context
