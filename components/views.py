"""What each page shows: the figures of a view made display-ready in a language, and the charts drawn from them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components import charts, fmt
from components.catalogue import Catalogue
from components.i18n import DEFAULT_LANG, localized, t, t_count
from components.index import CatalogueIndex
from components.schema import Place, Source

PALETTE = ["#2e86de", "#c0392b", "#16a085", "#8e44ad", "#d35400", "#7f8c8d", "#27ae60", "#b7950b"]
MAX_BARS = 25  # a comparison shows the largest places; the subtitle says how many are left out


@dataclass(frozen=True)
class NamedChart:
    slug: str  # stable within its page: file name of its image, key of its widget
    title: str
    figure: go.Figure
    figure_ids: tuple[str, ...]


# ---- words -------------------------------------------------------------------------------------------


def chart_text(lang: str, title: str, subtitle: str = "", value_axis: str = "") -> charts.ChartText:
    return charts.ChartText(
        title=title, subtitle=subtitle, value_axis=value_axis, source_word=t("source", lang),
        sources_word=t("sources", lang), period_word=t("period", lang), periods_word=t("periods", lang),
        hover_period=t("period", lang), hover_source=t("source", lang), remainder=t("remainder", lang),
        separators=fmt.plotly_separators(lang), date_format=fmt.date_axis_format(lang))


def published_text(source: Source, lang: str) -> str:
    if isinstance(source.published, dt.date):
        return fmt.date(source.published, lang)
    return t("between_dates", lang, start=fmt.date(source.published.not_before, lang),
             end=fmt.date(source.published.not_after, lang))


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


def _bound_words(lang: str) -> dict[str, str]:
    return {"between": t("between_dates", lang, start="{start}", end="{end}")}


def time_text(row, lang: str) -> str:
    """The time a figure refers to, in words: 'as of 17 Jul 2024', '1 Jan 2024 – 30 Jun 2024', …"""
    words = _bound_words(lang)
    if row.as_of:
        when = fmt.date_or_bounds(row.as_of, words, lang)
        return t("as_of_publication", lang, date=when) if row.date_is_bound else t("as_of", lang, date=when)
    end = fmt.date_or_bounds(row.period_end, words, lang)
    if row.date_is_bound:
        end = t("publication_between", lang, dates=end)
    if not row.period_start:
        return t("until", lang, end=end)
    return t("from_to", lang, start=fmt.date(row.period_start, lang), end=end)


def language_name(code: str, lang: str) -> str:
    """'fa' -> 'Persian' (en) / 'Tiếng Ba Tư' (vi), from the locale data; the code itself if unknown."""
    from babel import Locale

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


def note_text(english: str | None, vietnamese: str | None, lang: str) -> str:
    """A figure's or place's note in `lang` ('' without one): `note_vi`, else the English marked as such."""
    if not isinstance(english, str) or not english:
        return ""
    if lang == DEFAULT_LANG:
        return english
    return vietnamese if isinstance(vietnamese, str) and vietnamese else t("fallback_marked", lang, text=english)


def place_note(place: Place, lang: str) -> str:
    return note_text(place.note, place.note_vi, lang)


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
        fmt.quantity(r.value, "%" if r.metric_kind == "percent" else r.short_unit_name, int(r.decimals),
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
    out["note_text"] = [note_text(en, vi, lang) for en, vi in zip(out["note"], out["note_vi"], strict=True)]
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
    province = next((a for a in index.ancestors(ward_id) if index.places[a].level == "province"), None)
    return f"{label} — {place_label(index.catalogue, province, lang)}" if province else label


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


def _labelled(rows: pd.DataFrame, with_place: bool) -> pd.DataFrame:
    rows = rows.copy()
    rows["bar_label"] = ([f"{p} — {m}" for p, m in zip(rows["place_label"], rows["metric_name"], strict=True)]
                         if with_place else rows["metric_name"])
    return rows


def part_of_whole_chart(rows: pd.DataFrame, lang: str, title: str, with_place: bool = True,
                        slug: str = "part-of-whole") -> NamedChart | None:
    """'x of y' figures (not coverage) as the part of their whole, with the computed rate."""
    chosen = rows[rows["denominator"].notna() & (rows["denominator"] > 0) & ~rows["metric_coverage"]]
    if chosen.empty:
        return None
    chosen = _labelled(chosen, with_place)
    chosen["share"] = chosen["computed_rate"]
    chosen["bar_text"] = chosen["fraction_text"]
    chosen["value_text"] = chosen["fraction_text"]
    text = chart_text(lang, title, t("part_of_whole_subtitle", lang), t("percent_of_whole", lang))
    return NamedChart(slug, title, charts.shares(chosen, text), _ids(chosen))


def coverage_chart(rows: pd.DataFrame, lang: str, title: str, with_place: bool = True,
                   slug: str = "coverage") -> NamedChart | None:
    """Coverage figures (13 of 13 localities; 100 % of households) on a 0-100 % scale."""
    chosen = rows[rows["metric_coverage"]].copy()
    percent_kind = chosen["metric_kind"] == "percent"
    chosen["share"] = chosen["value"].where(percent_kind, chosen["computed_rate"])
    chosen = chosen[chosen["share"].notna()]
    if chosen.empty:
        return None
    chosen = _labelled(chosen, with_place)
    chosen["bar_text"] = [
        fmt.quantity(r.value, r.unit_name, int(r.decimals), r.qualifier, lang) if r.metric_kind == "percent"
        else r.fraction_text
        for r in chosen.itertuples()]
    chosen["value_text"] = chosen["bar_text"]
    text = chart_text(lang, title, t("coverage_subtitle", lang), t("percent_covered", lang))
    return NamedChart(slug, title, charts.shares(chosen, text), _ids(chosen))


# ---- overview ------------------------------------------------------------------------------------------


def map_metric_ids(index: CatalogueIndex) -> list[str]:
    """Metrics that can size the map: those with figures at places with coordinates, most places first."""
    frame = index.frame  # only the columns needed are copied: the frame may hold 100,000 figures
    rows = frame.loc[frame["lat"].notna(), ["metric_id", "place_id"]]
    counts = rows.groupby("metric_id", sort=False)["place_id"].nunique()
    order = {m: i for i, m in enumerate(index.catalogue.metrics)}
    return sorted(counts.index, key=lambda m: (-counts[m], order.get(m, 0)))


def map_chart(index: CatalogueIndex, basemap: pd.DataFrame, lang: str, metric_id: str | None) -> NamedChart:
    frame, catalogue = index.frame, index.catalogue
    has_place = frame["lat"].notna()
    located = frame.loc[has_place, ["place_id", "lat", "lon"]].drop_duplicates("place_id")
    latest = latest_by(frame, "place_id", has_place & (frame["metric_id"] == metric_id)) if metric_id \
        else frame.iloc[0:0]
    sized = display_rows(latest, catalogue, lang)
    points = located.merge(sized.drop(columns=["lat", "lon"]), on="place_id", how="left")
    points["bar_label"] = [place_label(catalogue, p, lang) for p in points["place_id"]]
    missing = points["value"].isna()
    points.loc[missing, "value_text"] = t("no_figure_for_metric", lang)
    for column in ("time_text", "source_text", "figure_id"):
        points.loc[missing, column] = ""
    points["color"] = points["color"].fillna(charts.NEUTRAL)
    metric_name = localized(catalogue.metrics[metric_id], "label", lang) if metric_id else ""
    title = t("map_title", lang, metric=metric_name) if metric_id else t("map_title_plain", lang)
    text = chart_text(lang, title, t("map_subtitle", lang, count=len(located)))
    return NamedChart("map", title, charts.places_map(points, basemap, text), _ids(sized))


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
    text = chart_text(lang, title, t("themes_subtitle", lang), t("figures_axis", lang))
    figure = charts.bars(counts.reset_index(drop=True), text)
    figure.layout.annotations[-1].text = fmt.plot_text(sources_footer(rows, lang))
    return NamedChart("figures-by-theme", title, figure, _ids(rows))


def sources_footer(rows: pd.DataFrame, lang: str) -> str:
    """A footer for charts drawn from many sources: how many, and where to read them."""
    return t("footer_many_sources", lang, count=fmt.number(rows["source_id"].nunique(), 0, lang),
             span=period_span(rows, lang))


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
                      "color": PALETTE[len(items) % len(PALETTE)], "figure_id": source_id})
    title = t("timeline_title", lang)
    text = chart_text(lang, title, t("timeline_subtitle", lang), t("date_axis", lang))
    figure = charts.timeline(pd.DataFrame(items), text)
    return NamedChart("reporting-periods", title, figure, _ids(rows))


def overview_charts(index: CatalogueIndex, lang: str = "en", *, basemap: pd.DataFrame | None = None,
                    map_metric: str | None = None) -> list[NamedChart]:
    """Map of the places with figures, figures per theme, and the periods each source covers."""
    from components.reference import load_basemap

    basemap = load_basemap() if basemap is None else basemap
    metric_choices = map_metric_ids(index)
    metric = map_metric if map_metric in metric_choices else (metric_choices[0] if metric_choices else None)
    found = [map_chart(index, basemap, lang, metric) if metric_choices else None,
             themes_chart(index, lang), timeline_chart(index, lang)]
    return [chart for chart in found if chart is not None]


# ---- province ------------------------------------------------------------------------------------------


def comparison_charts(rows: pd.DataFrame, lang: str, scope: str) -> list[NamedChart]:
    """One bar chart per metric reported for two or more places: the same period when they share one."""
    found = []
    for metric_id, group in rows.groupby("metric_id", sort=False):
        if group["place_id"].nunique() < 2:
            continue
        shared = group.groupby("time_key").filter(lambda g: g["place_id"].nunique() >= 2)
        if len(shared):
            latest_key = shared.sort_values("time_sort").iloc[-1]["time_key"]
            chosen = shared[shared["time_key"] == latest_key].copy()
            chosen["bar_label"] = chosen["place_label"]
            subtitle = chosen["time_text"].iloc[0]
        else:
            chosen = group.sort_values("time_sort").drop_duplicates("place_id", keep="last").copy()
            chosen["bar_label"] = [f"{p} · {w}" for p, w in zip(chosen["place_label"], chosen["time_text"],
                                                                 strict=True)]
            subtitle = t("different_periods", lang)
        total = len(chosen)
        chosen = chosen.nlargest(MAX_BARS, "value", keep="first") if total > MAX_BARS else chosen
        if total > MAX_BARS:
            subtitle += " · " + t("largest_of", lang, shown=MAX_BARS, total=total)
        metric_name = chosen["metric_name"].iloc[0]
        title = t("compare_title", lang, metric=metric_name, scope=scope)
        text = chart_text(lang, title, subtitle, chosen["unit_name"].iloc[0])
        found.append(NamedChart(f"compare-{metric_id}", title, charts.bars(chosen, text), _ids(chosen)))
    return found


def group_chart(index: CatalogueIndex, group_id: str, province_id: str, rows: pd.DataFrame,
                lang: str) -> NamedChart | None:
    """The 'x of y' figures of a group of provinces, titled as the group's totals, not the province's."""
    title = t("group_part_of_whole_title", lang, group=place_name(index.places[group_id], lang, short=False),
              province=index.places[province_id].short_name)
    return part_of_whole_chart(rows, lang, title, with_place=False, slug=f"group-{group_id}-part-of-whole")


def group_charts(index: CatalogueIndex, province_id: str, lang: str) -> list[NamedChart]:
    """Figures of the groups of provinces a province belongs to: each chart says they are the group's."""
    found = []
    for group_id in index.groups_of.get(province_id, []):
        rows = display_rows(index.place_rows(group_id), index.catalogue, lang)
        chart = group_chart(index, group_id, province_id, rows, lang)
        if chart:
            found.append(chart)
    return found


