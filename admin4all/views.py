from django.db import DatabaseError, connection
from django.db.models import Prefetch
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, TemplateView

from admin4all.models import Organisation, Person, ProgrammePhase, Theme
from municipalities.models import Municipality


class PublishedMixin:
    """Detail and list views of public content: published items only, except that
    staff may preview drafts and scheduled items."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.user.is_staff:
            return queryset
        return queryset.published()


class HomeView(TemplateView):
    template_name = "admin4all/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(phases=ProgrammePhase.objects.all(), **kwargs)


class PhaseDetailView(DetailView):
    model = ProgrammePhase
    queryset = ProgrammePhase.objects.select_related("managed_by", "funded_by").prefetch_related(
        "goals",
        "figures",
        Prefetch(
            "municipalities",
            queryset=Municipality.objects.select_related("country").order_by(
                "country__name", "name"
            ),
        ),
    )


class PersonDetailView(DetailView):
    model = Person
    queryset = Person.objects.select_related("organisation")


class OrganisationDetailView(DetailView):
    model = Organisation
    queryset = Organisation.objects.select_related("parent")


class ThemeDetailView(DetailView):
    model = Theme


@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})
