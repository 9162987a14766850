"""The home page: the programme at a glance, its latest news and events, and its
countries on the map."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from admin4all.models import Indicator, PhaseFigure, ProgrammePhase
from admin4all.reported_facts import Note, facts_of_lists
from admin4all.translation import InActiveLanguage
from admin4all.versioned_cache import while_unchanged
from admin4all.views import map_context
from events.models import NewsArticle
from events.selectors import listed_events
from municipalities.models import Country, Participation
from portal.views.programme import phases_with_figures
from reporting.results import indicator_totals

HOME_INDICATORS = {
    Indicator.TRAININGS_HELD: _("Trainings held"),
    Indicator.STAFF_TRAINED: _("People trained"),
    Indicator.PEER_VISITS: _("Peer-exchange visits"),
    Indicator.EVENTS: _("Events"),
}


@dataclass
class KeyFigure:
    """A headline figure: what the records hold, or else what a source reports for a
    phase (`reported`), with its source as a numbered note."""

    label: str
    value: int | None = None
    reported: PhaseFigure | None = None
    notes: list[Note] = field(default_factory=list)


@dataclass
class KeyFigures:
    figures: list[KeyFigure]
    # What neither the records nor the sources give a number for.
    not_recorded: list[str]

    @property
    def notes(self) -> list[Note]:
        return [note for figure in self.figures for note in figure.notes]


def programme_figures(phases: list[ProgrammePhase]) -> KeyFigures:
    """The key figures, in four aggregate queries: who takes part, and the results'
    indicators (counted as on the results pages). An indicator the records hold
    nothing for shows what the sources report for each phase (the phases with their
    figures prefetched), never a bare 0 for what the programme did."""
    taking_part = Participation.objects.aggregate(
        countries=Count("municipality__country", distinct=True),
        municipalities=Count("municipality", distinct=True),
    )
    figures = [
        KeyFigure(_("Countries"), taking_part["countries"]),
        KeyFigure(_("Municipalities"), taking_part["municipalities"]),
        *(
            KeyFigure(
                _("Municipalities in phase %(number)s") % {"number": phase.number},
                phase.municipality_count,
            )
            for phase in phases
        ),
    ]
    totals = indicator_totals(list(HOME_INDICATORS))
    not_recorded, notes = [], 0
    for indicator, label in HOME_INDICATORS.items():
        if totals[indicator].value:
            figures.append(KeyFigure(label, totals[indicator].value))
            continue
        reported = [
            figure
            for phase in phases
            for figure in phase.figures.all()
            if figure.indicator == indicator
        ]
        for figure in reported:
            key_figure = KeyFigure(label, reported=figure)
            if figure.source:
                notes += 1
                key_figure.notes.append(Note(notes, figure))
            figures.append(key_figure)
        if not reported:
            not_recorded.append(indicator.label)
    return KeyFigures(figures, not_recorded)


RECENT = 3


def home_content() -> dict:
    """What the home page shows of the records, its querysets evaluated."""
    events = listed_events().published()
    # Countries, not cities, beside the map: their number does not grow with the
    # programme's municipalities, which the list page paginates.
    countries = (
        Country.objects.annotate(municipality_count=Count("municipalities"))
        .filter(municipality_count__gt=0)
        .order_by(InActiveLanguage("name"))
    )
    phases = list(phases_with_figures())
    figures = programme_figures(phases)
    # The notes of each phase's figures follow the key figures' notes.
    phase_facts = facts_of_lists(
        (phase.figures.all() for phase in phases), first_number=len(figures.notes) + 1
    )
    return {
        "phases": phases,
        "figures": figures,
        "phase_facts": list(zip(phases, phase_facts, strict=True)),
        "latest_news": list(NewsArticle.objects.published()[:RECENT]),
        "upcoming_events": list(
            events.upcoming().order_by("start_date", InActiveLanguage("title"))[:RECENT]
        ),
        "recent_events": list(events.past()[:RECENT]),
        "countries": list(countries),
    }


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        # Computed once per version of the tables it reads, not on every page made.
        return super().get_context_data(
            **while_unchanged("home", home_content), **map_context(), **kwargs
        )
