"""Filters of the public event, news and publication lists (and of their feeds).

Each FilterSet is given a queryset of already-published items and only narrows it.
Every value goes through a form field, so a malformed one (an unknown slug, a NUL
byte) becomes a form error instead of reaching the database.
"""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from admin4all.translation import InActiveLanguage
from events.models import Event, NewsArticle, Publication
from events.selectors import events_involving
from municipalities.filters import (
    YearFilter,
    country_filter,
    municipality_filter,
    phase_filter,
    theme_filter,
)
from municipalities.models import Country, Municipality


class EventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=[(value, capfirst(label)) for value, label in Event.Kind.choices],
        label=_("Kind"),
        empty_label=_("All kinds"),
    )
    year = YearFilter(
        field_name="start_date",
        lookup_expr="year",
        years_of=lambda events: [day.year for day in events.dates("start_date", "year", "DESC")],
    )
    country = country_filter()
    municipality = municipality_filter(method="filter_municipality")
    theme = theme_filter()
    phase = phase_filter()
    when = django_filters.ChoiceFilter(
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
        method="filter_when",
        label=_("When"),
        empty_label=_("Upcoming and past"),
    )

    class Meta:
        model = Event
        fields = ["kind", "year", "country", "municipality", "theme", "phase", "when"]

    def filter_municipality(self, queryset, name, value: Municipality):
        return events_involving(queryset, value)

    def filter_when(self, queryset, name, when):
        if when == "upcoming":
            # The soonest first, rather than the lists' newest first.
            return queryset.upcoming().order_by("start_date", InActiveLanguage("title"))
        return queryset.past()


class NewsArticleFilter(django_filters.FilterSet):
    country = country_filter(method="filter_country")
    municipality = municipality_filter(field_name="municipalities")
    theme = theme_filter()
    year = YearFilter(
        field_name="published_at",
        lookup_expr="year",
        years_of=lambda articles: [
            moment.year for moment in articles.datetimes("published_at", "year", "DESC")
        ],
    )

    class Meta:
        model = NewsArticle
        fields = ["country", "municipality", "theme", "year"]

    def filter_country(self, queryset, name, value: Country):
        """Articles that mention a municipality of the country, each once."""
        mentions = NewsArticle.municipalities.through.objects.filter(
            newsarticle=OuterRef("pk"), municipality__country=value
        )
        return queryset.filter(Exists(mentions))


class PublicationFilter(django_filters.FilterSet):
    theme = theme_filter()
    year = YearFilter(
        years_of=lambda publications: (
            publications.exclude(year=None)
            .prefetch_related(None)
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        ),
    )

    class Meta:
        model = Publication
        fields = ["theme", "year"]
