"""The version of each programme table, which cached pages are checked against.

A table's version is a counter that a database trigger advances on every statement
that writes to it, so admin saves, bulk actions, imports and the loader all count,
whichever app server or program made them; for a table of publishable records, also
the latest publication time that has passed, so an item scheduled for nine o'clock
shows from nine o'clock with no write at that moment.

The versions of all tables are read in one query and kept, with the time they were
read, in the shared cache and in each process that used them, until
PAGE_CACHE_VERSION_SECONDS after that time: the database is asked at most that often by
all app servers together, and a process asks the shared cache at most that often. A
process that writes to a programme table drops the kept versions, its own and the
shared ones, at once (and again when its transaction commits), so a change made through
the portal shows on the next request it serves, and within that second on the others;
one made behind the portal's back (psql) and a scheduled publication show within that
second too.
"""

import functools
import re
import time
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.utils import timezone

from admin4all.models import OutgoingEmail, PublishableModel, User

CONTENT_APPS = ("admin4all", "municipalities", "trainings", "events")
# Written on every login (last_login), and by every email sent; no public page shows them.
NOT_CONTENT = (User, OutgoingEmail)
SEQUENCE_PREFIX = "admin4all_version_"
# PostgreSQL's longest name.
NAME_LENGTH = 63
VERSIONS_KEY = "page-cache.table-versions.read-at"
# The statements Django writes with: the table written follows the keyword.
WRITE_STATEMENT = re.compile(
    r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?(\w+)', re.IGNORECASE
)
# Every table a query reads, in its FROM and JOIN clauses and its subqueries'.
TABLE_READ = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)', re.IGNORECASE)


@functools.cache
def content_tables() -> frozenset[str]:
    from pghistory.models import Event as HistoryEvent

    return frozenset(
        model._meta.db_table
        for app_label in CONTENT_APPS
        for model in apps.get_app_config(app_label).get_models(include_auto_created=True)
        if not model._meta.proxy and not issubclass(model, (HistoryEvent, *NOT_CONTENT))
    )


def _sequence(table: str) -> str:
    return (SEQUENCE_PREFIX + table)[:NAME_LENGTH]


def install_version_triggers(sender, using="default", **kwargs) -> None:
    """post_migrate: (re)creates each content table's counter and trigger, so a model
    added later is covered after its migration."""
    if sender.name != "admin4all":
        return
    from django.db import connections

    with connections[using].cursor() as cursor:
        # One counter for the whole site, before each table had its own.
        cursor.execute("DROP SEQUENCE IF EXISTS admin4all_content_version")
        cursor.execute(
            f"""
            CREATE OR REPLACE FUNCTION admin4all_content_changed() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM nextval(left('{SEQUENCE_PREFIX}' || TG_TABLE_NAME, {NAME_LENGTH}));
                RETURN NULL;
            END $$
            """
        )
        for table in sorted(content_tables()):
            sequence = _sequence(table)
            cursor.execute(f'CREATE SEQUENCE IF NOT EXISTS "{sequence}"')
            # A new sequence reads 1 both before and after its first nextval(): step it
            # once so the first change is seen. A migration changes pages anyway.
            cursor.execute("SELECT nextval(%s)", [sequence])
            cursor.execute(
                f"""
                CREATE OR REPLACE TRIGGER admin4all_content_changed
                AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}"
                FOR EACH STATEMENT EXECUTE FUNCTION admin4all_content_changed()
                """
            )


@functools.cache
def _publishable_tables() -> tuple[str, ...]:
    return tuple(
        sorted(
            model._meta.db_table
            for model in apps.get_models()
            if issubclass(model, PublishableModel) and model._meta.db_table in content_tables()
        )
    )


@functools.cache
def _versions_query() -> str:
    counters = ", ".join(
        f'(SELECT last_value FROM "{_sequence(table)}")' for table in sorted(content_tables())
    )
    published = ", ".join(
        f'(SELECT extract(epoch FROM max(published_at))::bigint FROM "{table}" '
        f"WHERE status = 'published' AND published_at <= %(now)s)"
        for table in _publishable_tables()
    )
    return f"SELECT ARRAY[{counters}], ARRAY[{published}]::bigint[]"


