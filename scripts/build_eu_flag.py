"""Draw the European flag, static/img/eu-flag.svg, from its published geometry.

The footer acknowledges the funder as EU-funded projects do, with the flag beside
"Funded by the European Union"; it is drawn here rather than copied. The geometry is
the one the EU publishes for its emblem: a blue rectangle three units by two; twelve
gold five-pointed stars on an invisible circle whose radius is a third of the height,
centred on the rectangle, at the positions of the hours on a clock face; each star's
points on a circle whose radius is an eighteenth of the height, one point straight up
whatever the star's place on the circle. Colours: Reflex Blue #003399, Yellow #FFCC00.

    .venv/bin/python scripts/build_eu_flag.py
"""

import math
from pathlib import Path

HEIGHT = 200
WIDTH = HEIGHT * 3 // 2
RING_RADIUS = HEIGHT / 3
STAR_RADIUS = HEIGHT / 18
# A regular pentagram's inner vertices: where its straight edges cross.
INNER_RADIUS = STAR_RADIUS * math.cos(math.radians(72)) / math.cos(math.radians(36))
OUTPUT = Path(__file__).resolve().parent.parent / "static" / "img" / "eu-flag.svg"


Point = tuple[float, float]


def point(centre: Point, radius: float, degrees: float) -> Point:
    """The point at `radius` from `centre`, `degrees` clockwise from straight up."""
    return (
        centre[0] + radius * math.sin(math.radians(degrees)),
        centre[1] - radius * math.cos(math.radians(degrees)),
    )


def star(centre: Point) -> str:
    """An upright five-pointed star: outer and inner vertices in turn, every 36°."""
    vertices = [
        point(centre, STAR_RADIUS if turn % 2 == 0 else INNER_RADIUS, turn * 36)
        for turn in range(10)
    ]
    return "M" + "L".join(f"{x:.2f},{y:.2f}" for x, y in vertices) + "Z"


def flag() -> str:
    centre = (WIDTH / 2, HEIGHT / 2)
    stars = [star(point(centre, RING_RADIUS, hour * 30)) for hour in range(12)]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' width="{WIDTH}" height="{HEIGHT}">\n'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#003399"/>\n'
        f'<path fill="#FFCC00" d="{"".join(stars)}"/>\n'
        "</svg>\n"
    )


if __name__ == "__main__":
    OUTPUT.write_text(flag())
    print(f"Wrote {OUTPUT}")
