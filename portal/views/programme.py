"""The programme's pages: its phases, and each phase with the head of every list of
what belongs to it."""

from itertools import groupby
from operator import attrgetter

from django.db.models import Count
from django.views.generic import DetailView, ListView

from admin4all.excerpts import Excerpt, excerpt, filtered_list_url
from admin4all.models import Indicator, ProgrammePhase
from admin4all.reported_facts import facts_of_lists
from admin4all.versioned_cache import while_unchanged
from admin4all.views import SectionMixin
from events.selectors import listed_events
from municipalities.models import Country, Municipality
from municipalities.selectors import first_of_each_country
from reporting.results import activity_timeline
from trainings.models import PeerVisit, Training


def phases_with_figures():
    # A GROUP BY query leaves Meta.ordering out: order explicitly.
    return (
        ProgrammePhase.objects.annotate(municipality_count=Count("participations"))
        .prefetch_related("figures")
        .order_by("number")
    )


class PhaseListView(SectionMixin, ListView):
    section = "programme"
    template_name = "portal/programmephase_list.html"
    queryset = phases_with_figures().prefetch_related("goals")

    def get_context_data(self, **kwargs):
        phases = self.object_list
        facts = facts_of_lists(phase.figures.all() for phase in phases)
        return super().get_context_data(
            phase_facts=list(zip(phases, facts, strict=True)), **kwargs
        )


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


def phase_content(phase: ProgrammePhase) -> dict:
    """The head of each list of what belongs to the phase, its querysets evaluated."""
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
    # Lists with nothing in them are left out; the page names them once.
    not_recorded = [
        label
        for label, listed in [
            (Indicator.EVENTS.label, events),
            (Indicator.TRAININGS_HELD.label, trainings),
            (Indicator.PEER_VISITS.label, peer_visits),
        ]
        if not listed.total
    ]
    return {
        "not_recorded": not_recorded,
        "municipalities_by_country": by_country,
        "municipalities": municipalities,
        "events": events,
        "trainings": trainings,
        "peer_visits": peer_visits,
        **phase_timeline(phase, [events, trainings, peer_visits]),
    }


class PhaseDetailView(SectionMixin, DetailView):
    """A phase with the head of each list of what belongs to it (its municipalities,
    events, trainings and peer visits held), each linking to its full list; computed
    once per version of the tables they read."""

    section = "programme"
    model = ProgrammePhase
    template_name = "portal/programmephase_detail.html"
    queryset = ProgrammePhase.objects.select_related("managed_by", "funded_by").prefetch_related(
        "goals", "figures"
    )

    def get_object(self, queryset=None):
        # The phase and its lists kept together: the lists name the phase (its slug in
        # their links), and its query makes a change to the phase renew them.
        self.kept = while_unchanged(f"phase.{self.kwargs['slug']}", self.phase_with_content)
        return self.kept["phase"]

    def phase_with_content(self) -> dict:
        phase = super().get_object()
        return {"phase": phase, "content": phase_content(phase)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.kept["content"], **kwargs)
