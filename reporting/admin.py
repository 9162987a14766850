from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from admin4all.admin import ProgrammeAdmin, phase_number
from reporting.models import IndicatorTarget


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(ProgrammeAdmin):
    list_display = ["indicator", phase_number, "country", "value"]
    list_filter = ["indicator", "phase", "country"]
    list_select_related = ["phase", "country"]
    search_fields = ["notes", "country__name"]
    autocomplete_fields = ["country"]
    ordering = ["phase__number", "indicator", "country__name"]
    empty_list_help = _(
        "No targets yet. A target is what a phase aims for on an indicator, for the whole "
        "programme or one country; the indicators dashboard and the phase reports set "
        "the results against it."
    )
