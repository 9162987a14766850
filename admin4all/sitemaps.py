"""/sitemap.xml, an index of /sitemap-<section>.xml: every public page in every language,
public content only once it is published."""

from collections.abc import Callable
from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse

from admin4all.models import Organisation, Person, ProgrammePhase, Theme
from events.models import Event, NewsArticle, Publication
from municipalities.models import Country, GoodPractice, Municipality
from trainings.models import PeerVisit, Training


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
    """The pages that are not about one record: home, programme and the lists."""

    def items(self) -> list[str]:
        return [
            "home",
            "admin4all:phase_list",
            "admin4all:results",
            "municipalities:municipality_list",
            "events:event_list",
            "events:news_article_list",
            "events:publication_list",
            "municipalities:good_practice_list",
            "trainings:training_list",
            "trainings:peer_visit_list",
            "open_data:index",
        ]

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


class PhaseResultsSitemap(MultilingualSitemap):
    """Each phase's results page, /results/<slug>/."""

    def items(self) -> QuerySet:
        return ProgrammePhase.objects.only("slug")

    def location(self, phase: ProgrammePhase) -> str:
        return reverse("admin4all:phase_results", kwargs={"slug": phase.slug})


# The same rules as the detail views: publishable content once published, trainings
# and peer visits once held (planned ones belong to the officers' area).
sitemaps = {
    "pages": PageSitemap,
    "phases": RecordSitemap(ProgrammePhase.objects.all),
    "phase_results": PhaseResultsSitemap(),
    "countries": RecordSitemap(Country.objects.all),
    "municipalities": RecordSitemap(Municipality.objects.all),
    "trainings": RecordSitemap(Training.objects.past),
    "peer_visits": RecordSitemap(PeerVisit.objects.past),
    "events": RecordSitemap(Event.objects.published),
    "news": RecordSitemap(NewsArticle.objects.published),
    "publications": RecordSitemap(Publication.objects.published),
    "good_practices": RecordSitemap(GoodPractice.objects.published),
    "people": RecordSitemap(Person.objects.all),
    "organisations": RecordSitemap(Organisation.objects.all),
    "themes": RecordSitemap(Theme.objects.all),
}
