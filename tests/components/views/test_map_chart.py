"""The overview map (components/views/map_chart.py through overview_charts.map_chart): one level at a time,
framed to its places, labels that never overlap each other or a marker at a phone's and a desktop's width, a size
legend.

Pixel geometry is recomputed here from the figure itself (axis ranges, domains, margins, annotation shifts and
anchors), the way Plotly lays it out, not taken from the placement function; the real text boxes in Chromium
are measured by tests/browser/test_map.py.
"""

from __future__ import annotations

import functools
import itertools
import math
from pathlib import Path

import pandas as pd
import pytest
from dashboard_helpers import BUNDLED, catalogue_of, frame_of, hover_texts

from components.catalogue.reference import load_basemap, load_borders
from components.table.index import build_index
from components.views import display, map_chart, overview_charts

CLOSE_WARDS = Path(__file__).resolve().parents[2] / "data" / "close_wards" / "metrics.yaml"
WIDTHS = (390, 1440)


def index_of(path: Path):
    return build_index(catalogue_of(path), frame_of(path))


@functools.cache  # several tests read every map of a catalogue: drawn once
def every_map(path: Path) -> tuple:
    """(metric, level, chart) for every metric and every level the map can show of it."""
    index = index_of(path)
    return tuple((metric, level, overview_charts.map_chart(index, load_basemap(), "en", metric, level))
                 for metric in overview_charts.map_metric_ids(index)
                 for level in overview_charts.map_levels(index, metric))


def marker_trace(figure):
    (trace,) = [t for t in figure.data if t.ids]
    return trace


def layout_at(figure, width: int):
    """The map's plot area at a figure width, as Plotly lays out axes whose scale is locked and whose domain
    shrinks to keep it ('constrain': 'domain'): pixels per projected degree, and a function from data to
    pixels (y downwards, from the figure's top left)."""
    layout = figure.layout
    plot_w = width - layout.margin.l - layout.margin.r
    plot_h = layout.height - layout.margin.t - layout.margin.b
    (x0, x1), (y0, y1) = layout.xaxis.range, layout.yaxis.range
    map_h = plot_h * (layout.yaxis.domain[1] - layout.yaxis.domain[0])
    scale = min(plot_w / (x1 - x0), map_h / (y1 - y0))
    left = layout.margin.l + (plot_w - scale * (x1 - x0)) / 2
    top = layout.margin.t  # the map keeps to the top of its domain

    def to_px(x: float, y: float) -> tuple[float, float]:
        return left + scale * (x - x0), top + scale * (y1 - y)

    area = (left, left + scale * (x1 - x0), top, top + scale * (y1 - y0))
    return to_px, area


def label_boxes(figure, width: int) -> list[tuple[float, float, float, float]]:
    """(left, right, top, bottom) in px of every label and number on the map."""
    to_px, _ = layout_at(figure, width)
    boxes = []
    for note in figure.layout.annotations:
        if note.name not in ("map-label", "map-number"):
            continue
        w, h = map_chart.text_size(note.text.split("<br>"))
        px, py = to_px(note.x, note.y)
        anchor_x, pad = px + note.xshift, map_chart.LABEL_PAD
        left = {"left": anchor_x - pad, "right": anchor_x + pad - w, "center": anchor_x - w / 2}[note.xanchor]
        top = py - note.yshift - pad
        boxes.append((left, left + w, top, top + h))
    return boxes


def marker_circles(figure, width: int) -> list[tuple[float, float, float]]:
    to_px, _ = layout_at(figure, width)
    trace = marker_trace(figure)
    return [(*to_px(x, y), size / 2) for x, y, size in zip(trace.x, trace.y, trace.marker.size, strict=True)]


def overlap_area(a, b) -> float:
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[2], b[2]))


def covers(box, circle) -> bool:
    cx, cy, r = circle
    nearest_x, nearest_y = min(max(cx, box[0]), box[1]), min(max(cy, box[2]), box[3])
    return math.hypot(cx - nearest_x, cy - nearest_y) < r


