"""The open data API: read-only views of the public records, under /api/v1/.

It gathers across the domain apps, above reporting (docs/architecture.md). Every
queryset starts from the public rule of its records (`.published()`, trainings and
peer visits once held) in get_queryset, so the time it compares with is the request's;
the list filters are the site's own FilterSets.
"""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import api_view, schema
from rest_framework.exceptions import NotFound

from admin4all.models import ProgrammePhase
from api import serializers
from api.languages import LANG_PARAMETER, activate_requested_language
from api.parameters import PagePagination
from events.filters import EventFilter, NewsArticleFilter, PublicationFilter
from events.models import Event, NewsArticle, Publication
from events.selectors import event_details
from municipalities.filters import GoodPracticeFilter, MunicipalityFilter
from municipalities.models import Country, GoodPractice, Municipality
from municipalities.selectors import with_phases
from trainings.selectors import peer_visit_statistics, training_statistics


class LanguageMixin:
    """Answers in the language `?lang=` asks for (api/languages.py)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        activate_requested_language(request)


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER]),
)
class PublicViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """A list and a page per record, found by its slug."""

    lookup_field = "slug"
    # Anything else is not a slug: answered 404 before it reaches the database.
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    pagination_class = PagePagination


class CountryViewSet(PublicViewSet):
    serializer_class = serializers.CountrySerializer

    def get_queryset(self):
        return Country.objects.all()


class MunicipalityViewSet(PublicViewSet):
    """Municipalities with their country, phases and coordinates; the filters of
    /municipalities/."""

    serializer_class = serializers.MunicipalitySerializer
    filterset_class = MunicipalityFilter

    def get_queryset(self):
        return with_phases(Municipality.objects.order_by("country__name", "name"))


class PhaseViewSet(PublicViewSet):
    serializer_class = serializers.PhaseSerializer

    def get_queryset(self):
        return ProgrammePhase.objects.select_related("managed_by", "funded_by").prefetch_related(
            "goals", "figures"
        )


class EventViewSet(PublicViewSet):
    """Published events; the filters of /events/. An event's own page in the API has
    its agenda (sessions with speakers) and its published publications and news."""

    filterset_class = EventFilter

    def get_queryset(self):
        if self.action == "retrieve":
            return event_details().published()
        return (
            Event.objects.published()
            .select_related("country", "phase", "host_municipality")
            .prefetch_related("themes")
        )

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.EventDetailSerializer
        return serializers.EventSerializer


class NewsArticleViewSet(PublicViewSet):
    """Published news; the filters of /news/."""

    serializer_class = serializers.NewsArticleSerializer
    filterset_class = NewsArticleFilter

    def get_queryset(self):
        return (
            NewsArticle.objects.published()
            .select_related("event")
            .prefetch_related("municipalities", "themes")
        )


class PublicationViewSet(PublicViewSet):
    """Published publications; the filters of /publications/."""

    serializer_class = serializers.PublicationSerializer
    filterset_class = PublicationFilter

    def get_queryset(self):
        return (
            Publication.objects.published()
            .select_related("organisation", "presented_at")
            .prefetch_related("authors", "themes")
        )


class GoodPracticeViewSet(PublicViewSet):
    """Published good practices; the filters of /good-practices/."""

    serializer_class = serializers.GoodPracticeSerializer
    filterset_class = GoodPracticeFilter

    def get_queryset(self):
        return (
            GoodPractice.objects.published()
            .select_related("municipality", "phase")
            .prefetch_related("themes")
        )


class StatisticsViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Figures added up by country, phase and year: one short list, not paginated (a
    row per country, phase and year at most)."""

    pagination_class = None
    filter_backends = []


class TrainingStatisticsViewSet(StatisticsViewSet):
    """Held trainings by country, phase and year, with attendance by gender and by
    service. Figures only: no trainee is ever named."""

    serializer_class = serializers.TrainingStatisticsSerializer

    def get_queryset(self):
        return training_statistics()


class PeerVisitStatisticsViewSet(StatisticsViewSet):
    """Held peer visits by host country, phase and year, with their participants."""

    serializer_class = serializers.PeerVisitStatisticsSerializer

    def get_queryset(self):
        return peer_visit_statistics()


@api_view(["GET", "HEAD"])
@schema(None)
def not_found(request, *args, **kwargs):
    """Unknown addresses under /api/ answer a JSON 404, like the API's own errors."""
    raise NotFound()


class DocsView(TemplateView):
    """Swagger UI from our static files, started by a script file (the CSP allows no
    inline script), reading the OpenAPI description."""

    template_name = "api/docs.html"
    extra_context = {"title": _("Open data API")}
