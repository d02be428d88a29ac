"""What each page shows: the figures of a view made display-ready in a language, and the charts drawn from them."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from babel import Locale

from components.catalogue import kinds
from components.catalogue.load import Catalogue
from components.catalogue.reference import load_basemap
from components.catalogue.schema import Place, Source
from components.table.index import CatalogueIndex
from components.views import charts, comparison
from components.views import map_chart as map_chart_module
from components.words import fmt
from components.words.i18n import DEFAULT_LANG, localized, t, t_count
from components.words.languages import text_field
from components.words.periods import published_words, reader_words, time_words

# Okabe-Ito's blue, vermillion, bluish green and reddish purple, with Tol's wine, indigo and green and a slate
# grey: each at least 3:1 on white (WCAG 1.4.11) and apart from the others under protanopia, deuteranopia and
# tritanopia (tests/components/test_contrast.py); a bar's colour is never its only label
PALETTE = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#882255", "#5f6b77", "#332288", "#117733"]
MAX_BARS = 25  # a comparison shows the largest places; the subtitle says how many are left out


@dataclass(frozen=True)
class ChartTable:
    """A chart's data as a small table in the reader's language: one row per bar, circle or line, as drawn."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: int = 0  # how many the chart draws: more than len(rows) when the table is cut to TABLE_CHART_ROWS


@dataclass(frozen=True)
class NamedChart:
    slug: str  # stable within its page: file name of its image, key of its widget
    title: str
    figure: go.Figure
    figure_ids: tuple[str, ...]
    alt: str = ""  # the chart in words: what is compared, values with units, period, sources
    table: ChartTable | None = None  # the chart's data, row by row


# ---- words -------------------------------------------------------------------------------------------


def chart_text(lang: str, title: str, subtitle: str = "", value_axis: str = "", *, footer: str = "",
               address: str = "") -> charts.ChartText:
    return charts.ChartText(
        title=title, subtitle=subtitle, value_axis=value_axis, source_word=t("source", lang),
        sources_word=t("sources", lang), period_word=t("period", lang), periods_word=t("periods", lang),
        hover_period=t("period", lang), hover_source=t("source", lang), remainder=t("remainder", lang),
        separators=fmt.plotly_separators(lang), date_format=fmt.date_axis_format(lang), footer=footer,
        credit=credit_line(lang, address))


BASE_URL_ENV = "DASHBOARD_URL"  # where the dashboard is served, for the address printed under every chart
MAX_NAMED_SOURCES = 3


def page_address(lang: str, page: str, param: str = "", value: str = "") -> str:
    """The address of a page view as a reader would type it: '<DASHBOARD_URL>/province?province=<id>'."""
    base = os.environ.get(BASE_URL_ENV, "").strip().rstrip("/")
    query = [f"{param}={value}"] if param else []
    if lang != "en":
        query.append(f"lang={lang}")
    return f"{base}/{page}" + (f"?{'&'.join(query)}" if query else "")


def credit_line(lang: str, address: str = "") -> str:
    """The last line of every image: the dashboard's name and the page's address."""
    return f"{t('app_title', lang)} · {address}" if address else t("app_title", lang)


def short_source(source: Source, lang: str) -> str:
    """'Publisher, “Title”, 17 Jul 2024' for a footer (titles are short: curators write them in their words)."""
    title = localized(source, "title", lang)
    return f"{source.publisher or t('publisher_not_named', lang)}, “{title}”, {published_text(source, lang)}"


def sources_line(catalogue: Catalogue, source_ids, lang: str) -> str:
    """'Sources: A; B; C and 4 more': every source of a chart named, the first few in full."""
    ids = list(dict.fromkeys(source_ids))
    if not ids:
        return ""
    named = "; ".join(short_source(catalogue.sources[s], lang) for s in ids[:MAX_NAMED_SOURCES])
    if len(ids) > MAX_NAMED_SOURCES:
        named = t("and_more", lang, named=named, count=fmt.number(len(ids) - MAX_NAMED_SOURCES, 0, lang))
    return f"{t('source' if len(ids) == 1 else 'sources', lang)}: {named}"


def published_text(source: Source, lang: str) -> str:
    return published_words(source.published, reader_words(lang))


