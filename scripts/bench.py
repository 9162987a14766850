"""`make bench`: throughput, latency and worker memory of the public pages at scale.

Loads the programme content and demo data at `BENCH_SCALE` (default 100, a large
programme) into its own database of the local cluster, `admin4all_bench_<scale>`, so the
development data is never touched and a second run skips the minutes of generation.
Then it starts Redis and gunicorn with production settings on loopback ports, warms the
page cache (and says which page it does not serve) and runs Debian's `wrk` against each
page for `BENCH_DURATION` seconds (default 10). `BENCH_CACHE=database` measures the
cache production falls back to without Redis, the database table, instead.

Absolute figures depend on the machine and what else runs on it, so every page is
compared with `/robots.txt` measured in the same run: the cheapest response through the
whole stack (middleware, page cache, Redis), the ceiling of a page here. It is measured
before and after the pages and their mean taken, so that a change in the machine's other
load during the run shows as a gap between the two. Each row also gives the response's
size and the workers' CPU time per request, which depend less on that other load than
requests per second do. The targets: every page at `TARGET_RATIO` of that ceiling or
better, no errors, and worker memory flat. It is a measurement, so it exits 0 when a
target is missed and says which.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from statistics import mean

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 0.5
# A worker may grow this much between the first and the last timed run and still count
# as flat: allocator noise, not a leak.
FLAT_GROWTH_MB = 5
CEILING = "/robots.txt"
# wrk's `done` hook prints one line that parse_wrk reads, rather than its text report.
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "bytes": %d, "duration_us": %d, "p50_us": %.0f, '
    .. '"p99_us": %.0f, "connect": %d, "read": %d, "write": %d, "status": %d, '
    .. '"timeout": %d}\\n',
    summary.requests, summary.bytes, summary.duration, latency:percentile(50),
    latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout))
end
"""


@dataclass(frozen=True)
class Result:
    page: str
    path: str
    requests_per_second: float
    kilobytes: float
    worker_cpu_ms: float
    p50_ms: float
    p99_ms: float
    errors: int


@dataclass(frozen=True)
class WorkerMemory:
    pid: int
    first_mb: float
    last_mb: float
    peak_mb: float


def parse_wrk(page: str, path: str, output: str, worker_cpu_seconds: float) -> Result:
    """The figures of one wrk run from its output and the CPU time the workers spent
    meanwhile. Errors are socket errors (connect, read, write, timeout) and responses
    outside 2xx/3xx (wrk's `status`)."""
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    report = json.loads(line.removeprefix("BENCH "))
    requests = max(report["requests"], 1)
    return Result(
        page=page,
        path=path,
        requests_per_second=report["requests"] / (report["duration_us"] / 1e6),
        kilobytes=report["bytes"] / requests / 1024,
        worker_cpu_ms=worker_cpu_seconds * 1000 / requests,
        p50_ms=report["p50_us"] / 1000,
        p99_ms=report["p99_us"] / 1000,
        errors=sum(report[kind] for kind in ("connect", "read", "write", "status", "timeout")),
    )


def misses(result: Result, ceiling_rate: float) -> list[str]:
    ratio = result.requests_per_second / ceiling_rate
    found = []
    if ratio < TARGET_RATIO:
        found.append(f"{ratio:.2f} of the ceiling")
    if result.errors:
        found.append(f"{result.errors} errors")
    return found


