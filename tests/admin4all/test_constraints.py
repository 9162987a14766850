"""Every constraint of every model of the project, broken through its admin change form
as a superuser would, answers in plain words beside the field it is about, in each of
the seven languages, never with the constraint's name, and keeps what was typed
(issue #17).

VIOLATIONS says how to break each constraint: the records to make, whose change form
to open, what to post. A constraint without an entry fails the test, so a new one is
walked as soon as it exists. The models of other projects (allauth's) are left out:
their constraints cannot carry messages of ours.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import unescape

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import BaseConstraint, Model
from django.test import Client
from django.test.utils import isolate_apps
from django.urls import reverse
from django.utils import timezone, translation

from admin4all.constraints import (
    ConstraintFieldsModel,
    constraint_messages_check,
    constraint_problems,
)
from admin4all.models import Indicator, Status
from tests import factories
from tests.edit_forms import form_data

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]

Posted = dict[str, str]


@dataclass(frozen=True)
class Violation:
    """How to break one constraint in an admin change form.

    `make` makes the records and returns the one whose change form is opened, with the
    values to post by the form's field names. `new_row` names the inline to which they
    add a row; `row` the prefix of the inline row whose fields carry the message.
    `clashing_rows`: the posted rows clash with each other, and the message is above
    their inline. `publishes_now`: the form saves the record published at the time of
    saving, which the constraint allows.
    """

    make: Callable[[], tuple[Model, Posted]]
    new_row: str = ""
    row: str = ""
    clashing_rows: bool = False
    publishes_now: bool = False


def changing(factory, **posted: str) -> Callable[[], tuple[Model, Posted]]:
    return lambda: (factory(), posted)


def published_without_time(factory) -> Callable[[], tuple[Model, Posted]]:
    return lambda: (
        factory(draft=True),
        {"status": Status.PUBLISHED, "published_at_0": "", "published_at_1": ""},
    )


BACKWARDS = {"start_date": date(2020, 6, 1).isoformat(), "end_date": date(2020, 5, 1).isoformat()}


def municipality_named_as_another():
    other = factories.MunicipalityFactory(name="Milano")
    return factories.MunicipalityFactory(country=other.country), {"name": "Milano"}


def participation_in_a_phase_twice():
    other = factories.ParticipationFactory()
    record = factories.ParticipationFactory(municipality=other.municipality)
    return record, {"phase": str(other.phase_id)}


def officer_of_a_city_twice():
    other = factories.OfficerMembershipFactory()
    record = factories.OfficerMembershipFactory(municipality=other.municipality)
    return record, {"user": str(other.user_id)}


def participant_listed_twice(**posted: str):
    def make():
        other = factories.TrainingParticipantFactory(
            full_name="Ana Rossi", email="ana@example.org"
        )
        return factories.TrainingParticipantFactory(training=other.training), posted

    return make


def indicator_target_twice():
    other = factories.IndicatorTargetFactory(indicator=Indicator.EVENTS)
    record = factories.IndicatorTargetFactory(
        phase=other.phase, indicator=Indicator.TRAININGS_HELD
    )
    return record, {"indicator": Indicator.EVENTS}


def speaker_twice_in_a_session():
    speaker = factories.SpeakerFactory()
    return speaker.session, {"speakers-1-person": str(speaker.person_id)}


def material_without_file_or_link():
    return factories.EventFactory(), {"materials-0-kind": "slides", "materials-0-title": "Slides"}


VIOLATIONS: dict[str, Violation] = {
    "programmephase_end_not_before_start": Violation(
        changing(factories.ProgrammePhaseFactory, **BACKWARDS)
    ),
    "country_iso_code_format": Violation(changing(factories.CountryFactory, iso_code="it")),
    "municipality_unique_name": Violation(municipality_named_as_another),
    "municipality_latitude_range": Violation(
        changing(factories.MunicipalityFactory, latitude="95", longitude="9")
    ),
    "municipality_longitude_range": Violation(
        changing(factories.MunicipalityFactory, latitude="45", longitude="200")
    ),
    "municipality_coordinates_together": Violation(
        changing(factories.MunicipalityFactory, latitude="45.46", longitude="")
    ),
    "participation_once_per_phase": Violation(participation_in_a_phase_twice),
    "officer_membership_once_per_city": Violation(officer_of_a_city_twice),
    "municipalities_goodpractice_published_has_time": Violation(
        published_without_time(factories.GoodPracticeFactory), publishes_now=True
    ),
    "training_end_not_before_start": Violation(changing(factories.TrainingFactory, **BACKWARDS)),
    "training_gender_adds_up": Violation(
        changing(
            factories.TrainingFactory,
            attendance_total="20",
            attendance_women="10",
            attendance_men="8",
            attendance_other_gender="1",
        )
    ),
    "training_gender_within_total": Violation(
        changing(
            factories.TrainingFactory,
            attendance_total="20",
            attendance_women="15",
            attendance_men="10",
        )
    ),
    "training_service_adds_up": Violation(
        changing(
            factories.TrainingFactory,
            attendance_total="20",
            attendance_social_services="5",
            attendance_immigration_office="5",
            attendance_employment_services="5",
            attendance_other_services="4",
        )
    ),
    "training_service_within_total": Violation(
        changing(factories.TrainingFactory, attendance_total="20", attendance_social_services="21")
    ),
    "peervisit_end_not_before_start": Violation(changing(factories.PeerVisitFactory, **BACKWARDS)),
    "trainingparticipant_name_once": Violation(participant_listed_twice(full_name="ana rossi")),
    "trainingparticipant_email_once": Violation(participant_listed_twice(email="ana@example.org")),
    "trainings_trainingreport_published_has_time": Violation(
        published_without_time(factories.TrainingReportFactory), publishes_now=True
    ),
    "events_event_published_has_time": Violation(
        published_without_time(factories.EventFactory), publishes_now=True
    ),
    "event_end_not_before_start": Violation(changing(factories.EventFactory, **BACKWARDS)),
    "event_end_needs_start": Violation(
        changing(factories.EventFactory, start_date="", end_date="2020-05-01")
    ),
    "session_end_not_before_start": Violation(
        changing(factories.SessionFactory, start_time="10:00", end_time="09:30")
    ),
    "speaker_once_per_session": Violation(
        speaker_twice_in_a_session, new_row="speakers", clashing_rows=True
    ),
    "eventmaterial_file_or_link": Violation(
        material_without_file_or_link, new_row="materials", row="materials-0-"
    ),
    "events_publication_published_has_time": Violation(
        published_without_time(factories.PublicationFactory), publishes_now=True
    ),
    "publication_year_range": Violation(changing(factories.PublicationFactory, year="1989")),
    "events_newsarticle_published_has_time": Violation(
        published_without_time(factories.NewsArticleFactory), publishes_now=True
    ),
    "indicatortarget_once": Violation(indicator_target_twice),
}


def project_constraints() -> list[tuple[type[Model], BaseConstraint]]:
    return [
        (model, constraint)
        for model in apps.get_models()
        if model._meta.app_config.name in settings.LOCAL_APPS
        for constraint in model._meta.constraints
    ]


def change_url(record: Model) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def with_new_row(data: dict[str, list[str]], inline: str) -> dict[str, list[str]]:
    """The form's data with one more row in `inline`, filled as its empty row is."""
    count = int(data[f"{inline}-TOTAL_FORMS"][0])
    template = f"{inline}-__prefix__-"
    row = {
        f"{inline}-{count}-{name.removeprefix(template)}": value
        for name, value in data.items()
        if name.startswith(template)
    }
    return {**data, **row, f"{inline}-TOTAL_FORMS": [str(count + 1)]}


