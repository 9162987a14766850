"""Values computed once per content version, for pages made without the page cache.

A value (a page's figures, its lists) is kept in the shared cache with the versions of
the programme tables its queries read (admin4all.content_versions), as a cached page
is, and computed again once one of them changes; like a page, it is kept no later
than the next local midnight, when "upcoming" and "past" change, even when the page
cache is off (PAGE_CACHE_SECONDS = 0). A value taken from
the cache tells the page cache which tables it had read, so a page built from it is
invalidated as if it had run the queries.

A value's key names what it holds, not its shape in the code: a release that changes
the shape needs no flush, since `migrate`, run on each release, advances every table's
version (content_versions.install_version_triggers).
"""

from collections.abc import Callable
from typing import NamedTuple, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.utils import timezone
from django.utils.translation import get_language

from admin4all.content_versions import VERSIONS_KEY, Read, TablesRead, is_current, kept_versions
from admin4all.page_cache import seconds_kept

Value = TypeVar("Value")
# The versions decide whether a value is current, whatever the page cache's lifetime
# (nothing when it is off): a value is kept until midnight unless a table changes.
VALUE_SECONDS = 24 * 60 * 60


class KeptValue(NamedTuple):
    read: Read
    value: object


def while_unchanged(name: str, compute: Callable[[], Value]) -> Value:
    """compute()'s value in the active language, from the cache while the tables it
    read are unchanged. It must return plain data, its querysets evaluated: lists,
    model instances, numbers, strings."""
    cache = caches[settings.PAGE_CACHE_ALIAS]
    key = f"value.{name}.{get_language()}"
    found = cache.get_many([VERSIONS_KEY, key])
    versions = kept_versions(found.get(VERSIONS_KEY))
    kept = found.get(key)
    if kept is not None and is_current(kept.read, versions):
        TablesRead.note_without_query(kept.read)
        return kept.value
    recorder = TablesRead()
    with connection.execute_wrapper(recorder):
        value = compute()
    kept = KeptValue(recorder.read(versions), value)
    cache.set(key, kept, seconds_kept(timezone.now(), VALUE_SECONDS))
    return value
