"""The admin's history pages, read from django-pghistory's trigger-made events.

Each tracked model's "History" button lists every recorded version of the object
(who, when, through which page or command, what changed), and the links added to or
removed from its many-to-many fields; staff with change permission can restore any
version. The "Deleted records" page of each changelist lists objects that were deleted
and lets staff with add permission bring them back. The same versions and diffs tell
an editor what someone else saved meanwhile (admin4all.concurrency).
"""

from dataclasses import dataclass, field
from typing import Any

import pghistory
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from admin4all.history import TRACKED_LINKS

# Changed on every save; listing it would drown the real changes.
UNINTERESTING_FIELDS = {"updated_at"}
EMPTY = "—"


@dataclass
class FieldChange:
    label: str
    before: Any
    after: Any


@dataclass
class Version:
    """One line of a history page: an event with who made it and what it changed."""

    event: Any
    user: Any
    source: str
    snapshot: Any = None  # the object as the event recorded it, unsaved
    restorable: bool = False
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def label(self):
        return {
            "insert": _("created"),
            "update": _("changed"),
            "delete": _("deleted"),
            "add": _("link added"),
            "remove": _("link removed"),
        }.get(self.event.pgh_label, self.event.pgh_label)


def event_model_for(model):
    return model._meta.get_field("history").related_model


def _tracked_fields(model):
    tracked_names = {f.name for f in event_model_for(model)._meta.fields}
    return [
        f
        for f in model._meta.concrete_fields
        if f.name in tracked_names and f.name not in UNINTERESTING_FIELDS
    ]


def _display(event, model_field):
    value = getattr(event, model_field.attname)
    if value in (None, ""):
        return EMPTY
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value)
    return value


def _metadata(event) -> dict:
    return event.pgh_context.metadata if event.pgh_context_id else {}


def with_users(versions: list[Version]) -> list[Version]:
    """Fill in who made each change, in one query."""
    user_ids = {_metadata(version.event).get("user") for version in versions} - {None}
    users = get_user_model()._base_manager.in_bulk(list(user_ids))
    for version in versions:
        version.user = users.get(_metadata(version.event).get("user"))
    return versions


def object_versions(model, events, *, restorable: bool) -> list[Version]:
    """Versions of objects of `model` from their events, oldest first, each with the
    fields it changed compared with the previous event of the same object."""
    fields = _tracked_fields(model)
    versions, previous_by_object = [], {}
    for event in events:
        metadata = _metadata(event)
        version = Version(
            event=event,
            user=None,
            source=metadata.get("command") or metadata.get("url") or "",
            snapshot=model(**{f.attname: getattr(event, f.attname) for f in fields}),
            restorable=restorable,
        )
        previous = previous_by_object.get(event.pgh_obj_id)
        if previous is not None and event.pgh_label != "delete":
            for model_field in fields:
                before, after = _display(previous, model_field), _display(event, model_field)
                if before != after:
                    version.changes.append(
                        FieldChange(str(model_field.verbose_name), before, after)
                    )
        versions.append(version)
        previous_by_object[event.pgh_obj_id] = event
    return versions


def link_versions(model, object_pk) -> list[Version]:
    """Links added to or removed from the object's tracked many-to-many fields."""
    versions = []
    for field_name, event_label in TRACKED_LINKS.get(model, []):
        m2m = model._meta.get_field(field_name)
        source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
        events = list(
            apps.get_model(event_label)
            .objects.filter(**{f"{source}_id": object_pk})
            .select_related("pgh_context")
        )
        targets = m2m.related_model._base_manager.in_bulk(
            [getattr(event, f"{target}_id") for event in events]
        )
        for event in events:
            linked = targets.get(getattr(event, f"{target}_id"), EMPTY)
            before, after = (EMPTY, linked) if event.pgh_label == "add" else (linked, EMPTY)
            metadata = _metadata(event)
            versions.append(
                Version(
                    event=event,
                    user=None,
                    source=metadata.get("command") or metadata.get("url") or "",
                    changes=[FieldChange(str(m2m.verbose_name), before, after)],
                )
            )
    return versions


