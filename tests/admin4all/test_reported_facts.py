"""Reported figures grouped as facts, with their sources as numbered notes."""

from admin4all.models import Indicator, PhaseFigure
from admin4all.reported_facts import reported_facts


def figure(label: str, value: int, source: str, indicator: str = "", phase_id: int = 1):
    return PhaseFigure(
        label=label,
        value=value,
        qualifier=PhaseFigure.Qualifier.MORE_THAN,
        source=source,
        indicator=indicator,
        phase_id=phase_id,
    )


def test_figures_on_one_indicator_are_one_fact_in_its_most_cautious_wording():
    many = figure("EU municipalities", 35, "Conferences", Indicator.PARTICIPATING_MUNICIPALITIES)
    fewer = figure("European municipalities", 30, "News", Indicator.PARTICIPATING_MUNICIPALITIES)
    states = figure("member states", 7, "News")

    facts = reported_facts([many, fewer, states])

    assert [(fact.figure, [note.number for note in fact.notes]) for fact in facts] == [
        (fewer, [1, 2]),
        (states, [3]),
    ]
    assert [(note.figure, note.quotes_wording) for note in facts.notes] == [
        (many, True),
        (fewer, True),
        (states, False),
    ]


def test_figures_from_one_source_share_its_note_and_phases_stay_apart():
    first = figure("municipalities", 14, "News", Indicator.PARTICIPATING_MUNICIPALITIES, 1)
    second = figure(
        "municipalities", 30, "Project page", Indicator.PARTICIPATING_MUNICIPALITIES, 2
    )
    countries = figure("countries", 4, "News")
    unsourced = figure("months", 18, "")

    facts = reported_facts([first, second, countries, unsourced])

    assert [fact.figure for fact in facts] == [first, second, countries, unsourced]
    assert [[note.number for note in fact.notes] for fact in facts] == [[1], [2], [1], []]
    assert [note.figure for note in facts.notes] == [first, second]
