"""Test settings: the project's settings with test-only overrides."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ["DEBUG"] = "0"
os.environ["SITE_DOMAIN"] = "testserver"
os.environ["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"

from admin4all.settings import *  # noqa: E402,F403

# Plain HTTP through the test client; production keeps the redirect on.
SECURE_SSL_REDIRECT = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Lets several test runs share one server without fighting over the test database.
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME", "test_admin4all")}  # noqa: F405
