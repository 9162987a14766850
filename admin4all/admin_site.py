"""The admin site the portal's staff use: Django's, building its list of apps and
models only where a page shows it."""

from functools import partial

from django.contrib import admin
from django.utils.functional import SimpleLazyObject


class PortalAdminSite(admin.AdminSite):
    # No navigation sidebar: it took 276 px of a 1280 px screen on every page and, with
    # the filters, hid the last columns of half the lists (status, publication time).
    # The index lists every model; the breadcrumbs lead back to it.
    enable_nav_sidebar = False

    def get_app_list(self, request, app_label=None):
        # Every admin page's context names the app list, for the sidebar; built, it is
        # some 140 reverse() calls and permission checks: a third of /admin/'s time.
        return SimpleLazyObject(partial(super().get_app_list, request, app_label))