# ---- labels never overlap ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [BUNDLED, CLOSE_WARDS], ids=["bundled", "close_wards"])
@pytest.mark.parametrize("width", WIDTHS)
def test_no_label_overlaps_another_label_or_any_marker_and_all_stay_on_the_map(path, width):
    checked = 0
    for metric, level, chart in every_map(path):
        where = f"{metric} at {level} level, {width} px"
        boxes, circles = label_boxes(chart.figure, width), marker_circles(chart.figure, width)
        assert len(boxes) == len(circles), f"{where}: every marker has a label or a number"
        for a, b in itertools.combinations(boxes, 2):
            assert overlap_area(a, b) == 0, f"{where}: labels {a} and {b} overlap"
        for box, circle in itertools.product(boxes, circles):
            assert not covers(box, circle), f"{where}: label {box} covers the marker at {circle}"
        _, (left, right, top, bottom) = layout_at(chart.figure, width)
        for box in boxes:
            assert left <= box[0] and box[1] <= right and top <= box[2] and box[3] <= bottom, \
                f"{where}: label {box} leaves the map ({left}, {right}, {top}, {bottom})"
        checked += 1
    assert checked >= 2


def test_close_wards_are_told_apart_and_most_are_named_on_the_map():
    index = index_of(CLOSE_WARDS)
    chart = overview_charts.map_chart(index, load_basemap(), "en", "security-cameras")
    circles = marker_circles(chart.figure, 390)
    assert len(circles) == 4
    for (xa, ya, _), (xb, yb, _) in itertools.combinations(circles, 2):
        assert math.hypot(xa - xb, ya - yb) >= 20, "wards about 1 km apart are drawn at least 20 px apart"
    names = [n for n in chart.figure.layout.annotations if n.name == "map-label"]
    assert len(names) >= 3