def province_own_charts(index: CatalogueIndex, province_id: str, rows: pd.DataFrame,
                        lang: str = "en") -> list[NamedChart]:
    """Sub-units compared per metric, parts of a whole and coverage, from the province's display rows."""
    if rows.empty:
        return []
    name = index.places[province_id].short_name
    found = comparison_charts(rows, lang, name)
    found += [c for c in (part_of_whole_chart(rows, lang, t("part_of_whole_title", lang, scope=name)),
                          coverage_chart(rows, lang, t("coverage_title", lang, scope=name))) if c]
    return found


def province_charts(index: CatalogueIndex, province_id: str, lang: str = "en") -> list[NamedChart]:
    """Every chart of a province page: its own and its sub-units', then those of its groups."""
    rows = display_rows(index.subtree_rows(province_id), index.catalogue, lang)
    return province_own_charts(index, province_id, rows, lang) + group_charts(index, province_id, lang)


# ---- ward ----------------------------------------------------------------------------------------------


def share_rows(index: CatalogueIndex, ward_id: str, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """For each figure of the ward, its share of the same metric and period at each place above it."""
    found = []
    for ancestor_id in index.ancestors(ward_id):
        above = index.place_rows(ancestor_id)
        if above.empty:
            continue
        above = above.set_index(["metric_id", "time_key"])
        for row in rows.itertuples():
            key = (row.metric_id, row.time_key)
            if key not in above.index or row.metric_kind == "percent":
                continue
            whole = above.loc[[key]].iloc[0]
            if not whole["value"]:
                continue
            share = 100.0 * row.value / whole["value"]
            found.append({**row._asdict(), "share": share,
                          "bar_label": t("share_label", lang, metric=row.metric_name,
                                         place=place_label(index.catalogue, ancestor_id, lang)),
                          "bar_text": t("share_text", lang, part=row.value_text,
                                        whole=fmt.quantity(whole["value"], "", int(row.decimals),
                                                           whole["qualifier"], lang),
                                        rate=fmt.percent(share, lang)),
                          "figure_id": row.figure_id, "whole_id": whole["figure_id"],
                          "source_text": row.source_text})
    return pd.DataFrame(found).drop(columns=["Index"], errors="ignore")


def per_resident_rows(rows: pd.DataFrame, catalogue: Catalogue, lang: str) -> pd.DataFrame:
    """Counts of the place per 1,000 residents, where a population of the same time is known."""
    population_ids = {m.id for m in catalogue.metrics.values() if m.population}
    populations = rows[rows["metric_id"].isin(population_ids)]
    found = []
    for people in populations.itertuples():
        counts = rows[(rows["time_key"] == people.time_key) & (rows["metric_kind"] == "count")
                      & ~rows["metric_id"].isin(population_ids)]
        if not people.value:
            continue
        for row in counts.itertuples():
            per = 1000.0 * row.value / people.value
            approx = "about" if (people.qualifier or row.qualifier) else ""
            found.append({**row._asdict(), "value": per, "bar_label": row.metric_name,
                          "value_text": t("per_thousand_text", lang,
                                          value=fmt.quantity(per, "", 2, approx, lang),
                                          count=row.value_text, people=people.value_text),
                          "whole_id": people.figure_id})
    frame = pd.DataFrame(found).drop(columns=["Index"], errors="ignore")
    if len(frame):
        frame["bar_text"] = [fmt.quantity(v, "", 2, "", lang) for v in frame["value"]]
    return frame


def ward_charts(index: CatalogueIndex, ward_id: str, lang: str = "en") -> list[NamedChart]:
    """Its share of the places above it, per 1,000 residents, parts of a whole and coverage."""
    catalogue = index.catalogue
    rows = display_rows(index.place_rows(ward_id), catalogue, lang)
    if rows.empty:
        return []
    name = catalogue.places[ward_id].short_name
    found = []
    shares = share_rows(index, ward_id, rows, lang)
    if len(shares):
        title = t("share_title", lang, scope=name)
        text = chart_text(lang, title, t("share_subtitle", lang), t("percent_of_whole", lang))
        ids = tuple(dict.fromkeys([*shares["figure_id"], *shares["whole_id"]]))
        found.append(NamedChart("share-of-places-above", title, charts.shares(shares, text), ids))
    per_resident = per_resident_rows(rows, catalogue, lang)
    if len(per_resident):
        title = t("per_resident_title", lang, scope=name)
        text = chart_text(lang, title, t("per_resident_subtitle", lang), t("per_thousand_axis", lang))
        ids = tuple(dict.fromkeys([*per_resident["figure_id"], *per_resident["whole_id"]]))
        found.append(NamedChart("per-1000-residents", title, charts.bars(per_resident, text), ids))
    found += [c for c in (part_of_whole_chart(rows, lang, t("part_of_whole_title", lang, scope=name), False),
                          coverage_chart(rows, lang, t("coverage_title", lang, scope=name), False)) if c]
    return found