def published_phrase(source: Source, lang: str) -> str:
    """'published 17 Jul 2024', or 'published between 1 Jan 2024 and 30 Jun 2025' when only bounds are known."""
    if isinstance(source.published, dt.date):
        return t("published_on", lang, date=fmt.date(source.published, lang))
    return t("published_between", lang, start=fmt.date(source.published.not_before, lang),
             end=fmt.date(source.published.not_after, lang))


def source_text(source: Source, lang: str) -> str:
    """'Publisher, “Title”, published 17 Jul 2024' in `lang`."""
    title = localized(source, "title", lang)
    published = published_phrase(source, lang)
    publisher = source.publisher or t("publisher_not_named", lang)
    return f"{publisher}, “{title}”, {published}"


def time_text(row, lang: str, *, publication_dates: bool = True) -> str:
    """The time a figure refers to, in words: 'as of 17 Jul 2024', '1 Jan 2024 – 30 Jun 2024', …
    Without `publication_dates`, 'publication' is not followed by the dates it falls between: for a card under
    its source's citation, which says them once."""
    return time_words(row.as_of, row.period_start, row.period_end, row.date_is_bound,
                      reader_words(lang, publication_dates))


def language_name(code: str, lang: str) -> str:
    """'fa' -> 'Persian' (en) / 'Tiếng Ba Tư' (vi), from the locale data; the code itself if unknown."""
    return Locale.parse(fmt.LOCALES.get(lang, "en_GB")).languages.get(code, code)


def theme_colors(catalogue: Catalogue) -> dict[str, str]:
    """Each theme's colour: its own, else the next palette colour no theme has taken (in catalogue order)."""
    taken = {theme.color.lower() for theme in catalogue.themes.values() if theme.color}
    free = [color for color in PALETTE if color.lower() not in taken] or PALETTE
    colors, used = {}, 0
    for theme_id, theme in catalogue.themes.items():
        if theme.color:
            colors[theme_id] = theme.color
        else:
            colors[theme_id] = free[used % len(free)]
            used += 1
    return colors


def place_name(place: Place, lang: str, short: bool = True) -> str:
    """A place's name for a reader of `lang`: units keep their Vietnamese names; a place with an English name
    (`name_en`, a group such as an emulation cluster) is called by it in the English view."""
    if lang == DEFAULT_LANG and place.name_en:
        return place.name_en
    return place.short_name if short else place.name


def place_label(catalogue: Catalogue, place_id: str, lang: str) -> str:
    place = catalogue.places[place_id]
    name = place_name(place, lang)
    return t("former_place", lang, name=name) if place.status == "former" else name


def note_text(english: str | None, translated: str | None, lang: str) -> str:
    """A figure's or place's note in `lang` ('' without one): its translation, else the English marked as such."""
    if not isinstance(english, str) or not english:
        return ""
    if lang == DEFAULT_LANG:
        return english
    return translated if isinstance(translated, str) and translated else t("fallback_marked", lang, text=english)


def place_note(place: Place, lang: str) -> str:
    return note_text(place.note, getattr(place, text_field("note", lang), None), lang)


def full_place_label(catalogue: Catalogue, place_id: str, lang: str) -> str:
    """The official name, which says the level ('Phường Cẩm Thịnh', 'Thành phố Hạ Long'), marked when former:
    what a title needs, since a ward and a former city may share a short name."""
    place = catalogue.places[place_id]
    name = place_name(place, lang, short=False)
    return t("former_place", lang, name=name) if place.status == "former" else name


# A national source or province can hold thousands of figures: a page's table shows this many, its CSV all.
TABLE_ROWS = 500

def display_rows(rows: pd.DataFrame, catalogue: Catalogue, lang: str) -> pd.DataFrame:
    """The figures with the words a reader sees: place, metric, value as reported, time and source."""
    out = rows.copy()
    if out.empty:
        for column in ("place_label", "metric_name", "unit_name", "short_unit_name", "metric_description",
                       "value_text", "fraction_text", "time_text", "source_text", "color", *CITATION_COLUMNS):
            out[column] = pd.Series(dtype=object)
        return out
    colors = theme_colors(catalogue)
    metrics, sources = catalogue.metrics, catalogue.sources
    out["place_label"] = [place_label(catalogue, p, lang) for p in out["place_id"]]
    out["metric_name"] = [localized(metrics[m], "label", lang) for m in out["metric_id"]]
    out["unit_name"] = [localized(metrics[m], "unit", lang) for m in out["metric_id"]]
    out["short_unit_name"] = [localized(metrics[m], "short_unit", lang) for m in out["metric_id"]]
    out["metric_description"] = [localized(metrics[m], "description", lang) for m in out["metric_id"]]
    out["value_text"] = [
        fmt.quantity(r.value, kinds.unit_sign(r.metric_kind) or r.short_unit_name, int(r.decimals),
                     r.qualifier, lang) for r in out.itertuples()]
    out["fraction_text"] = [fraction_text(r, lang) for r in out.itertuples()]
    out["time_text"] = [time_text(r, lang) for r in out.itertuples()]
    texts = {sid: source_text(source, lang) for sid, source in sources.items()}
    out["source_text"] = [texts[s] for s in out["source_id"]]
    out["color"] = [colors.get(theme, PALETTE[0]) for theme in out["metric_theme"]]
    return add_citations(out, catalogue, lang)


