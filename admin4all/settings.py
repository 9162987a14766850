"""Settings of the Admin4All portal, read from the environment.

Defaults are safe for production: DEBUG is off and a missing SECRET_KEY stops the
process. `make run` writes a `.env` for local development (DEBUG on, a generated key);
production sets real environment variables instead. Every variable is listed in the
README.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from import_export.formats.base_formats import CSV, XLSX

from admin4all import localdb
from admin4all.security import tile_sources

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set it in the environment (or run `make run`, "
        "which writes a .env for local development)."
    )

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set, e.g. ALLOWED_HOSTS=admin4all.example.org"
    )
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

DJANGO_APPS = [
    "admin4all.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    # intcomma: counts written the way of the page's language (3,050 / 3.050 / 3 050).
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    # Translated model fields (admin4all.translation).
    "modeltrans",
    "django_filters",
    "import_export",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "drf_spectacular",
    # Swagger UI's files, served as our own static files.
    "drf_spectacular_sidecar",
    # The task queue, in PostgreSQL (procrastinate): jobs, the worker command, the admin.
    "admin4all.apps.TaskQueueConfig",
]
LOCAL_APPS = [
    "admin4all",
    "municipalities",
    "trainings",
    "events",
    "reporting",
    "portal",
    "officers",
    "api",
    "content",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "admin4all.request_logging.RequestLogContextMiddleware",
    # ETag on every page and 304 when the browser's copy is current, cached pages too.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files, compressed and with far-future cache headers (hashed names).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the middleware a cached page no longer needs: it is stored with its
    # policy headers, so a hit skips CSP, the session, the language and the view.
    "admin4all.page_cache.PublicPageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "admin4all.locale.PathLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "admin4all.accounts.StaffMFAMiddleware",
    # Records who made each change (and through which URL) in the history.
    "pghistory.middleware.HistoryMiddleware",
]

ROOT_URLCONF = "admin4all.urls"
WSGI_APPLICATION = "admin4all.wsgi.application"
SITE_ID = 1
# The public host name, for absolute URLs where no request is at hand (feeds, sitemaps,
# calendars, emails); kept in the Site record after every migrate.
SITE_DOMAIN = env.str(
    "SITE_DOMAIN", default=f"127.0.0.1:{env.str('PORT', default='8000')}" if DEBUG else ""
)
if not SITE_DOMAIN:
    raise ImproperlyConfigured("SITE_DOMAIN is not set, e.g. SITE_DOMAIN=admin4all.example.org")

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Forms draw their labels, inputs and selects without the template engine (a third of
# an admin change form's time), the same markup (admin4all/form_renderer.py).
FORM_RENDERER = "admin4all.form_renderer.PortalFormRenderer"

if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
else:
    DATABASES = {"default": localdb.database_settings()}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "admin4all.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The languages of the partner countries (README, "Languages"). English is the default:
# its pages have no prefix (/events/), the others do (/it/events/); the admin and the
# API are in English only. Catalogues in locale/, compiled by `make` (compilemessages).
# The names here are Django's alone (its `get_available_languages` tag, which no page
# uses): pages name languages from CLDR (admin4all/language_names.py).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("it", "Italian"),
    ("de", "German"),
    ("pl", "Polish"),
    ("ro", "Romanian"),
    ("el", "Greek"),
    ("es", "Spanish"),
]
# Content in the other languages (django-modeltrans): English is the record's own
# columns, each other language a key of its `i18n` column; missing text falls back to
# English, and the page says so (admin4all.translation).
MODELTRANS_AVAILABLE_LANGUAGES = [code for code, _name in LANGUAGES if code != LANGUAGE_CODE]
MODELTRANS_FALLBACK = {"default": (LANGUAGE_CODE,)}
# The admin labels each language's fields itself.
MODELTRANS_ADD_FIELD_HELP_TEXT = False
# The portal's catalogues first (makemessages writes there), then the Italian and
# Romanian month names in lower case, where Django capitalizes them.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "admin4all" / "month_names"]
# Long dates with the month's name in every language ("8 October 2019", "8. Oktober
# 2019", "8 października 2019"), where Django's defaults differ from language to language.
FORMAT_MODULE_PATH = ["admin4all.formats"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

# Login limits and lockouts, the API's limits and the page cache live in the cache, so
# every worker and app server must see the same one: Redis when CACHE_URL (or REDIS_URL)
# names it, else a table of the database they all share (migration admin4all 0012).
# Never a cache private to each process (admin4all.checks).
CACHE_TABLE = "admin4all_cache"
CACHE_URL = env.str("CACHE_URL", default=env.str("REDIS_URL", default=""))
CACHES = {
    "default": env.cache_url_config(CACHE_URL)
    if CACHE_URL
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": CACHE_TABLE,
        # A page per language and per filtered list: far more than the default 300.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The same, reusing its Redis client (admin4all/redis_cache.py).
    CACHES["default"]["BACKEND"] = "admin4all.redis_cache.ReusedClientRedisCache"
# Anonymous pages are cached this long at most (admin4all/page_cache.py); 0 turns the
# page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# How long the shared cache keeps the tables' versions read from the database
# (admin4all/content_versions.py): the most a scheduled publication, or a change made
# outside the portal, waits to show.
PAGE_CACHE_VERSION_SECONDS = env.int("PAGE_CACHE_VERSION_SECONDS", default=1)
# Each process also keeps the pages it served last, up to this many bytes of content, so
# a hit on a page asked for often makes no round trip to the shared cache; 0 keeps none.
PAGE_CACHE_MEMO_BYTES = env.int("PAGE_CACHE_MEMO_BYTES", default=8 * 1024 * 1024)
PAGE_CACHE_ALIAS = "default"

STORAGES = {
    # Uploaded media: a folder every app server mounts (MEDIA_ROOT, PRIVATE_MEDIA_ROOT).
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed copies made by collectstatic, served by WhiteNoise for a year.
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "admin4all.static_storage.GzipManifestStaticFilesStorage",
        )
    },
    # Spreadsheets waiting between an import's preview and its confirmation.
    "import_export": {"BACKEND": "admin4all.uploads.PrivateStorage"},
}

# Every email goes through admin4all.mail: queued as a job, delivered by the task queue's
# worker through EMAIL_DELIVERY_BACKEND (the environment's EMAIL_BACKEND), retried there.
EMAIL_BACKEND = "admin4all.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
# Seconds the worker waits for the mail server before the attempt fails (and is retried).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="admin4all@localhost")
# Where Django's file backend (EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend)
# writes the emails instead of sending them: a staging server's choice.
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / "sent-emails"))

# The task queue's worker deletes a job once it succeeds; failed jobs, and the emails
# sent (admin4all.models.OutgoingEmail), are kept TASK_RETENTION_HOURS.
PROCRASTINATE_WORKER_DEFAULTS = {"delete_jobs": "successful"}
TASK_RETENTION_HOURS = env.int("TASK_RETENTION_HOURS", default=30 * 24)

# Secure by default; a local .env turns these off because runserver speaks plain HTTP.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Optional map tiles, e.g. "https://tiles.example.org/{z}/{x}/{y}.png". Empty: the map
# draws the cities on its built-in country outline and requests nothing from elsewhere.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="")

# Content-Security-Policy (django-csp): scripts, styles and everything else from this
# host only; no inline script or style anywhere. data: images are the two-factor QR
# code and Leaflet's; map tiles, when configured, come from their own host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *tile_sources(MAP_TILE_URL)],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The admin's page of every recorded change, listed under "Programme".
PGHISTORY_ADMIN_MODEL = "admin4all.ChangeHistory"
# Its columns and filters in words staff read (admin4all.admin_change_history).
PGHISTORY_ADMIN_CLASS = "admin4all.admin_change_history.ChangeHistoryAdmin"

# Accounts (django-allauth): login by email, no open sign-up (officers are invited from
# the admin), verified addresses only, optional two-factor authentication. Rate limits
# are counted in the cache: CACHE_URL must point at a shared cache (Redis, Memcached)
# when several processes serve the site, or each keeps its own count.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
ACCOUNT_ADAPTER = "admin4all.accounts.AccountAdapter"
ACCOUNT_FORMS = {"login": "admin4all.accounts.LoginForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[ADMin4ALL] "
# People are named by their name, else their email address (User.__str__), never by the
# username made up when an invited officer's account was created.
ACCOUNT_USER_DISPLAY = str
# A reset asked for an unknown address sends nothing (its email would invite a sign-up).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
LOGIN_REDIRECT_URL = "portal:home"
ACCOUNT_RATE_LIMITS = {
    # Five wrong passwords for one address lock it for five minutes; ten per minute
    # from one IP address.
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "ADMin4ALL"
# Staff without an authenticator app are sent to set one up before the admin opens.
REQUIRE_STAFF_MFA = env.bool("REQUIRE_STAFF_MFA", default=False)
OFFICER_INVITATION_DAYS = env.int("OFFICER_INVITATION_DAYS", default=7)
MAX_UPLOAD_MB = env.int("MAX_UPLOAD_MB", default=10)
# What an upload may hold beyond its own size (admin4all/uploads.py, docs/settings.md).
# docx/xlsx/pptx and odt/ods/odp are ZIP archives, judged by their central directory
# before any part is read: all entries unpacked, the compression of each (Apache POI
# refuses above 100 too), and how many there are.
MAX_UPLOAD_UNPACKED_MB = env.int("MAX_UPLOAD_UNPACKED_MB", default=100)
MAX_UPLOAD_COMPRESSION_RATIO = env.int("MAX_UPLOAD_COMPRESSION_RATIO", default=100)
MAX_UPLOAD_ARCHIVE_ENTRIES = env.int("MAX_UPLOAD_ARCHIVE_ENTRIES", default=10_000)
# A PDF is parsed to check it is one; each of its streams is decompressed up to this.
MAX_UPLOAD_PDF_STREAM_MB = env.int("MAX_UPLOAD_PDF_STREAM_MB", default=20)
# Spreadsheet import and export (django-import-export), CSV and XLSX. An import runs in
# one transaction: one bad row and nothing is written. Between the preview and the
# confirmation the upload waits in the private storage, which every app server shares.
IMPORT_EXPORT_FORMATS = [CSV, XLSX]
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES = True
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.MediaStorage"
# Officers' documents and report attachments: outside MEDIA_ROOT, so no web server or
# MEDIA_URL ever serves them; views that check access stream them. Empty means a
# "private-media" folder beside MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = env.str("PRIVATE_MEDIA_ROOT", default="")

# The open data API (/api/v1/, api/): read-only and anonymous. No authentication, so
# no session is read and staff see what everyone sees (published content only); JSON
# only, since the browsable API's pages carry inline script the CSP forbids.
API_RATE_LIMIT = env.str("API_RATE_LIMIT", default="120/min")
# Bulk downloads (/open-data/<table>.<ext>) one client address may make; each streams a
# whole table. Counted in the default cache, like the API's limit.
OPEN_DATA_RATE_LIMIT = env.str("OPEN_DATA_RATE_LIMIT", default="60/hour")
# The licence of the bulk downloads (/open-data/), shown on their page; staff confirm it.
OPEN_DATA_LICENCE = env.str("OPEN_DATA_LICENCE", default="CC BY 4.0")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    # The site's FilterSets, each filter given once and not empty (api/parameters.py).
    "DEFAULT_FILTER_BACKENDS": ["api.parameters.FilterBackend"],
    # Counted per client address in the default cache (CACHE_URL: shared by app servers).
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientAddressThrottle"],
    # Addresses in X-Forwarded-For added by proxies we run (the load balancer): the
    # client's is the one before them. 0 trusts none and counts the connecting address.
    "NUM_PROXIES": env.int("API_TRUSTED_PROXY_COUNT", default=0),
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ADMin4ALL open data API",
    "DESCRIPTION": (
        "The portal's public records, read-only: published content only. "
        "Lists are paginated (`page`, `page_size`) and take the filters of the site's lists."
    ),
    "VERSION": "1.0.0",
    # The description's enums are read from the database (api/schema.py), so building it
    # in `check --deploy` would need a migrated database before deploying; the test
    # suite builds and validates it instead (tests/api/test_openapi.py).
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_errors",
    ],
    # Several models have a "kind": one enum each, named after its model.
    "ENUM_NAME_OVERRIDES": {
        "EventKindEnum": "events.models.Event.Kind",
        "SessionKindEnum": "events.models.Session.Kind",
        "SpeakerRoleEnum": "events.models.Speaker.Role",
        "MaterialKindEnum": "events.models.EventMaterial.Kind",
        "PublicationKindEnum": "events.models.Publication.Kind",
        "MunicipalityKindEnum": "municipalities.models.Municipality.Kind",
        "PhaseGoalKindEnum": "admin4all.models.PhaseGoal.Kind",
        "QualifierEnum": "admin4all.models.ReportedFigure.Qualifier",
    },
}

# One JSON object per line on stdout, with the request's id, method and path
# (admin4all/request_logging.py); LOG_FORMAT=text gives plain lines for a terminal.
LOG_FORMAT = env.str("LOG_FORMAT", default="json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "admin4all.request_logging.RequestContextFilter"}},
    "formatters": {
        "json": {
            "()": "admin4all.request_logging.StructuredFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Django's own records reach the root handler only, not also its debug console.
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # WeasyPrint logs each step of every PDF at INFO; its warnings (an address it
        # was refused, CSS it ignores) still show.
        "weasyprint.progress": {"level": "WARNING"},
        # The task queue lists its tasks at INFO in every process that starts Django;
        # the worker's own records (each job started, done, failed) still show.
        "procrastinate.blueprints": {"level": "WARNING"},
        "procrastinate.periodic": {"level": "WARNING"},
    },
}
