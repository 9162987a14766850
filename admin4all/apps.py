from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class Admin4AllConfig(AppConfig):
    name = "admin4all"
    verbose_name = _("Programme")

    def ready(self):
        from admin4all.groups import sync_staff_groups

        # After Django's own post_migrate handler has created the permissions.
        post_migrate.connect(sync_staff_groups, dispatch_uid="admin4all_sync_staff_groups")
