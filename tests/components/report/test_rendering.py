"""Finding a browser and drawing charts in it."""

from __future__ import annotations

import asyncio

import pytest
from report_helpers import PNG_MAGIC, chart_figure, require_browser, sample_pages

from components.report import export
from components.report.rendering import (
    BrowserMissing,
    browser_unavailable_reason,
    find_browser,
    image_options,
    render_images,
)


def test_missing_browser_is_one_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chrome"))
    with pytest.raises(BrowserMissing) as caught:
        find_browser()
    message = str(caught.value)
    assert "\n" not in message and "BROWSER_PATH" in message and "apt-get install chromium" in message
    assert browser_unavailable_reason() == message
    vietnamese = browser_unavailable_reason("vi")
    assert vietnamese != message and "BROWSER_PATH" in vietnamese and "apt-get install chromium" in vietnamese
    out = tmp_path / "report"
    with pytest.raises(BrowserMissing):
        export.write_report(sample_pages(), out)
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_renders_where_an_event_loop_is_already_running():
    """A notebook or Playwright's sync API keeps an event loop running in the caller's thread; the export must
    still draw instead of failing with 'asyncio.run() cannot be called from a running event loop'."""

    browser = require_browser()
    figure = chart_figure("Chart", "Footer")

    async def inside_a_loop() -> list[bytes]:
        return render_images([(figure, image_options(figure, "png", 1))], browser=browser)

    images = asyncio.run(inside_a_loop())
    assert len(images) == 1 and images[0][:8] == PNG_MAGIC
