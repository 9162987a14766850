"""The admin's side of admin4all.constraints: inline rows that clash with one another.

Model validation checks every constraint before the admin saves, on the fields it is
about, but it checks a row against the rows already saved. Django's formset checks the
rows of an inline against each other on unique constraints of fields only (two
speakers of a session who are one person), and names the fields in its message; here
the constraint's own message is shown above the inline instead.
"""

from django.db.models import UniqueConstraint


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
