from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from admin4all.admin import (
    InlineRowsMixin,
    ProgrammeAdmin,
    PublishableAdmin,
    YearFilter,
    phase_number,
)
from admin4all.admin_constraints import UniqueRowsInlineMixin
from admin4all.admin_spreadsheets import SpreadsheetAdminMixin
from municipalities.admin import PrivateFileAdminMixin, SubmissionReviewAdminMixin
from trainings import certificates
from trainings.models import (
    CurriculumModule,
    PeerVisit,
    Training,
    TrainingParticipant,
    TrainingReport,
)
from trainings.resources import (
    PeerVisitResource,
    TrainingParticipantResource,
    TrainingResource,
)
from trainings.services import training_attendance_fill

# What fill_attendance says of a breakdown it could not fill.
GENDER_LEFT_EMPTY = _(
    "%s: the gender breakdown was left empty, since someone who attended has no gender recorded."
)
SERVICE_LEFT_EMPTY = _(
    "%s: the service breakdown was left empty, since someone who attended has no service recorded."
)


# Certificates are for those who attended a training that has begun.
NO_CERTIFICATE_TRAINING = _(
    "No certificate: nobody on this training's list attended, or the training has not begun."
)
NO_CERTIFICATE_PARTICIPANT = _(
    "No certificate: this participant did not attend, or the training has not begun."
)


def _certificate_url(participant: TrainingParticipant) -> str:
    return reverse("admin:trainings_trainingparticipant_certificate", args=[participant.pk])


class CertificateLinkMixin:
    """A column linking to a participant's certificate, for those who attended."""

    @admin.display(description=_("certificate"))
    def certificate_link(self, obj):
        if obj.pk is None or not obj.attended:
            return "—"
        return format_html('<a href="{}">{}</a>', _certificate_url(obj), _("PDF"))


@admin.register(CurriculumModule)
class CurriculumModuleAdmin(ProgrammeAdmin):
    list_display = ["title", phase_number, "position"]
    list_filter = ["phase"]
    list_select_related = ["phase"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}


class TrainingParticipantInline(
    CertificateLinkMixin, UniqueRowsInlineMixin, InlineRowsMixin, admin.TabularInline
):
    model = TrainingParticipant
    extra = 0
    fields = [
        "full_name",
        "email",
        "gender",
        "service",
        "organisation",
        "attended",
        "certificate_link",
    ]
    readonly_fields = ["certificate_link"]


@admin.register(Training)
class TrainingAdmin(SpreadsheetAdminMixin, ProgrammeAdmin):
    resource_classes = [TrainingResource]
    inlines = [TrainingParticipantInline]
    actions = ["fill_attendance"]
    list_display = ["title", "municipality", phase_number, "start_date", "attendance_total"]
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

    def get_urls(self):
        return [
            path(
                "<path:object_id>/certificates.pdf",
                self.admin_site.admin_view(self.certificates_view),
                name="trainings_training_certificates",
            ),
            *super().get_urls(),
        ]

    def object_tool_links(self, request, obj):
        participants = reverse("admin:trainings_trainingparticipant_changelist")
        return [
            (_("Participants"), f"{participants}?training__id__exact={obj.pk}"),
            (
                _("Certificates (PDF)"),
                reverse("admin:trainings_training_certificates", args=[obj.pk]),
            ),
        ]

    def certificates_view(self, request, object_id):
        """The certificates of everyone on the training's list who attended."""
        certificates.require_permission(request)
        training = self.get_object(request, unquote(object_id))
        if training is None:
            raise Http404
        participants = list(certificates.certified(training.participants.all()))
        if not participants:
            self.message_user(request, NO_CERTIFICATE_TRAINING, messages.WARNING)
            return HttpResponseRedirect(
                reverse("admin:trainings_training_change", args=[training.pk])
            )
        return certificates.certificates_response(
            request, participants, filename=f"certificates-{training.slug}.pdf"
        )

    @admin.action(
        description=_("Fill attendance figures from the participant list"),
        permissions=["change"],
    )
    def fill_attendance(self, request, queryset):
        filled = training_attendance_fill(trainings=queryset)
        self.message_user(
            request,
            ngettext(
                "Attendance filled from the participant list of %d training.",
                "Attendance filled from the participant lists of %d trainings.",
                len(filled),
            )
            % len(filled),
            messages.SUCCESS,
        )
        skipped = queryset.count() - len(filled)
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%d training has no participant list and was left as it was.",
                    "%d trainings have no participant list and were left as they were.",
                    skipped,
                )
                % skipped,
                messages.WARNING,
            )
        for fill in filled:
            if not fill.has_gender:
                self.message_user(request, GENDER_LEFT_EMPTY % fill.training, messages.WARNING)
            if not fill.has_service:
                self.message_user(request, SERVICE_LEFT_EMPTY % fill.training, messages.WARNING)


