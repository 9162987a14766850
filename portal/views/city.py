"""The city page: a municipality with the head of each list of what the apps record
about it (trainings, peer visits, events, good practices, news)."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from admin4all.excerpts import Excerpt, excerpt, filtered_list_url
from admin4all.models import Indicator
from admin4all.views import SectionMixin
from events.selectors import events_involving, listed_events
from municipalities.models import Municipality
from municipalities.selectors import with_phases


class MunicipalityDetailView(SectionMixin, DetailView):
    """A city with the head of each list of what concerns it, each linking to its full
    list: the lists grow with the city's years in the programme."""

    section = "municipalities"
    model = Municipality
    template_name = "portal/municipality_detail.html"
    queryset = with_phases(Municipality.objects.all())

    def get_context_data(self, **kwargs):
        city = self.object

        def section(records: QuerySet, list_name: str, filter_name: str) -> Excerpt:
            return excerpt(records, url=filtered_list_url(list_name, **{filter_name: city.slug}))

        events = events_involving(listed_events().published(), city)
        # Trainings and peer visits appear once held: planned ones are for the city's officers.
        sections = {
            "trainings": section(city.trainings.past(), "trainings:training_list", "municipality"),
            "visits_hosted": section(
                city.peer_visits_hosted.past(), "trainings:peer_visit_list", "host"
            ),
            "visits_made": section(
                city.peer_visits_made.past().select_related("host"),
                "trainings:peer_visit_list",
                "visitor",
            ),
            "events": section(events, "events:event_list", "municipality"),
            "good_practices": section(
                city.good_practices.published(),
                "municipalities:good_practice_list",
                "municipality",
            ),
            "news": section(
                city.news_articles.published(), "events:news_article_list", "municipality"
            ),
        }
        return super().get_context_data(**sections, **city_summary(sections), **kwargs)


def city_summary(sections: dict[str, Excerpt]) -> dict:
    """The city's key figures (what its sections hold), and in one list what they hold
    nothing of: the page leaves those sections out and says so once."""
    counts = [
        (_("Trainings held"), Indicator.TRAININGS_HELD.label, sections["trainings"].total),
        (
            _("Peer-exchange visits"),
            Indicator.PEER_VISITS.label,
            sections["visits_hosted"].total + sections["visits_made"].total,
        ),
        (_("Events"), Indicator.EVENTS.label, sections["events"].total),
        (_("Good practices"), Indicator.GOOD_PRACTICES.label, sections["good_practices"].total),
        (_("News"), _("news articles"), sections["news"].total),
    ]
    return {
        "key_figures": [(label, total) for label, _lower, total in counts if total],
        "not_recorded": [lower for _label, lower, total in counts if not total],
    }
