"""Reports: every page's charts drawn as images in one warm Chromium, and an index.html laying them out."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import os
import re
import shutil
import sys
import threading
import time
import uuid
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from components.report.chart_words import WORDS_CSS, words_html, words_text
from components.table.index import build_index
from components.table.tidy import figures_frame
from components.views import page_views, views
from components.words.fmt import date_time
from components.words.fmt import html_text as _e  # text for the index: escaped, direction controls visible
from components.words.i18n import Phrase, localized, normal_lang, phrase, t, t_count

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go

    from components.catalogue.load import Catalogue

FORMATS = ("png", "svg")
DEFAULT_WIDTH, DEFAULT_HEIGHT = 720, 560  # pixels, for a figure that sets no size of its own: charts.IMAGE_WIDTH
MARKER = ".export.json"  # written in every export: a rerun may replace only a directory that has it
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
DEBIAN_CHROMIUM = "/usr/bin/chromium"
# Flags for a headless browser that may run as root in a container; kaleido adds --headless, --no-sandbox,
# --disable-gpu, --no-first-run, --disable-component-update and --disable-sync itself.
EXTRA_BROWSER_FLAGS = ("--disable-background-networking", "--disable-default-apps", "--mute-audio")


class ExportError(Exception):
    """An export that cannot be done; the message is one line saying why and what to do."""


class BrowserMissing(ExportError):
    """No Chrome/Chromium to render with; `said` gives the reason in any language (str() in English)."""

    def __init__(self, said: Phrase):
        super().__init__(said.text("en"))
        self.said = said


class ChartLike(Protocol):
    slug: str
    title: str
    figure: go.Figure
    figure_ids: tuple[str, ...]


# ---- the browser -------------------------------------------------------------------------------------


def _executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def find_browser() -> str:
    """The Chrome/Chromium to render with: $BROWSER_PATH if set, else Debian's chromium or one on PATH.

    Raises BrowserMissing with a one-line reason and how to install one.
    """
    wanted = os.environ.get("BROWSER_PATH", "").strip()
    if wanted:
        found = wanted if _executable(wanted) else shutil.which(wanted)
        if not found:
            raise BrowserMissing(phrase("export_browser_path_bad", path=repr(wanted),
                                        hint=phrase("export_install_hint")))
        return found
    if _executable(DEBIAN_CHROMIUM):
        return DEBIAN_CHROMIUM
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserMissing(phrase("export_no_browser", hint=phrase("export_install_hint")))


def browser_unavailable_reason(lang: str = "en") -> str | None:
    """None when charts can be rendered to images here, else one sentence in `lang` saying why not."""
    try:
        find_browser()
    except BrowserMissing as exc:
        return exc.said.text(lang)
    return None


def _browser_class():
    from choreographer.browsers.chromium import Chromium

    class _QuietChromium(Chromium):
        def get_cli(self):
            cli = list(super().get_cli())
            return cli + [flag for flag in EXTRA_BROWSER_FLAGS if flag not in cli]

    return _QuietChromium


def image_options(figure: go.Figure, image_format: str, scale: float) -> dict:
    """kaleido's layout options: the figure's own size when it sets one, else the report size."""
    return {"format": image_format, "scale": scale,
            "width": figure.layout.width or DEFAULT_WIDTH, "height": figure.layout.height or DEFAULT_HEIGHT}


async def _render_async(jobs: Sequence[tuple[go.Figure, dict]], browser: str, tabs: int,
                        on_done: Callable[[int], None] | None, stats: dict) -> list[bytes]:
    import kaleido

    results: list[bytes | None] = [None] * len(jobs)
    started = time.perf_counter()
    async with kaleido.Kaleido(n=tabs, path=browser, mathjax=False, timeout=120,
                               browser_cls=_browser_class()) as k:
        stats["browser_start_seconds"] = time.perf_counter() - started
        async def one(index: int) -> None:
            figure, opts = jobs[index]
            results[index] = await k.calc_fig(figure, opts=opts)
            if on_done:
                on_done(index)

        tasks = [asyncio.create_task(one(i)) for i in range(len(jobs))]
        try:
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
    return results  # type: ignore[return-value]


def _run_to_completion(coroutine):
    """asyncio.run, also where this thread already runs an event loop (a notebook, Playwright's sync API): then
    the coroutine gets a loop of its own in a worker thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, coroutine).result()