@admin.register(TrainingParticipant)
class TrainingParticipantAdmin(CertificateLinkMixin, SpreadsheetAdminMixin, ProgrammeAdmin):
    """The participant lists: personal data, seen only here and by the officers of the
    training's municipality (officers.access)."""

    resource_classes = [TrainingParticipantResource]
    list_display = [
        "full_name",
        "training",
        "municipality",
        "gender",
        "service",
        "organisation",
        "attended",
        "certificate_link",
    ]
    list_filter = [
        "attended",
        "gender",
        "service",
        "training__phase",
        "training__municipality__country",
    ]
    list_select_related = ["training__municipality"]
    search_fields = ["full_name", "email", "organisation", "training__title", "training__slug"]
    autocomplete_fields = ["training"]
    actions = ["download_certificates"]

    def get_urls(self):
        return [
            path(
                "<path:object_id>/certificate.pdf",
                self.admin_site.admin_view(self.certificate_view),
                name="trainings_trainingparticipant_certificate",
            ),
            *super().get_urls(),
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return [*readonly, "certificate_link"] if obj is not None else readonly

    def object_tool_links(self, request, obj):
        return [(_("Certificate (PDF)"), _certificate_url(obj))] if obj.attended else []

    @admin.display(description=_("municipality"), ordering="training__municipality__name")
    def municipality(self, obj):
        return obj.training.municipality

    def certificate_view(self, request, object_id):
        certificates.require_permission(request)
        participant = self.get_object(request, unquote(object_id))
        if participant is None:
            raise Http404
        certified = certificates.certified(self.model.objects.filter(pk=participant.pk)).first()
        if certified is None:
            self.message_user(request, NO_CERTIFICATE_PARTICIPANT, messages.WARNING)
            return HttpResponseRedirect(
                reverse("admin:trainings_trainingparticipant_change", args=[participant.pk])
            )
        participant = certified
        name = slugify(participant.full_name, allow_unicode=True) or participant.pk
        return certificates.certificates_response(
            request,
            [participant],
            filename=f"certificate-{participant.training.slug}-{name}.pdf",
        )

    @admin.action(description=_("Certificates of attendance (PDF)"), permissions=["view"])
    def download_certificates(self, request, queryset):
        participants = list(certificates.certified(queryset))
        if not participants:
            self.message_user(
                request,
                _(
                    "No certificate: none of the selected participants attended a training "
                    "that has begun."
                ),
                messages.WARNING,
            )
            return None
        return certificates.certificates_response(
            request, participants, filename="certificates.pdf"
        )


@admin.register(PeerVisit)
class PeerVisitAdmin(SpreadsheetAdminMixin, ProgrammeAdmin):
    resource_classes = [PeerVisitResource]
    list_display = ["title", "host", phase_number, "start_date", "participant_count"]
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
    empty_list_help = _(
        "No training reports yet. Officers submit them from their city's page in the "
        "officer area (/my/); they arrive here awaiting review."
    )
    search_fields = ["title", "body", "municipality__name", "training__title"]
    autocomplete_fields = ["municipality", "training", "submitted_by"]
    actions = [*PublishableAdmin.actions, "return_to_submitter"]
    private_file_field = "attachment"
