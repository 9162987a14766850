"""The programme's indicators, defined in one place: what each counts and over which
records.

The seeds' expected results (staff trained, coordination mechanisms, good practices
shared) and the activities that lead to them (trainings, peer visits, events) are the
indicators. Each is an aggregate over one model; the indicators over the same model
form a `Source`, computed by one query (reporting.results).

The indicator codes (`Indicator`) live in the core (admin4all.models), since a phase's
reported figures name them; what each counts, over which app's records, is here.

Every source counts only what the public may see (published content, activities
already held), so the staff dashboard and the public results show the same figures
and a draft never counts.
"""

from dataclasses import dataclass, field

from django.db.models import Aggregate, Count, Model, Q, Sum
from django.utils.translation import gettext_lazy as _

from admin4all.models import Indicator
from events.models import Event
from municipalities.models import GoodPractice, Participation
from trainings.models import PeerVisit, Training


@dataclass(frozen=True)
class Measure:
    """How one indicator is computed over its source's records.

    `qualifier_field` names the field that says how exact each summed figure is (an
    event's "about 75 participants"): the total is then "about" or "more than" as soon
    as one of its parts is.
    """

    indicator: Indicator
    aggregate: Aggregate
    description: str
    qualifier_field: str = ""


@dataclass(frozen=True)
class Source:
    """A model the indicators count, how to reach its phase and country, and which of
    its records count (`records`: the name of a queryset method, e.g. "published")."""

    model: type[Model]
    records: str
    country: str
    measures: list[Measure]
    # How a record belongs to a municipality: any of these (a peer visit to its host
    # and its visitors), for the municipality's phase report.
    municipality: tuple[str, ...] = ()
    phase: str = "phase"
    # Activities with a date appear on the timeline.
    date: str = ""
    activity: str = ""
    indicators: list[Indicator] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "indicators", [m.indicator for m in self.measures])


SOURCES = [
    Source(
        model=Training,
        records="past",
        country="municipality__country",
        municipality=("municipality",),
        date="start_date",
        activity=_("trainings"),
        measures=[
            Measure(
                Indicator.TRAININGS_HELD,
                Count("pk"),
                _("Trainings whose date has passed."),
            ),
            Measure(
                Indicator.STAFF_TRAINED,
                Sum("attendance_total"),
                _("Participants of the trainings held, where their attendance is recorded."),
            ),
        ],
    ),
    Source(
        model=PeerVisit,
        records="past",
        country="host__country",
        municipality=("host", "visitors"),
        date="start_date",
        activity=_("peer-exchange visits"),
        measures=[
            Measure(
                Indicator.PEER_VISITS,
                Count("pk"),
                _("Peer-exchange visits held, counted in the host's country."),
            ),
        ],
    ),
    Source(
        model=Participation,
        records="all",
        country="municipality__country",
        municipality=("municipality",),
        measures=[
            Measure(
                Indicator.PARTICIPATING_MUNICIPALITIES,
                Count("pk"),
                _("Municipalities taking part in the phase."),
            ),
            Measure(
                Indicator.COORDINATION_MECHANISMS,
                Count("pk", filter=Q(has_coordination_mechanism=True)),
                _(
                    "Participating municipalities whose record says they have a "
                    "coordination mechanism."
                ),
            ),
        ],
    ),
    Source(
        model=GoodPractice,
        records="published",
        country="municipality__country",
        municipality=("municipality",),
        measures=[
            Measure(
                Indicator.GOOD_PRACTICES,
                Count("pk"),
                _("Good practices published on the site."),
            ),
        ],
    ),
    Source(
        model=Event,
        records="published",
        country="country",
        municipality=("host_municipality", "participating_municipalities"),
        date="start_date",
        activity=_("events"),
        measures=[
            Measure(
                Indicator.EVENTS,
                Count("pk"),
                _("Published events, including those still to come."),
            ),
            Measure(
                Indicator.EVENT_PARTICIPANTS,
                Sum("participant_count"),
                _("Participants as reported for each published event, where reported."),
                qualifier_field="participant_count_qualifier",
            ),
        ],
    ),
]

MEASURES: dict[Indicator, Measure] = {m.indicator: m for s in SOURCES for m in s.measures}