def render_images(jobs: Sequence[tuple[go.Figure, dict]], *, browser: str | None = None, tabs: int = 2,
                  on_done: Callable[[int], None] | None = None, stats: dict | None = None) -> list[bytes]:
    """Render (figure, options) pairs to image bytes in one browser started once for all of them.

    `stats`, when given, receives `browser_start_seconds`.
    """
    if not jobs:
        return []
    browser = browser or find_browser()
    try:
        return _run_to_completion(_render_async(jobs, browser, max(1, min(tabs, len(jobs))), on_done,
                                         stats if stats is not None else {}))
    except ExportError:
        raise
    except Exception as exc:  # kaleido / choreographer failures: say which browser and what happened
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise ExportError(f"the browser at {browser} could not draw the charts: {detail[:300]}") from exc


# ---- what to export ----------------------------------------------------------------------------------


_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def safe_name(text: str) -> str:
    """A file or directory name made of lower-case letters, digits, '-' and '_' only."""
    name = _UNSAFE.sub("-", text.lower()).strip("-_")
    return name[:80] or "chart"


@dataclass(frozen=True)
class ReportChart:
    chart: Any  # a NamedChart from components.views.views
    path: str  # relative to the export directory, '/'-separated
    periods: tuple[str, ...] = ()
    sources: tuple[dict, ...] = ()
    notes: tuple[str, ...] = ()  # the notes of the figures drawn, in the report's language


@dataclass(frozen=True)
class ReportPage:
    slug: str  # 'overview', 'province-<id>', 'ward-<id>': also the directory of its images
    title: str
    subtitle: str = ""
    charts: tuple[ReportChart, ...] = ()


def _citations(frame: pd.DataFrame | None,
               figure_ids: Sequence[str]) -> tuple[tuple[str, ...], tuple[dict, ...]]:
    if frame is None or not len(figure_ids):
        return (), ()
    rows = frame[frame["figure_id"].isin(list(figure_ids))].sort_values("time_sort", kind="stable")
    periods = tuple(dict.fromkeys(str(label) for label in rows["time_label"] if str(label)))
    sources = []
    for _, row in rows.drop_duplicates("source_id").iterrows():
        sources.append({"id": str(row["source_id"]), "title": str(row["source_title"]),
                        "publisher": str(row["source_publisher"] or ""), "url": str(row["source_url"] or ""),
                        "published": str(row["source_published"] or "")})
    return periods, tuple(sources)


def _notes(frame: pd.DataFrame | None, figure_ids: Sequence[str]) -> tuple[str, ...]:
    """The notes of the figures a chart draws, each once, in the order of `figure_ids`."""
    if frame is None or "note" not in frame.columns or not len(figure_ids):
        return ()
    notes = frame.set_index("figure_id")["note"]
    return tuple(dict.fromkeys(str(notes[i]) for i in figure_ids if i in notes.index and notes[i]))


def build_page(slug: str, title: str, charts: Sequence[ChartLike], image_format: str,
               frame: pd.DataFrame | None = None, subtitle: str = "") -> ReportPage:
    """A page of the report: its charts with stable file names (`<page>/<chart>.<image_format>`) and citations."""
    folder = safe_name(slug)
    used: set[str] = set()
    items = []
    for chart in charts:
        base = name = safe_name(chart.slug)
        counter = 2
        while name in used:
            name, counter = f"{base}-{counter}", counter + 1
        used.add(name)
        periods, sources = _citations(frame, tuple(chart.figure_ids))
        items.append(ReportChart(chart, f"{folder}/{name}.{image_format}", periods, sources,
                                 _notes(frame, tuple(chart.figure_ids))))
    return ReportPage(folder, title, subtitle, tuple(items))


