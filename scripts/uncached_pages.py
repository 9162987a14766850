"""Times pages made in-process with the page cache off: queries, size, and the median
worker CPU and wall time of N calls through the WSGI application (docs/benchmark.md).

Run from the project's root with the production settings' environment (DATABASE_URL,
CACHE_URL, STATIC_ROOT after collectstatic):

    N=15 .venv/bin/python scripts/uncached_pages.py / /programme/phase-2/ /results/

STAFF=1 makes the calls as a logged-in superuser (the admin's pages); PROFILE=1 adds a
cProfile of the worker's CPU (SORT=tottime|cumulative, LINES=40).
Process time is what the load of other programs disturbs least; the wall time includes
the database's.
"""

import cProfile
import io
import os
import pstats
import statistics
import sys
import time

os.environ.update(
    {
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_DOMAIN": "127.0.0.1:8000",
        "PAGE_CACHE_SECONDS": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "admin4all.settings",
    }
)
sys.path.insert(0, os.getcwd())

from scripts.bench import _staff_cookie  # noqa: E402


def main(paths: list[str]) -> None:
    import django

    django.setup()
    from django.core.signals import request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import connection

    application = get_wsgi_application()
    cookie = _staff_cookie() if os.environ.get("STAFF") else ""

    def call(path: str) -> tuple[str, bytes]:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path.partition("?")[0],
            "QUERY_STRING": path.partition("?")[2],
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "HTTP_COOKIE": cookie,
        }
        status = []
        body = b"".join(application(environ, lambda s, h, e=None: status.append(s)))
        return status[0], body

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    def watch(**kwargs):
        # The request's connection may be new: wrap it once the request has started.
        connection.execute_wrappers.append(count)

    calls = int(os.environ.get("N", "10"))
    for path in paths:
        call(path)  # warm: templates compiled, connection open
        queries.clear()
        request_started.connect(watch, weak=False)
        status, body = call(path)
        request_started.disconnect(watch)
        connection.execute_wrappers.remove(count)
        cpu, wall = [], []
        for _ in range(calls):
            started, started_cpu = time.perf_counter(), time.process_time()
            call(path)
            wall.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        print(
            f"{path}: {status}, {len(body) / 1024:.1f} KB, {len(queries)} queries, "
            f"CPU median {statistics.median(cpu) * 1000:.1f} ms, "
            f"wall median {statistics.median(wall) * 1000:.1f} ms"
        )
        if os.environ.get("PROFILE"):
            profile = cProfile.Profile(time.process_time)
            profile.enable()
            for _ in range(calls):
                call(path)
            profile.disable()
            stats = pstats.Stats(profile).sort_stats(os.environ.get("SORT", "cumulative"))
            stats.print_stats(int(os.environ.get("LINES", "40")))


if __name__ == "__main__":
    main(sys.argv[1:])
