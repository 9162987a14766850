"""The sitemaps' shared classes: every public page in every language, each app
listing its own (`<app>/sitemaps.py`), the portal assembling them (portal.sitemaps)."""

from collections.abc import Callable
from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import translation

from admin4all.addresses import SLUG_PLACEHOLDER


class MultilingualSitemap(Sitemap):
    """Lists each page once per language, each entry with its hreflang alternates
    (English also as x-default), as search engines ask for pages in several languages."""

    i18n = True
    alternates = True
    x_default = True
    # An entry carries a line per language: 500 entries make a page of about 500 KB,
    # which costs the same to build whether the site has a hundred pages or a million.
    limit = 500


class PageSitemap(MultilingualSitemap):
    """Pages that are not about one record (home, the lists), by their URL names."""

    def __init__(self, url_names: list[str]):
        self.url_names = url_names

    def items(self) -> list[str]:
        return self.url_names

    def location(self, item: str) -> str:
        return reverse(item)


class RecordsInEveryLanguage:
    """Each record once per language, in the order Django's i18n sitemap lists them,
    read from the database a page at a time: its length is a COUNT, and a slice loads
    only the records it covers. Django's own list would load every record to count them."""

    def __init__(self, records: QuerySet, languages: list[str]):
        self.records = records.order_by("pk")
        self.languages = languages

    def count(self) -> int:
        return self.records.count() * len(self.languages)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, entries: slice) -> list[tuple]:
        per_record = len(self.languages)
        first, last = entries.start // per_record, -(-entries.stop // per_record)
        pairs = [
            (record, language)
            for record in self.records[first:last]
            for language in self.languages
        ]
        offset = first * per_record
        return pairs[entries.start - offset : entries.stop - offset]


class UncountedPaginator(Paginator):
    """Serves a page without counting the list first: one query for a sitemap page.
    A page past the end is empty, which the sitemap view answers with a 404."""

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        bottom = (number - 1) * self.per_page
        entries = self.object_list[bottom : bottom + self.per_page]
        if not entries and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        return self._get_page(entries, number, self)


class RecordSitemap(MultilingualSitemap):
    """The page of every public record that `public()` returns, with its last change.

    A callable, not a queryset: published() and past() compare with the time of the
    request, not the time the module was imported."""

    def __init__(self, public: Callable[[], QuerySet]):
        self.public = public
        self.addresses = {}

    def items(self) -> QuerySet:
        return self.public().only("slug", "updated_at")

    def _items(self) -> RecordsInEveryLanguage:
        return RecordsInEveryLanguage(self.items(), self.get_languages_for_item(None))

    @property
    def paginator(self) -> Paginator:
        return UncountedPaginator(self._items(), self.limit)

    def _location(self, item, force_lang_code=None) -> str:
        # Django reverses each record's address once per language, in that language;
        # every record's address has the same pattern, reversed once per language here.
        record, language = item
        language = force_lang_code or language
        if language not in self.addresses:
            with translation.override(language):
                pattern = type(record)(slug=SLUG_PLACEHOLDER).get_absolute_url()
            self.addresses[language] = pattern
        return self.addresses[language].replace(SLUG_PLACEHOLDER, record.slug)

    def lastmod(self, record) -> datetime:
        return record.updated_at

    def get_latest_lastmod(self) -> datetime | None:
        # For the index: one query, where Django's default would load every record.
        return self.public().aggregate(latest=Max("updated_at"))["latest"]