def _place_title(catalogue: Catalogue, place_id: str, lang: str = "en") -> tuple[str, str]:
    place = catalogue.places.get(place_id)
    if place is None:
        return place_id, ""
    parent = catalogue.places.get(place.parent) if place.parent else None
    subtitle = parent.name if parent is not None else ""
    if place.status != "former":
        return place.name, subtitle
    # the old and the new unit may share a name: the title in the contents says which one it is
    subtitle = t("report_former_in", lang, parent=subtitle) if subtitle else t("report_former", lang)
    return t("former_place", lang, name=place.name), subtitle


def localized_frame(catalogue: Catalogue, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The figures with the citation columns of the report in `lang`, dates as its readers write them: the
    time ('as of 17 Jul 2024'), the source's title and when it was published ('published 17 Jul 2024')."""
    if frame.empty:
        return frame
    shown = views.display_rows(frame, catalogue, lang)
    out = frame.copy()
    out["time_label"] = shown["time_text"]
    out["note"] = shown["note_text"]
    out["source_title"] = [localized(catalogue.sources[s], "title", lang) for s in frame["source_id"]]
    out["source_published"] = [views.published_phrase(catalogue.sources[s], lang) for s in frame["source_id"]]
    return out


def report_pages(catalogue: Catalogue, frame: pd.DataFrame, image_format: str = "png",
                 lang: str = "en") -> list[ReportPage]:
    """The overview, every province page and every ward/commune page, with the charts the app shows, in
    `lang` (chart words, page subtitles, the periods and sources under each chart)."""
    index = build_index(catalogue, frame)
    cited = localized_frame(catalogue, frame, lang)
    pages = []
    for kind in page_views.REPORTED_PAGES:
        for place_id in kind.places(index) if kind.places else [None]:
            view = kind.build(index, place_id, lang)
            title, subtitle = _place_title(catalogue, place_id, lang) if place_id else (t(kind.title_key, lang), "")
            pages.append(build_page(view.slug, title, view.charts, image_format, cited, subtitle))
    return [page for page in pages if page.charts]


# ---- index.html --------------------------------------------------------------------------------------


def _is_http(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def _source_html(source: dict, lang: str = "en") -> str:
    title = _e(source["title"])
    if _is_http(source["url"]):
        title = f'<a href="{_e(source["url"])}" rel="noopener noreferrer">{title}</a>'
    publisher = _e(source["publisher"]) if source["publisher"] else _e(t("publisher_not_named", lang))
    published = f", {_e(source['published'])}" if source["published"] else ""
    return f"<li>{title} ({publisher}{published})</li>"


INDEX_CSS = WORDS_CSS + """
:root { color-scheme: light; }
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #1f2933; margin: 0 auto;
       max-width: 1080px; padding: 24px; line-height: 1.45; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .2rem; border-bottom: 2px solid #d5dbe1; padding-bottom: .2rem; }
.lede, .subtitle { color: #52606d; margin: 0 0 1rem; }
nav ol { columns: 2; padding-left: 1.3rem; }
figure { margin: 1.2rem 0 1.8rem; break-inside: avoid; page-break-inside: avoid; }
figure img { display: block; width: 100%; height: auto; border: 1px solid #e4e7eb; }
figcaption { font-size: .92rem; margin-top: .45rem; }
figcaption .title { font-weight: 600; }
figcaption ul { margin: .2rem 0 0; padding-left: 1.2rem; }
.meta { color: #52606d; }
a { color: #1c5d99; }
@page { size: A4; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; }
  nav, .screen-only { display: none; }
  section.page { break-before: page; page-break-before: always; }
  section.page:first-of-type { break-before: auto; page-break-before: auto; }
  h2 { break-after: avoid; page-break-after: avoid; margin-top: 0; }
  figure img { max-height: 230mm; object-fit: contain; }
  a { color: inherit; text-decoration: none; }
}
"""


def index_html(pages: Sequence[ReportPage], *, source_name: str = "", generated: str = "",
               lang: str = "en") -> str:
    """A self-contained HTML report in `lang`: the pages in order, each chart with its caption, periods and
    sources."""
    lang = normal_lang(lang)
    total = sum(len(page.charts) for page in pages)
    title = _e(t("report_title", lang))
    parts = ["<!doctype html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             '<meta name="generator" content="python -m components export">',
             f"<title>{title}</title>", f"<style>{INDEX_CSS}</style>", "</head>", "<body>", "<header>",
             f"<h1>{title}</h1>"]
    lede = _e(t("report_counts", lang, charts=t_count("n_charts", lang, total),
                pages=t_count("n_pages", lang, len(pages))))
    if source_name:
        before, _, after = t("report_catalogue", lang, name="\x00").partition("\x00")
        lede += f" {_e(before)}<code>{_e(source_name)}</code>{_e(after)}"
    if generated:
        lede += ", " + _e(t("report_drawn", lang, when=generated))
    parts.append(f'<p class="lede">{lede}. {_e(t("report_lede", lang))}</p>')
    parts.append(f'<nav aria-label="{_e(t("report_contents", lang))}"><ol>')
    for page in pages:
        parts.append(f'<li><a href="#{_e(page.slug)}">{_e(page.title)}</a> '
                     f'<span class="meta">({len(page.charts)})</span></li>')
    parts += ["</ol></nav>", "</header>", "<main>"]
    for page in pages:
        parts.append(f'<section class="page" id="{_e(page.slug)}">')
        parts.append(f"<h2>{_e(page.title)}</h2>")
        if page.subtitle:
            parts.append(f'<p class="subtitle">{_e(page.subtitle)}</p>')
        for item in page.charts:
            chart_id = _e(item.path.rsplit(".", 1)[0].replace("/", "--"))
            src = _e(item.path)
            parts.append(f'<figure id="{chart_id}">')
            alt = getattr(item.chart, "alt", "") or item.chart.title
            parts.append(f'<a href="{src}"><img src="{src}" alt="{_e(alt)}" loading="lazy"></a>')
            parts.append(f'<figcaption><span class="title">{_e(item.chart.title)}</span>')
            if item.periods:
                label = _e(t("period" if len(item.periods) == 1 else "periods", lang))
                parts.append(f'<br><span class="meta">{label}: {_e("; ".join(item.periods))}</span>')
            if item.sources:
                label = _e(t("source" if len(item.sources) == 1 else "sources", lang))
                parts.append(f'<br><span class="meta">{label}:</span><ul>')
                parts += [_source_html(source, lang) for source in item.sources]
                parts.append("</ul>")
            if item.notes:
                parts.append(f'<span class="meta">{_e(t("col_note", lang))}:</span><ul>')
                parts += [f"<li>{_e(note)}</li>" for note in item.notes]
                parts.append("</ul>")
            words = words_html(item.chart, lang, page.title)
            if words:
                parts.append(words)
            parts.append("</figcaption></figure>")
        parts.append("</section>")
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


# ---- progress ----------------------------------------------------------------------------------------


class ProgressBar:
    """Charts done and left on one line of a terminal; a line at every tenth when not a terminal."""

    def __init__(self, total: int, stream=None, width: int = 30):
        self.total, self.done, self.width = total, 0, width
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.perf_counter()
        self._last_tenth = -1

    def line(self) -> str:
        filled = int(self.width * self.done / self.total) if self.total else self.width
        bar = "#" * filled + "-" * (self.width - filled)
        return f"[{bar}] {self.done}/{self.total} charts, {self.total - self.done} left"

    def advance(self, _index: int | None = None) -> None:
        self.done += 1
        if self.tty:
            self.stream.write("\r" + self.line())
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()
            return
        tenth = 10 * self.done // self.total if self.total else 10
        if tenth != self._last_tenth:
            self._last_tenth = tenth
            print(self.line(), file=self.stream, flush=True)


# ---- writing -----------------------------------------------------------------------------------------


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


# ---- one page as a zip (the app's download button) ----------------------------------------------------

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