def format_table(results: list[Result], ceilings: list[Result]) -> str:
    """A Markdown table, so it can be pasted into the README as printed."""
    lines = [
        "| page | path | KB | CPU ms | req/s | p50 ms | p99 ms | errors | ratio | target |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    ceiling_rate = mean(ceiling.requests_per_second for ceiling in ceilings)
    for result in [*ceilings, *results]:
        ratio = result.requests_per_second / ceiling_rate
        missed = misses(result, ceiling_rate)
        if result in ceilings:
            verdict = "ceiling"
        else:
            verdict = "missed: " + ", ".join(missed) if missed else "met"
        lines.append(
            f"| {result.page} | `{result.path}` | {result.kilobytes:.0f} "
            f"| {result.worker_cpu_ms:.1f} "
            f"| {result.requests_per_second:.0f} "
            f"| {result.p50_ms:.1f} | {result.p99_ms:.1f} | {result.errors} "
            f"| {ratio:.2f} | {verdict} |"
        )
    return "\n".join(lines)


def format_memory(workers: list[WorkerMemory]) -> str:
    lines = []
    for worker in workers:
        growth = worker.last_mb - worker.first_mb
        verdict = "flat" if growth <= FLAT_GROWTH_MB else f"GREW more than {FLAT_GROWTH_MB} MB"
        lines.append(
            f"worker {worker.pid}: peak {worker.peak_mb:.1f} MB; RSS {worker.first_mb:.1f} MB "
            f"after the first run, {worker.last_mb:.1f} MB after the last "
            f"({growth:+.1f} MB, {verdict})"
        )
    return "\n".join(lines)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"The server for port {port} exited with {process.returncode}.")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"Nothing listens on port {port} after {seconds} s.")


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM (gunicorn stops its workers gracefully), then SIGKILL after 10 s."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _status_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise ValueError(f"no {field} for process {pid}")


def _workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return sorted(int(pid) for pid in children)


def _prepare_data(scale: str) -> None:
    from django.core.management import call_command

    from content.demo_data import demo_records_exist

    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_admin4all", verbosity=0)
    if demo_records_exist():
        print("Demo data is there already.", flush=True)
    else:
        print(f"Generating demo data at scale {scale} (a minute or two)...", flush=True)
        call_command("generate_demo_data", scale=float(scale), seed=1)
    call_command("collectstatic", "--noinput", verbosity=0)


def _translated_path(language: str, url_name: str) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        return reverse(url_name)


def _pages() -> list[tuple[str, str]]:
    """The pages measured, picked from the data: demo records, as a big programme's
    pages would be, and a search that finds the city measured."""
    from django.urls import reverse

    from admin4all.models import ProgrammePhase
    from events.models import Event, NewsArticle
    from municipalities.models import Municipality

    city = Municipality.objects.filter(is_demo=True).order_by("pk").first()
    event = Event.objects.published().filter(is_demo=True).order_by("pk").first()
    article = NewsArticle.objects.published().filter(is_demo=True).order_by("pk").first()
    return [
        ("home", reverse("portal:home")),
        ("municipalities", reverse("municipalities:municipality_list")),
        ("city", city.get_absolute_url()),
        ("events", reverse("events:event_list")),
        ("event", event.get_absolute_url()),
        ("news", reverse("events:news_article_list")),
        ("article", article.get_absolute_url()),
        ("search", reverse("portal:search") + "?" + urllib.parse.urlencode({"q": city.name})),
        ("feed", reverse("events:news_feed")),
        # The latest phase: its page shows a bounded part of its many records.
        ("phase", ProgrammePhase.objects.order_by("-number").first().get_absolute_url()),
        # A page in another language costs what it costs in English.
        ("events in Italian", _translated_path("it", "events:event_list")),
    ]


def _warm(base: str, path: str) -> str:
    """Requests the page twice; says whether the second came from the page cache."""
    for _ in range(2):
        with urllib.request.urlopen(base + path, timeout=60) as response:
            response.read()
    return response.headers.get("X-Page-Cache", "not cached")


def _cpu_seconds(pids: list[int]) -> float:
    """User and system time of these processes so far (fields 14 and 15 of stat)."""
    ticks = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except FileNotFoundError:  # a worker replaced: reported after the run
            continue
        fields = stat.rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _wrk(base: str, page: str, path: str, script: Path, duration: int, pids: list[int]) -> Result:
    # Two threads, one per core; 16 connections keep both workers busy while wrk waits.
    command = ["wrk", "-t2", "-c16", f"-d{duration}s", "-s", str(script), base + path]
    cpu_before = _cpu_seconds(pids)
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=duration + 30
    ).stdout
    return parse_wrk(page, path, output, _cpu_seconds(pids) - cpu_before)


