"""Reports: every page's charts drawn as images in one warm Chromium, and an index.html laying them out, written
beside the target and swapped in whole, so that an interrupted export leaves the previous one intact."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from components.report.index_page import index_html
from components.report.pages import ReportPage, report_pages
from components.report.progress import ProgressBar
from components.report.rendering import ExportError, find_browser, image_options, render_images
from components.table.tidy import figures_frame
from components.words.fmt import date_time

if TYPE_CHECKING:
    from components.catalogue.load import Catalogue

FORMATS = ("png", "svg")
MARKER = ".export.json"  # written in every export: a rerun may replace only a directory that has it


@dataclass
class ExportResult:
    out: Path
    pages: int
    charts: int
    seconds: float
    render_seconds: float  # starting the browser and drawing every chart
    browser_start_seconds: float
    files: list[str] = field(default_factory=list)

    @property
    def seconds_per_chart(self) -> float:
        """Drawing time per chart once the browser is up."""
        drawing = self.render_seconds - self.browser_start_seconds
        return drawing / self.charts if self.charts else 0.0


def _check_target(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} exists and is not a directory: choose another --out")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise ExportError(f"{out} is not empty and holds no earlier export ({MARKER} is missing): "
                          "choose a new or empty directory for --out")


def _swap_in(staging: Path, out: Path) -> None:
    """Replace `out` by `staging` with renames, so `out` is always either the old or the new export."""
    if not out.exists():
        staging.rename(out)
        return
    retired = out.with_name(f".{out.name}.old-{uuid.uuid4().hex[:8]}")
    out.rename(retired)
    try:
        staging.rename(out)
    except BaseException:
        retired.rename(out)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def write_report(pages: Sequence[ReportPage], out: str | os.PathLike, *, image_format: str = "png", scale: float = 2,
                 browser: str | None = None, tabs: int = 2, progress: Callable[[int], None] | None = None,
                 source_name: str = "", lang: str = "en") -> ExportResult:
    """Render every chart of `pages` and write them with index.html (in `lang`) into `out`, all or nothing."""
    started = time.perf_counter()
    if image_format not in FORMATS:
        raise ExportError(f"unknown image format {image_format!r}: use one of {', '.join(FORMATS)}")
    if not scale > 0:
        raise ExportError(f"--scale must be a positive number, not {scale}")
    out = Path(out)
    _check_target(out)
    browser = browser or find_browser()  # before anything is written
    items = [item for page in pages for item in page.charts]
    jobs = [(item.chart.figure, image_options(item.chart.figure, image_format, scale)) for item in items]
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.tmp-{uuid.uuid4().hex[:8]}"
    staging.mkdir()  # beside `out`, so the final rename stays on one file system; honours the umask
    try:
        render_started = time.perf_counter()
        stats: dict = {}
        images = render_images(jobs, browser=browser, tabs=tabs, on_done=progress, stats=stats)
        render_seconds = time.perf_counter() - render_started
        for item, data in zip(items, images, strict=True):
            target = staging / item.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        now = dt.datetime.now().astimezone()
        generated = f"{date_time(now, lang)} {now.strftime('%Z')}".strip()
        (staging / "index.html").write_text(index_html(pages, source_name=source_name, generated=generated,
                                                       lang=lang), encoding="utf-8")
        files = [item.path for item in items]
        (staging / MARKER).write_text(json.dumps({"generator": "python -m components export", "format": image_format,
                                                  "scale": scale, "files": files}, indent=1) + "\n",
                                      encoding="utf-8")
        _swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ExportResult(out, len(pages), len(items), time.perf_counter() - started, render_seconds,
                        stats.get("browser_start_seconds", 0.0), ["index.html", *files])


def export_catalogue(catalogue: Catalogue, out: str | os.PathLike, *, image_format: str = "png", scale: float = 2,
                     browser: str | None = None, tabs: int = 2, progress_stream=None,
                     show_progress: bool = True, lang: str = "en") -> ExportResult:
    """Every chart of the overview, province and ward pages of `catalogue`, with index.html, into `out`, in
    `lang` ('en' or 'vi')."""
    browser = browser or find_browser()
    _check_target(Path(out))
    frame = figures_frame(catalogue)
    pages = report_pages(catalogue, frame, image_format, lang=lang)
    total = sum(len(page.charts) for page in pages)
    bar = ProgressBar(total, progress_stream) if show_progress and total else None
    return write_report(pages, out, image_format=image_format, scale=scale, browser=browser, tabs=tabs,
                        progress=bar.advance if bar else None, source_name=catalogue.path.name, lang=lang)