# what a figure is cited with beyond the display columns, in the reader's language: its note (tiles, hovers,
# tables, the CSV and the export show it), the place's full name, the source's title and publisher (the CSV)
CITATION_COLUMNS = ("note_text", "place_name_text", "source_title_text", "source_publisher_text")


def add_citations(out: pd.DataFrame, catalogue: Catalogue, lang: str) -> pd.DataFrame:
    places, sources = catalogue.places, catalogue.sources
    column = text_field("note", lang)
    translated = out[column] if column in out.columns else [None] * len(out)
    out["note_text"] = [note_text(en, tr, lang) for en, tr in zip(out["note"], translated, strict=True)]
    names = {pid: place_name(places[pid], lang, short=False) for pid in out["place_id"].unique()}
    out["place_name_text"] = out["place_id"].map(names)
    titles = {sid: localized(sources[sid], "title", lang) for sid in out["source_id"].unique()}
    out["source_title_text"] = out["source_id"].map(titles)
    publishers = {sid: sources[sid].publisher or t("publisher_not_named", lang) for sid in titles}
    out["source_publisher_text"] = out["source_id"].map(publishers)
    return out


def fraction_text(row, lang: str) -> str:
    """'1,800 of 2,000 cases (90.0 %; reported 89.0 %)' for a figure with a denominator, else ''."""
    if pd.isna(row.denominator) or not row.denominator:
        return ""
    text = t("x_of_y", lang, part=fmt.quantity(row.value, "", int(row.decimals), row.qualifier, lang),
             whole=fmt.number(row.denominator, int(row.decimals), lang), unit=row.short_unit_name,
             rate=fmt.percent(row.computed_rate, lang))
    if not pd.isna(row.stated_rate):
        text += " " + t("reported_rate", lang, rate=fmt.percent(row.stated_rate, lang))
    return text


# ---- page selections -----------------------------------------------------------------------------------


def province_ids(index: CatalogueIndex) -> list[str]:
    return index.ids_of_level("province")


def ward_ids(index: CatalogueIndex) -> list[str]:
    return index.ids_of_level("ward")


def ward_option_label(index: CatalogueIndex, ward_id: str, lang: str) -> str:
    """'Cẩm Thịnh (former) — Quảng Ninh': names repeat across provinces, so the province is shown too (marked
    as former when it is: the old and the new province may share a name)."""
    label = place_label(index.catalogue, ward_id, lang)
    province = index.province_of(ward_id)
    return f"{label} — {place_label(index.catalogue, province, lang)}" if province else label


def option_label(name: str, count: int, lang: str) -> str:
    """A selector's option: the place and how many figures its page shows ('Quảng Ninh (26 figures)')."""
    return t("option_label", lang, name=name, figures=t_count("n_figures", lang, count)) if count else name


def latest_by(rows: pd.DataFrame, column: str, among: pd.Series | None = None) -> pd.DataFrame:
    """The most recent figure (by the end of its period) for each value of `column`, among the rows `among`
    selects when given, in the order of `rows`. Only the two columns compared are sorted: `rows` may be the
    whole catalogue."""
    if rows.empty:
        return rows
    keys = rows.loc[among if among is not None else slice(None), ["time_sort", column]]
    latest = keys.sort_values("time_sort", kind="stable").drop_duplicates(column, keep="last")
    return rows[rows.index.isin(latest.index)]


# ---- charts shared by province and ward pages ----------------------------------------------------------


def _ids(rows: pd.DataFrame) -> tuple[str, ...]:
    return tuple(rows["figure_id"])


