"""Geometry of the results' bar charts, drawn as SVG by the templates
(templates/includes/charts/): no JavaScript and nothing from another host.

Coordinates are in the SVG's own units; the stylesheet (static/css/charts.css) gives
colours and sizes, since the Content-Security-Policy forbids inline styles. The chart is
as narrow as a phone's column and is not drawn wider than about that, so one unit is
about a CSS pixel everywhere: labels stay at body size. Each label stands above its
bar, and each value just past its bar's end.
"""

from dataclasses import dataclass

WIDTH = 320
# Room past the longest bar for its value.
VALUE_WIDTH = 64
TRACK_WIDTH = WIDTH - VALUE_WIDTH
LABEL_HEIGHT = 22
BAR_HEIGHT = 24
GAP = 12


@dataclass
class Bar:
    label: str
    value_text: str
    y: int
    width: int
    target_x: int | None
    kind: int = 0

    @property
    def label_y(self) -> int:
        return self.y - 7

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 7

    @property
    def value_x(self) -> int:
        return self.width + 6


@dataclass
class Chart:
    bars: list[Bar]
    height: int
    width: int = WIDTH
    track_x: int = 0
    track_width: int = TRACK_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def has_targets(self) -> bool:
        return any(bar.target_x is not None for bar in self.bars)


def _scale(numbers: list[int | None]) -> float:
    largest = max((n for n in numbers if n), default=0)
    return TRACK_WIDTH / largest if largest else 0


def bar_chart(rows) -> Chart:
    """One bar per row (results.Row) under its label, its target as a mark across it."""
    scale = _scale([n for row in rows for n in (row.figure.value, row.figure.target)])
    bars, y = [], 0
    for row in rows:
        figure = row.figure
        y += LABEL_HEIGHT
        bars.append(
            Bar(
                label=row.short_label,
                value_text="—" if figure.value is None else f"{figure.value}",
                y=y,
                width=round((figure.value or 0) * scale),
                target_x=round(figure.target * scale) if figure.target else None,
            )
        )
        y += BAR_HEIGHT + GAP
    return Chart(bars=bars, height=max(y - GAP, LABEL_HEIGHT + BAR_HEIGHT))


def timeline_chart(kinds: list[str], quarters) -> Chart:
    """Per quarter (results.Quarter), its label and one bar per kind of activity."""
    scale = _scale([n for quarter in quarters for n in quarter.counts])
    bars, y = [], 0
    for quarter in quarters:
        y += LABEL_HEIGHT
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
    return Chart(bars=bars, height=max(y - GAP, LABEL_HEIGHT + BAR_HEIGHT))
