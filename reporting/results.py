"""Selectors of the programme's results: the indicators (reporting.indicators) computed
in the database, per phase or per country, against the targets staff set, beside the
figures the seeds report, and a timeline of the activities.

Gathers across the domain apps, through the models the indicator sources name
(docs/architecture.md). Each source is one aggregate query, whatever the number of
records; Python only arranges the few grouped rows for the pages.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncQuarter
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from admin4all.models import Indicator, PhaseFigure, ProgrammePhase, ReportedFigure
from admin4all.reported_facts import Fact, reported_facts
from admin4all.translation import InActiveLanguage
from reporting.charts import Chart, bar_chart, timeline_chart
from reporting.indicators import MEASURES, SOURCES, Measure, Source
from reporting.models import IndicatorTarget

Qualifier = ReportedFigure.Qualifier
# The qualifier of a total is the loosest of its parts': "about" wins over "more than".
LOOSE_QUALIFIERS = [Qualifier.ABOUT, Qualifier.MORE_THAN]
# The "country" of a target set for a whole phase.
WHOLE_PHASE = (None, None, None)


@dataclass
class Figure:
    """An indicator's value in one phase or country, and the target it is measured
    against. `value` is None when nothing is recorded (a sum over no attendance)."""

    value: int | None
    qualifier: str = Qualifier.EXACT
    target: int | None = None
    # Where the records hold nothing: what the sources report for the phase.
    reported: Fact | None = None

    @property
    def qualifier_label(self) -> str:
        return "" if self.qualifier == Qualifier.EXACT else Qualifier(self.qualifier).label

    @property
    def percent(self) -> int | None:
        """Progress towards the target, in whole percent (may pass 100)."""
        if not self.target:
            return None
        return round(100 * (self.value or 0) / self.target)


@dataclass
class Row:
    """One bar of a chart and one line of its table: a phase or a country."""

    label: str | SafeString
    short_label: str
    figure: Figure
    url: str = ""
    # The phase id, or the country as (id, name, slug).
    key: object = None


@dataclass
class IndicatorResult:
    indicator: Indicator
    description: str
    total: Figure | None = None
    rows: list[Row] = field(default_factory=list)
    reported: list[PhaseFigure] = field(default_factory=list)

    @property
    def chart(self) -> Chart:
        return bar_chart(self.rows)

    @property
    def has_values(self) -> bool:
        return any(row.figure.value for row in self.rows)

    @property
    def has_targets(self) -> bool:
        figures = [row.figure for row in self.rows] + ([self.total] if self.total else [])
        return any(figure.target is not None for figure in figures)


def _records(source: Source, phase: ProgrammePhase | None, municipality=None) -> QuerySet:
    """The records that count (published, held...), of one phase and one municipality
    if given, without the model's ordering, which would otherwise join the GROUP BY."""
    model = source.model
    queryset = getattr(model.objects, source.records)().order_by()
    if phase is not None:
        queryset = queryset.filter(**{source.phase: phase})
    if municipality is not None:
        # A subquery: joining a many-to-many relation here would repeat a record once
        # per link and count it as many times.
        belongs = Q()
        for lookup in source.municipality:
            belongs |= Q(**{lookup: municipality})
        queryset = queryset.filter(pk__in=model.objects.filter(belongs).values("pk"))
    return queryset


def _aggregates(measure: Measure) -> dict:
    code = measure.indicator.value
    aggregates = {code: measure.aggregate}
    if measure.qualifier_field:
        summed = measure.aggregate.get_source_expressions()[0].name
        for qualifier in LOOSE_QUALIFIERS:
            aggregates[f"{code}__{qualifier}"] = Count(
                "pk",
                filter=Q(**{measure.qualifier_field: qualifier, f"{summed}__isnull": False}),
            )
    return aggregates


def _figure(row: dict, measure: Measure) -> Figure:
    code = measure.indicator.value
    qualifier = next((q for q in LOOSE_QUALIFIERS if row.get(f"{code}__{q}")), Qualifier.EXACT)
    return Figure(value=row[code], qualifier=qualifier)


