from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from admin4all.admin import ProgrammeAdmin, PublishableAdmin
from municipalities.models import (
    Country,
    GoodPractice,
    Municipality,
    OfficerMembership,
    Participation,
)


@admin.register(Country)
class CountryAdmin(ProgrammeAdmin):
    list_display = ["name", "native_name", "iso_code"]
    search_fields = ["name", "native_name", "iso_code"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["name"]


class ParticipationInline(admin.StackedInline):
    model = Participation
    extra = 0
    fields = ["phase", "has_coordination_mechanism", "needs_assessment", "coordination_notes"]


class OfficerMembershipInline(admin.TabularInline):
    model = OfficerMembership
    extra = 0
    fields = ["user", "job_title"]
    autocomplete_fields = ["user"]


@admin.register(Municipality)
class MunicipalityAdmin(ProgrammeAdmin):
    list_display = ["name", "native_name", "country", "kind", "phase_numbers"]
    list_filter = ["country", "participations__phase", "kind"]
    list_select_related = ["country"]
    search_fields = ["name", "native_name", "region"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    inlines = [ParticipationInline, OfficerMembershipInline]
    ordering = ["name"]
    fieldsets = [
        (None, {"fields": ["name", "native_name", "alternative_names", "slug", "kind"]}),
        (_("Place"), {"fields": ["country", "region", "latitude", "longitude"]}),
        (_("Public profile"), {"fields": ["profile", "website", "contact_email"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("phases")

    def get_search_results(self, request, queryset, search_term):
        # Any spelling, with or without diacritics: "Wroclav" and "Wroclaw" find Wrocław.
        # Autocomplete widgets elsewhere in the admin search through here too.
        term = search_term.strip()
        if not term:
            return queryset, False
        matches = self.model.objects.matching_name(term).values("pk")
        return queryset.filter(pk__in=matches), False

    @admin.display(description=_("phases"))
    def phase_numbers(self, obj):
        return ", ".join(str(phase.number) for phase in obj.phases.all())


@admin.register(Participation)
class ParticipationAdmin(ProgrammeAdmin):
    list_display = ["municipality", "phase", "has_coordination_mechanism"]
    list_filter = ["phase", "has_coordination_mechanism", "municipality__country"]
    list_select_related = ["municipality", "phase"]
    search_fields = ["municipality__name", "municipality__native_name"]
    autocomplete_fields = ["municipality"]


@admin.register(OfficerMembership)
class OfficerMembershipAdmin(ProgrammeAdmin):
    list_display = ["user", "municipality", "job_title", "created_at"]
    list_filter = ["municipality__country"]
    list_select_related = ["user", "municipality"]
    search_fields = ["user__email", "user__username", "municipality__name"]
    autocomplete_fields = ["user", "municipality"]


@admin.register(GoodPractice)
class GoodPracticeAdmin(PublishableAdmin):
    list_display = ["title", "municipality", "phase", "submitted_by"]
    list_filter = ["phase", "municipality__country", "themes"]
    list_select_related = ["municipality", "phase", "submitted_by"]
    search_fields = ["title", "summary", "municipality__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["municipality", "phase", "themes", "submitted_by"]