# ---- overview ------------------------------------------------------------------------------------------


def map_metric_ids(index: CatalogueIndex) -> list[str]:
    """Metrics that can size the map: those with figures at places with coordinates, most places first."""
    frame = index.frame  # only the columns needed are copied: the frame may hold 100,000 figures
    rows = frame.loc[frame["lat"].notna(), ["metric_id", "place_id"]]
    counts = rows.groupby("metric_id", sort=False)["place_id"].nunique()
    order = {m: i for i, m in enumerate(index.catalogue.metrics)}
    return sorted(counts.index, key=lambda m: (-counts[m], order.get(m, 0)))


LEVELS = ("province", "district", "ward")  # the map's levels, largest first (ties go to the larger)


def _map_rows(index: CatalogueIndex, metric_id: str) -> pd.DataFrame:
    """The latest figure of the metric at each place with coordinates."""
    frame = index.frame
    return latest_by(frame, "place_id", frame["lat"].notna() & (frame["metric_id"] == metric_id))


def map_levels(index: CatalogueIndex, metric_id: str | None) -> list[str]:
    """The levels with places that have a figure of the metric, the one with the most places first (the map's
    default: it shows one level at a time, so a place and the city or province around it are never both
    drawn as circles)."""
    counts = map_level_counts(index, metric_id)
    return sorted(counts, key=lambda level: -counts[level])


def map_level_counts(index: CatalogueIndex, metric_id: str | None) -> dict[str, int]:
    """How many places of each level have a figure of the metric (levels without any left out)."""
    if metric_id is None:
        return {}
    counts = _map_rows(index, metric_id)["place_level"].value_counts()
    return {level: int(counts[level]) for level in LEVELS if counts.get(level, 0)}


def map_places_text(level: str, count: int, lang: str) -> str:
    """'4 wards or communes': how many places of a level the map shows."""
    if level == "province":
        return t_count("map_places_province", lang, count)
    if level == "district":
        return t_count("map_places_district", lang, count)
    return t_count("map_places_ward", lang, count)


def map_chart(index: CatalogueIndex, basemap: pd.DataFrame, lang: str, metric_id: str,
              level: str | None = None) -> NamedChart:
    """The places of one level (`level`, else the one with the most places) that have a figure of the metric,
    each a circle whose area is its latest figure."""
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
                      address=page_address(lang, "overview", "metric", metric_id))
    words = map_chart_module.MapText(size_legend=t("map_size_legend", lang, unit=localized(metric, "unit", lang)),
                                     key_title=t("map_key_title", lang), locator=t("map_locator", lang))
    figure = map_chart_module.places_map(points, basemap, text, words, level)
    drawn = points.sort_values("value", ascending=False, kind="stable")
    alt = chart_alt(title, text.subtitle, value_items(drawn, with_time=True), footer, lang)
    return NamedChart("map", title, figure, _ids(points), alt, chart_table(drawn, lang))


