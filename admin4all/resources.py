"""Spreadsheet import and export (django-import-export): what every programme resource
shares.

Rows are found by natural keys (slugs, numbers, names) and related records are written
as such keys, never as database ids, so a file exported from one database imports into
another and staff can read it. Every cell is checked the way the admin form checks it,
including the database constraints (with their messages, on the columns of the fields
they are about: admin4all.constraints), before anything is written; problems are
reported with the row and the column.
"""

from datetime import datetime, timedelta
from decimal import InvalidOperation

import tablib
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.timezone import localtime, make_aware
from django.utils.translation import gettext as _
from import_export import resources, widgets
from import_export.fields import Field

from admin4all.local_time import zone_name
from admin4all.translation import virtual_field_names

EXAMPLE_MOMENT = datetime(2024, 3, 15, 9, 30)
# Spreadsheet programs run a cell that starts with one of these as a formula, so text a
# visitor or officer typed ("=HYPERLINK(...)") would run on a staff member's computer.
# Such text is exported behind an apostrophe, which an import takes off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_GUARD = "'"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def guard_formula(value):
    """The exported cell: text that a spreadsheet would run gets the apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _is_number(value):
        return FORMULA_GUARD + value
    return value


def unguard_formula(value):
    """The imported cell: the apostrophe guard_formula added is taken off."""
    if isinstance(value, str) and value.startswith(FORMULA_GUARD):
        unguarded = value.removeprefix(FORMULA_GUARD)
        if guard_formula(unguarded) == value:
            return unguarded
    return value


class _IsoFormatMixin:
    """Dates in one unambiguous format: 03/04/2024 is March in one country and April
    in another, and the library would guess the American way. Spreadsheet date cells
    arrive as dates and need no format."""

    pattern: str

    def __init__(self, **kwargs):
        super().__init__(format=self.pattern, **kwargs)

    def example(self) -> str:
        return EXAMPLE_MOMENT.strftime(self.pattern)

    def not_written(self, value) -> ValueError:
        return ValueError(
            _("“%(value)s” is not written as %(example)s.")
            % {"value": value, "example": self.example()}
        )

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except ValueError:
            raise self.not_written(value) from None

    def hint(self) -> str:
        return _("written as %(example)s") % {"example": self.example()}


class IsoDateWidget(_IsoFormatMixin, widgets.DateWidget):
    pattern = "%Y-%m-%d"

    def clean(self, value, row=None, **kwargs):
        # Spreadsheet date cells arrive as midnight datetimes; an unchanged date must
        # compare equal, or the row would not be skipped.
        if isinstance(value, datetime):
            value = value.date()
        return super().clean(value, row=row, **kwargs)


class IsoDateTimeWidget(_IsoFormatMixin, widgets.DateTimeWidget):
    """A moment in the portal's time zone with the zone named, "2024-03-15 09:30:00
    CET", as text in every format: a spreadsheet's date cell cannot name a zone. Read
    with the zone or without it; a zone the portal's is not at that moment is an error
    rather than a guess."""

    pattern = "%Y-%m-%d %H:%M:%S"

    def _written(self, moment: datetime) -> str:
        return f"{localtime(moment).strftime(self.pattern)} {zone_name(moment)}"

    def example(self) -> str:
        return self._written(make_aware(EXAMPLE_MOMENT))

    def render(self, value, obj=None, **kwargs):
        return self._written(value) if isinstance(value, datetime) else ""

    def clean(self, value, row=None, **kwargs):
        written, _space, zone = str(value or "").strip().rpartition(" ")
        if isinstance(value, datetime) or not zone.isalpha():
            return super().clean(value, row=row, **kwargs)
        try:
            moment = super().clean(written, row=row, **kwargs)
        except ValueError:
            raise self.not_written(value) from None
        if zone != zone_name(moment):
            raise ValueError(
                _("“%(value)s”: the portal's time on that day is %(zone)s.")
                % {"value": value, "zone": zone_name(moment)}
            )
        return moment


class StrictBooleanWidget(widgets.BooleanWidget):
    """A yes/no cell: 1/0, true/false or yes/no in any case (XLSX cells may hold
    booleans or the numbers 1 and 0). The library reads any other text as "no", so a
    typo ("ja", "y") would quietly record the opposite of what was meant: it is an
    error here."""

    TRUE_TEXTS = {"1", "true", "yes"}
    FALSE_TEXTS = {"0", "false", "no"}

    def clean(self, value, row=None, **kwargs):
        if value in self.NULL_VALUES:
            return None
        text = str(value).strip().lower()
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))  # 1.0 from a spreadsheet number cell
        if text in self.TRUE_TEXTS:
            return True
        if text in self.FALSE_TEXTS:
            return False
        raise ValueError(
            _("“%(value)s” is neither yes nor no: write 1 for yes, 0 for no.") % {"value": value}
        )


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """A related record written as a readable key: exported as the first of `keys`,
    found on import by any of them, ignoring case (a phase by number or slug, a
    country by name or ISO code)."""

    def __init__(self, model, keys: list[str], **kwargs):
        super().__init__(model, field=keys[0], **kwargs)
        self.keys = keys

    def get_instance_by_lookup_fields(self, value, row, **kwargs):
        value = value.strip() if isinstance(value, str) else value
        condition = Q()
        for key in self.keys:
            try:
                typed = self.model._meta.get_field(key).to_python(value)
            except ValidationError:
                continue  # "phase-2" is no phase number
            condition |= Q(**{f"{key}__iexact" if isinstance(typed, str) else key: typed})
        matches = list(self.get_queryset(value, row).filter(condition)[:2]) if condition else []
        if len(matches) != 1:
            raise ValueError(
                _("No single %(model)s has the %(keys)s “%(value)s”.")
                % {
                    "model": self.model._meta.verbose_name,
                    "keys": self._key_names(),
                    "value": value,
                }
            )
        return matches[0]

    def _key_names(self) -> str:
        names = [str(self.model._meta.get_field(key).verbose_name) for key in self.keys]
        return _(" or ").join(names)

    def hint(self) -> str:
        return _("%(keys)s of the %(model)s") % {
            "keys": self._key_names(),
            "model": self.model._meta.verbose_name,
        }


class NaturalKeysWidget(widgets.ManyToManyWidget):
    """Related records written as their keys separated by commas; unlike the library's
    widget, a key that matches nothing is an error, not silently dropped."""

    def clean(self, value, row=None, **kwargs):
        found = super().clean(value, row=row, **kwargs)
        wanted = {key.strip() for key in str(value or "").split(self.separator) if key.strip()}
        missing = wanted - {str(getattr(obj, self.field)) for obj in found}
        if missing:
            raise ValueError(
                _("No %(model)s has the %(key)s %(values)s.")
                % {
                    "model": self.model._meta.verbose_name,
                    "key": self.model._meta.get_field(self.field).verbose_name,
                    "values": ", ".join(f"“{key}”" for key in sorted(missing)),
                }
            )
        return found

    def hint(self) -> str:
        return _("%(key)s of %(models)s, separated by commas") % {
            "key": self.model._meta.get_field(self.field).verbose_name,
            "models": self.model._meta.verbose_name_plural,
        }


def key_field(attribute: str, model, keys: list[str]) -> Field:
    """A foreign key column holding the related record's readable key."""
    return Field(attribute=attribute, widget=NaturalKeyWidget(model, keys))


