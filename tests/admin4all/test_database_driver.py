"""The database driver Django runs on."""

import psycopg
from django.db import connection


def test_django_uses_psycopg_3_with_its_c_implementation(db):
    # The pure-Python implementation loads rows several times slower (docs/benchmark.md).
    assert connection.Database is psycopg
    assert psycopg.pq.__impl__ in {"c", "binary"}
