import re
from itertools import groupby
from operator import attrgetter

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Count
from django.http import HttpResponseBadRequest, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView
from django_filters import FilterSet
from django_filters.views import FilterView

from admin4all.excerpts import Excerpt, excerpt, filtered_list_url
from admin4all.indicators import Indicator
from admin4all.models import Organisation, Person, ProgrammePhase, Theme
from admin4all.results import activity_timeline, indicator_totals, results_context
from admin4all.translation import InActiveLanguage
from events.models import NewsArticle
from events.selectors import listed_events
from municipalities.models import Country, Municipality, Participation
from municipalities.selectors import first_of_each_country
from trainings.models import PeerVisit, Training


class SectionMixin:
    """Names the site section a page belongs to, which the navigation marks as current."""

    section = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class PublishedMixin:
    """Views of public content: published items only. Detail pages let staff preview
    drafts and scheduled items; lists (`staff_preview = False`) show everyone the same
    items, as their feeds do."""

    staff_preview = True

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.staff_preview and self.request.user.is_staff:
            return queryset
        return queryset.published()


class FilteredListMixin(SectionMixin):
    """A FilterView's list page: templates/<app>/<model>_list.html, which shows the
    filter form (includes/filter_form.html) and the page links (includes/pagination.html)."""

    template_name_suffix = "_list"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filters_active"] = any(
            self.request.GET.get(name) for name in self.filterset.filters
        )
        if page := context.get("page_obj"):
            context["page_range"] = page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            )
        return context


class PublishedFilterView(FilteredListMixin, PublishedMixin, FilterView):
    """A filtered, paginated list of published items.

    A page number out of range or malformed answers 404 (ListView's behaviour), rather
    than being clamped: the page links the list prints are always in range, and each
    listed address keeps one meaning for visitors, crawlers and caches.
    """

    staff_preview = False
    paginate_by = 20


# The errors quote the values sent; control characters among them (a NUL, a terminal
# escape) are dropped rather than echoed to whoever reads the answer.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


def invalid_filters(filterset: FilterSet) -> HttpResponseBadRequest:
    """400 with each wrong filter and why, for the feeds and the map's data: an
    unfiltered answer would give their readers what they did not ask for."""
    return HttpResponseBadRequest(
        CONTROL_CHARACTERS.sub("", filterset.errors.as_text()),
        content_type="text/plain; charset=utf-8",
    )


def map_context() -> dict:
    """What templates/includes/map.html needs besides the filters: the optional tiles.
    The points come from municipalities:municipality_map, so no page grows with them."""
    return {
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }


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


def phases_with_figures():
    # A GROUP BY query leaves Meta.ordering out: order explicitly.
    return (
        ProgrammePhase.objects.annotate(municipality_count=Count("participations"))
        .prefetch_related("figures")
        .order_by("number")
    )


class HomeView(TemplateView):
    template_name = "admin4all/home.html"
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


class PhaseListView(SectionMixin, ListView):
    section = "programme"
    queryset = phases_with_figures().prefetch_related("goals")


# Each country's cities on a phase's page: every country of the real phases shows whole
# (8 cities at most), and the page stays small whatever a country's number.
PHASE_MUNICIPALITIES_PER_COUNTRY = 20


def municipalities_by_country(
    phase: ProgrammePhase,
) -> tuple[list[tuple[Country, Excerpt]], Excerpt]:
    """The phase's first municipalities of each country, with each country's total and
    its filtered list, in one query; and all of them together, with the phase's list
    (the cities shown are those of every country, not that list's head)."""
    first = first_of_each_country(
        Municipality.objects.in_phase(phase), PHASE_MUNICIPALITIES_PER_COUNTRY
    )
    by_country = []
    for country, group in groupby(first, key=attrgetter("country")):
        cities = list(group)
        url = filtered_list_url(
            "municipalities:municipality_list", country=country.slug, phase=phase.slug
        )
        by_country.append((country, Excerpt(items=cities, total=cities[0].country_total, url=url)))
    whole = Excerpt(
        items=[city for _country, cities in by_country for city in cities.items],
        total=sum(cities.total for _country, cities in by_country),
        url=filtered_list_url("municipalities:municipality_list", phase=phase.slug),
    )
    return by_country, whole


def phase_timeline(phase: ProgrammePhase, activities: list[Excerpt]) -> dict:
    """The phase's dated activities in order when its sections show them all, as for
    the real phases (a handful). Past that, a list of thousands of names would tell
    less about the phase's course than their number per quarter, which the results
    pages count (three aggregate queries) and which grows only with the phase's length;
    each activity stays in its section's full list."""
    if any(section.is_partial for section in activities):
        kinds, quarters = activity_timeline(phase)
        return {"timeline_kinds": kinds, "quarters": quarters}
    # Undated events (some webinars) stay in the events section but not on the timeline.
    dated = (
        activity for section in activities for activity in section.items if activity.start_date
    )
    return {
        "timeline": [
            {"kind": activity._meta.verbose_name, "activity": activity}
            for activity in sorted(dated, key=attrgetter("start_date"))
        ]
    }


class PhaseDetailView(SectionMixin, DetailView):
    """A phase with the head of each list of what belongs to it (its municipalities,
    events, trainings and peer visits held), each linking to its full list."""

    section = "programme"
    model = ProgrammePhase
    queryset = ProgrammePhase.objects.select_related("managed_by", "funded_by").prefetch_related(
        "goals", "figures"
    )

    def get_context_data(self, **kwargs):
        phase = self.object
        events = excerpt(
            listed_events().published().in_phase(phase),
            url=filtered_list_url("events:event_list", phase=phase.slug),
        )
        trainings = excerpt(
            Training.objects.past().in_phase(phase).select_related("municipality"),
            url=filtered_list_url("trainings:training_list", phase=phase.slug),
        )
        peer_visits = excerpt(
            PeerVisit.objects.past().in_phase(phase).select_related("host"),
            url=filtered_list_url("trainings:peer_visit_list", phase=phase.slug),
        )
        by_country, municipalities = municipalities_by_country(phase)
        return super().get_context_data(
            municipalities_by_country=by_country,
            municipalities=municipalities,
            events=events,
            trainings=trainings,
            peer_visits=peer_visits,
            **phase_timeline(phase, [events, trainings, peer_visits]),
            **kwargs,
        )


class ResultsView(SectionMixin, TemplateView):
    """The programme's indicators per phase, from published records only."""

    section = "results"
    template_name = "admin4all/results.html"

    def get_context_data(self, **kwargs):
        phases = list(ProgrammePhase.objects.order_by("number"))
        return super().get_context_data(phases=phases, **results_context(phases=phases), **kwargs)


class PhaseResultsView(SectionMixin, DetailView):
    """One phase's indicators per country."""

    section = "results"
    model = ProgrammePhase
    template_name = "admin4all/results.html"
    context_object_name = "phase"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            phases=list(ProgrammePhase.objects.order_by("number")),
            **results_context(phase=self.object),
            **kwargs,
        )


class PersonDetailView(DetailView):
    model = Person
    queryset = Person.objects.select_related("organisation")


class OrganisationDetailView(DetailView):
    model = Organisation
    queryset = Organisation.objects.select_related("parent")


class ThemeDetailView(DetailView):
    model = Theme


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})
