"""How the history pages show times and recorded values.

{{ event.pgh_created_at|local_moment }}
    "7 December 2026, 08:08 CET": the portal's time zone, named (admin4all.local_time)
{{ change.before|history_value:120 }}
    a value of a change (admin4all.history_changes), shortened to 120 characters;
    a related record is named and linked to its page in the admin
"""

from django import template
from django.contrib import admin
from django.db import models
from django.utils.html import conditional_escape, format_html
from django.utils.text import Truncator

from admin4all import local_time
from admin4all.admin_history import admin_view_url

register = template.Library()


@register.filter
def local_moment(value) -> str:
    return local_time.local_moment(value) if value else ""


@register.filter
def history_value(value, limit=None) -> str:
    text = str(value)
    if limit:
        text = Truncator(text).chars(int(limit))
    model_admin = admin.site._registry.get(type(value))
    if isinstance(value, models.Model) and model_admin is not None:
        return format_html(
            '<a href="{}">{}</a>', admin_view_url(model_admin, "change", value.pk), text
        )
    return conditional_escape(text)