def leaked(page: str, constraint: BaseConstraint, language: str) -> list[str]:
    """The constraint's name, or Django's "Constraint “…” is violated" (as the
    language says it), wherever the page shows them."""
    with translation.override(language):
        default = str(BaseConstraint.default_violation_error_message)
    pattern = re.escape(default).replace(re.escape("%(name)s"), r"[^<]*?")
    text = unescape(page)
    return re.findall(re.escape(constraint.name), text) + re.findall(pattern, text)


def errorlist(page: str, html_id: str) -> list[str]:
    match = re.search(rf'<ul class="errorlist" id="{re.escape(html_id)}">(.*?)</ul>', page, re.S)
    return [unescape(item) for item in re.findall(r"<li>(.*?)</li>", match[1])] if match else []


def errors_above_inlines(page: str) -> list[str]:
    lists = re.findall(r'<ul class="errorlist nonform">(.*?)</ul>', page, re.S)
    return [unescape(item) for items in lists for item in re.findall(r"<li>(.*?)</li>", items)]


def publishes_now(constraint: BaseConstraint) -> bool:
    violation = VIOLATIONS.get(constraint.name)
    return violation is not None and violation.publishes_now


REFUSED = [(m, c) for m, c in project_constraints() if not publishes_now(c)]
PUBLISHED_NOW = [(m, c) for m, c in project_constraints() if publishes_now(c)]