def test_a_marker_without_room_for_its_label_gets_a_number_explained_in_the_key_below_the_map():
    # nine places 36 px apart at the narrowest width: their names cannot all fit
    points = [(0.012 * (i % 3), 0.012 * (i // 3)) for i in range(9)]
    spots = map_chart.place_labels(points, [6.0] * 9, [(120.0, 38.0)] * 9, [(16.0, 22.0)] * 9,
                                   (0.05, 0.04), (3000.0, 9000.0))
    assert any(spot.numbered for spot in spots) and not all(spot.numbered for spot in spots)
    assert all(spot.free for spot in spots)
    for scale in (3000.0, 5000.0, 9000.0):
        boxes = [(x * scale + s.left, x * scale + s.right, y * scale + s.top, y * scale + s.bottom)
                 for (x, y), s in zip(points, spots, strict=True)]
        circles = [(x * scale, y * scale, 6.0) for x, y in points]
        assert all(overlap_area(a, b) == 0 for a, b in itertools.combinations(boxes, 2))
        assert not any(covers(box, circle) for box, circle in itertools.product(boxes, circles))


def test_numbered_places_are_listed_in_the_key_inside_the_figure():
    rows = pd.DataFrame({
        "bar_label": [f"Place {i}" for i in range(9)], "lat": [11.94 + 0.0004 * (i % 3) for i in range(9)],
        "lon": [108.43 + 0.0004 * (i // 3) for i in range(9)], "value": [100.0 + i for i in range(9)],
        "value_text": [f"{100 + i} cameras" for i in range(9)], "color": ["#2e86de"] * 9,
        "time_text": ["as of 30 Jun 2024"] * 9, "source_text": ["A bulletin"] * 9,
        "figure_id": [f"f{i}" for i in range(9)]})
    words = map_chart.MapText("Circle area: cameras", "Numbered on the map:", "Area shown")
    figure = map_chart.places_map(rows, load_basemap(), display.chart_text("en", "Cameras"), words, "ward")
    numbers = [n.text for n in figure.layout.annotations if n.name == "map-number"]
    (key,) = [n.text for n in figure.layout.annotations if n.name == "map-key"]
    assert numbers, "nine places within 100 m of each other cannot all be named on the map"
    for number in numbers:
        assert f"<br>{number} · Place " in key


# ---- one level at a time -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [BUNDLED, CLOSE_WARDS], ids=["bundled", "close_wards"])
def test_no_place_is_drawn_with_its_city_or_province(path):
    index = index_of(path)
    places = index.frame.drop_duplicates("figure_id").set_index("figure_id")["place_id"]
    for metric, level, chart in every_map(path):
        drawn = {places[f] for f in marker_trace(chart.figure).ids}
        assert all(index.places[p].level == level for p in drawn), (metric, level)
        for place in drawn:
            assert not drawn & set(index.ancestors(place)), f"{metric}: {place} drawn with an ancestor"


def test_the_level_with_most_places_is_the_default_and_another_can_be_asked_for():
    index = index_of(CLOSE_WARDS)
    assert overview_charts.map_levels(index, "security-cameras") == ["ward", "province", "district"]
    assert overview_charts.map_levels(index, "hotline-calls") == ["province"]
    wards = overview_charts.map_chart(index, load_basemap(), "en", "security-cameras")
    assert set(marker_trace(wards.figure).ids) == {f"da-lat-ward-{n}-cameras" for n in (1, 2, 4, 6)}
    assert "4 wards or communes" in wards.figure.layout.title.subtitle.text
    provinces = overview_charts.map_chart(index, load_basemap(), "vi", "security-cameras", "province")
    assert set(marker_trace(provinces.figure).ids) == {"lam-dong-cameras", "khanh-hoa-cameras"}
    assert "2 tỉnh, thành phố" in provinces.figure.layout.title.subtitle.text


def test_the_map_is_framed_to_its_places_and_the_whole_country_is_shown_beside_it():
    index = index_of(CLOSE_WARDS)
    figure = overview_charts.map_chart(index, load_basemap(), "en", "security-cameras").figure
    (x0, x1), trace = figure.layout.xaxis.range, marker_trace(figure)
    assert x0 < min(trace.x) and max(trace.x) < x1
    assert x1 - x0 < 0.1, "four wards within 2 km are framed to a few km, not to the country"
    locator = [t for t in figure.data if t.xaxis == "x2" and t.hoverinfo == "skip"]
    assert locator and max(locator[0].y) - min(locator[0].y) > 10, "the locator shows the whole country"
    (frame,) = [s for s in figure.layout.shapes if s.name == "map-locator-frame"]
    assert (frame.x0, frame.x1) == (x0, x1)


def test_bigger_markers_are_drawn_first_so_smaller_ones_stay_on_top_and_every_marker_has_an_outline():
    chart = overview_charts.map_chart(index_of(CLOSE_WARDS), load_basemap(), "en", "security-cameras")
    trace = marker_trace(chart.figure)
    assert list(trace.marker.size) == sorted(trace.marker.size, reverse=True)
    assert trace.marker.line.width >= 1


# ---- size legend and hover -------------------------------------------------------------------------------


def test_a_size_legend_shows_reference_circles_drawn_like_the_markers():
    index = index_of(CLOSE_WARDS)
    figure = overview_charts.map_chart(index, load_basemap(), "en", "security-cameras").figure
    circles = [s for s in figure.layout.shapes if s.name == "map-size-legend-circle"]
    values = [n.text for n in figure.layout.annotations if n.name == "map-size-legend-value"]
    (title,) = [n.text for n in figure.layout.annotations if n.name == "map-size-legend"]
    assert 2 <= len(circles) == len(values) <= 3
    assert "cameras" in title
    trace = marker_trace(figure)
    biggest_value = index.frame.set_index("figure_id").loc[list(trace.ids), "value"].max()
    for circle, text in zip(circles, values, strict=True):
        value = float(text.replace(",", ""))
        largest = max(trace.marker.size)  # the biggest figure's marker: the legend's circles are drawn to its scale
        assert circle.x1 - circle.x0 == pytest.approx(map_chart.diameters([value], biggest_value, largest)[0])
        assert circle.y1 - circle.y0 == circle.x1 - circle.x0


def test_hover_shows_place_value_period_and_source():
    figure = overview_charts.map_chart(index_of(CLOSE_WARDS), load_basemap(), "en", "security-cameras").figure
    trace = marker_trace(figure)
    by_id = dict(zip(trace.ids, hover_texts(trace), strict=True))
    assert by_id["da-lat-ward-4-cameras"].startswith("<b>Phường 4 (former)</b><br>≈\u00a0180\u00a0cameras<br>"
                                                     "Period: as of 30 Jun 2024<br>Source: ")
    assert "Synthetic Highland Bulletin" in by_id["da-lat-ward-4-cameras"]
    assert "Period" in trace.hovertemplate and "Source" in trace.hovertemplate


# ---- the country: borders, shading and a legend true to the markers ------------------------------------


def traces_named(figure, name: str) -> list:
    return [trace for trace in figure.data if trace.name == name]


def rings_of(trace) -> list[list[tuple[float, float]]]:
    """The closed rings of a filled trace (gaps between them)."""
    rings, ring = [], []
    for x, y in zip(trace.x, trace.y, strict=True):
        if x is None or math.isnan(x):
            rings.append(ring)
            ring = []
        else:
            ring.append((x, y))
    return [r for r in rings + [ring] if r]


def test_a_map_of_provinces_shows_the_whole_country_with_every_province_border_and_no_locator():
    borders = load_borders()
    assert borders is not None and len(borders.shapes) == 34, "data/provinces.json holds the 34 provinces"
    index = index_of(BUNDLED)
    metric = overview_charts.map_metric_ids(index)[0]
    assert overview_charts.map_levels(index, metric)[0] == "province", "the overview opens on the provinces"
    figure = overview_charts.map_chart(index, load_basemap(), "en", metric).figure
    (land,) = traces_named(figure, "map-land")
    assert len(rings_of(land)) == sum(len(rings) for rings in borders.shapes.values())
    assert land.line.width > 0, "each province's border is drawn"
    (outline,) = traces_named(figure, "map-outline")
    assert outline.line.width > land.line.width, "the coast and the land border are drawn bolder than borders"
    (x0, x1), (y0, y1) = figure.layout.xaxis.range, figure.layout.yaxis.range
    bx0, bx1, by0, by1 = borders.bounds
    assert x0 < bx0 and bx1 < x1 and y0 < by0 and by1 < y1, "the whole country, islands included, is in view"
    assert not [t for t in figure.data if t.xaxis == "x2"], "no locator beside a map of the whole country"
    _, (left, right, top, bottom) = layout_at(figure, 1440)
    assert bottom - top >= 500, "the country is drawn at least 500 px tall on a desktop"


def test_the_provinces_with_a_figure_of_the_metric_are_shaded_and_the_legend_says_so():
    index = index_of(BUNDLED)
    places, frame = index.places, index.frame
    for metric in overview_charts.map_metric_ids(index)[:3]:
        figure = overview_charts.map_chart(index, load_basemap(), "vi", metric, "province").figure
        provinces = {places[p].successor or p for p in frame.loc[frame["metric_id"] == metric, "province_id"] if p}
        expected = sum(len(load_borders().shapes[places[p].code]) for p in provinces)
        (shaded,) = traces_named(figure, "map-covered")
        assert len(rings_of(shaded)) == expected, metric
        (legend,) = [n.text for n in figure.layout.annotations if n.name == "map-covered-legend"]
        assert "chỉ tiêu này" in legend
        (swatch,) = [s for s in figure.layout.shapes if s.name == "map-covered-swatch"]
        assert swatch.fillcolor == shaded.fillcolor


def test_a_small_frame_is_drawn_on_ward_centres_not_on_borders_too_coarse_for_it():
    figure = overview_charts.map_chart(index_of(CLOSE_WARDS), load_basemap(), "en", "security-cameras").figure
    assert not traces_named(figure, "map-land")
    assert [t for t in figure.data if t.hoverinfo == "skip" and t.xaxis != "x2"], "ward centres around the wards"


@pytest.mark.parametrize("path", [BUNDLED, CLOSE_WARDS], ids=["bundled", "close_wards"])
def test_each_legend_circle_is_as_big_as_the_marker_of_a_place_with_its_value(path):
    """Area is proportional to the value: a legend circle of value v and a marker of value m (both above the
    smallest size) have diameters in the ratio sqrt(v / m)."""
    index = index_of(path)
    checked = 0
    for metric, level, chart in itertools.islice(every_map(path), 12):
        figure = chart.figure
        trace = marker_trace(figure)
        values = index.frame.set_index("figure_id").loc[list(trace.ids), "value"].astype(float)
        circles = [s for s in figure.layout.shapes if s.name == "map-size-legend-circle"]
        texts = [n.text for n in figure.layout.annotations if n.name == "map-size-legend-value"]
        assert len(circles) == len(texts) >= 1
        biggest = trace.marker.size[list(values).index(values.max())]
        for circle, text in zip(circles, texts, strict=True):
            value = float(text.replace(",", ""))
            assert value <= values.max(), f"{metric} {level}: the legend names no value above the biggest figure"
            size = circle.x1 - circle.x0
            if size > map_chart.MIN_DIAMETER:
                assert size == pytest.approx(biggest * math.sqrt(value / values.max()), abs=0.1), (metric, level)
        checked += 1
    assert checked >= 2


@pytest.mark.parametrize("path", [BUNDLED, CLOSE_WARDS], ids=["bundled", "close_wards"])
def test_the_locators_marked_area_stays_inside_the_locator(path):
    """A map framed to places far apart marks nearly the whole country: the mark stops at the country's edge, not
    out in the legend beside the locator."""
    checked = 0
    for metric, level, chart in every_map(path):
        frames = [s for s in chart.figure.layout.shapes if s.name == "map-locator-frame"]
        if not frames:
            continue
        (outline,) = [t for t in chart.figure.data if t.xaxis == "x2" and t.hoverinfo == "skip"]
        (frame,) = frames
        assert min(outline.x) <= frame.x0 < frame.x1 <= max(outline.x), (metric, level)
        assert min(outline.y) <= frame.y0 < frame.y1 <= max(outline.y), (metric, level)
        checked += 1
    assert checked