def admin_view_url(model_admin: admin.ModelAdmin, view: str, *args, **kwargs) -> str:
    """The address of one of a model admin's views ("change", "history", "import"...)."""
    return reverse(
        f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_{view}",
        args=args or None,
        kwargs=kwargs or None,
        current_app=model_admin.admin_site.name,
    )


class HistoryAdminMixin:
    """History and restore pages for a model tracked with admin4all.history.tracked."""

    object_history_template = "admin/history/object_history.html"

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("deleted/", wrap(self.deleted_records_view), name=f"{prefix}_deleted"),
            path(
                "<path:object_id>/history/<int:event_id>/restore/",
                wrap(require_POST(self.restore_view)),
                name=f"{prefix}_restore",
            ),
            *super().get_urls(),
        ]

    def _can_revert(self) -> bool:
        return event_model_for(self.model)().can_revert

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "deleted_records_url": admin_view_url(self, "deleted"),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, admin.utils.unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        events = (
            event_model_for(self.model)
            .objects.filter(pgh_obj_id=obj.pk)
            .select_related("pgh_context")
            .order_by("pgh_id")
        )
        restorable = self._can_revert() and self.has_change_permission(request, obj)
        versions = object_versions(self.model, events, restorable=restorable)
        versions += link_versions(self.model, obj.pk)
        # Newest first. Events of one transaction share a time: reversing a stable
        # ascending sort keeps them newest first too.
        versions.sort(key=lambda version: version.event.pgh_created_at)
        versions.reverse()
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %s") % obj,
            "subtitle": None,
            "versions": with_users(versions),
            "module_name": str(self.opts.verbose_name_plural).capitalize(),
            "object": obj,
            "opts": self.opts,
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    def deleted_records_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        deleted = (
            event_model_for(self.model)
            .objects.filter(pgh_label="delete")
            .exclude(pgh_obj_id__in=self.model._base_manager.values("pk"))
            .select_related("pgh_context")
            .order_by("-pgh_id")[:200]
        )
        restorable = self._can_revert() and self.has_add_permission(request)
        versions = object_versions(self.model, deleted, restorable=restorable)
        # The page names each record; some names follow foreign keys (a participation
        # names its municipality and phase): load those the changelist loads, in bulk.
        if isinstance(self.list_select_related, list | tuple):
            snapshots = [version.snapshot for version in versions]
            prefetch_related_objects(snapshots, *self.list_select_related)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Deleted %s") % self.opts.verbose_name_plural,
            "subtitle": None,
            "versions": with_users(versions),
            "opts": self.opts,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/history/deleted_records.html", context)

    def restore_view(self, request, object_id, event_id):
        event = get_object_or_404(
            event_model_for(self.model), pk=event_id, pgh_obj_id=admin.utils.unquote(object_id)
        )
        existing = self.model._base_manager.filter(pk=event.pgh_obj_id).first()
        allowed = (
            self.has_change_permission(request, existing)
            if existing
            else self.has_add_permission(request)
        )
        if not allowed or not event.can_revert:
            raise PermissionDenied
        try:
            with transaction.atomic(), pghistory.context(restored_event=event.pk):
                restored = event.revert()
        except IntegrityError as error:
            messages.error(
                request,
                _("This version cannot be restored: %(error)s")
                % {"error": str(error).splitlines()[0]},
            )
            return HttpResponseRedirect(
                admin_view_url(self, "history", existing.pk)
                if existing
                else admin_view_url(self, "deleted")
            )
        messages.success(
            request,
            _("Restored %(object)s as it was on %(time)s.")
            % {"object": restored, "time": event.pgh_created_at.strftime("%Y-%m-%d %H:%M")},
        )
        return HttpResponseRedirect(admin_view_url(self, "change", restored.pk))
