"""The reading and reporting of `make bench` (scripts/bench.py) on canned wrk output: the
benchmark itself takes minutes and stays out of the suite."""

from scripts.bench import (
    FLAT_GROWTH_MB,
    WorkerMemory,
    format_memory,
    format_table,
    parse_wrk,
    verdicts,
)

# What wrk prints with the bench's `done` hook: its own report, then the hook's line.
CEILING_OUTPUT = """\
Running 10s test @ http://127.0.0.1:40000/robots.txt
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.10ms    1.02ms  20.00ms   90.00%
    Req/Sec     2.00k   100.00     2.20k    70.00%
  40000 requests in 10.00s, 20.00MB read
Requests/sec:   4000.00
Transfer/sec:      2.00MB
BENCH {"requests": 40000, "bytes": 20480000, "duration_us": 10000000, "p50_us": 3900, \
"p99_us": 9000, "connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0}
"""
PAGE_OUTPUT = """\
Running 10s test @ http://127.0.0.1:40000/municipalities/
  2 threads and 16 connections
  15000 requests in 10.00s, 17.17GB read
  Non-2xx or 3xx responses: 3
Requests/sec:   1500.00
BENCH {"requests": 15000, "bytes": 18432000000, "duration_us": 10000000, "p50_us": 10500, \
"p99_us": 41250, "connect": 0, "read": 2, "write": 0, "status": 3, "timeout": 1}
"""


def with_requests(output: str, requests: int) -> str:
    return output.replace('"requests": 40000', f'"requests": {requests}')


def test_parse_wrk_reads_rate_latency_size_and_every_kind_of_error():
    result = parse_wrk("cached", "municipalities", "/municipalities/", PAGE_OUTPUT, 30.0)

    assert (
        result.requests_per_second,
        result.kilobytes,
        result.worker_cpu_ms,
        result.p50_ms,
        result.p99_ms,
        result.errors,
    ) == (1500.0, 1200.0, 2.0, 10.5, 41.25, 6)


def row(group: str, page: str, requests: int, output: str = CEILING_OUTPUT):
    return parse_wrk(group, page, f"/{page}/", with_requests(output, requests), 8.0)


def test_format_table_compares_each_row_with_the_mean_of_the_two_baseline_runs():
    results = [
        row("baseline", "bare Django", 40000),
        row("cached", "home", 15000),  # 0.75 of the mean baseline, 20,000 a run
        parse_wrk("cached", "municipalities", "/municipalities/", PAGE_OUTPUT, 30.0),
        row("uncached", "home", 700),  # 0.035
        row("admin", "admin index", 700),  # 0.035
        row("baseline", "bare Django", 0),
    ]

    table = format_table(results)

    assert table.splitlines() == [
        "| group | page | path | KB | CPU ms | req/s | p50 ms | p99 ms | errors | ratio "
        "| target |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        "| baseline | bare Django | `/bare Django/` | 0 | 0.20 | 4000 | 3.9 | 9.0 | 0 | 2.000 "
        "| baseline |",
        "| cached | home | `/home/` | 1 | 0.53 | 1500 | 3.9 | 9.0 | 0 | 0.750 | met |",
        "| cached | municipalities | `/municipalities/` | 1200 | 2.00 | 1500 | 10.5 | 41.2 | 6 "
        "| 0.750 | missed: 6 errors |",
        "| uncached | home | `/home/` | 29 | 11.43 | 70 | 3.9 | 9.0 | 0 | 0.035 "
        "| missed: 0.035 < 0.04 |",
        "| admin | admin index | `/admin index/` | 29 | 11.43 | 70 | 3.9 | 9.0 | 0 | 0.035 "
        "| met |",
        "| baseline | bare Django | `/bare Django/` | 20000 | 8000.00 | 0 | 3.9 | 9.0 | 0 | 0.000 "
        "| baseline |",
    ]


def test_verdicts_compare_growth_with_scale_1_and_saves_with_the_same_load():
    results = [
        row("baseline", "bare Django", 40000),
        row("large", "map", 1000),
        row("large", "sitemap index", 1000),
        row("small", "map", 2000),  # twice as fast at scale 1: within the limit
        row("small", "sitemap index", 2100),
        row("mix", "without saves", 10000),
        row("mix", "with saves", 7900),
    ]

    found = verdicts(results)

    assert [found[result] for result in results] == [
        "baseline",
        "met",
        "missed: 2.1x slower than at scale 1",
        "met",
        "met",
        "met",
        "missed: 0.79 of the load without saves",
    ]


def test_format_memory_calls_growth_up_to_the_threshold_flat():
    workers = [
        WorkerMemory(pid=11, first_mb=150.0, last_mb=150.0 + FLAT_GROWTH_MB, peak_mb=156.0),
        WorkerMemory(pid=12, first_mb=150.0, last_mb=150.0 + FLAT_GROWTH_MB + 0.5, peak_mb=156.0),
    ]

    assert format_memory(workers).splitlines() == [
        "worker 11: peak 156.0 MB; RSS 150.0 MB after the first run, 155.0 MB after the last "
        "(+5.0 MB, flat)",
        "worker 12: peak 156.0 MB; RSS 150.0 MB after the first run, 155.5 MB after the last "
        "(+5.5 MB, GREW more than 5 MB)",
    ]
