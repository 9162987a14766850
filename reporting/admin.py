from django.contrib import admin

from admin4all.admin import ProgrammeAdmin
from reporting.models import IndicatorTarget


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(ProgrammeAdmin):
    list_display = ["indicator", "phase", "country", "value"]
    list_filter = ["indicator", "phase", "country"]
    list_select_related = ["phase", "country"]
    search_fields = ["notes", "country__name"]
    autocomplete_fields = ["country"]
    ordering = ["phase__number", "indicator", "country__name"]
