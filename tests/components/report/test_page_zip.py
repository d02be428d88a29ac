"""One page's charts as a zip."""

from __future__ import annotations

import io
import zipfile

from report_helpers import PNG_MAGIC, Chart, chart_figure, require_browser

from components.report.page_zip import charts_zip


def test_charts_zip_holds_one_png_per_chart():
    browser = require_browser()
    charts = [Chart("a", "A", chart_figure("A", "f")), Chart("b", "B", chart_figure("B", "f"))]
    data = charts_zip(charts, "ward-x", scale=1, browser=browser)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["ward-x/a.png", "ward-x/b.png"]
        assert all(archive.read(name)[:8] == PNG_MAGIC for name in archive.namelist())