def themes_chart(index: CatalogueIndex, lang: str) -> NamedChart | None:
    rows = index.frame
    if rows.empty:
        return None
    themes, colors = index.catalogue.themes, theme_colors(index.catalogue)
    by_theme = rows[["metric_theme", "source_id"]].groupby("metric_theme", sort=False)
    counts = by_theme.agg(value=("source_id", "size"), sources=("source_id", "nunique"))
    times = rows[["metric_theme", *SPAN_COLUMNS]]
    counts["bar_label"] = [localized(themes[i], "label", lang) if i in themes else i for i in counts.index]
    counts["color"] = [colors.get(i, PALETTE[0]) for i in counts.index]
    counts["value_text"] = [t_count("n_figures", lang, int(v)) for v in counts["value"]]
    counts["figure_id"] = counts.index
    counts["time_text"] = [period_span(times[times["metric_theme"] == i], lang) for i in counts.index]
    counts["source_text"] = [t_count("n_sources", lang, int(n)) for n in counts["sources"]]
    title = t("themes_title", lang)
    footer = f"{sources_line(index.catalogue, rows['source_id'].unique(), lang)} · " \
             f"{t('periods', lang)}: {period_span(rows, lang)}"
    text = chart_text(lang, title, t("themes_subtitle", lang), t("figures_axis", lang), footer=footer,
                      address=page_address(lang, "overview"))
    drawn = counts.reset_index(drop=True).sort_values("value", ascending=False, kind="stable")
    figure = charts.bars(drawn, text)
    alt = chart_alt(title, text.subtitle, value_items(drawn), footer, lang)
    return NamedChart("figures-by-theme", title, figure, _ids(rows), alt,
                      chart_table(drawn, lang, (t("col_theme", lang), t("col_figures", lang), t("col_time", lang),
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


def year_span(rows: pd.DataFrame) -> str:
    """'2021–2025': the years from the earliest start (or date) to the latest end among `rows`."""
    bounds = span_bounds(rows)
    if bounds is None:
        return ""
    first, last = bounds[0][:4], bounds[1][:4]
    return first if first == last else f"{first}–{last}"


def timeline_chart(index: CatalogueIndex, lang: str) -> NamedChart | None:
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
    text = chart_text(lang, title, f"{t('timeline_subtitle', lang)}: {period_span(rows, lang)}", t("date_axis", lang),
                      footer=sources_line(catalogue, [i["figure_id"] for i in items], lang),
                      address=page_address(lang, "overview"))
    drawn = pd.DataFrame(items).sort_values("end", kind="stable")
    figure = charts.timeline(drawn, text)
    alt = chart_alt(title, text.subtitle, [f"{item} ({when})" for item, when in
                                           zip(value_items(drawn), drawn["time_text"], strict=True)], text.footer, lang)
    table = chart_table(drawn, lang, (t("col_article", lang), t("col_figures", lang), t("col_time", lang),
                                      t("col_source", lang)))
    return NamedChart("reporting-periods", title, figure, _ids(rows), alt, table)


def overview_charts(index: CatalogueIndex, lang: str = "en", *, basemap: pd.DataFrame | None = None,
                    map_metric: str | None = None, map_level: str | None = None) -> list[NamedChart]:
    """Map of the places with figures, figures per theme, and the periods each source covers."""
    basemap = load_basemap() if basemap is None else basemap
    metric_choices = map_metric_ids(index)
    metric = map_metric if map_metric in metric_choices else (metric_choices[0] if metric_choices else None)
    found = [map_chart(index, basemap, lang, metric, map_level) if metric_choices else None,
             themes_chart(index, lang), timeline_chart(index, lang)]
    return [chart for chart in found if chart is not None]




# ---- charts of places: peers, and parts of a whole -------------------------------------------------------


def _ancestors(index: CatalogueIndex):
    return index.ancestors


ALT_VALUES = 25  # the chart in words names this many values (largest first); its table holds more
TABLE_CHART_ROWS = 100  # a chart's table shows this many rows (a national map has thousands of circles)


def chart_alt(title: str, subtitle: str, items: list[str], footer: str, lang: str = DEFAULT_LANG) -> str:
    """The chart in words, from the same rows as the chart: its title (what is compared, where), its subtitle
    (unit and period), each value as reported ('label: value'), then its sources."""
    values = "; ".join(items[:ALT_VALUES])
    if len(items) > ALT_VALUES:
        values = t("alt_more", lang, named=values, count=fmt.number(len(items) - ALT_VALUES, 0, lang))
    return " ".join(part for part in (_sentence(title), _sentence(subtitle), _sentence(values), _sentence(footer))
                    if part)


def _sentence(text: str) -> str:
    text = " ".join(str(text).split())
    return text if not text or text.endswith((".", "!", "?", ":")) else f"{text}."


def _shown_values(rows: pd.DataFrame) -> pd.Series:
    return rows["bar_text"] if "bar_text" in rows else rows["value_text"]


def value_items(rows: pd.DataFrame, with_time: bool = False) -> list[str]:
    """'Label: value as reported' for each row (with its period in brackets when the chart's periods differ)."""
    items = [f"{label}: {value}" for label, value in zip(rows["bar_label"], _shown_values(rows), strict=True)]
    if with_time:
        items = [f"{item} ({when})" for item, when in zip(items, rows["time_text"], strict=True)]
    return items


def chart_table(rows: pd.DataFrame, lang: str, header: tuple[str, ...] = ()) -> ChartTable:
    """The chart's rows as a table: what each bar is, its value as reported, its period and its source (the
    columns named by `header`, else place, value, period, source)."""
    shown = rows.head(TABLE_CHART_ROWS)
    body = tuple((str(label), str(val), str(when), str(src)) for label, val, when, src in
                 zip(shown["bar_label"], _shown_values(shown), shown["time_text"], shown["source_text"],
                     strict=True))
    header = header or (t("col_place", lang), t("col_value", lang), t("col_time", lang), t("col_source", lang))
    return ChartTable(header, body, len(rows))


def _named(slug: str, title: str, figure: go.Figure, rows: pd.DataFrame, text: charts.ChartText, lang: str,
           ids: tuple[str, ...] | None = None) -> NamedChart:
    return NamedChart(slug, title, figure, ids if ids is not None else _ids(rows),
                      chart_alt(title, text.subtitle, value_items(rows), text.footer, lang), chart_table(rows, lang))


def level_plural(level: str, lang: str) -> str:
    """'wards and communes': the places of a level, as a title names them."""
    return {"province": t("level_plural_province", lang), "district": t("level_plural_district", lang),
            "ward": t("level_plural_ward", lang), "group": t("level_plural_group", lang)}.get(level, level)


def peer_chart(index: CatalogueIndex, peer: comparison.PeerSet, scope_id: str, lang: str,
               address: str) -> NamedChart:
    """One metric compared across places of one level inside `scope_id` (periods marked when they differ)."""
    catalogue = index.catalogue
    rows = peer.rows.copy()
    total = len(rows)
    if total > MAX_BARS:
        rows = rows.nlargest(MAX_BARS, "value", keep="first")
    names = [full_place_label(catalogue, p, lang) for p in rows["place_id"]]
    rows["bar_label"] = ([f"{n} ({w})" for n, w in zip(names, rows["time_text"], strict=True)]
                         if peer.periods_differ else names)
    first = rows.iloc[0]
    is_rate = bool(rows["metric_kind"].isin(kinds.PERCENT).all() or rows["denominator"].notna().all())
    unit = t("percent_of_whole", lang) if is_rate else first["unit_name"]
    when = t("periods_differ", lang) if peer.periods_differ else first["time_text"]
    subtitle = t("compare_subtitle", lang, unit=unit, period=when)
    if total > MAX_BARS:
        subtitle += " · " + t("largest_of", lang, shown=MAX_BARS, total=total)
    title = t("compare_title", lang, metric=first["metric_name"], places=level_plural(peer.level, lang),
              scope=full_place_label(catalogue, scope_id, lang))
    footer = sources_line(catalogue, rows["source_id"], lang)
    text = chart_text(lang, title, subtitle, unit, footer=footer, address=address)
    if is_rate:  # in the order drawn, so the chart in words and its table read as the bars do
        rows["share"] = rows["value"].where(rows["metric_kind"].isin(kinds.PERCENT), rows["computed_rate"])
        rows["bar_text"] = [r.fraction_text or r.value_text for r in rows.itertuples()]
        rows = rows.sort_values("share", ascending=False, kind="stable")
        figure = charts.shares(rows, text)
    else:
        rows["bar_text"] = rows["value_text"]
        rows = rows.sort_values("value", ascending=False, kind="stable")
        figure = charts.bars(rows, text)
    return _named(f"compare-{peer.metric_id}-{peer.level}", title, figure, rows, text, lang)


def nested_chart(index: CatalogueIndex, item: comparison.WholeWithParts, lang: str, address: str,
                 *, slug_with_figure: bool = False) -> NamedChart:
    """A figure drawn inside its whole: the whole's bar in grey, each part's in its theme colour, with the share
    of the whole it is. `slug_with_figure`: its slug names the whole's figure too (the same whole has parts
    in several periods, and a page's slugs must differ)."""
    catalogue = index.catalogue
    whole, parts = item.whole, item.parts.copy()
    whole_name = full_place_label(catalogue, whole["place_id"], lang)
    parts["bar_label"] = [full_place_label(catalogue, p, lang) for p in parts["place_id"]]
    parts["share"] = [100.0 * v / whole["value"] if whole["value"] else float("nan") for v in parts["value"]]
    parts["bar_text"] = [t("share_text", lang, part=r.value_text, whole=whole["value_text"],
                           rate=fmt.percent(r.share, lang)) if r.share == r.share else r.value_text
                         for r in parts.itertuples()]
    whole_row = pd.DataFrame([whole]).assign(bar_label=whole_name, bar_text=t("whole_text", lang,
                                                                              value=whole["value_text"]),
                                             color=charts.WHOLE_COLOR)
    rows = pd.concat([whole_row, parts.drop(columns=["share"])], ignore_index=True)
    part_words = parts["bar_label"].iloc[0] if len(parts) == 1 else t("n_places", lang, count=len(parts))
    title = t("nested_title", lang, metric=whole["metric_name"], part=part_words, whole=whole_name)
    subtitle = t("nested_subtitle", lang, unit=whole["unit_name"], period=whole["time_text"])
    footer = sources_line(catalogue, rows["source_id"], lang)
    text = chart_text(lang, title, subtitle, whole["unit_name"], footer=footer, address=address)
    figure = charts.bars(rows, text, largest_first=False)
    slug = f"within-{item.metric_id}-{whole['place_id']}"
    return _named(f"{slug}-{whole['figure_id']}" if slug_with_figure else slug, title, figure, rows, text, lang)


def place_charts(index: CatalogueIndex, rows: pd.DataFrame, scope_id: str, lang: str, address: str,
                 *, must_show: str | None = None) -> list[NamedChart]:
    """The honest charts of a set of display rows: peers of one level compared, and figures inside their
    whole. `must_show`: only the charts in which that place appears (a ward's page)."""
    if rows.empty:
        return []
    ancestors = _ancestors(index)
    peers = comparison.peer_sets(rows, ancestors)
    nested = comparison.wholes_with_parts(rows, ancestors)
    if must_show:
        peers = [p for p in peers if must_show in set(p.rows["place_id"])]
        nested = [n for n in nested if must_show in set(n.parts["place_id"])]
    wholes = Counter((item.metric_id, item.whole["place_id"]) for item in nested)
    found = [nested_chart(index, item, lang, address,
                          slug_with_figure=wholes[item.metric_id, item.whole["place_id"]] > 1) for item in nested]
    found += [peer_chart(index, peer, scope_id, lang, address) for peer in peers]
    return found


def province_charts(index: CatalogueIndex, province_id: str, lang: str = "en") -> list[NamedChart]:
    """Every chart of a province page: its places compared with their peers, and parts inside their whole."""
    rows = display_rows(index.subtree_rows(province_id), index.catalogue, lang)
    return place_charts(index, rows, province_id, lang, page_address(lang, "province", "province", province_id))


def ward_rows_with_wholes(index: CatalogueIndex, ward_id: str, lang: str) -> pd.DataFrame:
    """The ward's figures and those of the places above it (for the ward's share of them)."""
    frames = [index.place_rows(p) for p in [ward_id, *index.ancestors(ward_id)]]
    frames = [f for f in frames if len(f)]
    return display_rows(pd.concat(frames) if frames else index.place_rows(ward_id), index.catalogue, lang)


def ward_charts(index: CatalogueIndex, ward_id: str, lang: str = "en") -> list[NamedChart]:
    """The ward's figures drawn inside the figures of the places above it."""
    rows = ward_rows_with_wholes(index, ward_id, lang)
    return place_charts(index, rows, ward_id, lang, page_address(lang, "ward", "ward", ward_id), must_show=ward_id)


def per_resident_rows(rows: pd.DataFrame, catalogue: Catalogue, lang: str) -> pd.DataFrame:
    """Counts of metrics for which it means something, per 1,000 residents of the place, where its population
    for the same time is reported: the value carries its inputs' hedges and its text names the base."""
    population_ids = {m.id for m in catalogue.metrics.values() if m.population}
    per_ids = {m.id for m in catalogue.metrics.values() if getattr(m, "per_resident", False)}
    populations = rows[rows["metric_id"].isin(population_ids)]
    found = []
    for people in populations.itertuples():
        if not people.value:
            continue
        counts = rows[(rows["place_id"] == people.place_id) & (rows["time_key"] == people.time_key)
                      & rows["metric_id"].isin(per_ids)]
        for row in counts.itertuples():
            per = 1000.0 * row.value / people.value
            hedge = comparison.derived_hedge(people.qualifier, row.qualifier)
            found.append({**row._asdict(), "value": per, "qualifier": hedge,
                          "value_text": fmt.quantity(per, "", 2, hedge, lang),
                          "fraction_text": t("per_thousand_text", lang, count=row.value_text,
                                             people=people.value_text),
                          "whole_id": people.figure_id})
    return pd.DataFrame(found).drop(columns=["Index"], errors="ignore")
