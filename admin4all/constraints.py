"""Database constraints that explain themselves, beside the fields they are about.

Every check and unique constraint of the project's models carries a plain message,
its `violation_error_message` (marked for translation), and the model says in
`constraint_fields` which of its fields that message is about. Model validation then
reports a violated constraint on those fields instead of at the top of the form, and
every form gets it from there: the admin's, the officer area's, and the spreadsheet
import, which validates each row the same way (admin4all.resources).

Django itself reports a violated constraint as an error of the whole form, and names it
("Constraint “training_gender_within_total” is violated.") when it has no message of
its own. The system check below keeps both from happening again: a new constraint
without a message or without its fields is an error when Django starts.
"""

from typing import ClassVar

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, router
from django.db.models import Q


def constraint_referenced_fields(constraint) -> set[str]:
    """The names of the model fields a constraint reads (its condition's included)."""
    fields = set(getattr(constraint, "fields", ()))
    # A unique constraint on expressions (Lower("full_name")) names its fields in them.
    for expression in getattr(constraint, "expressions", ()):
        parts = [expression] if isinstance(expression, models.F) else expression.flatten()
        fields |= {part.name for part in parts if isinstance(part, models.F)}
    if getattr(constraint, "condition", None) is not None:
        fields |= Q(constraint.condition).referenced_base_fields
    return fields


class ConstraintFieldsModel(models.Model):
    """A model whose constraints' messages go on the fields they are about.

    `constraint_fields` maps each constraint's name, as written in Meta.constraints
    (with %(app_label)s and %(class)s where an abstract model uses them), to the fields
    its message belongs on: those to correct, all of them when either would do. They
    are among the fields the constraint reads, so a form that validates the
    constraint shows them.
    """

    constraint_fields: ClassVar[dict[str, tuple[str, ...]]] = {}

    class Meta:
        abstract = True

    @classmethod
    def constraint_fields_by_name(cls) -> dict[str, tuple[str, ...]]:
        """`constraint_fields` keyed by the constraints' names as the model has them."""
        # The interpolation Django applies to the names in Meta.constraints.
        names = {"app_label": cls._meta.app_label.lower(), "class": cls._meta.model_name}
        return {pattern % names: fields for pattern, fields in cls.constraint_fields.items()}

    def validate_constraints(self, exclude=None):
        """Django's validation of Meta.constraints, each error keyed by its fields."""
        using = router.db_for_write(type(self), instance=self)
        fields_by_name = self.constraint_fields_by_name()
        errors: dict[str, list[ValidationError]] = {}
        for model_class, constraints in self.get_constraints():
            for constraint in constraints:
                try:
                    constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as error:
                    for field in fields_by_name.get(constraint.name, (NON_FIELD_ERRORS,)):
                        errors.setdefault(field, []).extend(error.error_list)
        if errors:
            raise ValidationError(errors)


def _project_models(app_configs):
    configs = app_configs or apps.get_app_configs()
    return [
        model
        for config in configs
        if config.name in settings.LOCAL_APPS
        for model in config.get_models()
    ]


def constraint_problems(model) -> list[str]:
    """What the system check finds missing in `model`'s constraints."""
    if not issubclass(model, ConstraintFieldsModel):
        return ["has constraints but does not say which fields they are about"]
    problems = []
    fields_by_name = model.constraint_fields_by_name()
    for constraint in model._meta.constraints:
        if constraint.violation_error_message == constraint.default_violation_error_message:
            problems.append(f"constraint {constraint.name} has no message of its own")
        fields = set(fields_by_name.pop(constraint.name, ()))
        unread = fields - constraint_referenced_fields(constraint)
        if not fields:
            problems.append(f"constraint {constraint.name} is not in constraint_fields")
        elif unread:
            problems.append(
                f"constraint {constraint.name} does not read {', '.join(sorted(unread))}, "
                "the fields constraint_fields gives it"
            )
    problems += [f"constraint_fields names no constraint {name}" for name in fields_by_name]
    return problems


@checks.register(checks.Tags.models)
def constraint_messages_check(app_configs=None, **kwargs):
    """Each constraint of the project's models has a message and the fields it is about."""
    return [
        checks.Error(f"{model._meta.label} {problem}.", obj=model, id="admin4all.E001")
        for model in _project_models(app_configs)
        if model._meta.constraints
        for problem in constraint_problems(model)
    ]
