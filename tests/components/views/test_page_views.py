"""Page views: each chart of a page has its own slug (its widget key and its image's file name)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import plotly.graph_objects as go

from components.catalogue.load import load_catalogue
from components.table.index import build_index
from components.table.tidy import figures_frame
from components.views import page_views, selections
from components.views.named_chart import NamedChart
from components.views.page_views import Boxed, ChartBlock, PageView

ROOT = Path(__file__).resolve().parents[3]


def _chart(slug: str) -> NamedChart:
    return NamedChart(slug, slug, go.Figure(), ())


def test_two_charts_with_one_slug_get_their_own_on_the_page():
    view = PageView("p", "P", (ChartBlock(_chart("within-m-x")), ChartBlock(_chart("within-m-x")),
                               Boxed("group", (ChartBlock(_chart("within-m-x")), ChartBlock(_chart("a-2")))),
                               ChartBlock(_chart("a")), ChartBlock(_chart("a"))))
    assert [c.slug for c in view.charts] == ["within-m-x", "within-m-x-2", "within-m-x-3", "a-2", "a", "a-3"]


def _synthetic_catalogue(tmp_path: Path):
    """The benchmark's generator: many places, metrics and periods, so one metric and whole recur by period."""
    spec = importlib.util.spec_from_file_location("make_catalogue", ROOT / "bench" / "make_catalogue.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_catalogue", module)  # its dataclasses look their module up
    spec.loader.exec_module(sys.modules["make_catalogue"])
    module = sys.modules["make_catalogue"]
    path, _count = module.make_catalogue(1000, tmp_path, module.DEFAULT_SEED)
    return load_catalogue(path)


def test_every_page_of_a_large_synthetic_catalogue_keys_its_charts_once(tmp_path):
    catalogue = _synthetic_catalogue(tmp_path)
    index = build_index(catalogue, figures_frame(catalogue))
    pages = [page_views.province_page(index, p, "en") for p in selections.province_ids(index)]
    pages += [page_views.ward_page(index, w, "en") for w in selections.ward_ids(index)[:30]]
    assert sum(len(page.charts) for page in pages) > 20, "the catalogue draws charts"
    for page in pages:
        slugs = [chart.slug for chart in page.charts]
        assert len(slugs) == len(set(slugs)), (page.slug, slugs)
