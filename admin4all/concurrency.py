"""Concurrent edits never silently overwrite each other (issue #5, "Nothing lost").

An edit form carries a version token: the id of the object's latest history event when
the form was rendered, signed together with the object's identity. django-pghistory
records every write by database trigger, `QuerySet.update()` included, so the id moves
whenever the row does; `updated_at` would miss bulk updates, and some models lack it.

On save the form locks the row and compares the token with the latest event. If someone
saved in between, the form is refused and shown again with who saved, when, and what
they changed, the user's own input kept and a fresh token: saving again then overwrites
knowingly. The check runs in the form's `clean()`, so the view must validate and save in
one transaction: the admin's change view does; other views wrap their POST.
"""

from dataclasses import dataclass

from django import forms
from django.core import signing
from django.db import models
from django.utils.translation import gettext as _

from admin4all.admin_history import (
    event_model_for,
    latest_event_id,
    link_versions,
    lock_record,
    object_versions,
    with_users,
)
from admin4all.history_changes import FieldChange
from admin4all.local_time import local_moment

VERSION_FIELD = "version_token"
_signer = signing.Signer(salt="admin4all.concurrency")


@dataclass
class Conflict:
    """Why a form was refused, and the token of the version it was checked against."""

    message: str
    token: str
    # None when the version the form was opened on is unknown (old page, tampered token).
    changes: list[FieldChange] | None


def _events(obj: models.Model) -> models.QuerySet:
    return event_model_for(type(obj)).objects.filter(pgh_obj_id=obj.pk)


def _token(obj: models.Model, event_id: int | None) -> str:
    return _signer.sign(f"{obj._meta.label}:{obj.pk}:{event_id or ''}")


def version_token(obj: models.Model) -> str:
    """The token of the object's current version, for its edit form to carry."""
    return _token(obj, latest_event_id(type(obj), obj.pk))


def _opened_event_id(obj: models.Model, token: str) -> int | None:
    """The event id a token names, or None if it is not a valid token for `obj`."""
    try:
        value = _signer.unsign(token)
    except signing.BadSignature:
        return None
    prefix = f"{obj._meta.label}:{obj.pk}:"
    event_id = value.removeprefix(prefix)
    return int(event_id) if value.startswith(prefix) and event_id.isdigit() else None


def _author(version) -> str:
    if version.user is None:  # a command, or a change made outside any request
        return _("Someone else")
    return str(version.user)  # their name, else their email address


def edit_conflict(obj: models.Model, token: str) -> Conflict | None:
    """Lock the object's row until the transaction ends and tell whether a version was
    saved after the one `token` names. Call inside the transaction that saves `obj`."""
    lock_record(type(obj), obj.pk)
    latest_id = latest_event_id(type(obj), obj.pk)
    current = _token(obj, latest_id)
    if token == current:
        return None
    opened_id = _opened_event_id(obj, token)
    events = list(
        _events(obj)
        .filter(pgh_id__in=[opened_id, latest_id])
        .select_related("pgh_context")
        .order_by("pgh_id")
    )
    if opened_id is None or len(events) != 2:
        message = _(
            "This form does not say which version of the record it was opened on (it may "
            "come from an old page), so changes saved since cannot be shown. Your edits are "
            "still in the form: save again to keep them, or reload the page to see the "
            "record as it is now."
        )
        return Conflict(message=message, token=current, changes=None)
    opened, latest = with_users(object_versions(type(obj), events, restorable=False))
    # Links are recorded in tables of their own: those changed by the same saves (one
    # request or command each) as the versions after the opened one.
    saves = set(_events(obj).filter(pgh_id__gt=opened_id).values_list("pgh_context_id", flat=True))
    saves.discard(None)
    links = [
        change
        for version in link_versions(type(obj), obj.pk)
        if version.event.pgh_context_id in saves
        for change in version.changes
    ]
    message = _(
        "%(who)s saved this record on %(time)s after you opened it. Their changes are "
        "shown below; your edits are still in the form. Review them and save again to "
        "keep yours."
    ) % {
        "who": _author(latest),
        "time": local_moment(latest.event.pgh_created_at),
    }
    return Conflict(message=message, token=current, changes=latest.changes + links)


class VersionTokenField(forms.CharField):
    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        # Bookkeeping, not a change of the record (keeps it out of admin change messages).
        return False


class VersionedFormMixin:
    """For a ModelForm: refuses to save the instance over a version saved after the form
    was opened. `conflict` then tells who changed what."""

    conflict: Conflict | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[VERSION_FIELD] = VersionTokenField(required=False)
        if self._is_change() and not self.is_bound:
            self.initial[VERSION_FIELD] = version_token(self.instance)

    def _is_change(self) -> bool:
        return not self.instance._state.adding

    def clean(self):
        cleaned_data = super().clean()
        if self._is_change():
            self.conflict = edit_conflict(self.instance, cleaned_data.get(VERSION_FIELD, ""))
        if self.conflict is not None:
            self.add_error(None, self.conflict.message)
            # Shown again with the current version's token, so saving again succeeds.
            self.data = self.data.copy()
            self.data[self.add_prefix(VERSION_FIELD)] = self.conflict.token
        return cleaned_data


class VersionedAdminMixin:
    """Change forms of this admin carry a version token and refuse to overwrite a
    version saved after they were opened (the admin's change view is atomic)."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (VersionedFormMixin, form), {})
