"""The sitemaps' shared classes: every public page in every language, each app
listing its own (`<app>/sitemaps.py`), the portal assembling them (portal.sitemaps)."""

from collections.abc import Callable
from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse


class MultilingualSitemap(Sitemap):
    """Lists each page once per language, each entry with its hreflang alternates
    (English also as x-default), as search engines ask for pages in several languages."""

    i18n = True
    alternates = True
    x_default = True
    # An entry carries a line per language: 5,000 entries keep a sitemap page near 5 MB,
    # well under the protocol's 50 MB.
    limit = 5000


class PageSitemap(MultilingualSitemap):
    """Pages that are not about one record (home, the lists), by their URL names."""

    def __init__(self, url_names: list[str]):
        self.url_names = url_names

    def items(self) -> list[str]:
        return self.url_names

    def location(self, item: str) -> str:
        return reverse(item)


class RecordSitemap(MultilingualSitemap):
    """The page of every public record that `public()` returns, with its last change.

    A callable, not a queryset: published() and past() compare with the time of the
    request, not the time the module was imported."""

    def __init__(self, public: Callable[[], QuerySet]):
        self.public = public

    def items(self) -> QuerySet:
        return self.public().only("slug", "updated_at")

    def lastmod(self, record) -> datetime:
        return record.updated_at

    def get_latest_lastmod(self) -> datetime | None:
        # For the index: one query, where Django's default would load every record.
        return self.public().aggregate(latest=Max("updated_at"))["latest"]
