"""Anonymous pages served from the shared cache, and never stale for long.

A cached page is filed under its address and carries the content version it was made
from; a hit is one round trip to the cache, which returns the page and the current
version together, and no query to the database. The version is:
- a counter that a database trigger advances on every statement that writes to a
  programme table, so admin saves, bulk actions, imports and the loader all count,
  whichever app server made them;
- the latest publication time that has passed, so an item scheduled for nine o'clock
  shows from nine o'clock, with no write at that moment.
The database is read for it at most once per PAGE_CACHE_VERSION_SECONDS by all app
servers together: the version is kept in the shared cache that long. A process that
writes to a programme table drops the kept version at once (and again when its
transaction commits), so a change made through the portal shows on the next request;
one made behind its back (psql) and a scheduled publication show within that second.

Only anonymous GET and HEAD requests are served from or stored in the cache: a request
carrying a session or messages cookie goes through, and so do the admin, the officer
area, the account pages and the health check. A response is stored only if it is a 200
that sets no cookie, is not marked private and varies on nothing but the cookie, so a
page with a CSRF token (a form) or one user's content never lands in the cache. It is
stored as its bytes and headers, the security policy headers included, so a hit builds
nothing again.
"""

import functools
import hashlib
import re
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control, set_response_etag
from django.utils.translation import get_language_from_path

from admin4all.models import OutgoingEmail, PublishableModel, User

CONTENT_VERSION_SEQUENCE = "admin4all_content_version"
CONTENT_APPS = ("admin4all", "municipalities", "trainings", "events")
# Written on every login (last_login), and by every email sent; no public page shows them.
NOT_CONTENT = (User, OutgoingEmail)
# In every language: /my/ and /it/my/ alike.
UNCACHED_PREFIXES = ("/admin/", "/my/", "/accounts/", "/healthz")
VERSION_KEY = "page-cache.content-version"
# The statements Django writes with: the table written follows the keyword.
WRITE_STATEMENT = re.compile(
    r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?(\w+)', re.IGNORECASE
)


@functools.cache
def content_tables() -> frozenset[str]:
    from pghistory.models import Event as HistoryEvent

    return frozenset(
        model._meta.db_table
        for app_label in CONTENT_APPS
        for model in apps.get_app_config(app_label).get_models(include_auto_created=True)
        if not model._meta.proxy and not issubclass(model, (HistoryEvent, *NOT_CONTENT))
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
        for table in sorted(content_tables()):
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


def read_content_version() -> str:
    """The version as the database has it now: one query."""
    with connection.cursor() as cursor:
        # The app's clock, as .published() uses, rather than the transaction's now().
        cursor.execute(_version_query(), {"now": timezone.now()})
        counter, latest_publication = cursor.fetchone()
    published = latest_publication.timestamp() if latest_publication else 0
    return f"{counter}.{published:.0f}"


def _kept_content_version(cache) -> str:
    version = read_content_version()
    cache.set(VERSION_KEY, version, settings.PAGE_CACHE_VERSION_SECONDS)
    return version


def forget_content_version() -> None:
    caches[settings.PAGE_CACHE_ALIAS].delete(VERSION_KEY)


def note_content_writes(execute, sql, params, many, context):
    """A database execute wrapper: after a statement that writes to a programme table,
    the kept version is dropped now (this transaction reads its own writes) and again
    on commit (so no other process keeps a version read before the commit)."""
    result = execute(sql, params, many, context)
    written = WRITE_STATEMENT.match(sql)
    if written and written[1] in content_tables():
        forget_content_version()
        transaction.on_commit(forget_content_version, using=context["connection"].alias)
    return result


def watch_content_writes(sender, connection, **kwargs) -> None:
    """connection_created: every connection of every process (web, worker, commands)
    reports its writes."""
    if note_content_writes not in connection.execute_wrappers:
        # First, not last: a connection may open inside `connection.execute_wrapper()`
        # (pghistory's context is one), which pops the last wrapper when it ends.
        connection.execute_wrappers.insert(0, note_content_writes)


class StoredPage(NamedTuple):
    version: str
    headers: tuple[tuple[str, str], ...]
    content: bytes

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, headers=dict(self.headers))
        response["X-Page-Cache"] = "hit"
        return response


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


def _varies_on_cookie_at_most(response) -> bool:
    # Requests carrying a session or messages cookie are never served from the cache,
    # and a stored page sets no cookie: what else a cookie holds changes nothing here.
    varied = {header.lower() for header in cc_delim_re.split(response.get("Vary", "")) if header}
    return varied <= {"cookie"}


def _cacheable_response(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and _varies_on_cookie_at_most(response)
    )


def page_key(request) -> str:
    address = request.build_absolute_uri().encode()
    return f"page.{hashlib.md5(address, usedforsecurity=False).hexdigest()}"


class PublicPageCacheMiddleware:
    """Serves anonymous pages from the shared cache when they were made from the current
    content version. Browsers are told to revalidate every time (ETag, from
    ConditionalGetMiddleware), so they never keep a page that has changed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        cache = caches[settings.PAGE_CACHE_ALIAS]
        key = page_key(request)
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or _kept_content_version(cache)
        stored = found.get(key)
        if stored is not None and stored.version == version:
            return stored.response()
        response = self.get_response(request)
        if _cacheable_response(request, response):
            patch_cache_control(response, public=True, no_cache=True)
            # Stored with its ETag, so a hit is not hashed again on the way out.
            set_response_etag(response)
            page = StoredPage(version, tuple(response.items()), response.content)
            cache.set(key, page, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
