from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from operator import attrgetter

from django.db.models import OuterRef
from django.views.generic import DetailView

from admin4all.models import Indicator, Theme
from admin4all.related_rows import instances, related_rows
from admin4all.reported_facts import reported_facts
from admin4all.views import PublishedFilterView, PublishedMixin, SectionMixin
from events.filters import EventFilter, NewsArticleFilter, PublicationFilter
from events.models import Event, EventFigure, NewsArticle, Publication, Session
from events.selectors import event_details, listed_events


@dataclass
class AgendaSlot:
    """One step of a day's agenda: a single session, or sessions running in parallel
    tracks (each track with its sessions, in agenda order)."""

    session: Session | None = None
    tracks: list[tuple[str, list[Session]]] = field(default_factory=list)


def agenda_by_day(sessions: list[Session]) -> list[tuple[date, list[AgendaSlot]]]:
    """Group an event's sessions (in agenda order) by day; consecutive sessions that have
    a track form one block of parallel tracks."""
    days = []
    for day, day_sessions in groupby(sessions, key=attrgetter("day")):
        slots = []
        for parallel, group in groupby(day_sessions, key=lambda session: bool(session.track)):
            if not parallel:
                slots += [AgendaSlot(session=session) for session in group]
                continue
            tracks: dict[str, list[Session]] = {}
            for session in group:
                tracks.setdefault(session.track, []).append(session)
            slots.append(AgendaSlot(tracks=list(tracks.items())))
        days.append((day, slots))
    return days


def municipalities_reported(event: Event) -> EventFigure | None:
    """The number of municipalities the sources report at the event where it is more
    than the event lists: the list then names only some of them."""
    listed = len(event.participating_municipalities.all())
    for fact in reported_facts(event.figures.all()):
        figure = fact.figure
        if figure.indicator == Indicator.PARTICIPATING_MUNICIPALITIES and figure.value > listed:
            return figure
    return None


class EventListView(PublishedFilterView):
    section = "events"
    queryset = listed_events()
    filterset_class = EventFilter


class EventDetailView(SectionMixin, PublishedMixin, DetailView):
    section = "events"
    model = Event
    queryset = event_details()

    def get_context_data(self, **kwargs):
        event = self.object
        return super().get_context_data(
            agenda=agenda_by_day(event.sessions.all()),
            municipalities_reported=municipalities_reported(event),
            **kwargs,
        )


class NewsArticleListView(PublishedFilterView):
    section = "news"
    model = NewsArticle
    filterset_class = NewsArticleFilter


class NewsArticleDetailView(SectionMixin, PublishedMixin, DetailView):
    section = "news"
    model = NewsArticle
    queryset = NewsArticle.objects.select_related("event").prefetch_related(
        "municipalities", "themes"
    )


class PublicationListView(PublishedFilterView):
    section = "publications"
    queryset = Publication.objects.select_related("organisation").prefetch_related("authors")
    filterset_class = PublicationFilter


class PublicationDetailView(SectionMixin, PublishedMixin, DetailView):
    section = "publications"
    model = Publication
    # Its themes come within its own query: the page makes two, with its authors.
    queryset = (
        Publication.objects.select_related("organisation", "presented_at")
        .prefetch_related("authors")
        .annotate(
            theme_rows=related_rows(
                Theme.objects.filter(publications=OuterRef("pk")), ("id", "name", "slug", "i18n")
            )
        )
    )

    def get_context_data(self, **kwargs):
        return super().get_context_data(themes=instances(Theme, self.object.theme_rows), **kwargs)
