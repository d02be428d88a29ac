"""The overview map: places of one level sized by a figure, on the provinces' borders, framed to them (a map of
provinces shows the whole country), labelled without overlap, with a size legend, a key of numbered places and,
when it shows part of the country, a locator of the whole, all inside the figure.

Pure (DataFrame in, go.Figure out). The map is drawn on plain x/y axes in a Mercator projection whose scale
is locked (one degree of longitude is as many pixels as one projected degree of latitude), so the pixel
position of every marker is known in advance for any figure width: labels are placed in pixels by
`place_labels`, which checks every width from `MIN_PLOT_WIDTH` to `MAX_PLOT_WIDTH` at once.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components.catalogue.reference import Borders, mercator_y
from components.views import charts, fonts
from components.views.display import rows_of
from components.words.fmt import plot_text

MIN_PLOT_WIDTH = 300  # px of plot area: a figure 340 px wide (a 390 px phone screen less the page's margins)
MAX_PLOT_WIDTH = 1440
MAX_DIAMETER = 36  # px: the largest figure's marker; area is proportional to the value
MARKER_SCALES = (MAX_DIAMETER, 28, 22, 16)  # px: the largest marker, smaller where places crowd
MIN_DIAMETER = 8
LABEL_FONT = 12
LABEL_LINE_PX = 16
LABEL_PAD = 3  # px of padding inside a label's box
LABEL_CHARS = 20  # characters per line of a label
GAP = 2  # px kept free between any two boxes, and between a box and the plot's edge
LEADER_STEPS = (0, 12, 26, 44, 66, 92)  # px beyond the marker's edge tried for a label; beyond 0 a line leads
NUMBER_STEPS = (*LEADER_STEPS, 120, 152, 188, 228)  # a number is small: it may go farther out before it sits on
#                                                     its marker
# directions tried around a marker: right, left, up, down, the diagonals, then the eight between them
DIRECTIONS = tuple((round(math.cos(math.radians(a)), 3), round(-math.sin(math.radians(a)), 3))
                   for a in (0, 180, 90, 270, 45, 135, 315, 225, 22.5, 157.5, 337.5, 202.5, 67.5, 112.5, 292.5, 247.5))
MAX_LABELLED = 30  # the largest figures get a label or a number; smaller ones beyond these, a hover only
# The smallest area shown around the places of each level (projected degrees), so a lone ward is framed with
# its neighbourhood and a lone province with its region.
MIN_SPAN = {"province": 2.0, "district": 0.3, "ward": 0.012}
FRAME_PAD = 0.2  # of the frame's larger side, added around the places
MIN_ASPECT = 1.15  # the frame is at least this much wider than tall: room for labels beside the markers
LEADER_SAMPLE_PX = 5  # a leader line is checked against other things at points this far apart
OUTLINE_COLOR = "#1f2933"
KEY_CHARS = 44  # characters per line of the key and the legend's title: fits the narrowest plot area
INSET_HEIGHT = 104  # px: the locator of the whole country, bottom left
INSET_DOMAIN = 0.19  # of the plot width at most: 57 px at the narrowest
BAND_GAP = 10
COUNTRY_PAD = 0.3  # degrees around the country's shapes when the map shows all of it
BORDER_MIN_SPAN = 1.0  # degrees of longitude: a smaller frame is drawn on ward centres, as the simplified borders
#                        (to about a kilometre) would be off by a visible share of it
NATIONAL_HEIGHT = (320, 560)  # px of a map of the whole country on a phone, and at an image's width or wider
LAND_COLOR = "#eef1f4"
COVERED_COLOR = "#d3e2f1"  # a province with figures in the catalogue
BORDER_COLOR = "#8f9ba8"
COAST_COLOR = "#52606d"
SWATCH_PX = 14


@dataclass(frozen=True)
class MapText:
    """The map's own words, already in the reader's language (the chart's title and footer: charts.ChartText)."""

    size_legend: str  # 'Circle area: cameras'
    key_title: str  # 'Numbered places'
    locator: str  # hover of the locator's frame: 'Area shown'
    covered: str = ""  # beside the shade of the provinces in `places_map`'s `covered`: 'Provinces with figures'


@dataclass(frozen=True)
class Frame:
    """The area shown, in projected degrees (x: longitude, y: Mercator latitude)."""

    x0: float
    x1: float
    y0: float
    y1: float

    @property
    def center(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2

    @property
    def half(self) -> tuple[float, float]:
        return (self.x1 - self.x0) / 2, (self.y1 - self.y0) / 2


@dataclass(frozen=True)
class Spot:
    """Where one marker's label went: its box in px from the marker's centre (y grows downwards)."""

    left: float
    right: float
    top: float
    bottom: float
    numbered: bool = False  # the label is the marker's number, and the key below the map names it
    leader: bool = False  # the box is away from the marker: a line leads from the marker to it
    free: bool = True  # False only when no free position existed at all (it then sits on its own marker)

    @property
    def tail(self) -> tuple[float, float]:
        """Where a leader line meets the box: its point nearest to the marker's centre."""
        return min(max(0.0, self.left), self.right), min(max(0.0, self.top), self.bottom)


def map_frame(xs: list[float], ys: list[float], level: str) -> Frame:
    """The places' extent, at least the level's smallest span, with a margin around it."""
    span_x = max(max(xs) - min(xs), MIN_SPAN.get(level, 0.04))
    span_y = max(max(ys) - min(ys), MIN_SPAN.get(level, 0.04))
    pad = FRAME_PAD * max(span_x, span_y)
    span_x = max(span_x, MIN_ASPECT * (span_y + 2 * pad) - 2 * pad)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return Frame(cx - span_x / 2 - pad, cx + span_x / 2 + pad, cy - span_y / 2 - pad, cy + span_y / 2 + pad)


def country_frame(borders: Borders) -> Frame:
    """The whole country, islands included, with a thin margin and room for labels beside it."""
    x0, x1, y0, y1 = borders.bounds
    span_x, span_y = x1 - x0, y1 - y0
    grow = max(0.0, MIN_ASPECT * span_y - span_x) / 2 if span_x < span_y else 0.0
    return Frame(x0 - COUNTRY_PAD - grow, x1 + COUNTRY_PAD + grow, y0 - COUNTRY_PAD, y1 + COUNTRY_PAD)


def national_height(frame: Frame, text_width: int) -> int:
    """Height in px of a map of the whole country: as tall as its shape allows at a phone's width, and taller than
    other maps on a wider screen, so that 34 provinces stay readable."""
    half_x, half_y = frame.half
    phone, wide = NATIONAL_HEIGHT
    if text_width <= charts.NARROWEST_PX:
        return int(min(wide, max(phone, MIN_PLOT_WIDTH * half_y / half_x)))
    return wide


def map_height(frame: Frame) -> int:
    """Height in px of the map itself: the frame's shape at a 460 px width, within 240-440 px (the figure's
    height is fixed while its width follows the screen: a taller map would leave a gap on a phone)."""
    half_x, half_y = frame.half
    return int(min(440, max(240, 460 * half_y / half_x)))


def scale_range(frame: Frame, height: int) -> tuple[float, float]:
    """Pixels per projected degree at the narrowest and the widest plot area (the map keeps its shape, so the
    smaller of width and height sets the scale)."""
    half_x, half_y = frame.half
    by_height = height / (2 * half_y)
    return min(MIN_PLOT_WIDTH / (2 * half_x), by_height), min(MAX_PLOT_WIDTH / (2 * half_x), by_height)


def diameters(values: list[float], biggest: float, largest: float = MAX_DIAMETER) -> list[float]:
    """Marker diameters in px (to a tenth): area proportional to the value, the biggest `largest`, none below
    MIN."""
    top = biggest if biggest > 0 else 1.0
    return [round(max(MIN_DIAMETER, largest * math.sqrt(max(v, 0.0) / top)), 1) for v in values]


def text_size(lines: list[str], font: float = LABEL_FONT) -> tuple[float, float]:
    """The width and height in px of the box of a few lines of text, as wide as the widest font may draw it."""
    longest = max((fonts.text_px(line, font) for line in lines), default=0.0)
    return longest + 2 * LABEL_PAD, len(lines) * LABEL_LINE_PX + 2 * LABEL_PAD


# ---- label placement ---------------------------------------------------------------------------------------
# A thing on the map is a point (X, Y) in projected degrees from the frame's centre (Y grows downwards) and a
# box in px around it; at scale s its box is [s*X + left, s*X + right] x [s*Y + top, s*Y + bottom]. Two boxes
# overlap at the scales where four linear inequalities in s hold, an interval: it is computed exactly.


def _overlap_at_some_scale(a: tuple, b: tuple, scales: tuple[float, float]) -> bool:
    (xa, ya, la, ra, ta, ba), (xb, yb, lb, rb, tb, bb) = a, b
    conditions = [(xa - xb, ra + GAP - lb), (xb - xa, rb + GAP - la),
                  (ya - yb, ba + GAP - tb), (yb - ya, bb + GAP - ta)]  # each: slope * s + intercept > 0
    lo, hi = scales
    for slope, intercept in conditions:
        if slope == 0:
            if intercept <= 0:
                return False
        elif slope > 0:
            lo = max(lo, -intercept / slope)
        else:
            hi = min(hi, -intercept / slope)
    if lo > hi:
        return False
    middle = (lo + hi) / 2
    return all(slope * middle + intercept > 0 for slope, intercept in conditions)


def _inside_at_every_scale(thing: tuple, half: tuple[float, float], scales: tuple[float, float]) -> bool:
    x, y, left, right, top, bottom = thing
    half_x, half_y = half
    return all(s * (x + half_x) + left >= GAP and s * (half_x - x) - right >= GAP
               and s * (y + half_y) + top >= GAP and s * (half_y - y) - bottom >= GAP for s in scales)


def _candidates(radius: float, size: tuple[float, float], steps: tuple[int, ...] = LEADER_STEPS
                ) -> list[tuple[float, float, float, float, bool]]:
    """Boxes (left, right, top, bottom, leader) of a label of `size` around a marker of `radius`, nearest first."""
    width, height = size
    out = []
    for step in steps:
        reach = radius + GAP + 1 + step
        for dx, dy in DIRECTIONS:
            # the box's corner or side nearest to the marker is `reach` away in that direction
            left = reach * dx if dx > 0.3 else (reach * dx - width if dx < -0.3 else reach * dx - width / 2)
            top = reach * dy if dy > 0.3 else (reach * dy - height if dy < -0.3 else reach * dy - height / 2)
            out.append((left, left + width, top, top + height, step > 0))
    return out


def leader_points(spot: Spot, radius: float) -> list[tuple[float, float]]:
    """Points every few px along the leader line from the marker's edge to the box, in px from its centre."""
    tail_x, tail_y = spot.tail
    length = math.hypot(tail_x, tail_y)
    if length <= radius:
        return []
    steps = max(1, math.ceil((length - radius) / LEADER_SAMPLE_PX))
    return [(tail_x * f, tail_y * f) for f in (radius / length + (1 - radius / length) * k / steps
                                               for k in range(steps + 1))]


def place_labels(points: list[tuple[float, float]], radii: list[float], labels: list[tuple[float, float]],
                 numbers: list[tuple[float, float]], half: tuple[float, float],
                 scales: tuple[float, float]) -> list[Spot]:
    """A box for each marker's label that overlaps no other label and no marker (its own included) and stays
    inside the frame, at every scale in `scales`. Greedy in the order given (put the most important first):
    each label takes the nearest free position around its marker, else farther out with a leader line; a
    marker whose label finds no free position gets its number (`numbers`: the size of its number's box)
    instead, placed the same way after all labels (its leader line may cross other markers and labels).

    `points`: (X, Y) in projected degrees from the frame's centre, Y downwards; `radii` in px; `half`: the
    frame's half width and height in projected degrees; `scales`: px per degree at the narrowest and widest.
    `labels` may be shorter than `points`: the markers after them get no label, but labels avoid them too.
    """
    markers = [(x, y, -r, r, -r, r) for (x, y), r in zip(points, radii, strict=True)]
    boxes: list[tuple] = []
    lines: list[tuple] = []  # points along the leader lines drawn so far

    def clear(thing: tuple, among: list[tuple]) -> bool:
        return not any(_overlap_at_some_scale(thing, other, scales) for other in among)

    def free_spot(i: int, size: tuple[float, float], numbered: bool) -> Spot | None:
        x, y = points[i]
        others = markers[:i] + markers[i + 1:]
        for left, right, top, bottom, leader in _candidates(radii[i], size, NUMBER_STEPS if numbered else LEADER_STEPS):
            box = (x, y, left, right, top, bottom)
            if not (_inside_at_every_scale(box, half, scales) and clear(box, markers + boxes + lines)):
                continue
            spot = Spot(left, right, top, bottom, numbered=numbered, leader=leader)
            line = [(x, y, px, px, py, py) for px, py in leader_points(spot, radii[i])] if leader else []
            # a label's line passes no other marker and no label; a number's may cross both in a tight cluster (a
            # label's opaque background hides the line under it)
            if numbered or all(clear(point, others + boxes) for point in line):
                boxes.append(box)
                lines.extend(line)
                return spot
        return None

    spots: list[Spot | None] = [None] * len(labels)
    for numbered in (False, True):
        for i in range(len(labels)):
            if spots[i] is None:
                spots[i] = free_spot(i, numbers[i] if numbered else labels[i], numbered)
    for i in range(len(labels)):
        if spots[i] is None:
            width, height = numbers[i]
            spots[i] = Spot(-width / 2, width / 2, -height / 2, height / 2, numbered=True, free=False)
    return spots


# ---- the figure ------------------------------------------------------------------------------------------


def nice_references(values: list[float]) -> list[float]:
    """Two or three round values (1, 2 or 5 x 10^n) for the size legend: the largest not above the biggest
    figure, then smaller ones whose circles are clearly smaller (10 px narrower) and above the smallest size."""
    biggest = max(values)
    if biggest <= 0:
        return [biggest]
    power = 10 ** math.floor(math.log10(biggest))
    candidates = sorted((m * power / 10 ** k for k in range(4) for m in (5, 2, 1) if m * power / 10 ** k <= biggest),
                        reverse=True)
    out = [candidates[0]]
    for candidate in candidates[1:]:
        size, previous = diameters([candidate, out[-1]], biggest)
        if size > MIN_DIAMETER and size <= previous - 10 and len(out) < 3:
            out.append(candidate)
    return out


def _value_words(value: float, separators: str) -> str:
    decimal, thousands = separators[0], separators[1]
    text = f"{value:,.0f}" if value >= 1 else f"{value:g}"
    return text.translate(str.maketrans({",": thousands, ".": decimal}))


def _numbers(spots: list[Spot]) -> list[int | str]:
    """1, 2, … for the numbered markers in drawing order, '' for the others."""
    out, count = [], 0
    for spot in spots:
        count += spot.numbered
        out.append(count if spot.numbered else "")
    return out


def _label_lines(row) -> list[str]:
    """The place's name, then its figure, each wrapped to a short line."""
    lines = [line for text in (row.bar_label, row.value_text)
             for line in textwrap.wrap(str(text), LABEL_CHARS, break_long_words=False, break_on_hyphens=False)]
    return lines or [""]


def _marker_trace(points: pd.DataFrame, text: charts.ChartText) -> go.Scatter:
    custom, template = charts.hover_template(points, text)
    colors = points["color"].tolist()
    color = colors[0] if len(set(colors)) == 1 else colors  # one metric: one colour, not one per place
    return go.Scatter(
        x=points["x"].tolist(), y=points["y"].tolist(), mode="markers", customdata=custom,
        hovertemplate=template, ids=points["figure_id"].tolist(), name="", showlegend=False, cliponaxis=False,
        marker={"size": points["diameter"].tolist(), "sizemode": "diameter", "color": color,
                "opacity": 0.78, "line": {"width": 1.5, "color": OUTLINE_COLOR}})


def _label_annotations(points: pd.DataFrame, spots: list[Spot]) -> list[dict]:
    """The labels and numbers, after every leader line: a label's background then covers a number's line that
    crosses it."""
    out, leaders = [], []
    for row, spot in zip(rows_of(points.iloc[:len(spots)]), spots, strict=True):
        lines = [str(row.number)] if spot.numbered else _label_lines(row)
        # text is estimated generously: it is aligned to the box's side facing the marker
        side = "right" if spot.right <= 0 else ("left" if spot.left >= 0 else "center")
        x_shift = {"right": spot.right - LABEL_PAD, "left": spot.left + LABEL_PAD,
                   "center": (spot.left + spot.right) / 2}[side]
        out.append({"x": row.x, "y": row.y, "xref": "x", "yref": "y", "showarrow": False, "xanchor": side,
                    "yanchor": "top", "xshift": x_shift, "yshift": -(spot.top + LABEL_PAD),
                    "text": "<br>".join(plot_text(line) for line in lines), "align": side,
                    "font": {"size": LABEL_FONT, "color": OUTLINE_COLOR}, "bgcolor": "rgba(255,255,255,0.85)",
                    "borderpad": 0, "name": "map-number" if spot.numbered else "map-label"})
        if spot.leader:
            tail_x, tail_y = spot.tail
            leaders.append({"x": row.x, "y": row.y, "xref": "x", "yref": "y", "showarrow": True, "arrowhead": 0,
                        "arrowwidth": 1, "arrowcolor": OUTLINE_COLOR, "ax": tail_x, "ay": tail_y,
                        "standoff": row.diameter / 2, "text": "", "name": "map-leader",
                        "xanchor": "auto", "yanchor": "auto", "align": "center",  # not the template's defaults
                        "font": {"size": charts.LABEL_SIZE}})
    return leaders + out


def _size_legend(references: list[float], biggest: float, largest: float, words: MapText, separators: str,
                 top_px: float, x: float = INSET_DOMAIN * MIN_PLOT_WIDTH + 10) -> tuple[list[dict], list[dict], float]:
    """Circles of the reference values side by side (shapes) with their values, under the legend's title, from
    `x` px right of the plot area's left edge; returns shapes, annotations and the height used, from `top_px`
    above the plot area's bottom."""
    title_lines = textwrap.wrap(words.size_legend, KEY_CHARS - 8, break_long_words=False, break_on_hyphens=False)
    annotations = [{"x": 0, "y": 0, "xref": "paper", "yref": "paper", "xshift": x, "yshift": top_px,
                    "xanchor": "left", "yanchor": "top", "showarrow": False, "align": "left",
                    "text": "<br>".join(plot_text(line) for line in title_lines),
                    "font": {"size": 11, "color": "#52606d"}, "name": "map-size-legend"}]
    shapes = []
    sizes = diameters(references, biggest, largest)
    row_bottom = top_px - len(title_lines) * 15 - 6 - max(sizes)
    for value, size in zip(references, sizes, strict=True):
        shapes.append({"type": "circle", "xref": "paper", "yref": "paper", "xsizemode": "pixel",
                       "ysizemode": "pixel", "xanchor": 0, "yanchor": 0, "x0": x, "x1": x + size,
                       "y0": row_bottom, "y1": row_bottom + size, "fillcolor": charts.NEUTRAL, "opacity": 0.6,
                       "line": {"color": OUTLINE_COLOR, "width": 1.5}, "name": "map-size-legend-circle"})
        words_px = text_size([_value_words(value, separators)], 11)[0]
        annotations.append({"x": 0, "y": 0, "xref": "paper", "yref": "paper", "xshift": x + size + 3,
                            "yshift": row_bottom, "xanchor": "left", "yanchor": "bottom", "showarrow": False,
                            "align": "left", "text": plot_text(_value_words(value, separators)),
                            "font": {"size": 11, "color": OUTLINE_COLOR}, "name": "map-size-legend-value"})
        x += size + 3 + words_px + 8
    return shapes, annotations, top_px - row_bottom


def _key(points: pd.DataFrame, spots: list[Spot], words: MapText, top_px: float) -> tuple[list[dict], float]:
    """'1 · Phường 6: 12 cameras', one line per numbered marker, from `top_px` down; and the height used."""
    lines = []
    for row, spot in zip(rows_of(points.iloc[:len(spots)]), spots, strict=True):
        if spot.numbered:
            lines += textwrap.wrap(f"{row.number} · {row.bar_label}: {row.value_text}", KEY_CHARS,
                                   break_long_words=False, break_on_hyphens=False)
    if not lines:
        return [], 0.0
    lines = [words.key_title, *lines]
    return [{"x": 0, "y": 0, "xref": "paper", "yref": "paper", "xshift": 0, "yshift": top_px, "xanchor": "left",
             "yanchor": "top", "showarrow": False, "align": "left",
             "text": "<br>".join(plot_text(line) for line in lines),
             "font": {"size": 11, "color": OUTLINE_COLOR}, "name": "map-key"}], 15.0 * len(lines) + 4


def locator_width(basemap: pd.DataFrame) -> float:
    """The widest the locator is drawn, in px: its domain's share of the plot's width, or, on a wide plot, the
    country's width at the locator's height (its scale is locked), whichever is less."""
    ys = [mercator_y(v) for v in basemap["lat"]]
    aspect = (basemap["lon"].max() - basemap["lon"].min()) / max(max(ys) - min(ys), 1e-9)
    return round(float(min(INSET_DOMAIN * MAX_PLOT_WIDTH, max(INSET_DOMAIN * MIN_PLOT_WIDTH, aspect * INSET_HEIGHT))))


def _locator(figure: go.Figure, basemap: pd.DataFrame, frame: Frame, words: MapText) -> None:
    """The whole country's outline, small, bottom left, with the area the map shows marked on it."""
    coarse = basemap.assign(lat=basemap["lat"].round(1), lon=basemap["lon"].round(1)).drop_duplicates()
    figure.add_trace(go.Scatter(
        x=coarse["lon"].tolist(), y=[mercator_y(v) for v in coarse["lat"]], mode="markers", xaxis="x2",
        yaxis="y2", marker={"size": 1.6, "color": charts.NEUTRAL}, hoverinfo="skip", showlegend=False, name=""))
    cx, cy = frame.center
    figure.add_trace(go.Scatter(
        x=[cx], y=[cy], mode="markers", xaxis="x2", yaxis="y2", hovertemplate=plot_text(words.locator) +
        "<extra></extra>", showlegend=False, name="",
        marker={"size": 9, "symbol": "square-open", "color": OUTLINE_COLOR, "line": {"width": 2}}))
    # the marked area stops at the country's edge: a frame padded beyond it would reach out of the locator
    xs, ys = coarse["lon"], [mercator_y(v) for v in coarse["lat"]]
    figure.add_shape(type="rect", xref="x2", yref="y2", x0=max(frame.x0, xs.min()), x1=min(frame.x1, xs.max()),
                     y0=max(frame.y0, min(ys)), y1=min(frame.y1, max(ys)),
                     line={"color": OUTLINE_COLOR, "width": 1}, name="map-locator-frame")


def _covered_legend(words: MapText, x: float, top_px: float) -> tuple[list[dict], list[dict], float]:
    """A swatch of the shade of provinces with figures and its words, from `top_px` above the plot area's bottom;
    returns shapes, annotations and the height used."""
    lines = textwrap.wrap(words.covered, KEY_CHARS - 4, break_long_words=False, break_on_hyphens=False)
    shapes = [{"type": "rect", "xref": "paper", "yref": "paper", "xsizemode": "pixel", "ysizemode": "pixel",
               "xanchor": 0, "yanchor": 0, "x0": x, "x1": x + SWATCH_PX, "y0": top_px - SWATCH_PX - 1,
               "y1": top_px - 1, "fillcolor": COVERED_COLOR, "line": {"color": BORDER_COLOR, "width": 1},
               "name": "map-covered-swatch"}]
    notes = [{"x": 0, "y": 0, "xref": "paper", "yref": "paper", "xshift": x + SWATCH_PX + 5, "yshift": top_px,
              "xanchor": "left", "yanchor": "top", "showarrow": False, "align": "left",
              "text": "<br>".join(plot_text(line) for line in lines), "font": {"size": 11, "color": OUTLINE_COLOR},
              "name": "map-covered-legend"}]
    return shapes, notes, max(SWATCH_PX + 2, 15.0 * len(lines)) + 6


def _draw_borders(figure: go.Figure, borders: Borders, covered: Collection[str]) -> None:
    """The land, the provinces with figures shaded, every province's border, the coast and land border, and the
    islands too small to draw as shapes (each ring its own filled shape: a gap separates them)."""
    thin = {"color": BORDER_COLOR, "width": 0.6}
    x, y = borders.land
    figure.add_trace(go.Scatter(x=x, y=y, mode="lines", fill="toself", fillcolor=LAND_COLOR, line=thin,
                                hoverinfo="skip", showlegend=False, name="map-land"))
    shaded = [ring for code in covered for ring in borders.shapes.get(code, ())]
    if shaded:
        x, y = borders.joined(shaded)
        figure.add_trace(go.Scatter(x=x, y=y, mode="lines", fill="toself", fillcolor=COVERED_COLOR, line=thin,
                                    hoverinfo="skip", showlegend=False, name="map-covered"))
    x, y = borders.coast
    figure.add_trace(go.Scatter(x=x, y=y, mode="lines", line={"color": COAST_COLOR, "width": 1},
                                hoverinfo="skip", showlegend=False, name="map-outline"))
    x, y = borders.islet_points
    if len(x):
        figure.add_trace(go.Scatter(x=x, y=y, mode="markers", hoverinfo="skip", showlegend=False,
                                    marker={"size": 2.5, "color": COAST_COLOR}, name="map-islets"))


def _draw_basemap(figure: go.Figure, basemap: pd.DataFrame, frame: Frame) -> None:
    """The ward centres inside the frame, as a faint cloud of points (a frame too small for the borders)."""
    inside = basemap[(basemap["lon"] >= frame.x0) & (basemap["lon"] <= frame.x1)] if len(basemap) else basemap
    if not len(inside):
        return
    ys = [mercator_y(v) for v in inside["lat"]]
    keep = [frame.y0 <= y <= frame.y1 for y in ys]
    figure.add_trace(go.Scatter(
        x=inside["lon"][keep].tolist(), y=[y for y, k in zip(ys, keep, strict=True) if k], mode="markers",
        marker={"size": 3, "color": charts.NEUTRAL, "opacity": 0.5}, hoverinfo="skip", name="",
        showlegend=False))


def places_map(points: pd.DataFrame, basemap: pd.DataFrame, text: charts.ChartText, words: MapText,
               level: str, borders: Borders | None = None, covered: Collection[str] = ()) -> go.Figure:
    """Places of one level as circles whose area is their figure, on the provinces' borders (`borders`, with the
    provinces whose codes are in `covered` shaded) or, without them, on the country's outline points.

    `points`: one row per place: bar_label, lat, lon, value, value_text, color, time_text, source_text,
    figure_id (display rows, see components.views.display.display_rows). `basemap`: lat, lon of the outline.
    A map of provinces with `borders` shows the whole country; any other is framed to its places.
    """
    points = points.assign(x=points["lon"].astype(float), y=[mercator_y(v) for v in points["lat"]])
    biggest = float(points["value"].max()) if len(points) else 1.0
    # biggest first, so smaller markers are drawn on top of the bigger ones they overlap
    points = points.sort_values(["value", "bar_label"], ascending=[False, True], kind="stable")
    national = borders is not None and level == "province"
    if national:
        frame = country_frame(borders)
        height = national_height(frame, text.width)
    else:
        frame = map_frame(points["x"].tolist(), points["y"].tolist(), level)
        height = map_height(frame)
    with_borders = borders is not None and frame.x1 - frame.x0 >= BORDER_MIN_SPAN
    with_locator = len(basemap) > 0 and not national
    cx, cy = frame.center
    # where places crowd so that a marker's number finds no free spot, every marker is drawn smaller (areas stay
    # proportional, the size legend follows), so that no label or number covers a marker
    for largest in MARKER_SCALES:
        points["diameter"] = diameters(points["value"].astype(float).tolist(), biggest, largest)
        spots = place_labels(
            [(x - cx, cy - y) for x, y in zip(points["x"], points["y"], strict=True)],
            [d / 2 for d in points["diameter"]],
            [text_size(_label_lines(row)) for row in rows_of(points.iloc[:MAX_LABELLED])],
            [text_size([str(n)]) for n in range(1, min(len(points), MAX_LABELLED) + 1)], frame.half,
            scale_range(frame, height))
        if all(spot.free for spot in spots):
            break
    points["number"] = _numbers(spots) + [""] * (len(points) - len(spots))

    # the band below the map: the shade's legend, then the size legend, beside the locator when there is one
    legend_x = locator_width(basemap) + 10 if with_locator else 0.0
    shaded = bool(with_borders and words.covered and any(code in borders.shapes for code in covered))
    cover_shapes, cover_notes, cover_px = _covered_legend(words, legend_x, 0.0) if shaded else ([], [], 0.0)
    references = nice_references(points["value"].astype(float).tolist()) if len(points) else []
    legend_shapes, legend_notes, legend_px = _size_legend(references, biggest, largest, words, text.separators,
                                                          -cover_px, legend_x) if references else ([], [], 0.0)
    legend_px += cover_px
    key_notes, key_px = _key(points, spots, words, 0.0)
    band = max(INSET_HEIGHT if with_locator else 0, legend_px) + (key_px + BAND_GAP if key_px else 0) + BAND_GAP
    total = height + band
    # the band's parts were laid out from 0; move them to their place below the map
    legend_top = band - BAND_GAP
    for shape in (*cover_shapes, *legend_shapes):
        shape["y0"] += legend_top
        shape["y1"] += legend_top
    for note in (*cover_notes, *legend_notes):
        note["yshift"] += legend_top
    for note in key_notes:
        note["yshift"] += key_px

    figure = go.Figure()
    if with_borders:
        _draw_borders(figure, borders, covered if shaded else ())
    else:
        _draw_basemap(figure, basemap, frame)
    figure.add_trace(_marker_trace(points, text))
    if with_locator:
        _locator(figure, basemap, frame, words)
    map_bottom = band / total
    inset = {} if not with_locator else {
        "xaxis2": {"domain": [0, INSET_DOMAIN], "visible": False, "constrain": "domain", "fixedrange": True,
                   "constraintoward": "left", "anchor": "y2"},
        "yaxis2": {"domain": [(band - BAND_GAP - INSET_HEIGHT) / total, (band - BAND_GAP) / total],
                   "visible": False, "constrain": "domain", "scaleanchor": "x2", "scaleratio": 1,
                   "fixedrange": True, "anchor": "x2", "constraintoward": "top"}}
    figure.update_layout(
        xaxis={"range": [frame.x0, frame.x1], "visible": False, "constrain": "domain", "fixedrange": True},
        yaxis={"range": [frame.y0, frame.y1], "visible": False, "constrain": "domain", "scaleanchor": "x",
               "scaleratio": 1, "fixedrange": True, "domain": [map_bottom, 1], "constraintoward": "top"},
        **inset,
        shapes=[*figure.layout.shapes, *cover_shapes, *legend_shapes],
        annotations=[*_label_annotations(points, spots), *cover_notes, *legend_notes, *key_notes],
        showlegend=False, dragmode=False, plot_bgcolor="rgba(0,0,0,0)")
    return charts.framed(figure, points, text, total, axis_gap=8)
