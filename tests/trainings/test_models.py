"""Trainings, their attendance figures, curriculum modules and peer visits."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from admin4all.models import ProgrammePhase
from tests.factories import (
    CurriculumModuleFactory,
    PeerVisitFactory,
    ProgrammePhaseFactory,
    TrainingFactory,
)
from trainings.models import Training

pytestmark = pytest.mark.django_db


def _day(offset: int) -> date:
    return timezone.localdate() + timedelta(days=offset)


@pytest.mark.parametrize(
    ("factory", "constraint"),
    [
        (TrainingFactory, "training_end_not_before_start"),
        (PeerVisitFactory, "peervisit_end_not_before_start"),
    ],
)
def test_end_date_before_start_date_is_rejected(factory, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        factory(start_date=date(2024, 6, 2), end_date=date(2024, 6, 1))


@pytest.mark.parametrize("factory", [TrainingFactory, PeerVisitFactory, CurriculumModuleFactory])
def test_slug_duplicate_is_rejected(factory):
    factory(slug="taken")

    with pytest.raises(IntegrityError, match=r"Key \(slug\)=\(taken\)"), transaction.atomic():
        factory(slug="taken")


@pytest.mark.parametrize(
    ("breakdown", "constraint"),
    [
        (
            {"attendance_women": 4, "attendance_men": 5, "attendance_other_gender": 0},
            "training_gender_adds_up",
        ),
        (
            {
                "attendance_social_services": 3,
                "attendance_immigration_office": 3,
                "attendance_employment_services": 3,
                "attendance_other_services": 2,
            },
            "training_service_adds_up",
        ),
    ],
)
def test_training_full_breakdown_not_adding_up_is_rejected(breakdown, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        TrainingFactory(attendance_total=10, **breakdown)


@pytest.mark.parametrize(
    "breakdown",
    [
        # Complete and adding up.
        {
            "attendance_women": 6,
            "attendance_men": 4,
            "attendance_other_gender": 0,
            "attendance_social_services": 5,
            "attendance_immigration_office": 2,
            "attendance_employment_services": 2,
            "attendance_other_services": 1,
        },
        # Partial: the sources gave only some of the figures.
        {"attendance_women": 4, "attendance_men": None, "attendance_other_gender": None},
        {"attendance_social_services": 7, "attendance_immigration_office": 1},
    ],
)
def test_training_breakdown_complete_or_partial_is_accepted(breakdown):
    training = TrainingFactory(attendance_total=10, **breakdown)

    training.refresh_from_db()
    assert {field: getattr(training, field) for field in breakdown} == breakdown


@pytest.mark.parametrize(
    ("breakdown", "constraint"),
    [
        ({"attendance_women": 15}, "training_gender_within_total"),
        (
            {"attendance_social_services": 8, "attendance_other_services": 3},
            "training_service_within_total",
        ),
    ],
)
def test_training_partial_breakdown_above_total_is_rejected(breakdown, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        TrainingFactory(attendance_total=10, **breakdown)


def test_training_breakdown_without_total_is_accepted():
    training = TrainingFactory(
        attendance_total=None, attendance_women=4, attendance_men=5, attendance_other_gender=1
    )

    assert list(Training.objects.all()) == [training]


def test_phase_with_trainings_cannot_be_deleted():
    training = TrainingFactory()

    with pytest.raises(ProtectedError):
        training.phase.delete()

    assert list(ProgrammePhase.objects.all()) == [training.phase]


def test_training_upcoming_includes_today_and_later():
    TrainingFactory(title="Yesterday", start_date=_day(-1))
    TrainingFactory(title="Last month", start_date=_day(-30), end_date=_day(-28))
    today = TrainingFactory(title="Today", start_date=_day(0))
    next_week = TrainingFactory(title="Next week", start_date=_day(7), end_date=_day(8))

    assert list(Training.objects.upcoming()) == [next_week, today]


def test_training_ongoing_counts_as_upcoming_not_past():
    ongoing = TrainingFactory(title="Ongoing", start_date=_day(-1), end_date=_day(1))

    assert (list(Training.objects.upcoming()), list(Training.objects.past())) == ([ongoing], [])


def test_training_past_includes_only_earlier_than_today():
    yesterday = TrainingFactory(title="Yesterday", start_date=_day(-1))
    last_month = TrainingFactory(title="Last month", start_date=_day(-30), end_date=_day(-28))
    TrainingFactory(title="Today", start_date=_day(0))
    TrainingFactory(title="Next week", start_date=_day(7), end_date=_day(8))

    assert list(Training.objects.past()) == [yesterday, last_month]


def test_training_in_phase_returns_only_that_phases_trainings():
    phase = ProgrammePhaseFactory()
    TrainingFactory()
    training = TrainingFactory(phase=phase)

    assert list(Training.objects.in_phase(phase)) == [training]


@pytest.mark.parametrize(
    ("factory", "expected"),
    [
        (TrainingFactory, "/trainings/the-slug/"),
        (PeerVisitFactory, "/peer-visits/the-slug/"),
    ],
)
def test_get_absolute_url_resolves_to_the_detail_page(factory, expected):
    instance = factory.build(slug="the-slug")

    assert instance.get_absolute_url() == expected
