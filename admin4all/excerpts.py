"""Sections of a record's page that list what relates to it (a phase's events, a
country's cities): the head of a list that grows with the data, how many there are in
all, and the address of the full, filtered and paginated list.

Each section shows the first items of the list its link opens, in that list's order, so
"see all" carries on where the section stops. A list that fits is shown whole and
costs one query; a longer one costs a second, to count it.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse

# Enough for every list of the programme's real content (at most 3 events a phase)
# while keeping a page of the synthetic scale-100 data to a few dozen kilobytes.
SECTION_SIZE = 10


@dataclass
class Excerpt:
    items: list
    total: int
    url: str

    @property
    def is_partial(self) -> bool:
        """Whether the full list holds more than the section shows."""
        return self.total > len(self.items)


def excerpt(queryset: QuerySet, *, url: str, size: int = SECTION_SIZE) -> Excerpt:
    """The queryset's first `size` items; counted in the database only when there are
    more (one row more than shown tells)."""
    items = list(queryset[: size + 1])
    if len(items) <= size:
        return Excerpt(items=items, total=len(items), url=url)
    return Excerpt(items=items[:size], total=queryset.count(), url=url)


def filtered_list_url(view_name: str, **filters: str) -> str:
    """The address of a list page under filters, in the current language."""
    return f"{reverse(view_name)}?{urlencode(filters)}"
