from django.db.models import Prefetch
from django.views.generic import DetailView

from admin4all.views import PublishedMixin
from events.models import Event, NewsArticle, Publication, Session, Speaker


class EventDetailView(PublishedMixin, DetailView):
    model = Event
    queryset = Event.objects.select_related(
        "host_municipality", "country", "phase"
    ).prefetch_related(
        "figures",
        Prefetch(
            "sessions",
            queryset=Session.objects.prefetch_related(
                Prefetch(
                    "speakers",
                    queryset=Speaker.objects.select_related(
                        "person__organisation", "organisation"
                    ),
                )
            ),
        ),
    )


class NewsArticleDetailView(PublishedMixin, DetailView):
    model = NewsArticle
    queryset = NewsArticle.objects.select_related("event")


class PublicationDetailView(PublishedMixin, DetailView):
    model = Publication
    queryset = Publication.objects.select_related("organisation", "presented_at")