def source_figures(
    source: Source, *, by: str = "", phase: ProgrammePhase | None = None, municipality=None
) -> dict[object, dict[Indicator, Figure]]:
    """One query: the source's indicators grouped `by` "phase" (key: phase id) or
    "country" (key: (id, name, slug), id None for records without a country), or
    not grouped (key: None); of one municipality's records if given."""
    aggregates = {}
    for measure in source.measures:
        aggregates.update(_aggregates(measure))
    queryset = _records(source, phase, municipality)
    if not by:
        rows = {None: queryset.aggregate(**aggregates)}
    elif by == "phase":
        grouped = queryset.values(group_phase=F(source.phase)).annotate(**aggregates)
        rows = {row["group_phase"]: row for row in grouped}
    else:
        grouped = queryset.values(
            group_country=F(source.country),
            group_country_name=InActiveLanguage(f"{source.country}__name"),
            group_country_slug=F(f"{source.country}__slug"),
        ).annotate(**aggregates)
        rows = {
            (row["group_country"], row["group_country_name"], row["group_country_slug"]): row
            for row in grouped
        }
    return {
        key: {m.indicator: _figure(row, m) for m in source.measures} for key, row in rows.items()
    }


def indicator_totals(indicators: list[Indicator] | None = None) -> dict[Indicator, Figure]:
    """The programme's totals over all phases, one query per source needed."""
    totals = {}
    for source in SOURCES:
        if indicators is None or set(source.indicators) & set(indicators):
            totals.update(source_figures(source)[None])
    return totals


def _targets(phase: ProgrammePhase | None) -> dict[tuple, int]:
    """(indicator, phase id, country) → target value, in one query; the country is
    (id, name, slug), or WHOLE_PHASE."""
    targets = IndicatorTarget.objects.order_by()
    if phase is not None:
        targets = targets.filter(phase=phase)
    return {
        (indicator, phase_id, (country_id, name, slug)): value
        for indicator, phase_id, country_id, name, slug, value in targets.values_list(
            "indicator",
            "phase_id",
            "country_id",
            InActiveLanguage("country__name"),
            "country__slug",
            "value",
        )
    }


def _reported(phase: ProgrammePhase | None) -> dict[Indicator, list[PhaseFigure]]:
    figures = PhaseFigure.objects.exclude(indicator="").select_related("phase")
    if phase is not None:
        figures = figures.filter(phase=phase)
    reported = defaultdict(list)
    for figure in figures.order_by("phase__number", "position", "pk"):
        reported[figure.indicator].append(figure)
    return reported


def results_by_phase(phases: list[ProgrammePhase]) -> list[IndicatorResult]:
    """Each indicator per phase, against the phase's target, with reported figures."""
    figures = {}
    for source in SOURCES:
        for phase_id, by_indicator in source_figures(source, by="phase").items():
            for indicator, figure in by_indicator.items():
                figures[indicator, phase_id] = figure
    targets = _targets(None)
    reported = _reported(None)
    # Each phase's name is a small template: rendered once, not once per indicator.
    names = {phase.pk: phase_name(phase) for phase in phases}
    results = []
    for indicator in Indicator:
        rows = []
        for phase in phases:
            figure = figures.get((indicator, phase.pk), _empty(indicator))
            figure.target = targets.get((indicator, phase.pk, WHOLE_PHASE))
            rows.append(
                Row(
                    label=names[phase.pk],
                    short_label=_("Phase %(number)s") % {"number": phase.number},
                    figure=figure,
                    url=phase.get_absolute_url(),
                    key=phase.pk,
                )
            )
        results.append(_result(indicator, rows=rows, reported=reported[indicator]))
    return results


