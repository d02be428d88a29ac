"""One page's charts as a zip of images, each with the chart in words beside it (the app's download button)."""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Sequence

from components.report.chart_words import words_text
from components.report.pages import ChartLike, build_page
from components.report.rendering import image_options, render_images

_ZIP_LOCK = threading.Lock()  # one rendering browser at a time in a server process


def charts_zip(charts: Sequence[ChartLike], folder: str, *, scale: float = 2,
               browser: str | None = None) -> bytes:
    """The PNG images of one page's charts in a zip, as `<folder>/<chart>.png`, each with the chart in words and
    its data beside it as `<folder>/<chart>.txt` (UTF-8; for a chart that has them)."""
    page = build_page(folder, folder, charts, "png")
    jobs = [(item.chart.figure, image_options(item.chart.figure, "png", scale)) for item in page.charts]
    with _ZIP_LOCK:
        images = render_images(jobs, browser=browser, tabs=2)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:  # PNGs are compressed already
        for item, data in zip(page.charts, images, strict=True):
            archive.writestr(item.path, data)
            words = words_text(item.chart)
            if words:
                archive.writestr(item.path.rsplit(".", 1)[0] + ".txt", words.encode("utf-8"))
    return buffer.getvalue()
