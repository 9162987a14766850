"""The staff groups and what each may do in the admin.

The groups are created by a migration; their permissions are kept in step with the
models after every `migrate` (see AdminConfig.ready), so a model added later is
covered without another data migration.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from pghistory.models import Event as HistoryEvent

EDITORS = "Programme editors"
VIEWERS = "Programme viewers"


def _programme_models():
    """The models of the project's own apps, whichever layer they sit in."""
    for config in apps.get_app_configs():
        if config.name in settings.LOCAL_APPS:
            yield from config.get_models()


def staff_group_permissions() -> dict[str, list[Permission]]:
    """Editors change every programme record; viewers only look. Nobody but a
    superuser changes user accounts (an editor could otherwise make themselves
    superuser), and the history is read-only for everyone."""
    editor_codenames, viewer_codenames = [], []
    read_only = (
        HistoryEvent,
        apps.get_model("admin4all", "ChangeHistory"),
        apps.get_model("admin4all", "OutgoingEmail"),
    )
    for model in _programme_models():
        if model._meta.proxy and model._meta.concrete_model._meta.auto_created:
            continue  # the proxies that carry many-to-many history triggers
        name = model._meta.model_name
        viewer_codenames.append((model._meta.app_label, f"view_{name}"))
        if issubclass(model, read_only) or model is apps.get_model("admin4all", "User"):
            editor_codenames.append((model._meta.app_label, f"view_{name}"))
        else:
            editor_codenames.extend(
                (model._meta.app_label, f"{action}_{name}")
                for action in ("add", "change", "delete", "view")
            )

    def lookup(pairs):
        wanted = set(pairs)
        return [
            permission
            for permission in Permission.objects.select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in wanted
        ]

    return {
        EDITORS: lookup(editor_codenames),
        VIEWERS: lookup(viewer_codenames),
    }


def sync_staff_groups(**kwargs) -> None:
    for name, permissions in staff_group_permissions().items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)
