"""The overview's charts: the map of a metric at one level, figures per theme, and the period each source covers."""

from __future__ import annotations

import pandas as pd

from components.catalogue import kinds
from components.catalogue.reference import load_basemap, load_borders
from components.table.index import CatalogueIndex
from components.table.memo import once
from components.views import charts
from components.views import map_chart as map_chart_module
from components.views.display import (
    PALETTE,
    chart_text,
    display_rows,
    place_label,
    source_text,
    sources_line,
    theme_colors,
)
from components.views.named_chart import NamedChart, chart_alt, chart_table, figure_ids_of, value_items
from components.views.registry import page_address
from components.views.selections import latest_by
from components.words import fmt
from components.words.i18n import localized, t, t_count


def _sizes_an_area(kind_name: str) -> bool:
    """A circle's area can show a value of this kind: it is never below zero (a change can be)."""
    kind = kinds.KINDS.get(kind_name)
    return kind is not None and (kind.non_negative or (kind.value_range is not None and kind.value_range[0] >= 0))


def map_metric_ids(index: CatalogueIndex) -> list[str]:
    """Metrics that can size the map: those with figures at places with coordinates and values never below zero,
    the most provinces first (the map opens on the country), then the most places; a count of residents last,
    since the map opens on the first and residents are context, not a public-safety measure."""
    frame = index.frame  # only the columns needed are copied: the frame may hold 100,000 figures
    rows = frame.loc[frame["lat"].notna(), ["metric_id", "place_id", "place_level", "metric_kind"]]
    rows = rows[[_sizes_an_area(k) for k in rows["metric_kind"]]]
    counts = rows.groupby("metric_id", sort=False)["place_id"].nunique()
    provinces = rows[rows["place_level"] == LEVELS[0]].groupby("metric_id", sort=False)["place_id"].nunique()
    metrics = index.catalogue.metrics
    order = {m: i for i, m in enumerate(metrics)}
    return sorted(counts.index, key=lambda m: (metrics[m].population, -provinces.get(m, 0), -counts[m], order[m]))


LEVELS = ("province", "district", "ward")  # the map's levels, largest first (ties go to the larger)
DEFAULT_MIN_PLACES = 3  # the largest level with at least this many places opens the map


def _map_rows(index: CatalogueIndex, metric_id: str) -> pd.DataFrame:
    """The latest figure of the metric at each place with coordinates."""
    frame = index.frame
    return latest_by(frame, "place_id", frame["lat"].notna() & (frame["metric_id"] == metric_id))


def map_levels(index: CatalogueIndex, metric_id: str | None) -> list[str]:
    """The levels with places that have a figure of the metric, the map's default first: the largest level with
    at least DEFAULT_MIN_PLACES places (a map of provinces shows the whole country), else the one with the most
    places; the others by how many places they have. The map shows one level at a time, so a place and the city
    or province around it are never both drawn as circles."""
    counts = map_level_counts(index, metric_id)
    by_count = sorted(counts, key=lambda level: -counts[level])
    enough = [level for level in counts if counts[level] >= DEFAULT_MIN_PLACES]  # counts keep LEVELS' order
    first = enough[0] if enough else (by_count[0] if by_count else None)
    return [first, *(level for level in by_count if level != first)] if first else []


def map_level_counts(index: CatalogueIndex, metric_id: str | None) -> dict[str, int]:
    """How many places of each level have a figure of the metric (levels without any left out)."""
    if metric_id is None:
        return {}
    counts = _map_rows(index, metric_id)["place_level"].value_counts()
    return {level: int(counts[level]) for level in LEVELS if counts.get(level, 0)}


def reporting_province_codes(index: CatalogueIndex, metric_id: str) -> list[str]:
    """Official codes of the current provinces with a figure of the metric: their own, of a place in them, or of
    a unit they took over in 2025 (the map shades them, whatever level its circles show)."""
    frame, places = index.frame, index.places
    ids = frame.loc[frame["metric_id"] == metric_id, "province_id"].unique()
    current = {places[p].successor or p for p in ids if p in places}
    return sorted(places[p].code for p in current if p in places and places[p].code)


def map_places_text(level: str, count: int, lang: str) -> str:
    """'4 wards or communes': how many places of a level the map shows."""
    if level == "province":
        return t_count("map_places_province", lang, count)
    if level == "district":
        return t_count("map_places_district", lang, count)
    return t_count("map_places_ward", lang, count)


