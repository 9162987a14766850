"""Filters of the public lists of held trainings and peer visits, with the choices the
other lists use (municipalities.filters): values go through form fields, so an unknown
slug or a NUL byte becomes a form error instead of reaching the database."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from municipalities.filters import YearFilter, country_filter, municipality_filter, phase_filter
from trainings.models import PeerVisit, Training


def _start_years(activities: QuerySet) -> list[int]:
    return [day.year for day in activities.dates("start_date", "year", "DESC")]


def start_year_filter() -> YearFilter:
    return YearFilter(field_name="start_date", lookup_expr="year", years_of=_start_years)


class TrainingFilter(django_filters.FilterSet):
    phase = phase_filter()
    country = country_filter(field_name="municipality__country")
    municipality = municipality_filter()
    year = start_year_filter()

    class Meta:
        model = Training
        fields = ["phase", "country", "municipality", "year"]


class PeerVisitFilter(django_filters.FilterSet):
    phase = phase_filter()
    country = country_filter(field_name="host__country", label=_("Host country"))
    host = municipality_filter(label=_("Host municipality"))
    # A visit's visitors are distinct municipalities: one row per visit.
    visitor = municipality_filter(field_name="visitors", label=_("Visiting municipality"))
    year = start_year_filter()

    class Meta:
        model = PeerVisit
        fields = ["phase", "country", "host", "visitor", "year"]
