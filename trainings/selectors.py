"""Figures of the trainings and peer visits: those already held, as on the site, added
up by country, phase and year, and the counts of the participant lists; never who
took part."""

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from trainings.models import (
    GENDER_ATTENDANCE,
    GENDER_FIELDS,
    SERVICE_ATTENDANCE,
    SERVICE_FIELDS,
    PeerVisit,
    Training,
)


def _by_country_phase_year(records: QuerySet, country: str) -> QuerySet:
    return (
        records.values(
            country=F(country), phase_number=F("phase__number"), year=ExtractYear("start_date")
        )
        # Grouped by those three alone: the models' default ordering would add columns.
        .order_by("country", "phase_number", "year")
    )


def training_statistics() -> QuerySet:
    """One row per country, phase and year of held trainings, with attendance totals;
    each total adds up only the trainings that reported that figure."""
    totals = {
        "participants": Sum("attendance_total"),
        **{field.removeprefix("attendance_"): Sum(field) for field in GENDER_FIELDS},
        **{field.removeprefix("attendance_"): Sum(field) for field in SERVICE_FIELDS},
    }
    return _by_country_phase_year(Training.objects.past(), "municipality__country__slug").annotate(
        trainings=Count("pk"), trainings_reporting_attendance=Count("attendance_total"), **totals
    )


def peer_visit_statistics() -> QuerySet:
    """One row per host country, phase and year of held peer visits."""
    return _by_country_phase_year(PeerVisit.objects.past(), "host__country__slug").annotate(
        peer_visits=Count("pk"),
        visits_reporting_participants=Count("participant_count"),
        participants=Sum("participant_count"),
    )


def participant_counts() -> dict:
    """Aggregates of participant lists, keyed like a training's attendance: those who
    attended ("attendance_total"), by gender and by service ("attendance_women"...),
    how many of them have no gender or service recorded ("gender_missing",
    "service_missing"), and everyone listed ("listed")."""
    attended = Q(attended=True)
    counts = {"listed": Count("pk"), "attendance_total": Count("pk", filter=attended)}
    for kind, fields in (("gender", GENDER_ATTENDANCE), ("service", SERVICE_ATTENDANCE)):
        for category, field in fields.items():
            counts[field] = Count("pk", filter=attended & Q(**{kind: category}))
        counts[f"{kind}_missing"] = Count("pk", filter=attended & Q(**{kind: ""}))
    return counts
