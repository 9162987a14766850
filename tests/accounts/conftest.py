"""Accounts tests run allauth's real rate limits, which count in the cache: each test
gets a fresh in-memory cache, so that one test's failed logins never lock another's."""

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache

from tests.factories import UserFactory

PASSWORD = "a-Long-and-unusual-passphrase-42"


@pytest.fixture(autouse=True)
def rate_limit_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "accounts-tests",
        }
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_account(db):
    """A user whose email address is verified, so that allauth lets them log in."""

    def make(**fields):
        user = UserFactory(password=PASSWORD, **fields)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        return user

    return make
