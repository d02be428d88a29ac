"""Reports: every page's charts and figure sheets drawn as images in Chromium (each image once), an index.html
laying them out and the same printed to one PDF, written beside the target and swapped in whole, so that an
interrupted export leaves the previous one intact."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from components.report.html_render import print_pdf, render_html_images
from components.report.index_page import index_html
from components.report.pages import (
    Coverage,
    ReportChart,
    ReportPage,
    ReportSheet,
    coverage,
    link_once,
    report_pages,
    unique_files,
)
from components.report.progress import ProgressBar
from components.report.rendering import ExportError, find_browser, image_options, render_images
from components.report.sheets import sheet_html
from components.table.tidy import figures_frame
from components.templates import render
from components.views.charts import IMAGE_WIDTH, MUTED_COLOR
from components.words.i18n import t

if TYPE_CHECKING:
    from components.catalogue.load import Catalogue

FORMATS = ("png", "svg")
MARKER = ".export.json"  # written in every export: a rerun may replace only a directory that has it
PDF_NAME = "report.pdf"  # the whole report printed, beside index.html


@dataclass
class ExportResult:
    out: Path
    pages: int
    charts: int
    seconds: float
    render_seconds: float  # starting the browser and drawing every chart
    browser_start_seconds: float
    files: list[str] = field(default_factory=list)
    sheets: int = 0  # figure sheets drawn (each once)
    sheet_seconds: float = 0.0  # starting a browser and drawing every figure sheet
    pdf_seconds: float = 0.0  # starting a browser and printing the PDF

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


def pdf_footer(lang: str) -> str:
    """The footer of every PDF page: the dashboard's name and the page number, as a DevTools footerTemplate."""
    words = t("report_pdf_footer", lang, app=t("app_title", lang), page="\x00", pages="\x01")
    spans = {"\x00": "pageNumber", "\x01": "totalPages"}  # the spans Chromium fills in
    pieces = [(spans.get(piece, ""), piece) for piece in re.split("([\x00\x01])", words) if piece]
    return render("pdf_footer.html", color=MUTED_COLOR, pieces=pieces)


def write_report(pages: Sequence[ReportPage], out: str | os.PathLike, *, image_format: str = "png", scale: float = 2,
                 browser: str | None = None, tabs: int = 2, progress: Callable[[int], None] | None = None,
                 lang: str = "en", coverage: Coverage | None = None, pdf: bool = True) -> ExportResult:
    """Render every chart and figure sheet of `pages` (each image once) and write them with index.html (in
    `lang`) and, with `pdf`, the report printed to report.pdf, into `out`, all or nothing."""
    started = time.perf_counter()
    if image_format not in FORMATS:
        raise ExportError(f"unknown image format {image_format!r}: use one of {', '.join(FORMATS)}")
    if not scale > 0:
        raise ExportError(f"--scale must be a positive number, not {scale}")
    out = Path(out)
    _check_target(out)
    browser = browser or find_browser()  # before anything is written
    pages = link_once(pages)
    drawn = unique_files(pages)
    charts = [part for part in drawn if isinstance(part, ReportChart)]
    sheets = [part for part in drawn if isinstance(part, ReportSheet)]
    jobs = [(item.chart.figure, image_options(item.chart.figure, image_format, scale)) for item in charts]
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.tmp-{uuid.uuid4().hex[:8]}"
    staging.mkdir()  # beside `out`, so the final rename stays on one file system; honours the umask
    try:
        render_started = time.perf_counter()
        stats: dict = {}
        images = render_images(jobs, browser=browser, tabs=tabs, on_done=progress, stats=stats)
        render_seconds = time.perf_counter() - render_started
        sheets_started = time.perf_counter()
        photos = render_html_images([sheet_html(item.sheet, lang) for item in sheets], width=IMAGE_WIDTH,
                                    scale=scale, browser=browser, tabs=tabs,
                                    on_done=(lambda i: progress(len(charts) + i)) if progress else None)
        sheet_seconds = time.perf_counter() - sheets_started
        for item, data in zip([*charts, *sheets], [*images, *photos], strict=True):
            target = staging / item.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        files = [item.path for item in drawn]
        made = dt.datetime.now().astimezone()
        (staging / "index.html").write_text(index_html(pages, coverage=coverage, made=made,
                                                       pdf=PDF_NAME if pdf else "", lang=lang), encoding="utf-8")
        pdf_started = time.perf_counter()
        if pdf:
            (staging / PDF_NAME).write_bytes(print_pdf(staging / "index.html", browser=browser,
                                                       footer=pdf_footer(lang)))
            files.append(PDF_NAME)
            if progress:
                progress(len(drawn))
        pdf_seconds = time.perf_counter() - pdf_started
        (staging / MARKER).write_text(json.dumps({"generator": "python -m components export", "format": image_format,
                                                  "scale": scale, "files": files}, indent=1) + "\n",
                                      encoding="utf-8")
        _swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ExportResult(out, len(pages), len(charts), time.perf_counter() - started, render_seconds,
                        stats.get("browser_start_seconds", 0.0), ["index.html", *files], len(sheets),
                        sheet_seconds, pdf_seconds)


def export_catalogue(catalogue: Catalogue, out: str | os.PathLike, *, image_format: str = "png", scale: float = 2,
                     browser: str | None = None, tabs: int = 2, progress_stream=None,
                     show_progress: bool = True, lang: str = "en", pdf: bool = True) -> ExportResult:
    """Every chart and figure sheet of the report's pages of `catalogue` (the overview, province and ward pages),
    with index.html and report.pdf, into `out`, in `lang` ('en' or 'vi')."""
    browser = browser or find_browser()
    _check_target(Path(out))
    frame = figures_frame(catalogue)
    pages = report_pages(catalogue, frame, image_format, lang=lang)
    total = len(unique_files(pages)) + (1 if pdf else 0)
    bar = ProgressBar(total, progress_stream) if show_progress and total else None
    return write_report(pages, out, image_format=image_format, scale=scale, browser=browser, tabs=tabs,
                        progress=bar.advance if bar else None, lang=lang, coverage=coverage(catalogue, frame),
                        pdf=pdf)
