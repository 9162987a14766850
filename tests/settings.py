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
EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND

# Lets several test runs share one server without fighting over the test database.
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME", "test_admin4all")}  # noqa: F405

# Templates find static files by their source names; a test runs collectstatic with the
# production storage (hashed, compressed) on its own.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# An in-memory cache, so that query counts are the views' own: production shares a
# Redis or a database table (tests/admin4all/test_security.py), and the limits are
# tested against production servers (tests/test_production_server.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The page cache is tested on its own (tests/admin4all/test_page_cache.py); elsewhere
# each request reaches its view, so query counts are the views' own.
PAGE_CACHE_SECONDS = 0
# The API's rate limit counts per address, and every test client is 127.0.0.1: high
# enough here never to be reached; tests/api lowers it to test it.
API_RATE_LIMIT = "100000/min"
OPEN_DATA_RATE_LIMIT = "100000/min"
