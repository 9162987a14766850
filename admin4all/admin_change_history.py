"""The admin's "Change history": every change recorded for every tracked model, newest
first, as staff read it. django-pghistory's events admin lists the raw columns of its
events (model labels, ids, a JSON diff); this one says when (in the portal's time zone),
which record (linked to its change form and its own history page), what kind of record,
what changed (admin4all.history_changes) and by whom. pghistory's filters stay, with
readable names. Settings name it in PGHISTORY_ADMIN_CLASS.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from pghistory.admin import EventsAdmin
from pghistory.admin.core import (
    BackFilter,
    EventModelFilter,
    LabelFilter,
    MethodFilter,
    ModelFilter,
    ObjFilter,
)

from admin4all.admin_history import (
    HistoryAdminMixin,
    Version,
    admin_view_url,
    change_label,
    link_change,
    link_relations,
)
from admin4all.history_changes import (
    deleted_name,
    names_select_related,
    record_changes,
    record_from_data,
    records_by_pk,
    tracked_fields,
    with_related_names,
)
from admin4all.local_time import local_moment


@dataclass
class RecordedChange(Version):
    """One row of the change history: a version, and the record it belongs to (for a
    link, the record holding the relation)."""

    model: type[models.Model] | None = None
    pk: object = None
    record: models.Model | None = None  # as it is now; None once deleted

    @property
    def name(self) -> str:
        if self.record is not None:
            return str(self.record)
        if self.snapshot is not None:
            return str(self.snapshot)
        return deleted_name(self.model, self.pk) if self.model else str(self.event.pgh_obj_id)


def _tracked_model(row):
    try:
        return apps.get_model(row.pgh_obj_model)
    except LookupError:  # a model removed since its changes were recorded
        return None


def _recorded_change(row, links: dict) -> RecordedChange:
    """The change a row records, its records not yet loaded."""
    change = RecordedChange(event=row, user=None, source=row.command or row.url or "")
    if row.pgh_model in links:
        change.model, m2m = links[row.pgh_model]
        change.pk = row.pgh_data[m2m.m2m_column_name()]
        linked = row.pgh_data[m2m.m2m_reverse_name()]
        change.changes = [link_change(m2m, row.pgh_label, linked)]
        return change
    change.model = _tracked_model(row)
    if change.model is None:
        return change
    change.pk = change.model._meta.pk.to_python(row.pgh_obj_id)
    # Names the record once it is deleted.
    change.snapshot = record_from_data(change.model, row.pgh_data)
    if row.pgh_label == "update" and row.pgh_diff:
        diff = row.pgh_diff
        fields = [f for f in tracked_fields(change.model) if f.column in diff]
        before = record_from_data(change.model, {key: pair[0] for key, pair in diff.items()})
        after = record_from_data(change.model, {key: pair[1] for key, pair in diff.items()})
        change.changes = record_changes(change.model, before, after, fields)
    return change


def recorded_changes(rows) -> list[RecordedChange]:
    """The readable changes of a page of rows, loading what they name in bulk: the
    users, the records (and what their names follow), the related records."""
    links = link_relations()
    changes = [_recorded_change(row, links) for row in rows]
    by_model = defaultdict(list)
    for change in changes:
        if change.model is not None:
            by_model[change.model].append(change)
    for model, of_model in by_model.items():
        records = records_by_pk(model, {change.pk for change in of_model})
        for change in of_model:
            change.record = records.get(change.pk)
        snapshots = [c.snapshot for c in of_model if c.record is None and c.snapshot is not None]
        prefetch_related_objects(snapshots, *names_select_related(model))
    with_related_names([field for change in changes for field in change.changes])
    users = get_user_model()._base_manager.in_bulk({row.user_id for row in rows} - {None})
    for change in changes:
        change.user = users.get(change.event.user_id)
    return changes


class KnownChoiceMixin:
    """A value the filter does not offer (an address typed by hand) is reported the
    admin's way, not left to fail in the query."""

    def queryset(self, request, queryset):
        if self.value() is not None and self.value() not in dict(self.lookup_choices):
            raise IncorrectLookupParameters
        return super().queryset(request, queryset)


class ChangeKindFilter(KnownChoiceMixin, LabelFilter):
    title = _("change")

    ORDER = ["insert", "update", "delete", "add", "remove"]

    def lookups(self, request, model_admin):
        labels = [label for label, _label in super().lookups(request, model_admin)]
        labels.sort(key=lambda label: self.ORDER.index(label) if label in self.ORDER else 99)
        return [(label, change_label(label)) for label in labels]


