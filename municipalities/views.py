"""Public pages of countries, municipalities and good practices.

The city page gathers what the other apps record about a city (trainings, peer visits,
events, news), so, like the home page, it sits on top and imports them (DESIGN.md).
"""

from django import forms
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.generic import DetailView
from django_filters.views import FilterView

from admin4all.views import (
    FilteredListMixin,
    PublishedFilterView,
    PublishedMixin,
    SectionMixin,
    invalid_filters,
    map_context,
)
from events.models import NewsArticle
from events.selectors import events_involving, listed_events
from municipalities.filters import GoodPracticeFilter, MunicipalityFilter
from municipalities.models import Country, GoodPractice, Municipality
from municipalities.selectors import map_features, with_phases
from trainings.models import PeerVisit, Training


class CountryDetailView(SectionMixin, DetailView):
    section = "municipalities"
    model = Country


class MunicipalityListView(FilteredListMixin, FilterView):
    """The partner municipalities by country, a page at a time (a page number out of
    range or malformed answers 404, as in the other lists); the map above shows all of
    the filtered set, from municipality_map."""

    section = "municipalities"
    queryset = with_phases(Municipality.objects.order_by("country__name", "name"))
    filterset_class = MunicipalityFilter
    paginate_by = 50

    def get_context_data(self, **kwargs):
        return super().get_context_data(**map_context(), **kwargs)


class SuggestionsForm(forms.Form):
    q = forms.CharField(min_length=2, max_length=150)


SUGGESTIONS = 10


def municipality_suggestions(request: HttpRequest) -> HttpResponse:
    """The municipalities a text typed in a municipality filter may mean, most likely
    first, for the suggestions static/js/suggestions.js offers: each with the slug to
    put in the field, which the filter takes whatever the spelling typed."""
    form = SuggestionsForm(request.GET)
    if not form.is_valid():
        return JsonResponse(
            {name: list(errors) for name, errors in form.errors.items()}, status=400
        )
    municipalities = Municipality.objects.named(form.cleaned_data["q"])
    return JsonResponse(
        {
            "suggestions": [
                {"value": municipality.slug, "label": f"{municipality} ({municipality.country})"}
                for municipality in municipalities.select_related("country")[:SUGGESTIONS]
            ]
        }
    )


def municipality_map(request: HttpRequest) -> HttpResponse:
    """The map's points (static/js/map.js) as GeoJSON, under the list's filters; a
    wrong filter answers 400 with the reason. Municipalities are all public."""
    municipalities = MunicipalityFilter(
        request.GET, queryset=Municipality.objects.order_by("country__name", "name")
    )
    if not municipalities.is_valid():
        return invalid_filters(municipalities)
    return JsonResponse(map_features(municipalities.qs), content_type="application/geo+json")


class MunicipalityDetailView(SectionMixin, DetailView):
    section = "municipalities"
    model = Municipality
    # Trainings and peer visits appear once held: planned ones are for the city's officers.
    queryset = with_phases(Municipality.objects.all()).prefetch_related(
        Prefetch("trainings", queryset=Training.objects.past()),
        Prefetch("peer_visits_hosted", queryset=PeerVisit.objects.past()),
        Prefetch("peer_visits_made", queryset=PeerVisit.objects.past().select_related("host")),
        Prefetch("good_practices", queryset=GoodPractice.objects.published()),
        Prefetch("news_articles", queryset=NewsArticle.objects.published()),
    )

    def get_context_data(self, **kwargs):
        events = events_involving(listed_events().published(), self.object)
        return super().get_context_data(events=events, **kwargs)


class GoodPracticeListView(PublishedFilterView):
    section = "good_practices"
    queryset = GoodPractice.objects.select_related("municipality__country", "phase")
    filterset_class = GoodPracticeFilter


class GoodPracticeDetailView(SectionMixin, PublishedMixin, DetailView):
    section = "good_practices"
    model = GoodPractice
    queryset = GoodPractice.objects.select_related("municipality", "phase")
