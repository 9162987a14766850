"""Filters of the public municipality and good-practice lists, and the slug-based
choices the event and news filters share.

Values go through form fields, so an unknown slug or a NUL byte becomes a form error
instead of reaching the database.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from admin4all.models import ProgrammePhase, Theme
from municipalities.models import Country, GoodPractice, Municipality


def country_filter(**kwargs) -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        queryset=Country.objects.all(),
        to_field_name="slug",
        label=_("Country"),
        empty_label=_("All countries"),
        **kwargs,
    )


def municipality_filter(**kwargs) -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        queryset=Municipality.objects.all(),
        to_field_name="slug",
        label=_("Municipality"),
        empty_label=_("All municipalities"),
        **kwargs,
    )


def phase_filter(**kwargs) -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        queryset=ProgrammePhase.objects.all(),
        to_field_name="slug",
        label=_("Phase"),
        empty_label=_("All phases"),
        **kwargs,
    )


def theme_filter(**kwargs) -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        field_name="themes",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        label=_("Theme"),
        empty_label=_("All themes"),
        **kwargs,
    )


class MunicipalityFilter(django_filters.FilterSet):
    country = country_filter()
    # One participation per municipality and phase (a unique constraint): no duplicates.
    phase = phase_filter(field_name="participations__phase")

    class Meta:
        model = Municipality
        fields = ["country", "phase"]


class GoodPracticeFilter(django_filters.FilterSet):
    country = country_filter(field_name="municipality__country")
    theme = theme_filter()
    phase = phase_filter()

    class Meta:
        model = GoodPractice
        fields = ["country", "theme", "phase"]