def map_chart(index: CatalogueIndex, basemap: pd.DataFrame, lang: str, metric_id: str,
              level: str | None = None, width: int = charts.IMAGE_WIDTH, *, address: str | None = None) -> NamedChart:
    """The places of one level (`level`, else the one with the most places) that have a figure of the metric,
    each a circle whose area is its latest figure. `address`: the page's, when not the overview's."""
    catalogue = index.catalogue
    levels = map_levels(index, metric_id)
    level = level if level in levels else levels[0]
    rows = _map_rows(index, metric_id)
    points = display_rows(rows[rows["place_level"] == level], catalogue, lang)
    points["bar_label"] = points["place_label"]
    metric = catalogue.metrics[metric_id]
    title = t("map_title", lang, metric=localized(metric, "label", lang))
    places = map_places_text(level, len(points), lang)
    footer = " · ".join(part for part in (sources_line(catalogue, points["source_id"], lang),
                                          f"{t('periods', lang)}: {period_span(points, lang)}" if len(points)
                                          else "") if part)
    text = chart_text(lang, title, t("map_subtitle_level", lang, places=places), footer=footer,
                      address=address or page_address(lang, "overview", metric_id), width=width)
    words = map_chart_module.MapText(size_legend=t("map_size_legend", lang, unit=localized(metric, "unit", lang)),
                                     key_title=t("map_key_title", lang), locator=t("map_locator", lang),
                                     covered=t("map_covered", lang))
    covered = once(index.content_id, ("map-covered", metric_id),
                   lambda: reporting_province_codes(index, metric_id), "small")
    figure = map_chart_module.places_map(points, basemap, text, words, level, load_borders(), covered)
    drawn = points.sort_values("value", ascending=False, kind="stable")
    alt = chart_alt(title, text.subtitle, value_items(drawn, with_time=True), footer, lang)
    return NamedChart("map", title, figure, figure_ids_of(points), alt, chart_table(drawn, lang))


