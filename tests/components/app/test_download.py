"""The page's charts zip: drawn on click, once for a page's charts."""

from __future__ import annotations

import plotly.graph_objects as go

from components.app import download
from components.table.memo import new_content_id
from components.views.named_chart import NamedChart


def test_a_pages_zip_is_drawn_once_for_its_charts(monkeypatch):
    drawn = []
    monkeypatch.setattr(download, "charts_zip", lambda charts, folder, scale: drawn.append(
        [chart.slug for chart in charts]) or f"{folder}:{len(drawn)}".encode())
    content = new_content_id()
    charts = [NamedChart("cameras", "Cameras", go.Figure(), ("f1",)), NamedChart("groups", "Groups", go.Figure(), ())]
    first = download.page_zip(charts, "province-a", content)
    assert download.page_zip(list(charts), "province-a", content) == first == b"province-a:1"
    assert download.page_zip(charts, "province-b", content) == b"province-b:2", "another folder, another zip"
    assert download.page_zip(charts[:1], "province-a", content) == b"province-a:3", "other charts, another zip"
    assert drawn == [["cameras", "groups"], ["cameras", "groups"], ["cameras"]]
