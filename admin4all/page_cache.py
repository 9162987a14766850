"""Anonymous pages served from the shared cache, and never stale for long.

A cached page is filed under its address with the versions of the programme tables it
read (admin4all.content_versions), recorded from its queries while it was made. It is
served while those tables are at those versions, so a change invalidates only the pages
that read the changed table: a training saved leaves the news pages in the cache. A hit
makes no query to the database, and at most one round trip to the cache, which returns
the page and the current versions together: each process also keeps the pages it served
last (PAGE_CACHE_MEMO_BYTES of them) and the versions for their second, so a page asked
for often is served from the process's memory.

Only anonymous GET and HEAD requests are served from or stored in the cache: a request
carrying a session or messages cookie goes through, and so do the admin, the officer
area, the account pages and the health check. A response is stored only if it is a 200
that sets no cookie, is not marked private and varies on nothing but the cookie, so a
page with a CSRF token (a form) or one user's content never lands in the cache. It is
stored as its bytes and headers, the security policy headers included, so a hit builds
nothing again. Pages that show dates ("upcoming") change at midnight: no page is kept
past the next one.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from datetime import datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import connection
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control, set_response_etag
from django.utils.translation import get_language_from_path

from admin4all.content_versions import (
    VERSIONS_KEY,
    TablesRead,
    forget_versions_in_process,
    is_current,
    kept_versions,
    versions_in_process,
)

# In every language: /my/ and /it/my/ alike.
UNCACHED_PREFIXES = ("/admin/", "/my/", "/accounts/", "/healthz")


class StoredPage(NamedTuple):
    # The version of each programme table the page read, when it was made.
    read: tuple[tuple[str, str], ...]
    headers: tuple[tuple[str, str], ...]
    content: bytes
    # When it leaves the shared cache (time.time()); 0 for pages stored before it was kept.
    until: float = 0.0

    def is_current(self, versions: dict[str, str]) -> bool:
        return is_current(self.read, versions)

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, headers=dict(self.headers))
        response["X-Page-Cache"] = "hit"
        return response


class PageMemo:
    """The pages this process served from the shared cache or made lately, the most
    recently used first, up to PAGE_CACHE_MEMO_BYTES of content; each for no longer
    than the shared cache keeps it. Shared by the threads of a process."""

    def __init__(self):
        self._pages: OrderedDict[str, StoredPage] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> StoredPage | None:
        with self._lock:
            page = self._pages.get(key)
            if page is None:
                return None
            if page.until <= time.time():
                self._drop(key)
                return None
            self._pages.move_to_end(key)
            return page

    def keep(self, key: str, page: StoredPage) -> None:
        limit = settings.PAGE_CACHE_MEMO_BYTES
        if len(page.content) > limit:
            return
        with self._lock:
            self._drop(key)
            self._pages[key] = page
            self._size += len(page.content)
            while self._size > limit:
                self._drop(next(iter(self._pages)))

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._size = 0

    def _drop(self, key: str) -> None:
        page = self._pages.pop(key, None)
        if page is not None:
            self._size -= len(page.content)


memo = PageMemo()


@receiver(setting_changed)
def forget_in_process(setting, **kwargs):
    """Tests turn the page cache on and off: what a process kept goes with the setting."""
    if setting.startswith("PAGE_CACHE"):
        memo.clear()
        forget_versions_in_process()


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


def seconds_kept(now: datetime, at_most: int) -> int:
    """at_most, or fewer so that nothing kept outlives the next local midnight."""
    local = timezone.localtime(now)
    midnight = datetime.combine(
        local.date() + timedelta(days=1), datetime.min.time(), local.tzinfo
    )
    return max(1, min(at_most, int((midnight - local).total_seconds())))


def _kept(cache, key: str) -> tuple[dict[str, str], StoredPage | None]:
    """The tables' current versions and the page kept under `key`: from this process's
    memory when it holds both, the page current; else from the shared cache, in one
    round trip."""
    versions, stored = versions_in_process(), memo.get(key)
    if versions is not None and stored is not None and stored.is_current(versions):
        return versions, stored
    found = cache.get_many([VERSIONS_KEY, key] if versions is None else [key])
    if versions is None:
        versions = kept_versions(found.get(VERSIONS_KEY))
    if (stored := found.get(key)) is not None:
        memo.keep(key, stored)
    return versions, stored


class PublicPageCacheMiddleware:
    """Serves anonymous pages from the shared cache while the tables they read are
    unchanged. Browsers are told to revalidate every time (ETag, from
    ConditionalGetMiddleware), so they never keep a page that has changed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        cache = caches[settings.PAGE_CACHE_ALIAS]
        key = page_key(request)
        versions, stored = _kept(cache, key)
        if stored is not None and stored.is_current(versions):
            return stored.response()
        recorder = TablesRead()
        with connection.execute_wrapper(recorder):
            response = self.get_response(request)
        if _cacheable_response(request, response):
            patch_cache_control(response, public=True, no_cache=True)
            # Stored with its ETag, so a hit is not hashed again on the way out.
            set_response_etag(response)
            seconds = seconds_kept(timezone.now(), settings.PAGE_CACHE_SECONDS)
            page = StoredPage(
                recorder.read(versions),
                tuple(response.items()),
                response.content,
                time.time() + seconds,
            )
            cache.set(key, page, seconds)
            memo.keep(key, page)
            response["X-Page-Cache"] = "miss"
        return response
