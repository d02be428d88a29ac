"""Writes data/provinces.json: the borders of Vietnam's 34 provinces (since 1 July 2025), simplified for a map a
few hundred pixels tall, and the country's outline (coast and land border): the overview map draws them.

Source: the province GeoJSON files of the Vietnamese Provinces Database (https://github.com/thanglequoc/
vietnamese-provinces-database, folder json/geojson, MIT licence), derived from the Vietnam Administrative Units
Reference Map (https://sapnhap.bando.com.vn) of the Vietnam Natural Resources, Environment and Cartography
Publishing House. docs/map-data.md says which version was used.

Run: .venv/bin/python data/make_provinces.py PATH/TO/json/geojson

Two provinces share a border vertex for vertex in the source, so each border is cut out once, simplified once
and given to both sides: the simplified provinces still meet without gaps or overlaps. Islands too small to show
as a shape are kept as points, never dropped (the archipelagos are part of the country's map).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).with_name("provinces.json")
TOLERANCE = 0.012  # degrees (about 1.3 km): under a pixel on a national map 440 px tall
DIGITS = 3  # about 100 m
MIN_RING = 3 * TOLERANCE  # a ring whose box is smaller than this on both sides is drawn as a point
SOURCE = ("Vietnamese Provinces Database (github.com/thanglequoc/vietnamese-provinces-database, json/geojson, "
          "MIT licence), from the Vietnam Administrative Units Reference Map (sapnhap.bando.com.vn)")

Point = tuple[float, float]


def read(folder: Path) -> dict[str, list[list[Point]]]:
    """Province code -> its rings (outer rings and holes alike: only their lines and fills are drawn)."""
    provinces: dict[str, list[list[Point]]] = {}
    for path in sorted(folder.glob("*/*.geojson")) or sorted(folder.glob("*.geojson")):
        if "wards" in path.parts:
            continue
        (feature,) = json.loads(path.read_text(encoding="utf-8"))["features"]
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        provinces[feature["properties"]["code"]] = [
            [(round(x, 6), round(y, 6)) for x, y in ring] for polygon in polygons for ring in polygon]
    if len(provinces) != 34:
        sys.exit(f"{folder}: expected the 34 provinces' files, found {len(provinces)}")
    return provinces


def _distance(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5


def simplify(line: list[Point], tolerance: float = TOLERANCE) -> list[Point]:
    """Douglas-Peucker, keeping both ends; the same line gives the same points whichever way it runs."""
    if line[-1] < line[0]:
        return simplify(line[::-1], tolerance)[::-1]
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        first, last = stack.pop()
        far, index = 0.0, 0
        for i in range(first + 1, last):
            d = _distance(line[i], line[first], line[last])
            if d > far:
                far, index = d, i
        if far > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(line, keep, strict=True) if k]


def chains(provinces: dict[str, list[list[Point]]]):
    """Each ring cut where the set of provinces along its edges changes: (code, ring index, pieces, owners)."""
    owners: dict[frozenset, set[str]] = defaultdict(set)
    for code, rings in provinces.items():
        for ring in rings:
            for a, b in zip(ring, ring[1:], strict=False):
                owners[frozenset((a, b))].add(code)
    for code, rings in provinces.items():
        for number, ring in enumerate(rings):
            ring = ring[:-1] if ring[0] == ring[-1] else ring
            edge_owners = [frozenset(owners[frozenset((ring[i], ring[(i + 1) % len(ring)]))])
                           for i in range(len(ring))]
            cuts = [i for i in range(len(ring)) if edge_owners[i] != edge_owners[i - 1]]
            if not cuts:  # one neighbour all round (an island, or a province inside another): start at its corner
                start = min(range(len(ring)), key=lambda i: ring[i])
                cuts, whole = [start], True
            else:
                whole = False
            pieces = []
            for k, start in enumerate(cuts):
                stop = cuts[(k + 1) % len(cuts)] if not whole else start
                length = (stop - start) % len(ring) or len(ring)
                pieces.append(([ring[(start + j) % len(ring)] for j in range(length + 1)], edge_owners[start]))
            yield code, number, pieces


def build(provinces: dict[str, list[list[Point]]]) -> dict:
    shapes: dict[str, list[list[Point]]] = defaultdict(list)
    points: dict[str, list[Point]] = defaultdict(list)
    lines: dict[tuple, tuple[list[Point], int]] = {}
    for code, _number, pieces in chains(provinces):
        ring_points = [p for piece, _ in pieces for p in piece]
        xs, ys = [p[0] for p in ring_points], [p[1] for p in ring_points]
        if max(xs) - min(xs) < MIN_RING and max(ys) - min(ys) < MIN_RING and all(len(o) == 1 for _, o in pieces):
            points[code].append((round(sum(xs) / len(xs), DIGITS), round(sum(ys) / len(ys), DIGITS)))
            continue
        ring: list[Point] = []
        for piece, owner in pieces:
            simple = [(round(x, DIGITS), round(y, DIGITS)) for x, y in simplify(piece)]
            key = (frozenset(owner), min(simple[0], simple[-1]), max(simple[0], simple[-1]), len(simple),
                   min(simple))
            lines.setdefault(key, (simple, len(owner)))
            ring += simple if not ring else simple[1:]
        if len(set(ring)) >= 3:
            shapes[code].append(ring)
        else:
            points[code].append(ring[0])
    return {
        "source": SOURCE,
        "provinces": [{"code": code, "rings": [[list(p) for p in ring] for ring in shapes[code]],
                       "points": [list(p) for p in points[code]]} for code in sorted(provinces)],
        "outline": [[list(p) for p in line] for line, count in lines.values() if count == 1 and len(line) > 1],
    }


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    data = build(read(Path(sys.argv[1])))
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    count = sum(len(ring) for p in data["provinces"] for ring in p["rings"])
    print(f"wrote {OUT}: {len(data['provinces'])} provinces, {count} ring points, "
          f"{len(data['outline'])} outline lines, {OUT.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
