from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from admin4all.admin import ProgrammeAdmin, PublishableAdmin, YearFilter
from admin4all.admin_spreadsheets import SpreadsheetAdminMixin
from municipalities.admin import PrivateFileAdminMixin, SubmissionReviewAdminMixin
from trainings.models import CurriculumModule, PeerVisit, Training, TrainingReport
from trainings.resources import PeerVisitResource, TrainingResource


@admin.register(CurriculumModule)
class CurriculumModuleAdmin(ProgrammeAdmin):
    list_display = ["title", "phase", "position"]
    list_filter = ["phase"]
    list_select_related = ["phase"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Training)
class TrainingAdmin(SpreadsheetAdminMixin, ProgrammeAdmin):
    resource_classes = [TrainingResource]
    list_display = ["title", "municipality", "phase", "start_date", "attendance_total"]
    list_filter = ["phase", "municipality__country", YearFilter]
    list_select_related = ["municipality", "phase"]
    search_fields = ["title", "audience", "municipality__name"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["municipality", "trainers", "trainer_organisation", "modules"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "municipality", "phase", "start_date", "end_date"]}),
        (
            _("Content"),
            {
                "fields": [
                    "location",
                    "audience",
                    "description",
                    "modules",
                    "trainers",
                    "trainer_organisation",
                ]
            },
        ),
        (
            _("Attendance"),
            {
                "description": _(
                    "Leave a figure empty when it was not reported. When a breakdown is "
                    "given in full, it must add up to the number of participants."
                ),
                "fields": [
                    "attendance_total",
                    ("attendance_women", "attendance_men", "attendance_other_gender"),
                    (
                        "attendance_social_services",
                        "attendance_immigration_office",
                        "attendance_employment_services",
                        "attendance_other_services",
                    ),
                ],
            },
        ),
    ]


@admin.register(PeerVisit)
class PeerVisitAdmin(SpreadsheetAdminMixin, ProgrammeAdmin):
    resource_classes = [PeerVisitResource]
    list_display = ["title", "host", "phase", "start_date", "participant_count"]
    list_filter = ["phase", "host__country", "themes", YearFilter]
    list_select_related = ["host", "phase"]
    search_fields = ["title", "host__name", "findings", "recommendations"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["host", "visitors", "themes"]


@admin.register(TrainingReport)
class TrainingReportAdmin(SubmissionReviewAdminMixin, PrivateFileAdminMixin, PublishableAdmin):
    list_display = ["title", "municipality", "training", "submitted_by"]
    # By country, not municipality: thousands would be listed; search finds a city's name.
    list_filter = ["municipality__country"]
    list_select_related = ["municipality", "training", "submitted_by"]
    search_fields = ["title", "body", "municipality__name", "training__title"]
    autocomplete_fields = ["municipality", "training", "submitted_by"]
    actions = [*PublishableAdmin.actions, "return_to_submitter"]
    private_file_field = "attachment"
