from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from procrastinate.contrib.django.apps import ProcrastinateConfig


class Admin4AllConfig(AppConfig):
    # The app's own configuration, among the others this module holds.
    default = True
    name = "admin4all"
    verbose_name = _("Programme")

    def ready(self):
        from admin4all import checks  # noqa: F401  (registers the deployment checks)
        from admin4all.content_versions import install_version_triggers, watch_content_writes
        from admin4all.groups import sync_staff_groups
        from admin4all.site import sync_site
        from admin4all.translation import lock_derived_fields

        lock_derived_fields()

        # After Django's own post_migrate handlers have created the permissions and
        # the default site.
        post_migrate.connect(sync_staff_groups, dispatch_uid="admin4all_sync_staff_groups")
        post_migrate.connect(sync_site, dispatch_uid="admin4all_sync_site")
        post_migrate.connect(install_version_triggers, dispatch_uid="admin4all_content_version")
        connection_created.connect(watch_content_writes, dispatch_uid="admin4all_content_writes")


class TaskQueueConfig(ProcrastinateConfig):
    """procrastinate's Django app (the task queue's jobs, worker command and admin),
    under a name staff understand in the admin."""

    verbose_name = _("Task queue")


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on the portal's admin site (admin4all.admin_site)."""

    default = False  # admin4all's own configuration is Admin4AllConfig

    default_site = "admin4all.admin_site.PortalAdminSite"
