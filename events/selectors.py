"""Querysets of events that several public pages share (lists, home, city pages)."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from events.models import (
    Event,
    EventMaterial,
    EventQuerySet,
    NewsArticle,
    Publication,
    Session,
    Speaker,
)
from municipalities.models import Municipality


def listed_events() -> EventQuerySet:
    """Events with what a list item shows: the country, and whether there are materials."""
    return Event.objects.select_related("country").annotate(
        has_materials=Exists(EventMaterial.objects.filter(event=OuterRef("pk")))
    )


def events_involving(events: EventQuerySet, municipality: Municipality) -> EventQuerySet:
    """The events the municipality hosted or took part in, each once."""
    takes_part = Event.participating_municipalities.through.objects.filter(
        event=OuterRef("pk"), municipality=municipality
    )
    return events.filter(Q(host_municipality=municipality) | Exists(takes_part))


def sessions_with_speakers() -> QuerySet:
    """Sessions with their speakers, each with the person and organisation."""
    return Session.objects.prefetch_related(
        Prefetch(
            "speakers",
            queryset=Speaker.objects.select_related("person__organisation", "organisation"),
        )
    )


def event_details() -> EventQuerySet:
    """Events with everything their page shows: the agenda with its speakers, and only
    the publications and news that are themselves published."""
    return Event.objects.select_related("host_municipality", "country", "phase").prefetch_related(
        "figures",
        "organisers",
        "themes",
        "materials",
        "participating_municipalities",
        Prefetch("sessions", queryset=sessions_with_speakers()),
        Prefetch(
            "publications",
            queryset=Publication.objects.published().select_related("organisation"),
        ),
        Prefetch("news_articles", queryset=NewsArticle.objects.published()),
    )
