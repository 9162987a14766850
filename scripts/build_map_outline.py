"""Build the map's country outline, static/map/europe-outline.geojson.

The map must show the partner cities with no tile server (no request to another host),
so it draws this outline instead. The source is Natural Earth's 1:110m country
boundaries (public domain) as the npm package world-atlas redistributes them:

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/build_map_outline.py /tmp/package/countries-110m.json

The TopoJSON is decoded here (quantized, delta-encoded arcs shared between countries),
each ring is clipped to a box around Europe and its coordinates are rounded to two
decimals (about 1 km, finer than the 1:110m source), which keeps the file small.
"""

import argparse
import json
from pathlib import Path

# Longitude and latitude bounds: the programme's countries with some margin.
WEST, EAST, SOUTH, NORTH = -25.0, 45.0, 33.0, 72.0
OUTPUT = Path(__file__).resolve().parent.parent / "static" / "map" / "europe-outline.geojson"

Point = tuple[float, float]


def decode_arcs(topology: dict) -> list[list[Point]]:
    """The arcs as absolute longitude/latitude points."""
    (scale_x, scale_y), (translate_x, translate_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for quantized in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in quantized:
            x += dx
            y += dy
            points.append((x * scale_x + translate_x, y * scale_y + translate_y))
        arcs.append(points)
    return arcs


def ring_points(arc_indexes: list[int], arcs: list[list[Point]]) -> list[Point]:
    """Join a ring's arcs; a negative index ~i means arc i walked backwards."""
    ring: list[Point] = []
    for index in arc_indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their joining point.
        ring.extend(arc if not ring else arc[1:])
    return ring


def clip_ring(ring: list[Point]) -> list[Point]:
    """Sutherland–Hodgman clipping of a closed ring to the bounding box."""
    edges = [
        (lambda p: p[0] >= WEST, lambda a, b: _at_x(a, b, WEST)),
        (lambda p: p[0] <= EAST, lambda a, b: _at_x(a, b, EAST)),
        (lambda p: p[1] >= SOUTH, lambda a, b: _at_y(a, b, SOUTH)),
        (lambda p: p[1] <= NORTH, lambda a, b: _at_y(a, b, NORTH)),
    ]
    points = ring[:-1] if ring and ring[0] == ring[-1] else ring
    for inside, intersection in edges:
        if not points:
            break
        clipped = []
        previous = points[-1]
        for current in points:
            if inside(current):
                if not inside(previous):
                    clipped.append(intersection(previous, current))
                clipped.append(current)
            elif inside(previous):
                clipped.append(intersection(previous, current))
            previous = current
        points = clipped
    return points


def _at_x(a: Point, b: Point, x: float) -> Point:
    return (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))


def _at_y(a: Point, b: Point, y: float) -> Point:
    return (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)


def rounded_ring(points: list[Point]) -> list[list[float]] | None:
    """Round to two decimals, drop repeated points, close the ring; None when too
    little is left to enclose an area."""
    ring: list[list[float]] = []
    for lon, lat in points:
        point = [round(lon, 2), round(lat, 2)]
        if not ring or ring[-1] != point:
            ring.append(point)
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()
    if len(ring) < 3:
        return None
    return [*ring, ring[0]]


def country_polygons(geometry: dict, arcs: list[list[Point]]) -> list[list[list[list[float]]]]:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    result = []
    for polygon in polygons:
        rings = [rounded_ring(clip_ring(ring_points(ring, arcs))) for ring in polygon]
        # A hole only matters while the outer ring it belongs to is in the box.
        if rings and rings[0] is not None:
            result.append([ring for ring in rings if ring is not None])
    return result


def build_outline(topology: dict) -> dict:
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polygons = country_polygons(geometry, arcs)
        if polygons:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name": geometry["properties"]["name"]},
                    "geometry": {"type": "MultiPolygon", "coordinates": polygons},
                }
            )
    features.sort(key=lambda feature: feature["properties"]["name"])
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="world-atlas's countries-110m.json")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()

    outline = build_outline(json.loads(args.source.read_text(encoding="utf-8")))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(outline, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"Wrote {len(outline['features'])} countries to {args.output}")


if __name__ == "__main__":
    main()
