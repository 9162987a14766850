"""Querysets of events that several public pages share (lists, home, city pages)."""

from django.db.models import Exists, OuterRef, Q

from events.models import Event, EventMaterial, EventQuerySet
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