def themes_chart(index: CatalogueIndex, lang: str, width: int = charts.IMAGE_WIDTH) -> NamedChart | None:
    """Coverage: how many of the provinces with figures have at least one on each theme, and which. It says what
    the catalogue holds, not how often anything happens, so it counts provinces, never figures."""
    rows = index.frame
    if rows.empty:
        return None
    catalogue, places = index.catalogue, index.places
    themes, colors = catalogue.themes, theme_colors(catalogue)
    province = [places[p].successor or p if p in places else "" for p in rows["province_id"]]
    located = rows[["metric_theme", "source_id", *SPAN_COLUMNS]].assign(province=province)
    located = located[located["province"] != ""]
    if located.empty:
        return None
    total = located["province"].nunique()
    items = []
    for theme_id, group in located.groupby("metric_theme", sort=False):
        names = sorted((place_label(catalogue, p, lang) for p in group["province"].unique()), key=fmt.sort_key_vi)
        items.append({
            "bar_label": localized(themes[theme_id], "label", lang) if theme_id in themes else theme_id,
            "value": len(names), "color": colors.get(theme_id, PALETTE[0]), "figure_id": theme_id,
            "value_text": t("coverage_value", lang, count=fmt.number(len(names), 0, lang),
                            total=t_count("map_places_province", lang, total)),
            "time_text": period_span(group, lang),
            "source_text": t_count("n_sources", lang, group["source_id"].nunique()),
            "note_text": f"{t('col_provinces', lang)}: {', '.join(names)}"})
    title = t("themes_title", lang)
    footer = f"{sources_line(catalogue, rows['source_id'].unique(), lang)} · " \
             f"{t('periods', lang)}: {period_span(rows, lang)}"
    text = chart_text(lang, title, t("themes_subtitle", lang, total=t_count("map_places_province", lang, total)),
                      t("provinces_axis", lang), footer=footer, address=page_address(lang, "overview"), width=width)
    drawn = pd.DataFrame(items).sort_values("value", ascending=False, kind="stable")
    figure = charts.bars(drawn, text)
    figure.update_xaxes(range=[0, total], dtick=max(1, -(-total // 6)))
    # which provinces: in the hover and in the words (the table keeps its four columns: theme, coverage, time,
    # sources)
    alt = chart_alt(title, text.subtitle, [f"{item} ({note})" for item, note in
                                           zip(value_items(drawn), drawn["note_text"], strict=True)], footer, lang)
    return NamedChart("coverage-by-theme", title, figure, figure_ids_of(rows), alt,
                      chart_table(drawn, lang, (t("col_theme", lang), t("col_coverage", lang), t("col_time", lang),
                                                t("col_sources", lang))))


SPAN_COLUMNS = ["period_start", "as_of", "time_sort"]


def span_bounds(rows: pd.DataFrame) -> tuple[str, str] | None:
    """The earliest start (or date; for a date known within bounds, its first bound) and the latest end among
    `rows`, as ISO dates; None without rows."""
    if rows.empty:
        return None
    starts = rows["period_start"][rows["period_start"] != ""]
    dates = rows["as_of"][rows["as_of"] != ""].str.slice(0, 10)  # 'start/end' bounds: the start
    firsts = [value.min() for value in (starts, dates) if len(value)]
    return (min(firsts) if firsts else rows["time_sort"].min()), rows["time_sort"].max()


def period_span(rows: pd.DataFrame, lang: str) -> str:
    """'1 Jan 2021 – 1 Aug 2025': from the earliest start (or date) to the latest end among `rows`."""
    bounds = span_bounds(rows)
    if bounds is None:
        return ""
    return t("from_to", lang, start=fmt.date(bounds[0], lang), end=fmt.date(bounds[1], lang))


def year_ticks(bounds: tuple[str, str] | None) -> dict:
    """Ticks on whole years (every 1, 2, 5 or 10, about six at most) when the periods span three years or more;
    Plotly's own (months) for a shorter span."""
    if bounds is None:
        return {}
    years = int(bounds[1][:4]) - int(bounds[0][:4])
    if years < 3:
        return {}
    step = next(step for step in (1, 2, 5, 10, 20) if years / step <= 6)
    return {"dtick": f"M{12 * step}", "tick0": f"{int(bounds[0][:4]) // step * step}-01-01", "tickformat": "%Y"}


def timeline_chart(index: CatalogueIndex, lang: str, width: int = charts.IMAGE_WIDTH) -> NamedChart | None:
    rows = index.frame
    if rows.empty:
        return None
    catalogue = index.catalogue
    items = []
    for source_id, group in rows[["source_id", *SPAN_COLUMNS]].groupby("source_id", sort=False):
        source = catalogue.sources[source_id]
        start, end = span_bounds(group)
        items.append({"bar_label": localized(source, "title", lang), "start": start,
                      "end": end, "value_text": t_count("n_figures", lang, len(group)),
                      "time_text": period_span(group, lang), "source_text": source_text(source, lang),
                      "color": charts.MUTED_COLOR, "figure_id": source_id})  # sources have no colour
    title = t("timeline_title", lang)
    # no axis title: the ticks are dates, and "date" said nothing more
    text = chart_text(lang, title, f"{t('timeline_subtitle', lang)}: {period_span(rows, lang)}", "",
                      footer=sources_line(catalogue, [i["figure_id"] for i in items], lang),
                      address=page_address(lang, "overview"), width=width)
    drawn = pd.DataFrame(items).sort_values("end", kind="stable")
    figure = charts.timeline(drawn, text)
    figure.update_xaxes(**year_ticks(span_bounds(rows)))
    alt = chart_alt(title, text.subtitle, [f"{item} ({when})" for item, when in
                                           zip(value_items(drawn), drawn["time_text"], strict=True)], text.footer, lang)
    table = chart_table(drawn, lang, (t("col_article", lang), t("col_figures", lang), t("col_time", lang),
                                      t("col_source", lang)))
    return NamedChart("reporting-periods", title, figure, figure_ids_of(rows), alt, table)


def overview_charts(index: CatalogueIndex, lang: str = "en", *, basemap: pd.DataFrame | None = None,
                    map_metric: str | None = None, map_level: str | None = None,
                    width: int = charts.IMAGE_WIDTH) -> list[NamedChart]:
    """Map of the places with figures, figures per theme, and the periods each source covers."""
    basemap = load_basemap() if basemap is None else basemap
    metric_choices = map_metric_ids(index)
    metric = map_metric if map_metric in metric_choices else (metric_choices[0] if metric_choices else None)
    found = [map_chart(index, basemap, lang, metric, map_level, width) if metric_choices else None,
             themes_chart(index, lang, width), timeline_chart(index, lang, width)]
    return [chart for chart in found if chart is not None]