def results_by_country(phase: ProgrammePhase) -> list[IndicatorResult]:
    """Each indicator of one phase: its total against the phase's target, and one row
    per country with records or a target (and one for records without a country, such
    as online events)."""
    figures, totals, countries = {}, {}, set()
    for source in SOURCES:
        totals.update(source_figures(source, phase=phase)[None])
        for country, by_indicator in source_figures(source, by="country", phase=phase).items():
            countries.add(country)
            for indicator, figure in by_indicator.items():
                figures[indicator, country] = figure
    targets = _targets(phase)
    countries.update(key[2] for key in targets if key[2][0] is not None)
    ordered = sorted(countries, key=lambda country: (country[0] is None, country[1] or ""))
    reported = _reported(phase)
    results = []
    for indicator in Indicator:
        total = totals.get(indicator, _empty(indicator))
        total.target = targets.get((indicator, phase.pk, WHOLE_PHASE))
        rows = []
        for country in ordered:
            figure = figures.get((indicator, country), _empty(indicator))
            figure.target = targets.get((indicator, phase.pk, country))
            _id, name, slug = country
            rows.append(
                Row(
                    label=name or _("no country recorded"),
                    short_label=name or _("no country"),
                    figure=figure,
                    url=reverse("municipalities:country_detail", kwargs={"slug": slug})
                    if slug
                    else "",
                    key=country,
                )
            )
        results.append(_result(indicator, total=total, rows=rows, reported=reported[indicator]))
    return results


def municipality_figures(phase: ProgrammePhase, municipality) -> dict[Indicator, Figure]:
    """Each indicator over one municipality's records of the phase: what it held,
    hosted or took part in. One query per source."""
    figures = {}
    for source in SOURCES:
        figures.update(source_figures(source, phase=phase, municipality=municipality)[None])
    return {indicator: figures[indicator] for indicator in Indicator}


def _empty(indicator: Indicator) -> Figure:
    """What a group without records shows: no count is zero, no sum is unknown."""
    is_sum = MEASURES[indicator].aggregate.name == "Sum"
    return Figure(value=None if is_sum else 0)


def _result(indicator: Indicator, **kwargs) -> IndicatorResult:
    result = IndicatorResult(
        indicator=indicator, description=MEASURES[indicator].description, **kwargs
    )
    # A phase's figure the records hold nothing for shows what the sources report.
    reported = {fact.figure.phase_id: fact for fact in reported_facts(result.reported)}
    for figure, phase_id in [(row.figure, row.key) for row in result.rows] + (
        [(result.total, result.reported[0].phase_id)] if result.total and result.reported else []
    ):
        if not figure.value:
            figure.reported = reported.get(phase_id)
    return result


@dataclass
class Quarter:
    start: date
    counts: list[int]

    @property
    def label(self) -> str:
        return _("%(year)s Q%(quarter)s") % {
            "year": self.start.year,
            "quarter": (self.start.month - 1) // 3 + 1,
        }


def activity_timeline(phase: ProgrammePhase | None = None) -> tuple[list[str], list[Quarter]]:
    """The dated activities (trainings, peer visits, events) counted per quarter: one
    query per kind. Returns the kinds' names and the quarters with any activity."""
    dated = [source for source in SOURCES if source.date]
    counts: dict[date, list[int]] = defaultdict(lambda: [0] * len(dated))
    for position, source in enumerate(dated):
        grouped = (
            _records(source, phase)
            .filter(**{f"{source.date}__isnull": False})
            .values(quarter=TruncQuarter(source.date))
            .annotate(count=Count("pk"))
        )
        for row in grouped:
            counts[row["quarter"]][position] = row["count"]
    kinds = [str(source.activity) for source in dated]
    return kinds, [Quarter(start=start, counts=counts[start]) for start in sorted(counts)]


def phase_name(phase: ProgrammePhase) -> SafeString:
    """ "Phase 2: Supporting…", the name in the active language, marked lang="en" where
    the English name stands in for it."""
    return render_to_string("includes/phase_name.html", {"phase": phase})


def results_context(
    *, phases: list[ProgrammePhase] | None = None, phase: ProgrammePhase | None = None
) -> dict:
    """What the results pages show (templates/reporting/includes/results.html): per
    phase when given the phases, per country when given one phase."""
    kinds, quarters = activity_timeline(phase)
    return {
        "phase": phase,
        "phase_label": phase_name(phase) if phase else "",
        "results": results_by_country(phase) if phase else results_by_phase(phases or []),
        "timeline_kinds": kinds,
        "timeline": quarters,
        "timeline_chart": timeline_chart(kinds, quarters),
    }