class RecordKindFilter(KnownChoiceMixin, EventModelFilter):
    title = _("kind of record")

    def lookups(self, request, model_admin):
        links = link_relations()
        names = []
        for label, event_label in super().lookups(request, model_admin):
            if event_label in links:
                model, m2m = links[event_label]
                name = f"{capfirst(model._meta.verbose_name_plural)}: {m2m.verbose_name}"
            else:
                name = capfirst(apps.get_model(label).pgh_tracked_model._meta.verbose_name_plural)
            names.append((label, name))
        return sorted(names, key=lambda choice: str(choice[1]))


class RecordFilter(ObjFilter):
    title = _("record")


class RecordModelFilter(ModelFilter):
    title = _("model")


class RelationFilter(KnownChoiceMixin, MethodFilter):
    title = _("how the change concerns the record")

    def queryset(self, request, queryset):
        # The record, "app.Model:pk", must be one: pghistory would query with any key.
        model_label, _colon, pk = request.GET.get("obj", "").partition(":")
        try:
            apps.get_model(model_label)._meta.pk.to_python(pk)
        except (LookupError, ValueError, ValidationError):
            raise IncorrectLookupParameters from None
        return super().queryset(request, queryset)

    def lookups(self, request, model_admin):
        return [
            ("tracks", _("changes of the record")),
            ("references", _("changes of records that refer to it")),
        ]


class ChangeHistoryAdmin(EventsAdmin):
    change_list_template = "admin/history/change_history.html"
    list_display_links = None
    list_per_page = 50
    # Counting every recorded change on each page load is slow.
    show_full_result_count = False

    def get_list_display(self, request):
        return ["when", "record", "kind_of_record", "change", "by_whom"]

    def get_list_filter(self, request):
        if "obj" in request.GET:
            return [ChangeKindFilter, RecordKindFilter, RelationFilter, RecordFilter, BackFilter]
        if "model" in request.GET:
            return [ChangeKindFilter, RecordKindFilter, RecordModelFilter, BackFilter]
        return [ChangeKindFilter, RecordKindFilter]

    def changelist_view(self, request, extra_context=None):
        # pghistory's own adds an English subtitle ("Tracks …"): the filters say it.
        extra_context = {"title": capfirst(self.opts.verbose_name_plural), **(extra_context or {})}
        return admin.ModelAdmin.changelist_view(self, request, extra_context)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        readable = {id(c.event): c for c in recorded_changes(changelist.result_list)}
        for row in changelist.result_list:
            row.readable = readable[id(row)]
        return changelist

    @admin.display(description=_("when"), ordering="pgh_created_at")
    def when(self, row):
        # Broken, in a narrow column, before the time rather than inside the date.
        day, clock, zone = local_moment(row.pgh_created_at).rsplit(" ", 2)
        return format_html(
            '<span class="moment-part">{}</span> <span class="moment-part">{} {}</span>',
            day,
            clock,
            zone,
        )

    @admin.display(description=_("record"))
    def record(self, row):
        change = row.readable
        model_admin = self.admin_site._registry.get(change.model)
        if not isinstance(model_admin, HistoryAdminMixin):
            return change.name
        if change.record is None:
            return format_html(
                '{}<br><small><a href="{}">{}</a></small>',
                _("%(record)s (deleted)") % {"record": change.name},
                admin_view_url(model_admin, "deleted"),
                _("Deleted records"),
            )
        return format_html(
            '<a href="{}">{}</a><br><small><a href="{}">{}</a></small>',
            admin_view_url(model_admin, "change", change.pk),
            change.name,
            admin_view_url(model_admin, "history", change.pk),
            _("History"),
        )

    @admin.display(description=_("kind of record"))
    def kind_of_record(self, row):
        model = row.readable.model
        return capfirst(model._meta.verbose_name) if model else row.pgh_obj_model

    @admin.display(description=_("change"))
    def change(self, row):
        changes = render_to_string(
            "admin/history/includes/changes.html", {"version": row.readable}
        )
        return format_html("{}{}", row.readable.label, changes)

    @admin.display(description=_("by whom"))
    def by_whom(self, row):
        return render_to_string("admin/history/includes/author.html", {"version": row.readable})