def open_form(client: Client, violation: Violation) -> tuple[Model, str, dict[str, list[str]]]:
    """Makes the violation's records and opens the form; returns the record, the form's
    address and the data to post, the violation's values in it."""
    record, posted = violation.make()
    url = change_url(record)
    data = form_data(client.get(url).content.decode())
    if violation.new_row:
        data = with_new_row(data, violation.new_row)
    return record, url, {**data, **{name: [value] for name, value in posted.items()}}


def without_csrf(data: dict[str, list[str]]) -> dict[str, list[str]]:
    return {name: value for name, value in data.items() if name != "csrfmiddlewaretoken"}


@pytest.mark.parametrize(("model", "constraint"), REFUSED, ids=[c.name for _m, c in REFUSED])
def test_constraint_broken_in_admin_form_explained_on_its_fields_in_every_language(
    superuser_client, settings, model, constraint
):
    assert constraint.name in VIOLATIONS, f"tell VIOLATIONS how to break {constraint.name}"
    violation = VIOLATIONS[constraint.name]
    fields = model.constraint_fields_by_name()[constraint.name]
    _record, url, data = open_form(superuser_client, violation)

    for language in LANGUAGES:
        settings.LANGUAGE_CODE = language
        with translation.override(language):
            message = constraint.get_violation_error_message()

        response = superuser_client.post(url, data)

        page = response.content.decode()
        assert (language, response.status_code, leaked(page, constraint, language)) == (
            language,
            200,
            [],
        )
        if violation.clashing_rows:
            assert errors_above_inlines(page) == [message]
        else:
            assert {
                name: errorlist(page, f"id_{violation.row}{name}_error") for name in fields
            } == {name: [message] for name in fields}
        # What was typed is in the form again. (In another language than English, the
        # form has no translation fields for that language; the CSRF token is masked
        # anew each time.)
        shown = without_csrf(form_data(page))
        assert shown == {name: data.get(name) for name in shown}


@pytest.mark.parametrize(
    ("model", "constraint"), PUBLISHED_NOW, ids=[c.name for _m, c in PUBLISHED_NOW]
)
def test_published_without_time_in_admin_form_published_now_in_every_language(
    superuser_client, settings, model, constraint
):
    for language in LANGUAGES:
        settings.LANGUAGE_CODE = language
        record, url, data = open_form(superuser_client, VIOLATIONS[constraint.name])
        before = timezone.now()

        response = superuser_client.post(url, data)

        record.refresh_from_db()
        assert (language, response.status_code, record.status) == (
            language,
            302,
            Status.PUBLISHED,
        )
        assert before <= record.published_at <= timezone.now()


def test_violations_name_only_constraints_of_the_project():
    names = {constraint.name for _model, constraint in project_constraints()}
    assert sorted(set(VIOLATIONS) - names) == []


def test_system_check_finds_every_constraint_explained():
    assert constraint_messages_check() == []


@isolate_apps("admin4all")
def test_system_check_names_what_a_constraint_lacks():
    class Trip(ConstraintFieldsModel):
        start_date = models.DateField()
        end_date = models.DateField()

        constraint_fields = {"trip_ends": ("start_date", "title"), "trip_gone": ("end_date",)}

        class Meta:
            app_label = "admin4all"
            constraints = [
                models.CheckConstraint(
                    condition=models.Q(end_date__gte=models.F("start_date")), name="trip_ends"
                ),
                models.CheckConstraint(
                    condition=models.Q(start_date__year__gte=1990),
                    name="trip_recent",
                    violation_error_message="Too old.",
                ),
            ]

        def __str__(self):
            return str(self.start_date)

    class Untold(models.Model):
        day = models.DateField()

        class Meta:
            app_label = "admin4all"
            constraints = [
                models.CheckConstraint(condition=models.Q(day__year__gte=1990), name="untold")
            ]

        def __str__(self):
            return str(self.day)

    assert constraint_problems(Trip) == [
        "constraint trip_ends has no message of its own",
        "constraint trip_ends does not read title, the fields constraint_fields gives it",
        "constraint trip_recent is not in constraint_fields",
        "constraint_fields names no constraint trip_gone",
    ]
    assert constraint_problems(Untold) == [
        "has constraints but does not say which fields they are about"
    ]