def read_versions() -> dict[str, str]:
    """Each content table's version as the database has it now: one query."""
    with connection.cursor() as cursor:
        # The app's clock, as .published() uses, rather than the transaction's now().
        cursor.execute(_versions_query(), {"now": timezone.now()})
        counters, published = cursor.fetchone()
    versions = {
        table: str(counter)
        for table, counter in zip(sorted(content_tables()), counters, strict=True)
    }
    for table, latest in zip(_publishable_tables(), published, strict=True):
        versions[table] += f".{latest or 0}"
    return versions


class KeptVersions(NamedTuple):
    read_at: float  # time.time() when they were read from the database
    versions: dict[str, str]

    def is_fresh(self) -> bool:
        return time.time() - self.read_at < settings.PAGE_CACHE_VERSION_SECONDS


# The versions this process used last; a plain assignment replaces them, so threads
# need no lock.
_in_process: KeptVersions | None = None


def versions_in_process() -> dict[str, str] | None:
    """The versions this process kept, while they are fresh: no round trip at all."""
    kept = _in_process
    return kept.versions if kept is not None and kept.is_fresh() else None


def kept_versions(kept: KeptVersions | None) -> dict[str, str]:
    """The versions the shared cache kept, or, once they expired, read and kept again;
    this process keeps them too, until they are as old as the shared cache keeps them."""
    global _in_process
    if not isinstance(kept, KeptVersions) or not kept.is_fresh():
        kept = KeptVersions(time.time(), read_versions())
        caches[settings.PAGE_CACHE_ALIAS].set(
            VERSIONS_KEY, kept, settings.PAGE_CACHE_VERSION_SECONDS
        )
    _in_process = kept
    return kept.versions


def forget_versions_in_process() -> None:
    global _in_process
    _in_process = None


def forget_versions() -> None:
    forget_versions_in_process()
    caches[settings.PAGE_CACHE_ALIAS].delete(VERSIONS_KEY)


def tables_read(sql: str) -> set[str]:
    return {table for table in TABLE_READ.findall(sql) if table in content_tables()}


# Each table read with its version then, as a cached page or value is stored with.
Read = tuple[tuple[str, str], ...]


def is_current(read: Read, versions: dict[str, str]) -> bool:
    return all(versions.get(table) == version for table, version in read)


class TablesRead:
    """A database execute wrapper noting the programme tables each query reads."""

    def __init__(self):
        self.tables = set()

    def __call__(self, execute, sql, params, many, context):
        self.tables |= tables_read(sql)
        return execute(sql, params, many, context)

    def read(self, versions: dict[str, str]) -> Read:
        return tuple((table, versions.get(table, "")) for table in sorted(self.tables))

    @staticmethod
    def note_without_query(read: Read) -> None:
        """Tells the recorders around (the page cache's) about tables a value taken
        from the cache had read, since no query reads them now."""
        for wrapper in connection.execute_wrappers:
            if isinstance(wrapper, TablesRead):
                wrapper.tables.update(table for table, _version in read)


def note_content_writes(execute, sql, params, many, context):
    """A database execute wrapper: after a statement that writes to a programme table,
    the kept versions are dropped now (this transaction reads its own writes) and again
    on commit (so no other process keeps versions read before the commit)."""
    result = execute(sql, params, many, context)
    written = WRITE_STATEMENT.match(sql)
    if written and written[1] in content_tables():
        forget_versions()
        transaction.on_commit(forget_versions, using=context["connection"].alias)
    return result


def watch_content_writes(sender, connection, **kwargs) -> None:
    """connection_created: every connection of every process (web, worker, commands)
    reports its writes."""
    if note_content_writes not in connection.execute_wrappers:
        # First, not last: a connection may open inside `connection.execute_wrapper()`
        # (pghistory's context is one), which pops the last wrapper when it ends.
        connection.execute_wrappers.insert(0, note_content_writes)
