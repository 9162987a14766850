from django.db.models import QuerySet
from django.urls import reverse

from admin4all.models import ProgrammePhase
from admin4all.sitemaps import MultilingualSitemap

LIST_PAGES = ["reporting:results"]


class PhaseResultsSitemap(MultilingualSitemap):
    """Each phase's results page, /results/<slug>/."""

    def items(self) -> QuerySet:
        return ProgrammePhase.objects.only("slug")

    def location(self, phase: ProgrammePhase) -> str:
        return reverse("reporting:phase_results", kwargs={"slug": phase.slug})


sitemaps = {"phase_results": PhaseResultsSitemap()}
