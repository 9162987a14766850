"""Geometry of the results' bar charts, drawn as SVG by the templates
(templates/includes/charts/): no JavaScript and nothing from another host.

Coordinates are in the SVG's own units; the stylesheet (static/css/charts.css) gives
colours and sizes, since the Content-Security-Policy forbids inline styles.
"""

from dataclasses import dataclass

WIDTH = 600
LABEL_WIDTH = 150
TRACK_WIDTH = 380
BAR_HEIGHT = 22
GAP = 10


@dataclass
class Bar:
    label: str
    value_text: str
    y: int
    width: int
    target_x: int | None
    kind: int = 0

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 6

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.width + 6


@dataclass
class Chart:
    bars: list[Bar]
    height: int
    width: int = WIDTH
    track_x: int = LABEL_WIDTH
    track_width: int = TRACK_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def has_targets(self) -> bool:
        return any(bar.target_x is not None for bar in self.bars)


def _scale(numbers: list[int | None]) -> float:
    largest = max((n for n in numbers if n), default=0)
    return TRACK_WIDTH / largest if largest else 0


def bar_chart(rows) -> Chart:
    """One bar per row (results.Row), its target as a mark across it."""
    scale = _scale([n for row in rows for n in (row.figure.value, row.figure.target)])
    bars = []
    for position, row in enumerate(rows):
        figure = row.figure
        bars.append(
            Bar(
                label=row.short_label,
                value_text="—" if figure.value is None else f"{figure.value}",
                y=position * (BAR_HEIGHT + GAP),
                width=round((figure.value or 0) * scale),
                target_x=LABEL_WIDTH + round(figure.target * scale) if figure.target else None,
            )
        )
    return Chart(bars=bars, height=max(len(bars), 1) * (BAR_HEIGHT + GAP))


def timeline_chart(kinds: list[str], quarters) -> Chart:
    """Per quarter (results.Quarter), one bar per kind of activity, labelled once."""
    scale = _scale([n for quarter in quarters for n in quarter.counts])
    bars, y = [], 0
    for quarter in quarters:
        for kind, count in enumerate(quarter.counts):
            bars.append(
                Bar(
                    label=quarter.label if kind == 0 else "",
                    value_text=f"{count}",
                    y=y,
                    width=round(count * scale),
                    target_x=None,
                    kind=kind,
                )
            )
            y += BAR_HEIGHT
        y += GAP
    return Chart(bars=bars, height=max(y, BAR_HEIGHT + GAP))
