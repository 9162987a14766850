"""How accounts behave: no open sign-up, where people land after logging in, what a
locked login says, and the second factor staff may be required to use."""

import math
import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.core.internal.ratelimit import get_cache_key, get_rates
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def login_lock_minutes() -> int:
    """The longest a lock by failed logins can last, in whole minutes: the longest
    period of allauth's login_failed rate limits (ACCOUNT_RATE_LIMITS, read as allauth
    reads it). A refused login says its own wait (login_lock_seconds)."""
    rates = get_rates(app="allauth.account", action="login_failed")
    return math.ceil(max((rate.duration for rate in rates), default=0) / 60)


def login_lock_seconds(request: HttpRequest, key: str) -> float:
    """How long until a login locked by failed attempts may be tried again: allauth
    counts the attempts of each login_failed rate in a sliding window, so a lock ends
    when the attempt that filled the window leaves it, sooner than the rate's whole
    period when the attempts were spread out, and within a minute when only the per-IP
    limit refuses."""
    now = time.time()
    waits = [0.0]
    for rate in get_rates(app="allauth.account", action="login_failed"):
        cache_key = get_cache_key(
            request, app="allauth.account", action="login_failed", rate=rate, key=key
        )
        history = [at for at in cache.get(cache_key, []) if at > now - rate.duration]
        if len(history) >= rate.amount:
            # Newest first: the amount-th newest attempt is the one that must expire.
            waits.append(history[rate.amount - 1] + rate.duration - now)
    return max(waits)


def too_many_login_attempts(minutes: int | None = None) -> str:
    if minutes is None:
        minutes = login_lock_minutes()
    return ngettext(
        "Too many failed login attempts. Try again in %(minutes)d minute.",
        "Too many failed login attempts. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


class LoginForm(AllauthLoginForm):
    """allauth's login form, its checkbox labelled as a checkbox is: in plain words and
    without the colon of a field's label (allauth says "Remember Me:")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "remember" in self.fields:
            self.fields["remember"].label = _("Stay logged in")
            self.fields["remember"].label_suffix = ""


class AccountAdapter(DefaultAccountAdapter):
    # allauth's own message says "Try again later"; ours says when. Lazy: the settings
    # and the language are those of the request that shows it.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": lazy(too_many_login_attempts, str)(),
    }

    def pre_authenticate(self, request: HttpRequest, **credentials) -> None:
        """allauth's check of the failed-login limits, with the lock's message saying
        when this login may really be tried again (in whole minutes, rounded up)."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code != "too_many_login_attempts":
                raise
            key = self._get_login_attempts_cache_key(request, **credentials)
            minutes = max(1, math.ceil(login_lock_seconds(request, key) / 60))
            raise ValidationError(
                too_many_login_attempts(minutes), code="too_many_login_attempts"
            ) from None

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
