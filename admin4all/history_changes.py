"""What changed between two versions of a record, as staff read it: each field by its
verbose name, choices by their labels, translations per field and language
("title (Italiano)"), related records by name, dates and times in the portal's time
zone. The history pages, the restore confirmation, the global change history and the
edit conflicts (admin4all.concurrency) all show changes this way.

A version is anything holding the record's columns as attributes: the record itself,
a history event, or a record rebuilt from an event's JSON (`record_from_data`).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.contrib import admin
from django.db import models
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from admin4all.local_time import local_moment
from admin4all.translation import (
    TranslationField,
    content_languages,
    translation_label,
    translation_of,
)

# Changed on every save; listing it would drown the real changes.
UNINTERESTING_FIELDS = {"updated_at"}
EMPTY = "—"


@dataclass
class FieldChange:
    label: str
    before: Any
    after: Any
    # The model a foreign key points to: `before` and `after` hold its ids until
    # with_related_names() puts the records in their place.
    related_model: type[models.Model] | None = None


def tracked_fields(model) -> list[models.Field]:
    """The fields of `model` its history records, less the uninteresting ones."""
    event_model = model._meta.get_field("history").related_model
    tracked_names = {f.name for f in event_model._meta.fields}
    return [
        f
        for f in model._meta.concrete_fields
        if f.name in tracked_names and f.name not in UNINTERESTING_FIELDS
    ]


def record_from_data(model, data: dict) -> models.Model:
    """An unsaved record of `model` holding the columns of `data` (a history event's
    JSON, keyed by column) as Python values."""
    values = {}
    for field in model._meta.concrete_fields:
        if field.column in data:
            values[field.attname] = field.to_python(data[field.column])
    return model(**values)


def _is_empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def readable(field: models.Field, value):
    """A field's value as staff read it. A foreign key stays an id here (see
    FieldChange.related_model)."""
    if _is_empty(value):
        return EMPTY
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return local_moment(value)
    if isinstance(value, date):
        return date_format(value)
    if isinstance(value, time):
        return time_format(value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return value


def _translation(version, name: str, code: str) -> str:
    return translation_of(version, name, code) if version is not None else ""


def field_changes(field: models.Field, before, after) -> list[FieldChange]:
    """What changed in one field from `before` to `after`; `before` is None when the
    record does not exist. The translations column is told per field and language,
    not as one JSON value."""
    if isinstance(field, TranslationField):
        changes = []
        for name in field.fields:
            for code, _language in content_languages():
                old, new = _translation(before, name, code), _translation(after, name, code)
                if old != new:
                    label = translation_label(field.model, name, code)
                    changes.append(FieldChange(label, old or EMPTY, new or EMPTY))
        return changes
    old = getattr(before, field.attname) if before is not None else None
    new = getattr(after, field.attname)
    if old == new or (_is_empty(old) and _is_empty(new)):
        return []
    related = field.related_model if field.many_to_one or field.one_to_one else None
    return [
        FieldChange(str(field.verbose_name), readable(field, old), readable(field, new), related)
    ]


def record_changes(model, before, after, fields=None) -> list[FieldChange]:
    """What changed in every tracked field (or in `fields`) of a record of `model`; its
    key never does, and a record coming back keeps its own."""
    return [
        change
        for field in (tracked_fields(model) if fields is None else fields)
        if not field.primary_key
        for change in field_changes(field, before, after)
    ]


def names_select_related(model) -> list[str]:
    """The relations a record's name follows (a participation names its municipality
    and phase): those its changelist loads with it."""
    model_admin = admin.site._registry.get(model)
    select = getattr(model_admin, "list_select_related", None)
    return list(select) if isinstance(select, list | tuple) else []


def records_by_pk(model, pks) -> dict:
    """The records of `model` with these keys, deleted ones left out, in one query
    with what their names need."""
    queryset = model._base_manager.select_related(*names_select_related(model))
    return queryset.in_bulk(list(pks))


def deleted_name(model, pk) -> str:
    """How a record deleted since is named where its own name is not known."""
    return _("%(model)s %(id)s (deleted since)") % {"model": model._meta.verbose_name, "id": pk}


def _named(records: dict, model, value):
    if value == EMPTY:
        return value
    return records.get(value) or deleted_name(model, value)


def with_related_names(changes: list[FieldChange]) -> list[FieldChange]:
    """Put the related records in place of the ids foreign keys hold, in one query per
    related model; a record deleted since is named by its model and id."""
    wanted = defaultdict(set)
    for change in changes:
        if change.related_model is not None:
            wanted[change.related_model] |= {change.before, change.after} - {EMPTY}
    found = {model: records_by_pk(model, pks) for model, pks in wanted.items()}
    for change in changes:
        if change.related_model is not None:
            records = found[change.related_model]
            change.before = _named(records, change.related_model, change.before)
            change.after = _named(records, change.related_model, change.after)
            change.related_model = None
    return changes
