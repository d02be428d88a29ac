"""The report's pages: which pages the export holds (from the views' registry), each chart's stable file name,
and the periods, sources and notes cited under it, in the report's language."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from components.table.index import build_index
from components.views import page_views, registry, views
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
    """Every page the registry says the report holds (the overview, every province, ward/commune and measure
    page), with the charts the app shows, in `lang` (chart words, page subtitles, the periods and sources under
    each chart)."""
    index = build_index(catalogue, frame)
    cited = localized_frame(catalogue, frame, lang)
    pages = []
    for spec in registry.PAGES:
        if not spec.reported:
            continue
        for chosen in page_views.choices_of(spec, index) if spec.choices else [None]:
            view = page_views.build_view(spec, index, chosen, lang, IMAGE_WIDTH)
            if chosen is None:
                title, subtitle = t(spec.title_key, lang), ""
            elif spec.param in registry.PLACE_PAGES:
                title, subtitle = _place_title(catalogue, chosen, lang)
            else:  # a measure: named by the view, under the page's name
                title, subtitle = view.title, t(spec.title_key, lang)
            pages.append(build_page(view.slug, title, view.charts, image_format, cited, subtitle))
    return [page for page in pages if page.charts]
