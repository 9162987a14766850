"""Core models: figures, people, phases, the staff groups and their permissions."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction

from admin4all.groups import EDITORS, VIEWERS
from admin4all.models import ReportedFigure
from tests.factories import (
    EventFigureFactory,
    OrganisationFactory,
    PersonFactory,
    PhaseFigureFactory,
    ProgrammePhaseFactory,
    ThemeFactory,
)

Qualifier = ReportedFigure.Qualifier


def _permissions(group_name: str, app_label: str, model_name: str) -> set[str]:
    """The codenames a staff group holds on one model."""
    return set(
        Group.objects.get(name=group_name)
        .permissions.filter(content_type__app_label=app_label, content_type__model=model_name)
        .values_list("codename", flat=True)
    )


@pytest.mark.parametrize(
    ("factory", "qualifier", "value", "label", "expected"),
    [
        (
            PhaseFigureFactory,
            Qualifier.MORE_THAN,
            500,
            "people trained",
            "more than 500 people trained",
        ),
        (EventFigureFactory, Qualifier.ABOUT, 75, "participants", "about 75 participants"),
        (PhaseFigureFactory, Qualifier.EXACT, 14, "municipalities", "14 municipalities"),
    ],
)
def test_reported_figure_str_reads_as_the_source_reports_it(
    factory, qualifier, value, label, expected
):
    figure = factory.build(qualifier=qualifier, value=value, label=label)

    assert str(figure) == expected


@pytest.mark.parametrize(("honorific", "expected"), [("Dr.", "Dr. Rossi"), ("", "Rossi")])
def test_person_str_with_and_without_honorific(honorific, expected):
    person = PersonFactory.build(name="Rossi", honorific=honorific)

    assert str(person) == expected


@pytest.mark.parametrize(
    ("acronym", "expected"),
    [
        ("IOM", "International Organization for Migration (IOM)"),
        ("", "International Organization for Migration"),
    ],
)
def test_organisation_str_with_and_without_acronym(acronym, expected):
    organisation = OrganisationFactory.build(
        name="International Organization for Migration", acronym=acronym
    )

    assert str(organisation) == expected


def test_programme_phase_str_has_number_and_name():
    phase = ProgrammePhaseFactory.build(number=2, name="Scaling up")

    assert str(phase) == "Phase 2: Scaling up"


@pytest.mark.parametrize(
    ("factory", "expected"),
    [
        (OrganisationFactory, "/organisations/the-slug/"),
        (PersonFactory, "/people/the-slug/"),
        (ThemeFactory, "/themes/the-slug/"),
        (ProgrammePhaseFactory, "/programme/the-slug/"),
    ],
)
def test_get_absolute_url_resolves_to_the_detail_page(factory, expected):
    instance = factory.build(slug="the-slug")

    assert instance.get_absolute_url() == expected


@pytest.mark.django_db
def test_programme_phase_end_before_start_is_rejected():
    with (
        pytest.raises(IntegrityError, match="programmephase_end_not_before_start"),
        transaction.atomic(),
    ):
        ProgrammePhaseFactory(start_date=date(2024, 6, 1), end_date=date(2024, 5, 31))


@pytest.mark.django_db
def test_programme_phase_one_day_is_accepted():
    phase = ProgrammePhaseFactory(start_date=date(2024, 6, 1), end_date=date(2024, 6, 1))

    phase.refresh_from_db()
    assert (phase.start_date, phase.end_date) == (date(2024, 6, 1), date(2024, 6, 1))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "factory", [OrganisationFactory, PersonFactory, ThemeFactory, ProgrammePhaseFactory]
)
def test_slug_duplicate_is_rejected(factory):
    factory(slug="taken")

    with pytest.raises(IntegrityError, match=r"Key \(slug\)=\(taken\)"), transaction.atomic():
        factory(slug="taken")


@pytest.mark.django_db
def test_staff_groups_exist_after_migrations():
    names = set(Group.objects.filter(name__in=[EDITORS, VIEWERS]).values_list("name", flat=True))

    assert names == {"Programme editors", "Programme viewers"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("app_label", "model_name"),
    [
        ("municipalities", "municipality"),
        ("events", "event"),
        ("admin4all", "programmephase"),
        ("trainings", "training"),
    ],
)
def test_editor_group_can_edit_programme_records(app_label, model_name):
    assert _permissions(EDITORS, app_label, model_name) == {
        f"add_{model_name}",
        f"change_{model_name}",
        f"delete_{model_name}",
        f"view_{model_name}",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("app_label", "model_name"),
    [
        # An editor who could change accounts could make themselves superuser.
        ("admin4all", "user"),
        # The history is the record of what happened: nobody rewrites it.
        ("municipalities", "municipalityevent"),
        ("events", "eventevent"),
    ],
)
def test_editor_group_only_views_users_and_history(app_label, model_name):
    assert _permissions(EDITORS, app_label, model_name) == {f"view_{model_name}"}


@pytest.mark.django_db
def test_viewer_group_has_only_view_permissions():
    codenames = Group.objects.get(name=VIEWERS).permissions.values_list("codename", flat=True)

    assert {codename.split("_", 1)[0] for codename in codenames} == {"view"}
    assert _permissions(VIEWERS, "municipalities", "municipality") == {"view_municipality"}


@pytest.mark.django_db
def test_staff_fixtures_belong_to_their_group(editor, viewer, superuser):
    assert [group.name for group in editor.groups.all()] == [EDITORS]
    assert [group.name for group in viewer.groups.all()] == [VIEWERS]
    assert (editor.is_staff, viewer.is_staff, superuser.is_superuser) == (True, True, True)
