"""The report's pages: which pages the export holds (every page the registry marks `reported`), each
page's charts and figure sheets with stable file names, each image once however many pages show it, and the
periods, sources and notes cited under each chart, in the report's language."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

from components.report.sheets import FigureSheet, page_parts
from components.table.index import build_index
from components.views import display, page_views, registry, selections
from components.views.charts import IMAGE_WIDTH
from components.words.i18n import localized, t

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go

    from components.catalogue.load import Catalogue


class ChartLike(Protocol):
    slug: str
    title: str
    figure: go.Figure
    figure_ids: tuple[str, ...]


_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def safe_name(text: str) -> str:
    """A file or directory name made of lower-case letters, digits, '-' and '_' only."""
    name = _UNSAFE.sub("-", text.lower()).strip("-_")
    return name[:80] or "chart"


@dataclass(frozen=True)
class ReportChart:
    chart: Any  # a NamedChart from components.views.display
    path: str  # relative to the export directory, '/'-separated
    periods: tuple[str, ...] = ()
    sources: tuple[dict, ...] = ()
    notes: tuple[str, ...] = ()  # the notes of the figures drawn, in the report's language
    src: str = ""  # the image file when another page's holds the same chart ('' for `path`)

    @property
    def file(self) -> str:
        """The image this item shows, written once however many pages show it."""
        return self.src or self.path


@dataclass(frozen=True)
class ReportSheet:
    """A figure sheet of a page (components/report/sheets.py) and the image file it is written to."""

    sheet: FigureSheet
    path: str
    src: str = ""

    @property
    def file(self) -> str:
        return self.src or self.path


@dataclass(frozen=True)
class ReportPage:
    slug: str  # 'overview', 'province-<id>', 'ward-<id>': also the directory of its images
    title: str
    subtitle: str = ""
    parts: tuple[ReportChart | ReportSheet, ...] = ()  # its charts and figure sheets, in the page's order

    @property
    def charts(self) -> tuple[ReportChart, ...]:
        return tuple(part for part in self.parts if isinstance(part, ReportChart))

    @property
    def sheets(self) -> tuple[ReportSheet, ...]:
        return tuple(part for part in self.parts if isinstance(part, ReportSheet))


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


SHEET_FORMAT = "png"  # a figure sheet is a photograph of HTML: a PNG whatever format the charts are drawn in


def build_page(slug: str, title: str, charts: Sequence[ChartLike | FigureSheet], image_format: str,
               frame: pd.DataFrame | None = None, subtitle: str = "") -> ReportPage:
    """A page of the report: its charts and figure sheets, in order, with stable file names
    (`<page>/<chart>.<image_format>`, `<page>/figures-<n>.png`) and each chart's citations."""
    folder = safe_name(slug)
    used: set[str] = set()
    items: list[ReportChart | ReportSheet] = []
    for part in charts:
        base = name = safe_name(part.slug)
        counter = 2
        while name in used:
            name, counter = f"{base}-{counter}", counter + 1
        used.add(name)
        if isinstance(part, FigureSheet):
            items.append(ReportSheet(part, f"{folder}/{name}.{SHEET_FORMAT}"))
            continue
        periods, sources = _citations(frame, tuple(part.figure_ids))
        items.append(ReportChart(part, f"{folder}/{name}.{image_format}", periods, sources,
                                 _notes(frame, tuple(part.figure_ids))))
    return ReportPage(folder, title, subtitle, tuple(items))


def _same_image(part: ReportChart | ReportSheet) -> str:
    """What a part's image shows but the address of the page it is on, as a key: a chart of a city with its ward
    is the same image on the province's page and on the ward's (the alt words hold its sources)."""
    if isinstance(part, ReportSheet):
        shown: Any = repr(part.sheet.same_image)
    else:
        figure = part.chart.figure.to_plotly_json()
        layout = dict(figure.get("layout", {}))
        layout["annotations"] = [a for a in layout.get("annotations", []) or ()
                                 if not (isinstance(a, dict) and a.get("name") == "source-footer")]
        shown = [figure.get("data"), layout, getattr(part.chart, "alt", "") or part.chart.title]
    from plotly.utils import PlotlyJSONEncoder

    text = json.dumps([type(part).__name__, shown], cls=PlotlyJSONEncoder, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def link_once(pages: Sequence[ReportPage]) -> list[ReportPage]:
    """The pages with each image written once: a chart or sheet that an earlier page shows already links to that
    page's file (`src`) instead of being drawn again."""
    first: dict[str, str] = {}
    out = []
    for page in pages:
        parts = []
        for part in page.parts:
            key = _same_image(part)
            if key in first and first[key] != part.path:
                part = replace(part, src=first[key])
            else:
                first.setdefault(key, part.path)
                part = replace(part, src="")
            parts.append(part)
        out.append(replace(page, parts=tuple(parts)))
    return out


def unique_files(pages: Sequence[ReportPage]) -> list[ReportChart | ReportSheet]:
    """The parts whose image is written (those without `src`), in report order."""
    return [part for page in pages for part in page.parts if not part.src]


def place_title(catalogue: Catalogue, place_id: str, lang: str = "en") -> tuple[str, str]:
    """A place page's title and subtitle in the report."""
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
    shown = display.display_rows(frame, catalogue, lang)
    out = frame.copy()
    out["time_label"] = shown["time_text"]
    out["note"] = shown["note_text"]
    out["source_title"] = [localized(catalogue.sources[s], "title", lang) for s in frame["source_id"]]
    out["source_published"] = [display.published_phrase(catalogue.sources[s], lang) for s in frame["source_id"]]
    return out


def report_pages(catalogue: Catalogue, frame: pd.DataFrame, image_format: str = "png",
                 lang: str = "en") -> list[ReportPage]:
    """Every page the registry says the report holds (the overview, every province, ward/commune and measure
    page) with the charts and the cards the app shows, the cards as figure sheets, in `lang`; pages that show
    neither are left out."""
    index = build_index(catalogue, frame)
    cited = localized_frame(catalogue, frame, lang)
    pages = []
    for spec in registry.PAGES:
        if not spec.reported:
            continue
        for chosen in page_views.choices_of(spec, index) if spec.choices else [None]:
            view = page_views.build_view(spec, index, chosen, lang, IMAGE_WIDTH)
            place = catalogue.places.get(chosen) if chosen and spec.param in registry.PLACE_PAGES else None
            if place is not None:
                title, subtitle = place_title(catalogue, chosen, lang)
            elif chosen is None:
                title, subtitle = t(spec.title_key, lang), ""
            else:  # a measure: named by the view, under the page's name
                title, subtitle = view.title, t(spec.title_key, lang)
            parts = page_parts(view, view.title if chosen else title, place.short_name if place else "", lang)
            pages.append(build_page(view.slug, title, list(parts), image_format, cited, subtitle))
    return link_once([page for page in pages if page.parts])


@dataclass(frozen=True)
class Coverage:
    """What the report covers, for its introduction: the catalogue's figures, sources and provinces."""

    figures: int
    sources: int
    provinces: int


def coverage(catalogue: Catalogue, frame: pd.DataFrame) -> Coverage:
    """The catalogue's coverage as the overview's tiles count it."""
    index = build_index(catalogue, frame)
    return Coverage(len(frame), len(catalogue.sources), len(selections.covered_province_ids(index)))
