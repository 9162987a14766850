from django.views.generic import DetailView

from admin4all.views import PublishedMixin
from municipalities.models import Country, GoodPractice, Municipality


class CountryDetailView(DetailView):
    model = Country


class MunicipalityDetailView(DetailView):
    model = Municipality
    queryset = Municipality.objects.select_related("country")


class GoodPracticeDetailView(PublishedMixin, DetailView):
    model = GoodPractice
    queryset = GoodPractice.objects.select_related("municipality", "phase")
