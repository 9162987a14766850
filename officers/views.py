"""The officer area (/my/): each officer's municipalities and their private part, the
public profile form, documents, and the submissions staff review; and the page where an
invited officer accepts the invitation.

Every view reaches private data only through officers.access.
"""

from allauth.account.utils import perform_login
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.db import transaction
from django.db.models import F, Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView

from admin4all.models import Status
from admin4all.translation import InActiveLanguage
from admin4all.uploads import private_file_response
from municipalities.models import Municipality, MunicipalityDocument, OfficerInvitation
from municipalities.services import (
    InvitationNotPendingError,
    invited_user,
    officer_invitation_accept,
)
from officers import access
from officers.forms import (
    GoodPracticeForm,
    InvitationPasswordForm,
    MunicipalityDocumentForm,
    MunicipalityProfileForm,
    TrainingReportForm,
)

SUBMISSION_FORMS = {"good-practice": GoodPracticeForm, "training-report": TrainingReportForm}


def municipality_url(municipality: Municipality) -> str:
    return reverse("officer:municipality", kwargs={"slug": municipality.slug})


class StartView(LoginRequiredMixin, TemplateView):
    template_name = "officers/start.html"

    def get_context_data(self, **kwargs):
        # Filtering on the membership first makes job_title the user's own role.
        municipalities = (
            access.officer_municipalities(self.request.user)
            .select_related("country")
            .annotate(job_title=F("officer_memberships__job_title"))
            .order_by("name")
        )
        return super().get_context_data(municipalities=municipalities, **kwargs)


class OfficerMunicipalityMixin(LoginRequiredMixin):
    """Views of one of the officer's municipalities, named by the URL's slug: 404 for a
    city the user does not serve."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.municipality = access.officer_municipality_or_404(request.user, kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(municipality=self.municipality, **kwargs)


class MunicipalityPrivateView(OfficerMunicipalityMixin, TemplateView):
    template_name = "officers/municipality.html"

    def get_context_data(self, **kwargs):
        user, municipality = self.request.user, self.municipality
        visitors = Prefetch("visitors", queryset=Municipality.objects.order_by("name"))
        return super().get_context_data(
            contacts=access.officer_contacts(user, municipality),
            # Names only: the page has no use for the participants' email addresses.
            trainings=access.officer_trainings(user, municipality).prefetch_related(
                Prefetch(
                    "participants",
                    queryset=access.officer_participants(user, municipality).only(
                        "training_id", "full_name", "attended"
                    ),
                )
            ),
            peer_visits=access.officer_peer_visits(user, municipality)
            .upcoming()
            .select_related("host")
            .prefetch_related(visitors)
            .order_by("start_date", InActiveLanguage("title")),
            documents=access.officer_documents(user)
            .filter(municipality=municipality)
            .select_related("uploaded_by"),
            good_practices=access.officer_submissions(user, "good-practice")
            .filter(municipality=municipality)
            .select_related("submitted_by"),
            training_reports=access.officer_submissions(user, "training-report")
            .filter(municipality=municipality)
            .select_related("submitted_by", "training"),
            **kwargs,
        )


class ProfileEditView(OfficerMunicipalityMixin, SuccessMessageMixin, UpdateView):
    form_class = MunicipalityProfileForm
    template_name = "officers/profile_form.html"
    success_message = gettext_lazy("The public profile was saved.")

    def get_object(self, queryset=None):
        return self.municipality

    def post(self, request, *args, **kwargs):
        # The form's version check locks the row until the save commits.
        with transaction.atomic():
            return super().post(request, *args, **kwargs)

    def get_success_url(self):
        return municipality_url(self.municipality)


class DocumentUploadView(OfficerMunicipalityMixin, SuccessMessageMixin, CreateView):
    form_class = MunicipalityDocumentForm
    template_name = "officers/document_form.html"
    success_message = gettext_lazy("The document “%(title)s” was uploaded.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = MunicipalityDocument(
            municipality=self.municipality, uploaded_by=self.request.user
        )
        return kwargs

    def get_success_url(self):
        return municipality_url(self.municipality) + "#documents"


@login_required
def document_download(request, pk):
    return private_file_response(access.officer_document_or_404(request.user, pk).file)


class SubmissionCreateView(OfficerMunicipalityMixin, SuccessMessageMixin, CreateView):
    """Submit a good practice or a training report (the URL names the kind)."""

    template_name = "officers/submission_form.html"
    kind: str = ""
    success_message = gettext_lazy("“%(title)s” was sent to the programme staff for review.")

    def get_form_class(self):
        return SUBMISSION_FORMS[self.kind]

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "municipality": self.municipality,
            "submitted_by": self.request.user,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(kind=self.kind, **kwargs)

    def get_success_url(self):
        return self.object.get_officer_url()


class SubmissionMixin(LoginRequiredMixin):
    """One of the submissions made for the user's municipalities, by kind and id."""

    def get_object(self, queryset=None):
        return access.officer_submission_or_404(
            self.request.user, self.kwargs["kind"], self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kind=self.kwargs["kind"], municipality=self.object.municipality, **kwargs
        )


