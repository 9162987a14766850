"""The admin's side of admin4all.constraints: inline rows that clash with one another,
writes the database refuses, and the constraints of other libraries' models.

Model validation checks every constraint before the admin saves, on the fields it is
about, but it checks a row against the rows already saved. Rows of one inline that
clash with each other are refused above the inline, with the constraint's message:

- by Django's formset when the unique constraint is on fields only (two speakers of a
  session who are one person), where Django would name the fields;
- by the database when the constraint is on an expression or has a condition (a
  participant list's names ignoring case, its emails), which Django's formset does not
  check; and when someone else saved a clashing record between the check and the write.
  The IntegrityError would be a server error: instead the change view runs again on
  the same input, which is kept, with the message on the form.
"""

from copy import copy
from dataclasses import dataclass
from typing import ClassVar

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import BaseConstraint, Model, UniqueConstraint
from django.forms.models import construct_instance

from admin4all.constraints import ConstraintFieldsModel


def refused_constraint(error: IntegrityError) -> tuple[type[Model], BaseConstraint] | None:
    """The model and the Meta.constraints entry the database names in `error`, if any."""
    diagnosis = getattr(error.__cause__, "diag", None)
    table = getattr(diagnosis, "table_name", None)
    name = getattr(diagnosis, "constraint_name", None)
    for model in apps.get_models():
        if model._meta.db_table == table:
            for constraint in model._meta.constraints:
                if constraint.name == name:
                    return model, constraint
    return None


@dataclass
class _Refusal:
    model: type[Model]
    constraint: BaseConstraint

    @property
    def message(self) -> str:
        return self.constraint.get_violation_error_message()

    def fields(self, model: type[Model]) -> tuple[str, ...]:
        """The fields of `model` the message goes on: none unless it is the refused one."""
        if model is not self.model or not issubclass(model, ConstraintFieldsModel):
            return ()
        return model.constraint_fields_by_name().get(self.constraint.name, ())


class RefusedWriteAdminMixin:
    """For a ModelAdmin: a change or add form whose save the database refuses for one
    of the models' constraints is shown again with the constraint's message."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError as error:
            refused = refused_constraint(error)
            if refused is None:
                raise
        # The view's transaction was rolled back: nothing of the first run is saved.
        request.refused_write = _Refusal(*refused)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _refusal(self, request) -> _Refusal | None:
        return getattr(request, "refused_write", None)

    def _refusal_in_inline(self, request, obj) -> bool:
        refusal = self._refusal(request)
        return refusal is not None and any(
            inline.model is refusal.model for inline in self.get_inline_instances(request, obj)
        )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        refusal = self._refusal(request)
        if refusal is None or self._refusal_in_inline(request, obj):
            return form
        fields = refusal.fields(self.model)

        class RefusedForm(form):
            def clean(self):
                cleaned_data = super().clean()
                for name in [name for name in fields if name in self.fields] or [None]:
                    self.add_error(name, refusal.message)
                return cleaned_data

        return RefusedForm

    def get_formsets_with_inlines(self, request, obj=None):
        refusal = self._refusal(request)
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if refusal is not None and inline.model is refusal.model:

                class RefusedFormSet(formset):
                    def clean(self):
                        super().clean()
                        raise ValidationError(refusal.message)

                formset = RefusedFormSet
            yield formset, inline


class _UniqueRowsFormSetMixin:
    def get_unique_error_message(self, unique_check):
        messages = {
            frozenset(constraint.fields): constraint.get_violation_error_message()
            for constraint in self.model._meta.constraints
            if isinstance(constraint, UniqueConstraint) and constraint.fields
        }
        message = messages.get(frozenset(unique_check))
        return message or super().get_unique_error_message(unique_check)


class UniqueRowsInlineMixin:
    """For an InlineModelAdmin of a model with unique constraints: rows that repeat one
    another are refused with the constraint's message."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (_UniqueRowsFormSetMixin, formset), {})


class LibraryConstraintsForm(forms.ModelForm):
    """The admin form of another library's model (allauth's), whose constraints carry
    no message of their own: giving them one would be a migration inside the library.
    `constraint_messages` maps each constraint's name to the field and the message;
    the form checks those constraints itself and puts the message on the field, and
    model validation then leaves them alone (it skips a constraint whose fields already
    have an error)."""

    constraint_messages: ClassVar[dict[str, tuple[str, str]]] = {}

    def clean(self):
        cleaned_data = super().clean()
        model = self._meta.model
        candidate = construct_instance(self, copy(self.instance))
        for constraint in model._meta.constraints:
            if constraint.name not in self.constraint_messages:
                continue
            field, message = self.constraint_messages[constraint.name]
            try:
                constraint.validate(model, candidate, exclude=set(self.errors))
            except ValidationError:
                self.add_error(field, message)
        return cleaned_data
