"""IndicatorTarget moved from the core to reporting (admin4all 0011, reporting 0001):
a database migrated forward from before the move keeps every record, every history
entry and every permission granted on the model, and records new changes once."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from reporting.models import IndicatorTarget

LAST_BEFORE_THE_MOVE = ("admin4all", "0010_user_language")


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


def models_before_the_move():
    """The models as they were before the move, on a database taken back there."""
    migrate([LAST_BEFORE_THE_MOVE, ("reporting", None)])
    return MigrationExecutor(connection).loader.project_state(LAST_BEFORE_THE_MOVE).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_moving_indicator_targets_keeps_rows_history_and_permissions():
    old = models_before_the_move()
    country = old.get_model("municipalities", "Country").objects.create(
        name="Italy", slug="italy", iso_code="IT"
    )
    phase = old.get_model("admin4all", "ProgrammePhase").objects.create(
        number=2, name="Phase 2", slug="phase-2"
    )
    target = old.get_model("admin4all", "IndicatorTarget").objects.create(
        indicator="trainings_held", phase=phase, country=country, value=10
    )
    old.get_model("admin4all", "IndicatorTarget").objects.filter(pk=target.pk).update(value=12)
    old_type = ContentType.objects.get(app_label="admin4all", model="indicatortarget")
    group = Group.objects.create(name="Target setters")
    group.permissions.add(
        Permission.objects.get(content_type=old_type, codename="change_indicatortarget")
    )

    migrate(latest())

    moved = IndicatorTarget.objects.get()
    assert (moved.pk, moved.value, moved.country_id, moved.phase_id) == (
        target.pk,
        12,
        country.pk,
        phase.pk,
    )
    assert list(moved.history.order_by("pgh_id").values_list("pgh_label", "value")) == [
        ("insert", 10),
        ("update", 12),
    ]
    assert list(ContentType.objects.filter(model="indicatortarget").values_list("app_label")) == [
        ("reporting",)
    ]
    assert list(group.permissions.values_list("content_type__app_label", "codename")) == [
        ("reporting", "change_indicatortarget")
    ]
    # The triggers are installed once, under their new names: one event per change.
    IndicatorTarget.objects.filter(pk=moved.pk).update(value=15)
    assert list(moved.history.order_by("pgh_id").values_list("pgh_label", "value")) == [
        ("insert", 10),
        ("update", 12),
        ("update", 15),
    ]
