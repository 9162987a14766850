"""Public pages of countries, the municipality list and its map, and good practices.

The city page gathers what the other apps record about a city, so it is the portal's
(portal.views.city).
"""

from django import forms
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.generic import DetailView
from django_filters.views import FilterView

from admin4all.excerpts import excerpt, filtered_list_url
from admin4all.translation import InActiveLanguage
from admin4all.views import (
    FilteredListMixin,
    PublishedFilterView,
    PublishedMixin,
    SectionMixin,
    invalid_filters,
    map_context,
)
from municipalities.filters import GoodPracticeFilter, MunicipalityFilter
from municipalities.map_view import MapViewForm
from municipalities.models import Country, GoodPractice, Municipality
from municipalities.selectors import map_features, with_phases

# A country's cities on its page: as many as a page of the municipality list.
COUNTRY_MUNICIPALITIES = 50


class CountryDetailView(SectionMixin, DetailView):
    section = "municipalities"
    model = Country

    def get_context_data(self, **kwargs):
        municipalities = excerpt(
            self.object.municipalities.order_by("name"),
            url=filtered_list_url("municipalities:municipality_list", country=self.object.slug),
            size=COUNTRY_MUNICIPALITIES,
        )
        return super().get_context_data(municipalities=municipalities, **kwargs)


class MunicipalityListView(FilteredListMixin, FilterView):
    """The partner municipalities by country, a page at a time (a page number out of
    range or malformed answers 404, as in the other lists); the map above shows all of
    the filtered set, from municipality_map."""

    section = "municipalities"
    queryset = with_phases(
        Municipality.objects.order_by(InActiveLanguage("country__name"), "name")
    )
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
    """The map's markers (static/js/map.js) in its view (zoom and bbox: none is the
    first view, all of Europe) as GeoJSON, under the list's filters; a wrong filter or
    view answers 400 with the reason. Municipalities are all public."""
    municipalities = MunicipalityFilter(
        request.GET,
        queryset=Municipality.objects.order_by(InActiveLanguage("country__name"), "name"),
    )
    if not municipalities.is_valid():
        return invalid_filters(municipalities)
    view = MapViewForm(request.GET)
    if not view.is_valid():
        return invalid_filters(view)
    return JsonResponse(
        map_features(municipalities.qs, view.cleaned_data["view"]),
        content_type="application/geo+json",
    )


class GoodPracticeListView(PublishedFilterView):
    section = "good_practices"
    queryset = GoodPractice.objects.select_related("municipality__country", "phase")
    filterset_class = GoodPracticeFilter


class GoodPracticeDetailView(SectionMixin, PublishedMixin, DetailView):
    section = "good_practices"
    model = GoodPractice
    queryset = GoodPractice.objects.select_related("municipality", "phase")
