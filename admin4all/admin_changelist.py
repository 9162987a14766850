"""Changelist rows built with string formatting where Django renders a template or
reverses a URL per row: the action checkbox was a widget template, and the link of each
row a reverse(). With 50 rows they were a fifth of a changelist's time."""

from urllib.parse import quote as percent_encode

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import quote
from django.contrib.admin.views.main import ChangeList
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import gettext as _

# What stands for the primary key in a reversed URL until each row puts its own there.
PK_PLACEHOLDER = "__pk__"


class PortalChangeList(ChangeList):
    """Reverses the change page's URL once per list, not once per row."""

    def url_for_result(self, result):
        if not hasattr(self, "_change_url_pattern"):
            self._change_url_pattern = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                args=(PK_PLACEHOLDER,),
                current_app=self.model_admin.admin_site.name,
            )
        # Quoted as reverse() quotes an argument: the admin's quote, then the URL's.
        pk = quote(str(getattr(result, self.pk_attname)))
        pk = percent_encode(pk, safe=RFC3986_SUBDELIMS + "/~:@")
        return self._change_url_pattern.replace(PK_PLACEHOLDER, pk, 1)


class ChangelistRowsMixin:
    """Changelists of a ModelAdmin with PortalChangeList and a formatted checkbox."""

    def get_changelist(self, request, **kwargs):
        return PortalChangeList

    def action_checkbox(self, obj):
        # Django's markup (ModelAdmin.action_checkbox), without a widget template.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            str(obj.pk),
            format_html(_("Select this object for an action - {}"), str(obj)),
        )
