from django.db.models import Prefetch
from django.views.generic import DetailView

from admin4all.views import PublishedMixin
from municipalities.models import Country, GoodPractice, Municipality, Participation


class CountryDetailView(DetailView):
    model = Country


class MunicipalityDetailView(DetailView):
    model = Municipality
    queryset = Municipality.objects.select_related("country").prefetch_related(
        Prefetch("participations", queryset=Participation.objects.select_related("phase"))
    )


class GoodPracticeDetailView(PublishedMixin, DetailView):
    model = GoodPractice
    queryset = GoodPractice.objects.select_related("municipality", "phase")
