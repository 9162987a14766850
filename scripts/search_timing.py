"""Times the site search in-process, with and without the expansion of city names
(municipalities.name_variants), on the database DATABASE_URL names: the figures of
docs/languages.md, "Spelling variants".

    DATABASE_URL=postgres://postgres@/admin4all_bench_100?host=... \\
        .venv/bin/python scripts/search_timing.py

Without the expansion is what a search costs when a thesaurus dictionary holds the
spellings instead: the dictionary is read while the words are parsed, for no measurable
time; "name alone" is the expansion before multi-word queries. Each figure is the
median of RUNS rounds, uncached, on a warm connection.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "admin4all.settings")

import django  # noqa: E402

django.setup()

from django.contrib.postgres.search import SearchQuery  # noqa: E402
from django.utils import translation  # noqa: E402

import portal.search  # noqa: E402
from municipalities import name_variants  # noqa: E402

RUNS = 15
QUERIES = ["Wroclaw", "Wroclav", "housing", "training Wroclaw", "Cluj-Napoca housing"]
LANGUAGES = ["en", "pl"]


def _without_expansion(text, *, stemming):
    return SearchQuery("", config="admin4all_simple")


def _name_alone(text, *, stemming):
    """The expansion as it was before multi-word queries: a text that is a name alone."""
    expansion = name_variants.CityNameVariants(text, stemming=stemming)
    expansion.params = (stemming, [text.strip()], [""])
    return expansion


VARIANTS = {
    "words and names": name_variants.CityNameVariants,
    "name alone": _name_alone,
    "no expansion": _without_expansion,
}


def _time_ms(text: str) -> tuple[float, int]:
    start = time.perf_counter()
    results = portal.search.site_search(text, limit=20)
    results[0:20]  # the page's snippets, as the view shows them
    return (time.perf_counter() - start) * 1000, results.total


def main() -> None:
    """The variants take turns within each round, so that load on the machine falls on
    each alike."""
    print("language | query | " + " | ".join(f"{name} ms (hits)" for name in VARIANTS))
    for language in LANGUAGES:
        for text in QUERIES:
            times = {name: [] for name in VARIANTS}
            totals = {}
            with translation.override(language):
                for _ in range(RUNS):
                    for name, variant in VARIANTS.items():
                        portal.search.CityNameVariants = variant
                        elapsed, totals[name] = _time_ms(text)
                        times[name].append(elapsed)
            cells = [f"{statistics.median(times[n]):.1f} ({totals[n]})" for n in VARIANTS]
            print(f"{language} | {text} | " + " | ".join(cells))
    portal.search.CityNameVariants = VARIANTS["words and names"]


if __name__ == "__main__":
    main()
