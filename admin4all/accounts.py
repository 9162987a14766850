"""How accounts behave: no open sign-up, where people land after logging in, and the
second factor staff may be required to use."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """Officers are invited by staff; nobody creates an account on their own."""
        return False

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        user = request.user
        if user.officer_memberships.exists():
            return reverse("officer:start")
        if user.is_staff:
            return reverse("admin:index")
        return super().get_login_redirect_url(request)


class StaffMFAMiddleware:
    """With REQUIRE_STAFF_MFA on, staff reach the admin only once an authenticator app
    protects their account; until then they are sent to set one up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_set_up_mfa(request):
            messages.warning(
                request,
                _(
                    "Set up an authenticator app to protect your account before using the "
                    "administration."
                ),
            )
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _must_set_up_mfa(self, request: HttpRequest) -> bool:
        user = request.user
        return (
            settings.REQUIRE_STAFF_MFA
            and user.is_authenticated
            and user.is_staff
            and request.path.startswith(reverse("admin:index"))
            and not is_mfa_enabled(user, types=[Authenticator.Type.TOTP])
        )