def main() -> None:
    scale = os.environ.get("BENCH_SCALE", "100")
    duration = int(os.environ.get("BENCH_DURATION", "10"))
    with_redis = os.environ.get("BENCH_CACHE", "redis") == "redis"
    # One worker per core: the pages are CPU-bound (cached, or PostgreSQL on this
    # host), so gunicorn's default of 2 × cores + 1 only adds switching; and wrk shares
    # the cores.
    workers = os.cpu_count() or 1
    if os.environ.get("DATABASE_URL"):
        sys.exit("make bench uses its own database in the local cluster: unset DATABASE_URL.")
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: `make bench` installs it (Debian's wrk, as root).")
    from admin4all import localdb

    database = f"admin4all_bench_{scale.replace('.', '_')}"
    localdb.create_database(database)

    port, redis_port = _free_port(), _free_port()
    scratch = Path(tempfile.mkdtemp(prefix="admin4all-bench-"))
    host = localdb.database_settings()["HOST"]
    environment = {
        "DJANGO_SETTINGS_MODULE": "admin4all.settings",
        "DATABASE_URL": f"postgres://postgres@/{database}?host={host}&port={localdb.PORT}",
        # Without Redis, the default: the database's cache table.
        **({"CACHE_URL": f"redis://127.0.0.1:{redis_port}/0"} if with_redis else {}),
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_DOMAIN": f"127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(scratch / "static"),
        "MEDIA_ROOT": str(scratch / "media"),
        "PRIVATE_MEDIA_ROOT": str(scratch / "private-media"),
        "LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": str(workers),
        "BIND": f"127.0.0.1:{port}",
        # No recycling after max_requests: a replaced worker would hide a leak and cost
        # a fresh import in the middle of a run.
        "GUNICORN_CMD_ARGS": "--max-requests 0",
    }
    os.environ.update(environment)
    import django

    django.setup()
    processes = []
    try:
        _prepare_data(scale)
        pages = _pages()
        if with_redis:
            processes.append(
                subprocess.Popen(
                    ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1"]
                    + ["--save", "", "--dir", str(scratch)],
                    stdout=subprocess.DEVNULL,
                )
            )
            _wait_for_port(redis_port, processes[-1])
        processes.append(
            subprocess.Popen(
                [str(Path(sys.executable).parent / "gunicorn"), "admin4all.wsgi"],
                cwd=ROOT,
                env=os.environ,
            )
        )
        gunicorn = processes[-1]
        _wait_for_port(port, gunicorn)
        base = f"http://127.0.0.1:{port}"
        uncached = [page for page, path in pages if _warm(base, path) != "hit"]
        _warm(base, CEILING)
        script = scratch / "report.lua"
        script.write_text(WRK_REPORT)
        print(
            f"Scale {scale}, {workers} workers, cache in "
            f"{'Redis' if with_redis else 'the database'}, {duration} s per page; load average "
            f"before: {Path('/proc/loadavg').read_text().split()[:3]}",
            flush=True,
        )
        pids = _workers(gunicorn.pid)
        ceilings = [_wrk(base, "robots.txt before", CEILING, script, duration, pids)]
        first = {pid: _status_mb(pid, "VmRSS") for pid in pids}
        results = []
        for page, path in pages:
            results.append(_wrk(base, page, path, script, duration, pids))
            print(f"  {page}: {results[-1].requests_per_second:.0f} req/s", flush=True)
        ceilings.append(_wrk(base, "robots.txt after", CEILING, script, duration, pids))
        survivors = [pid for pid in _workers(gunicorn.pid) if pid in first]
        if survivors != pids:
            print("A worker was replaced during the run (a crash or a timeout).")
        memory = [
            WorkerMemory(
                pid=pid,
                first_mb=first[pid],
                last_mb=_status_mb(pid, "VmRSS"),
                peak_mb=_status_mb(pid, "VmHWM"),
            )
            for pid in survivors
        ]
        print(f"Load average after: {Path('/proc/loadavg').read_text().split()[:3]}")
        print(format_table(results, ceilings))
        print(format_memory(memory))
        if uncached:
            print(f"Not served from the page cache: {', '.join(uncached)}.")
        ceiling_rate = mean(ceiling.requests_per_second for ceiling in ceilings)
        missed = [result.page for result in results if misses(result, ceiling_rate)]
        print(
            f"Targets missed by: {', '.join(missed)}."
            if missed
            else f"Every page at {TARGET_RATIO} of the ceiling or better, without errors."
        )
    finally:
        for process in reversed(processes):
            _stop(process)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