class SubmissionDetailView(SubmissionMixin, DetailView):
    template_name = "officers/submission_detail.html"
    context_object_name = "submission"


class SubmissionEditView(SubmissionMixin, SuccessMessageMixin, UpdateView):
    """Change a submission staff returned, and send it for review again. Submissions
    awaiting review or published are no longer the officer's to change."""

    template_name = "officers/submission_form.html"
    success_message = gettext_lazy("“%(title)s” was sent to the programme staff for review.")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        self.object = super().get_object()
        if self.object.status != Status.DRAFT:
            messages.info(request, _("Only a submission returned to you can be changed."))
            return HttpResponseRedirect(self.object.get_officer_url())
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return self.object  # found, and checked, by dispatch()

    def get_form_class(self):
        return SUBMISSION_FORMS[self.kwargs["kind"]]

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "municipality": self.object.municipality,
            "submitted_by": self.request.user,
        }

    def get_success_url(self):
        return self.object.get_officer_url()


@login_required
def attachment_download(request, pk):
    report = access.officer_submission_or_404(request.user, "training-report", pk)
    if not report.attachment:
        raise Http404("This report has no attachment.")
    return private_file_response(report.attachment)


class InvitationAcceptView(View):
    """Where the invitation email's link leads.

    A new officer sets a password here and is logged in. Someone who already has an
    account with a password logs in first (with their second factor, if any) and then
    accepts: the link alone must not be a way around their login. Unknown links answer
    404; used or expired ones 410.
    """

    template_name = "officers/invitation_accept.html"

    def dispatch(self, request, token):
        self.invitation = (
            OfficerInvitation.objects.for_token(token)
            .select_related("municipality__country")
            .first()
        )
        if self.invitation is None:
            return self.refuse("unknown", status=404)
        if self.invitation.state != OfficerInvitation.State.PENDING:
            return self.refuse(self.invitation.state, status=410)
        self.invited = invited_user(self.invitation)
        if self.invited is not None and not self.invited.is_active:
            return self.refuse("inactive", status=410)
        return super().dispatch(request, token)

    def refuse(self, reason: str, *, status: int):
        return render(
            self.request,
            "officers/invitation_refused.html",
            {"reason": reason, "invitation": self.invitation},
            status=status,
        )

    def mode(self) -> str:
        """ "password" (set one), "login" (log in first), "other_account" (logged in as
        someone else) or "confirm" (logged in as the invited person)."""
        user, invited = self.request.user, self.invited
        if user.is_authenticated and user != invited:
            return "other_account"
        if user.is_authenticated:
            return "confirm"
        if invited is not None and (invited.has_usable_password() or is_mfa_enabled(invited)):
            return "login"
        return "password"

    def password_form(self, data=None):
        # The password rules compare the password with the account's email address.
        user = self.invited or get_user_model()(email=self.invitation.email)
        return InvitationPasswordForm(user, data)

    def get(self, request, token):
        mode = self.mode()
        form = self.password_form() if mode == "password" else None
        return self.render_page(mode, form)

    def post(self, request, token):
        mode = self.mode()
        if mode not in ("password", "confirm"):
            return self.render_page(mode, None)
        form = None
        if mode == "password":
            form = self.password_form(request.POST)
            if not form.is_valid():
                return self.render_page(mode, form)
        try:
            user = officer_invitation_accept(
                invitation=self.invitation,
                password=form.cleaned_data["new_password1"] if form else None,
            )
        except InvitationNotPendingError as error:
            return self.refuse(str(error), status=410)
        messages.success(
            request,
            _("You are now an officer of %(municipality)s.")
            % {"municipality": self.invitation.municipality.name_in_active_language},
        )
        redirect_url = municipality_url(self.invitation.municipality)
        if mode == "confirm":
            return HttpResponseRedirect(redirect_url)
        return perform_login(request, user, redirect_url=redirect_url)

    def render_page(self, mode: str, form):
        return render(
            self.request,
            self.template_name,
            {"invitation": self.invitation, "mode": mode, "form": form},
        )
