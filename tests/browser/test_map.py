"""The overview map in Chromium at a phone's and a desktop's size: the labels and numbers on the map, as the
browser draws them, never overlap one another and never leave the chart's SVG.

The labels' indices among the figure's annotations come from the same chart built in Python
(overview_charts.map_chart); the boxes are the rendered text's bounding boxes.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from app_tab import open_view, screenshot

from components.catalogue.load import BUNDLED_METRICS, load_catalogue
from components.catalogue.reference import load_basemap
from components.table.index import build_index
from components.table.tidy import figures_frame
from components.views import overview_charts

ROOT = Path(__file__).resolve().parents[2]
CLOSE_WARDS = ROOT / "tests" / "data" / "close_wards" / "metrics.yaml"
SIZES = {"phone": (390, 844), "desktop": (1440, 900)}

_BOXES = """indices => {
  const chart = document.querySelector('[data-testid="stPlotlyChart"]');
  const svg = chart.querySelector('.main-svg').getBoundingClientRect();
  const boxes = indices.map(i => {
    const note = chart.querySelector(`g.annotation[data-index="${i}"] .annotation-text-g`);
    const r = note.getBoundingClientRect();
    return [r.left, r.right, r.top, r.bottom, note.textContent];
  });
  return {svg: [svg.left, svg.right, svg.top, svg.bottom], boxes};
}"""


def map_label_indices(metrics: Path) -> list[int]:
    """Positions of the map's labels and numbers among the annotations of the overview's default map."""
    catalogue = load_catalogue(metrics)
    index = build_index(catalogue, figures_frame(catalogue))
    chart = overview_charts.map_chart(index, load_basemap(), "en", overview_charts.map_metric_ids(index)[0])
    return [i for i, note in enumerate(chart.figure.layout.annotations) if note.name in ("map-label", "map-number")]


def overlap_area(a, b) -> float:
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[2], b[2]))


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
@pytest.mark.parametrize("catalogue", ["bundled", "close_wards"])
def test_map_labels_measured_in_chromium_never_overlap_nor_leave_the_chart(start_app, open_tab, catalogue, size):
    metrics = CLOSE_WARDS if catalogue == "close_wards" else None
    tab = open_tab(start_app(metrics))
    width, height = SIZES[size]
    tab.set_viewport_size({"width": width, "height": height})
    open_view(tab, "/")
    indices = map_label_indices(metrics or BUNDLED_METRICS)
    assert indices, "the map has labels"
    measured = tab.evaluate(_BOXES, indices)
    screenshot(tab, f"map-{catalogue}-{size}")
    left, right, top, bottom = measured["svg"]
    boxes = measured["boxes"]
    for box in boxes:
        assert left <= box[0] and box[1] <= right and top <= box[2] and box[3] <= bottom, \
            f"label {box[4]!r} at {box[:4]} leaves the chart {measured['svg']}"
    for a, b in itertools.combinations(boxes, 2):
        assert overlap_area(a, b) == 0, f"labels {a[4]!r} and {b[4]!r} overlap: {a[:4]} {b[:4]}"
