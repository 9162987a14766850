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
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from admin4all.history import TRACKED_LINKS
from admin4all.history_changes import (
    EMPTY,
    FieldChange,
    record_changes,
    tracked_fields,
    with_related_names,
)
from admin4all.local_time import local_moment


def change_label(pgh_label: str) -> str:
    """What an event's label ("insert", "add"...) means, as staff say it."""
    return {
        "insert": _("created"),
        "update": _("changed"),
        "delete": _("deleted"),
        "add": _("link added"),
        "remove": _("link removed"),
    }.get(pgh_label, pgh_label)


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
        return change_label(self.event.pgh_label)


# The restore confirmation's field holding the version of the record it showed.
SEEN_VERSION_FIELD = "seen_version"


def event_model_for(model):
    return model._meta.get_field("history").related_model


def latest_event_id(model, pk) -> int | None:
    """The id of the last event recorded for the record: it moves with every write."""
    events = event_model_for(model).objects.filter(pgh_obj_id=pk).order_by("-pgh_id")
    return events.values_list("pgh_id", flat=True).first()


def lock_record(model, pk) -> None:
    """Lock the record's row until the transaction ends. An empty ordering keeps joins
    (and their rows) out of the lock."""
    list(model._base_manager.select_for_update().filter(pk=pk).order_by().values("pk"))


def _metadata(event) -> dict:
    return event.pgh_context.metadata if event.pgh_context_id else {}


def with_users(versions: list[Version]) -> list[Version]:
    """Fill in who made each change, in one query."""
    user_ids = {_metadata(version.event).get("user") for version in versions} - {None}
    users = get_user_model()._base_manager.in_bulk(list(user_ids))
    for version in versions:
        version.user = users.get(_metadata(version.event).get("user"))
    return versions


def _source(metadata: dict) -> str:
    """The page or command behind a change."""
    return metadata.get("command") or metadata.get("url") or ""


def object_versions(model, events, *, restorable: bool) -> list[Version]:
    """Versions of objects of `model` from their events, oldest first, each with the
    fields it changed compared with the previous event of the same object."""
    fields = tracked_fields(model)
    versions, previous_by_object = [], {}
    for event in events:
        version = Version(
            event=event,
            user=None,
            source=_source(_metadata(event)),
            snapshot=model(**{f.attname: getattr(event, f.attname) for f in fields}),
            restorable=restorable,
        )
        previous = previous_by_object.get(event.pgh_obj_id)
        if previous is not None and event.pgh_label != "delete":
            version.changes = record_changes(model, previous, event, fields)
        versions.append(version)
        previous_by_object[event.pgh_obj_id] = event
    with_related_names([change for version in versions for change in version.changes])
    return versions


def link_relations() -> dict[str, tuple[type, Any]]:
    """For each event model of many-to-many links, the model holding the relation and
    the relation's field."""
    return {
        event_label: (model, model._meta.get_field(field_name))
        for model, links in TRACKED_LINKS.items()
        for field_name, event_label in links
    }


def link_change(m2m, pgh_label: str, linked_pk) -> FieldChange:
    """The link an "add" or "remove" event recorded, the linked record not yet named
    (with_related_names)."""
    before, after = (EMPTY, linked_pk) if pgh_label == "add" else (linked_pk, EMPTY)
    return FieldChange(str(m2m.verbose_name), before, after, m2m.related_model)


def link_versions(model, object_pk) -> list[Version]:
    """Links added to or removed from the object's tracked many-to-many fields."""
    versions = []
    for field_name, event_label in TRACKED_LINKS.get(model, []):
        m2m = model._meta.get_field(field_name)
        events = (
            apps.get_model(event_label)
            .objects.filter(**{f"{m2m.m2m_field_name()}_id": object_pk})
            .select_related("pgh_context")
        )
        versions += [
            Version(
                event=event,
                user=None,
                source=_source(_metadata(event)),
                changes=[
                    link_change(
                        m2m, event.pgh_label, getattr(event, f"{m2m.m2m_reverse_field_name()}_id")
                    )
                ],
            )
            for event in events
        ]
    with_related_names([change for version in versions for change in version.changes])
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
                wrap(require_http_methods(["GET", "POST"])(self.restore_view)),
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
        """Shows what restoring the version would change and asks first; restores only
        on the confirming POST, and only if the record has not changed since the page
        showed it."""
        try:
            pk = self.opts.pk.to_python(admin.utils.unquote(object_id))
        except ValidationError:
            raise Http404 from None
        event = get_object_or_404(
            event_model_for(self.model).objects.select_related("pgh_context"),
            pk=event_id,
            pgh_obj_id=pk,
        )
        existing = self.model._base_manager.filter(pk=event.pgh_obj_id).first()
        allowed = (
            self.has_change_permission(request, existing)
            if existing
            else self.has_add_permission(request)
        )
        if not allowed or not event.can_revert:
            raise PermissionDenied
        confirmed = request.POST.get(SEEN_VERSION_FIELD)
        if request.method == "POST" and confirmed is not None:
            with transaction.atomic():
                # Locked until restored: the version checked is the one replaced.
                lock_record(self.model, event.pgh_obj_id)
                if confirmed == self._seen_version(event):
                    return self._restore(request, event, existing)
        return self._restore_confirmation(
            request, event, existing, changed_meanwhile=confirmed is not None
        )

    def _seen_version(self, event) -> str:
        return str(latest_event_id(self.model, event.pgh_obj_id))

    def _back_url(self, existing) -> str:
        """Where restoring starts from: the record's history, or the deleted records."""
        if existing:
            return admin_view_url(self, "history", existing.pk)
        return admin_view_url(self, "deleted")

    def _restore_confirmation(self, request, event, existing, *, changed_meanwhile):
        [version] = with_users(object_versions(self.model, [event], restorable=True))
        changes = with_related_names(record_changes(self.model, existing, event))
        link_fields = [
            self.opts.get_field(field_name).verbose_name
            for field_name, _event_label in TRACKED_LINKS.get(self.model, [])
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Restore: %s") % (existing or version.snapshot),
            "subtitle": None,
            "opts": self.opts,
            "object": existing,
            "version": version,
            "changes": changes,
            "link_fields": ", ".join(str(name) for name in link_fields),
            "seen_version": self._seen_version(event),
            "seen_version_field": SEEN_VERSION_FIELD,
            "changed_meanwhile": changed_meanwhile,
            "back_url": self._back_url(existing),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/history/restore_confirmation.html", context)

    def _restore(self, request, event, existing):
        try:
            with transaction.atomic(), pghistory.context(restored_event=event.pk):
                restored = event.revert()
        except IntegrityError as error:
            messages.error(
                request,
                _("This version cannot be restored: %(error)s")
                % {"error": str(error).splitlines()[0]},
            )
            return HttpResponseRedirect(self._back_url(existing))
        messages.success(
            request,
            _("Restored %(object)s as it was on %(time)s.")
            % {"object": restored, "time": local_moment(event.pgh_created_at)},
        )
        return HttpResponseRedirect(admin_view_url(self, "change", restored.pk))
