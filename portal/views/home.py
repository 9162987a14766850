"""The home page: the programme at a glance, its latest news and events, and its
countries on the map."""

from django.db.models import Count
from django.views.generic import TemplateView

from admin4all.models import Indicator
from admin4all.translation import InActiveLanguage
from admin4all.views import map_context
from events.models import NewsArticle
from events.selectors import listed_events
from municipalities.models import Country, Participation
from portal.views.programme import phases_with_figures
from reporting.results import indicator_totals

HOME_INDICATORS = {
    "trainings": Indicator.TRAININGS_HELD,
    "people_trained": Indicator.STAFF_TRAINED,
    "peer_visits": Indicator.PEER_VISITS,
    "events": Indicator.EVENTS,
}


def programme_figures() -> dict[str, int | None]:
    """The key figures recorded on the site, in four aggregate queries: who takes part,
    and the results' indicators (counted as on the results pages)."""
    taking_part = Participation.objects.aggregate(
        countries=Count("municipality__country", distinct=True),
        municipalities=Count("municipality", distinct=True),
    )
    totals = indicator_totals(list(HOME_INDICATORS.values()))
    return {
        **taking_part,
        **{name: totals[indicator].value for name, indicator in HOME_INDICATORS.items()},
    }


class HomeView(TemplateView):
    template_name = "portal/home.html"
    recent = 3

    def get_context_data(self, **kwargs):
        events = listed_events().published()
        # Countries, not cities, beside the map: their number does not grow with the
        # programme's municipalities, which the list page paginates.
        countries = (
            Country.objects.annotate(municipality_count=Count("municipalities"))
            .filter(municipality_count__gt=0)
            .order_by(InActiveLanguage("name"))
        )
        return super().get_context_data(
            phases=phases_with_figures(),
            figures=programme_figures(),
            latest_news=NewsArticle.objects.published()[: self.recent],
            upcoming_events=events.upcoming().order_by("start_date", InActiveLanguage("title"))[
                : self.recent
            ],
            recent_events=events.past()[: self.recent],
            countries=countries,
            **map_context(),
            **kwargs,
        )
