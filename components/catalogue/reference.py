"""Reference data bundled under data/ besides the places: the outline points the map is drawn on, and the
provinces' borders (data/make_basemap.py and data/make_provinces.py write them; docs/map-data.md says from what)."""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from components.catalogue.schema import ROOT

BASEMAP = ROOT / "data" / "basemap.csv"
PROVINCES = ROOT / "data" / "provinces.json"


@functools.cache
def load_basemap() -> pd.DataFrame:
    """lat/lon points outlining the country (empty when the file is missing: the map then shows places only)."""
    if not BASEMAP.is_file():
        return pd.DataFrame({"lat": pd.Series(dtype=float), "lon": pd.Series(dtype=float)})
    return pd.read_csv(BASEMAP, dtype={"lat": float, "lon": float})


Line = tuple[tuple[float, ...], tuple[float, ...]]  # x (longitude) and y (Mercator latitude, in degrees)


def mercator_y(lat: float) -> float:
    """Latitude projected as Mercator's y, in degrees (so x in degrees of longitude has the same scale), to about a
    metre: more digits only lengthen a national map's JSON."""
    return round(math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))), 5)


@dataclass(frozen=True)
class Borders:
    """The provinces' shapes and the country's outline, projected as the map draws them."""

    shapes: dict[str, tuple[Line, ...]]  # province code -> its rings
    islets: dict[str, Line]  # province code -> islands too small to draw as shapes, as points
    outline: tuple[Line, ...]  # the coast and the land border
    bounds: tuple[float, float, float, float]  # x0, x1, y0, y1 of everything above
    source: str
    # what the map draws of them, x and y arrays made once with the borders: every province's rings (land), the
    # outline (coast), and the islets as points
    land: tuple[np.ndarray, np.ndarray] = field(compare=False, repr=False)
    coast: tuple[np.ndarray, np.ndarray] = field(compare=False, repr=False)
    islet_points: tuple[np.ndarray, np.ndarray] = field(compare=False, repr=False)

    @staticmethod
    def joined(lines) -> tuple[np.ndarray, np.ndarray]:
        """Lines as one x and one y array, a gap (NaN) after each: one trace draws them all. Arrays, not lists:
        Plotly checks a list element by element, and a national map has thousands of points."""
        xs = [v for x, _ in lines for v in (*x, math.nan)]
        ys = [v for _, y in lines for v in (*y, math.nan)]
        return np.array(xs, dtype=float), np.array(ys, dtype=float)


def _line(points: list[list[float]]) -> Line:
    return tuple(round(p[0], 3) for p in points), tuple(round(mercator_y(p[1]), 3) for p in points)


@functools.cache
def load_borders() -> Borders | None:
    """The provinces' borders, or None when the file is missing (the map then draws the outline points only)."""
    if not PROVINCES.is_file():
        return None
    data = json.loads(PROVINCES.read_text(encoding="utf-8"))
    shapes = {p["code"]: tuple(_line(ring) for ring in p["rings"]) for p in data["provinces"]}
    islets = {p["code"]: _line(p["points"]) for p in data["provinces"] if p["points"]}
    outline = tuple(_line(line) for line in data["outline"])
    xs = [x for lines in (*shapes.values(), outline, tuple(islets.values())) for line in lines for x in line[0]]
    ys = [y for lines in (*shapes.values(), outline, tuple(islets.values())) for line in lines for y in line[1]]
    return Borders(shapes, islets, outline, (min(xs), max(xs), min(ys), max(ys)), data.get("source", ""),
                   land=Borders.joined([ring for rings in shapes.values() for ring in rings]),
                   coast=Borders.joined(outline),
                   islet_points=(np.array([x for line_x, _ in islets.values() for x in line_x], dtype=float),
                                 np.array([y for _, line_y in islets.values() for y in line_y], dtype=float)))
