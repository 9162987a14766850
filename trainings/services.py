"""Writes that touch several training records at once."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from trainings.models import GENDER_FIELDS, SERVICE_FIELDS, Training, TrainingParticipant
from trainings.selectors import participant_counts


@dataclass
class AttendanceFill:
    """What filling one training's attendance from its list wrote. A breakdown is
    written only when every participant who attended has its category recorded;
    otherwise its figures are left empty ("not reported"), since the missing people
    could be in any category."""

    training: Training
    total: int
    has_gender: bool
    has_service: bool


@transaction.atomic
def training_attendance_fill(*, trainings: QuerySet[Training]) -> list[AttendanceFill]:
    """Sets the attendance figures of each of `trainings` that has a participant list
    from the people on it who attended, counted in one query. Trainings without a list
    are left as they are."""
    rows = {
        row["training"]: row
        for row in TrainingParticipant.objects.filter(training__in=trainings)
        .order_by()
        .values("training")
        .annotate(**participant_counts())
    }
    filled = []
    for training in Training.objects.select_for_update().filter(pk__in=rows).order_by("pk"):
        row = rows[training.pk]
        fill = AttendanceFill(
            training=training,
            total=row["attendance_total"],
            has_gender=row["gender_missing"] == 0,
            has_service=row["service_missing"] == 0,
        )
        training.attendance_total = fill.total
        for field in GENDER_FIELDS:
            setattr(training, field, row[field] if fill.has_gender else None)
        for field in SERVICE_FIELDS:
            setattr(training, field, row[field] if fill.has_service else None)
        training.save(
            update_fields=["attendance_total", *GENDER_FIELDS, *SERVICE_FIELDS, "updated_at"]
        )
        filled.append(fill)
    return filled
