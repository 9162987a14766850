from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from admin4all.admin import InlineRowsMixin, ProgrammeAdmin, PublishableAdmin, phase_number
from admin4all.admin_constraints import UniqueRowsInlineMixin
from admin4all.admin_spreadsheets import SpreadsheetAdminMixin
from admin4all.models import ProgrammePhase, Status
from admin4all.uploads import original_file_name, private_file_response
from municipalities.forms import SubmissionReturnForm
from municipalities.models import (
    Country,
    GoodPractice,
    Municipality,
    MunicipalityContact,
    MunicipalityDocument,
    OfficerInvitation,
    OfficerMembership,
    Participation,
)
from municipalities.resources import MunicipalityResource, ParticipationResource
from municipalities.services import (
    InvitationNotPendingError,
    officer_invitation_resend,
    officer_invite,
    submission_return,
)


@admin.register(Country)
class CountryAdmin(ProgrammeAdmin):
    list_display = ["name", "native_name", "iso_code"]
    search_fields = ["name", "native_name", "iso_code"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["name"]


class ParticipationInline(UniqueRowsInlineMixin, InlineRowsMixin, admin.StackedInline):
    model = Participation
    extra = 0
    fields = ["phase", "has_coordination_mechanism", "needs_assessment", "coordination_notes"]
    autocomplete_fields = ["phase"]
    select_related = ("municipality", "phase")


class MunicipalityContactInline(InlineRowsMixin, admin.StackedInline):
    model = MunicipalityContact
    extra = 0
    fields = [("name", "role"), ("email", "phone"), "notes"]
    select_related = ("municipality",)


class OfficerMembershipInline(UniqueRowsInlineMixin, InlineRowsMixin, admin.TabularInline):
    model = OfficerMembership
    extra = 0
    fields = ["user", "job_title"]
    autocomplete_fields = ["user"]
    select_related = ("user", "municipality")


@admin.register(Municipality)
class MunicipalityAdmin(SpreadsheetAdminMixin, ProgrammeAdmin):
    resource_classes = [MunicipalityResource]
    list_display = ["name", "native_name", "country", "kind", "phase_numbers"]
    list_filter = ["country", "participations__phase", "kind"]
    list_select_related = ["country"]
    search_fields = ["name", "native_name", "region"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    inlines = [ParticipationInline, OfficerMembershipInline, MunicipalityContactInline]
    ordering = ["name"]
    markdown_fields = ("profile",)
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

    def object_tool_links(self, request, obj):
        return [
            (
                _("Phase %(number)s report") % {"number": phase.number},
                reverse(
                    "admin_municipality_report",
                    kwargs={"phase": phase.slug, "municipality": obj.slug},
                ),
            )
            for phase in ProgrammePhase.objects.filter(participations__municipality=obj)
        ]

    @admin.display(description=_("phases"))
    def phase_numbers(self, obj):
        return ", ".join(str(phase.number) for phase in obj.phases.all())


@admin.register(Participation)
class ParticipationAdmin(SpreadsheetAdminMixin, ProgrammeAdmin):
    resource_classes = [ParticipationResource]
    list_display = ["municipality", phase_number, "has_coordination_mechanism"]
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
    empty_list_help = _(
        "No officers yet. Invite one from Officer invitations: accepting the emailed "
        "link creates the account and the membership."
    )


class SubmissionReviewAdminMixin:
    """For content officers submit: next to publishing, staff can return items awaiting
    review to their submitter with a comment (an intermediate page asks for it)."""

    @admin.action(description=_("Return to the submitter with a comment"), permissions=["change"])
    def return_to_submitter(self, request, queryset):
        awaiting = list(queryset.filter(status=Status.REVIEW).select_related("submitted_by"))
        if not awaiting:
            self.message_user(
                request, _("None of the selected items is awaiting review."), messages.WARNING
            )
            return None
        form = SubmissionReturnForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            for submission in awaiting:
                submission_return(
                    submission=submission,
                    comment=form.cleaned_data["comment"],
                    base_url=request.build_absolute_uri("/"),
                )
            count = len(awaiting)
            self.message_user(
                request,
                ngettext(
                    "%d item returned to its submitter.",
                    "%d items returned to their submitters.",
                    count,
                )
                % count,
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/municipalities/submission_return.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Return to the submitter"),
                "subtitle": None,
                "opts": self.opts,
                "form": form,
                "awaiting": awaiting,
                "skipped_count": queryset.count() - len(awaiting),
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )


class PrivateFileAdminMixin:
    """Admin of a model with a privately stored file: uploaded with the form on creation,
    afterwards downloaded through a view that checks the staff member's permission. The
    file has no public URL, so the form shows a download link instead of the usual one."""

    private_file_field = "file"

    def get_urls(self):
        return [
            path(
                "<path:object_id>/download/",
                self.admin_site.admin_view(self.download_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_download",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        private_file = getattr(obj, self.private_file_field)
        if not private_file:
            raise Http404
        return private_file_response(private_file)

    @admin.display(description=_("file"))
    def download_link(self, obj):
        private_file = getattr(obj, self.private_file_field)
        if not private_file:
            return "—"
        url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_download",
            args=[obj.pk],
            current_app=self.admin_site.name,
        )
        return format_html('<a href="{}">{}</a>', url, original_file_name(private_file.name))

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return [*readonly, "download_link"] if obj is not None else readonly

    def get_fields(self, request, obj=None):
        fields = [f for f in super().get_fields(request, obj) if f != "download_link"]
        if obj is None:
            return fields
        return ["download_link" if f == self.private_file_field else f for f in fields]


@admin.register(GoodPractice)
class GoodPracticeAdmin(SubmissionReviewAdminMixin, PublishableAdmin):
    list_display = ["title", "municipality", phase_number, "submitted_by"]
    list_filter = ["phase", "municipality__country", "themes"]
    list_select_related = ["municipality", "phase", "submitted_by"]
    search_fields = ["title", "summary", "municipality__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["municipality", "phase", "themes", "submitted_by"]
    actions = [*PublishableAdmin.actions, "return_to_submitter"]
    markdown_fields = ("body",)


@admin.register(MunicipalityContact)
class MunicipalityContactAdmin(ProgrammeAdmin):
    list_display = ["name", "role", "municipality", "email", "phone"]
    list_filter = ["municipality__country"]
    list_select_related = ["municipality"]
    search_fields = ["name", "role", "email", "municipality__name"]
    autocomplete_fields = ["municipality"]


@admin.register(MunicipalityDocument)
class MunicipalityDocumentAdmin(PrivateFileAdminMixin, ProgrammeAdmin):
    list_display = ["title", "municipality", "uploaded_by", "created_at"]
    # By country, not municipality: thousands would be listed; search finds a city's name.
    list_filter = ["municipality__country"]
    list_select_related = ["municipality", "uploaded_by"]
    search_fields = ["title", "municipality__name"]
    autocomplete_fields = ["municipality", "uploaded_by"]
    date_hierarchy = "created_at"

    def save_model(self, request, obj, form, change):
        if not change and obj.uploaded_by is None:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


class InvitationStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return OfficerInvitation.State.choices

    def queryset(self, request, queryset):
        return {
            OfficerInvitation.State.PENDING: queryset.pending,
            OfficerInvitation.State.ACCEPTED: queryset.accepted,
            OfficerInvitation.State.EXPIRED: queryset.expired,
        }.get(self.value(), queryset.all)()


@admin.register(OfficerInvitation)
class OfficerInvitationAdmin(ProgrammeAdmin):
    """Staff invite officers here: saving a new invitation emails its link. An
    invitation cannot be edited once sent; "send again" issues a fresh link."""

    # Who invited is in the invitation's page: two email addresses side by side (they do
    # not wrap) left no room for the state and the expiry on a 1280 px screen.
    list_display = ["email", "municipality", "job_title", "language", "state", "expires_at"]
    list_filter = [InvitationStateFilter, "municipality__country", "language"]
    list_select_related = ["municipality"]
    search_fields = ["email", "municipality__name"]
    autocomplete_fields = ["municipality"]
    date_hierarchy = "created_at"
    actions = ["send_again"]

    new_fields = ["email", "municipality", "job_title", "language"]
    sent_fields = ["invited_by", "expires_at", "accepted_at", "accepted_by", "state"]

    def get_fields(self, request, obj=None):
        return self.new_fields if obj is None else [*self.new_fields, *self.sent_fields]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            # The form's button says "Save"; say what saving does.
            days = settings.OFFICER_INVITATION_DAYS
            name, options = fieldsets[0]
            description = ngettext(
                "Saving sends the invitation by email. Its link, valid for %(days)d day, "
                "lets the person choose a password and become an officer of the "
                "municipality.",
                "Saving sends the invitation by email. Its link, valid for %(days)d days, "
                "lets the person choose a password and become an officer of the "
                "municipality.",
                days,
            ) % {"days": days}
            fieldsets = [(name, {**options, "description": description}), *fieldsets[1:]]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if obj is None:
            return readonly
        return [*readonly, *self.new_fields, *self.sent_fields]

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "language":
            # Left blank, officer_invite picks the language of the municipality's country.
            kwargs["required"] = False
            kwargs["choices"] = [("", _("The language of the municipality's country"))]
            kwargs["choices"] += db_field.choices
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    @admin.display(description=_("state"))
    def state(self, obj):
        return obj.state.label

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        invitation = officer_invite(
            email=obj.email,
            municipality=obj.municipality,
            job_title=obj.job_title,
            language=obj.language,
            invited_by=request.user,
            base_url=request.build_absolute_uri("/"),
        )
        # The admin goes on with the object its form built (log entry, redirect).
        for field in invitation._meta.concrete_fields:
            setattr(obj, field.attname, getattr(invitation, field.attname))
        self.message_user(
            request,
            _(
                "The invitation to %(email)s is queued and goes out within a minute; its "
                "link works once, until %(date)s."
            )
            % {
                "email": invitation.email,
                "date": date_format(timezone.localtime(invitation.expires_at)),
            },
            messages.SUCCESS,
        )

    @admin.action(description=_("Send again with a fresh link"), permissions=["change"])
    def send_again(self, request, queryset):
        sent = 0
        for invitation in queryset.select_related("municipality"):
            try:
                officer_invitation_resend(
                    invitation=invitation, base_url=request.build_absolute_uri("/")
                )
            except InvitationNotPendingError:
                continue
            sent += 1
        self.message_user(
            request,
            ngettext(
                "%d invitation queued to be sent again.",
                "%d invitations queued to be sent again.",
                sent,
            )
            % sent,
            messages.SUCCESS,
        )
        skipped = queryset.count() - sent
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%d invitation was accepted already and was not sent.",
                    "%d invitations were accepted already and were not sent.",
                    skipped,
                )
                % skipped,
                messages.WARNING,
            )
