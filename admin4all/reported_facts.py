"""Reported figures as a visitor reads them: the figures of one phase or event on the
same indicator report one fact in several sources' words (Milan: "more than 35 EU
municipalities", "more than 30 European municipalities"). Side by side they would read
as a contradiction; as one fact, its most cautious wording shows, and every source's
wording is a numbered note."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from admin4all.models import ReportedFigure


@dataclass
class Note:
    number: int
    figure: ReportedFigure
    # The note quotes the source's wording where its fact shows another's.
    quotes_wording: bool = False


@dataclass
class Fact:
    # The wording shown: the smallest figure of the group, which every source supports.
    figure: ReportedFigure
    notes: list[Note] = field(default_factory=list)


class Facts(list):
    @property
    def notes(self) -> list[Note]:
        """Every note once, in number order (figures from one source share its note)."""
        notes = {note.number: note for fact in self for note in fact.notes}
        return list(notes.values())


def _fact(figure: ReportedFigure) -> tuple:
    """What a figure reports on: its indicator, for the phase or event it belongs to
    (results pages list several phases' figures together); a figure without an
    indicator is a fact of its own."""
    if not figure.indicator:
        return ("figure", id(figure))
    owners = [field.attname for field in figure._meta.concrete_fields if field.many_to_one]
    return (type(figure), figure.indicator, *(getattr(figure, name) for name in owners))


def reported_facts(figures: Iterable[ReportedFigure], first_number: int = 1) -> Facts:
    """The figures as facts, in the order of each fact's first figure, their notes
    numbered in that order from `first_number`: one per source, and one per wording of
    a fact several sources word (a figure without a source has no note)."""
    groups: dict[object, list[ReportedFigure]] = {}
    for figure in figures:
        groups.setdefault(_fact(figure), []).append(figure)
    facts, by_source, count = Facts(), {}, first_number - 1
    for group in groups.values():
        fact = Fact(figure=min(group, key=lambda figure: figure.value))
        for figure in (figure for figure in group if figure.source):
            if len(group) > 1:
                count += 1
                fact.notes.append(Note(count, figure, quotes_wording=True))
                continue
            if figure.source not in by_source:
                count += 1
                by_source[figure.source] = Note(count, figure)
            fact.notes.append(by_source[figure.source])
        facts.append(fact)
    return facts


def facts_of_lists(
    lists: Iterable[Iterable[ReportedFigure]], first_number: int = 1
) -> list[Facts]:
    """Each list's facts for a page that shows several lists: their notes numbered once
    for the page (1, 2, 3… across the lists), so that a number names one note."""
    numbered = []
    for figures in lists:
        facts = reported_facts(figures, first_number)
        first_number += len(facts.notes)
        numbered.append(facts)
    return numbered