def slugs_field(attribute: str, model) -> Field:
    """A many-to-many column holding the related records' slugs."""
    return Field(attribute=attribute, widget=NaturalKeysWidget(model, field="slug"))


class ProgrammeResource(resources.ModelResource):
    """Base of the programme's resources. Subclasses name the key column(s) in
    `Meta.import_id_fields`."""

    WIDGETS_MAP = {
        **resources.ModelResource.WIDGETS_MAP,
        # An empty spreadsheet cell is an empty text, not NULL.
        "TextField": widgets.CharWidget,
        "DateField": IsoDateWidget,
        "DateTimeField": IsoDateTimeWidget,
        "BooleanField": StrictBooleanWidget,
    }

    class Meta:
        skip_unchanged = True
        # Skipped rows stay in the preview, so its row numbers are the file's.
        report_skipped = True
        clean_model_instances = True

    def column_problems(self, headers) -> list[str]:
        """What is wrong with the header row: columns we do not know, missing keys."""
        known = [field.column_name for field in self.get_import_fields()]
        problems = []
        unknown = [header for header in headers if header not in known]
        if unknown:
            problems.append(
                _("Unknown columns: %(unknown)s. The columns are: %(known)s.")
                % {"unknown": ", ".join(unknown), "known": ", ".join(known)}
            )
        for key in self.get_import_id_fields():
            column = self.fields[key].column_name
            if column not in headers:
                problems.append(
                    _("The column “%(column)s” is missing: it identifies each row.")
                    % {"column": column}
                )
        return problems

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            return None  # a key naming nothing: import_instance reports it on its column

    def import_data(self, dataset, **kwargs):
        # Spreadsheets often pad header cells with spaces.
        dataset.headers = [str(header or "").strip() for header in dataset.headers or []]
        # A wrong header row is reported alone instead of as an error on every row.
        problems = self.column_problems(dataset.headers)
        if not problems:
            return super().import_data(dataset, **kwargs)
        result = self.get_result_class()()
        for problem in problems:
            result.append_base_error(self.get_error_result_class()(ValueError(problem)))
        return result

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        stored = field.get_value(instance)
        super().import_field(field, instance, row, is_m2m, **kwargs)
        # Files carry times to the second (XLSX to the millisecond): within the same
        # second the stored time is kept, so an unchanged row is skipped, not rewritten.
        imported = field.get_value(instance)
        if isinstance(stored, datetime) and isinstance(imported, datetime):
            if abs(imported - stored) < timedelta(seconds=1):
                setattr(instance, field.attribute, stored)

    def export_field(self, field, instance, **kwargs):
        return guard_formula(super().export_field(field, instance, **kwargs))

    def import_instance(self, instance, row, **kwargs):
        """Reads every cell of the row into the instance and reports each bad one by
        its column. Many-to-many cells are only checked here; they are saved after the
        instance (save_m2m)."""
        errors = {}
        for field in self.get_import_fields():
            if field.column_name not in row:
                continue
            row[field.column_name] = unguard_formula(row[field.column_name])
            try:
                if "\x00" in str(row[field.column_name] or ""):
                    raise ValueError(_("The cell contains a null character."))
                if isinstance(field.widget, widgets.ManyToManyWidget):
                    field.clean(row)
                else:
                    self.import_field(field, instance, row, **kwargs)
            except ValueError as error:
                errors[field.column_name] = [str(error)]
            except InvalidOperation:
                errors[field.column_name] = [
                    _("“%(value)s” is not a number.") % {"value": row[field.column_name]}
                ]
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's own validation, its database constraints included, so a row
        that breaks one is an error in the preview rather than a failed write."""
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(
                exclude={*errors, *virtual_field_names(type(instance))},
                validate_unique=validate_unique,
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def column_hint(self, field) -> str:
        """What to write in a column, for the template file's example row."""
        model_field = self._meta.model._meta.get_field(field.attribute)
        if hasattr(field.widget, "hint"):
            hint = field.widget.hint()
        else:
            hint = self._value_hint(model_field)
        if not model_field.blank and not model_field.has_default():
            hint = _("%(hint)s (required)") % {"hint": hint}
        return hint

    @staticmethod
    def _value_hint(model_field) -> str:
        if model_field.choices:
            return _("one of: %(choices)s") % {
                "choices": ", ".join(str(value) for value, _label in model_field.flatchoices)
            }
        if isinstance(model_field, models.BooleanField):
            return _("1 for yes, 0 for no")
        if isinstance(model_field, models.IntegerField | models.DecimalField):
            return _("number")
        if isinstance(model_field, ArrayField):
            return _("values separated by commas")
        return str(model_field.verbose_name)

    def template_dataset(self) -> tablib.Dataset:
        """The template file: the header row and an example row saying what each
        column takes. Built from the resource, so it never drifts from what imports."""
        fields = self.get_import_fields()
        return tablib.Dataset(
            [self.column_hint(field) for field in fields],
            headers=[field.column_name for field in fields],
        )
