"""Anonymous pages served from the shared cache, and never stale.

A cached page is filed under the content's version, read in one query on each request:
- a counter that a database trigger advances on every statement that writes to a
  programme table, so admin saves, bulk actions, imports and the loader all count,
  whichever app server made them;
- the latest publication time that has passed, so an item scheduled for nine o'clock
  shows from nine o'clock, with no write at that moment.
A change therefore moves every app server to new keys at once; old entries just expire.

Only anonymous GET and HEAD requests are served from or stored in the cache: a request
carrying a session or messages cookie goes through, and so do the admin, the officer
area, the account pages and the health check. A response is stored only if it is a 200
that sets no cookie and is not marked private, so a page with a CSRF token (a form)
or one user's content never lands in the cache.
"""

import functools

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.utils import timezone
from django.utils.cache import (
    get_cache_key,
    learn_cache_key,
    patch_cache_control,
    set_response_etag,
)
from django.utils.translation import get_language_from_path

from admin4all.models import OutgoingEmail, PublishableModel, User

CONTENT_VERSION_SEQUENCE = "admin4all_content_version"
CONTENT_APPS = ("admin4all", "municipalities", "trainings", "events")
# Written on every login (last_login), and by every email sent; no public page shows them.
NOT_CONTENT = (User, OutgoingEmail)
# In every language: /my/ and /it/my/ alike.
UNCACHED_PREFIXES = ("/admin/", "/my/", "/accounts/", "/healthz")


def _content_tables() -> list[str]:
    from pghistory.models import Event as HistoryEvent

    return sorted(
        {
            model._meta.db_table
            for app_label in CONTENT_APPS
            for model in apps.get_app_config(app_label).get_models(include_auto_created=True)
            if not model._meta.proxy and not issubclass(model, (HistoryEvent, *NOT_CONTENT))
        }
    )


def install_content_version_triggers(sender, using="default", **kwargs) -> None:
    """post_migrate: (re)creates the counter and its trigger on every content table, so
    a model added later is covered after its migration."""
    if sender.name != "admin4all":
        return
    from django.db import connections

    with connections[using].cursor() as cursor:
        cursor.execute(f"CREATE SEQUENCE IF NOT EXISTS {CONTENT_VERSION_SEQUENCE}")
        # A new sequence reads 1 both before and after its first nextval(): step it once
        # so the first change is seen. A migration changes pages anyway.
        cursor.execute(f"SELECT nextval('{CONTENT_VERSION_SEQUENCE}')")
        cursor.execute(
            f"""
            CREATE OR REPLACE FUNCTION admin4all_content_changed() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM nextval('{CONTENT_VERSION_SEQUENCE}');
                RETURN NULL;
            END $$
            """
        )
        for table in _content_tables():
            cursor.execute(
                f"""
                CREATE OR REPLACE TRIGGER admin4all_content_changed
                AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}"
                FOR EACH STATEMENT EXECUTE FUNCTION admin4all_content_changed()
                """
            )


@functools.cache
def _version_query() -> str:
    published = [
        f'SELECT max(published_at) FROM "{model._meta.db_table}" '
        f"WHERE status = 'published' AND published_at <= %(now)s"
        for model in apps.get_models()
        if issubclass(model, PublishableModel)
    ]
    return (
        f"SELECT (SELECT last_value FROM {CONTENT_VERSION_SEQUENCE}), "
        f"GREATEST({', '.join(f'({query})' for query in published)})"
    )


def content_version() -> str:
    with connection.cursor() as cursor:
        # The app's clock, as .published() uses, rather than the transaction's now().
        cursor.execute(_version_query(), {"now": timezone.now()})
        counter, latest_publication = cursor.fetchone()
    published = latest_publication.timestamp() if latest_publication else 0
    return f"{counter}.{published:.0f}"


def _without_language_prefix(path: str) -> str:
    language = get_language_from_path(path)
    return path.removeprefix(f"/{language}") if language else path


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not _without_language_prefix(request.path_info).startswith(UNCACHED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _cacheable_response(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class PublicPageCacheMiddleware:
    """Serves anonymous pages from the shared cache under the content version. Browsers
    are told to revalidate every time (ETag, from ConditionalGetMiddleware), so they
    never keep a page that has changed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        cache = caches[settings.PAGE_CACHE_ALIAS]
        key_prefix = f"page.{content_version()}"
        key = get_cache_key(request, key_prefix, "GET", cache=cache)
        cached = cache.get(key) if key else None
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if _cacheable_response(response):
            patch_cache_control(response, public=True, no_cache=True)
            # Stored with its ETag, so a hit is not hashed again on the way out.
            set_response_etag(response)
            timeout = settings.PAGE_CACHE_SECONDS
            # Template responses are rendered by now: this runs outside the view layer.
            key = learn_cache_key(request, response, timeout, key_prefix, cache=cache)
            cache.set(key, response, timeout)
            response["X-Page-Cache"] = "miss"
        return response
