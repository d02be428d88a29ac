"""The charts of province and ward pages: peers side by side, and parts drawn inside their whole."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from components.catalogue import kinds
from components.catalogue.load import Catalogue
from components.table.index import CatalogueIndex
from components.views import charts, comparison
from components.views.display import chart_text, display_rows, full_place_label, rows_of, sources_line
from components.views.named_chart import MAX_BARS, NamedChart, chart_alt, chart_from_rows, chart_table
from components.views.registry import page_address
from components.words import fmt
from components.words.i18n import t


def _ancestors(index: CatalogueIndex):
    return index.ancestors


def level_plural(level: str, lang: str) -> str:
    """'wards and communes': the places of a level, as a title names them."""
    return {"province": t("level_plural_province", lang), "district": t("level_plural_district", lang),
            "ward": t("level_plural_ward", lang), "group": t("level_plural_group", lang)}.get(level, level)


def peer_chart(index: CatalogueIndex, peer: comparison.PeerSet, scope_id: str | None, lang: str,
               address: str, width: int = charts.IMAGE_WIDTH, *, with_period: bool = False) -> NamedChart:
    """One metric compared across places of one level inside `scope_id` (periods marked when they differ);
    without a scope, wherever they are (the page by measure)."""
    catalogue = index.catalogue
    rows = peer.rows.copy()
    total = len(rows)
    if total > MAX_BARS:
        rows = rows.nlargest(MAX_BARS, "value", keep="first")
    names = [full_place_label(catalogue, p, lang) for p in rows["place_id"]]
    # 'Place · period', not 'Place (period)': a period and a former place have brackets of their own already
    rows["bar_label"] = ([f"{n} · {w}" for n, w in zip(names, rows["time_text"], strict=True)]
                         if peer.periods_differ else names)
    first = rows.iloc[0]
    is_rate = bool(rows["metric_kind"].isin(kinds.PERCENT).all() or rows["denominator"].notna().all())
    unit = t("percent_of_whole", lang) if is_rate else first["unit_name"]
    when = t("periods_differ", lang) if peer.periods_differ else first["time_text"]
    subtitle = t("compare_subtitle", lang, unit=unit, period=when)
    if total > MAX_BARS:
        subtitle += " · " + t("largest_of", lang, shown=MAX_BARS, total=total)
    places = level_plural(peer.level, lang)
    title = (t("compare_title", lang, metric=first["metric_name"], places=places,
               scope=full_place_label(catalogue, scope_id, lang)) if scope_id
             else t("measure_compare_title", lang, metric=first["metric_name"], places=places))
    if with_period:  # one of several comparisons of this level on the page: its period tells it apart
        title = f"{title} · {when}"
    footer = sources_line(catalogue, rows["source_id"], lang)
    text = chart_text(lang, title, subtitle, unit, footer=footer, address=address, width=width)
    if is_rate:  # in the order drawn, so the chart in words and its table read as the bars do
        rows["share"] = rows["value"].where(rows["metric_kind"].isin(kinds.PERCENT), rows["computed_rate"])
        rows["bar_text"] = [fraction or value for fraction, value in zip(rows["fraction_text"], rows["value_text"],
                                                                          strict=True)]
        rows = rows.sort_values("share", ascending=False, kind="stable")
        figure = charts.shares(rows, text)
    else:
        rows["bar_text"] = rows["value_text"]
        rows = rows.sort_values("value", ascending=False, kind="stable")
        figure = charts.bars(rows, text)
    return chart_from_rows(f"compare-{peer.metric_id}-{peer.level}", title, figure, rows, text, lang)


def nested_chart(index: CatalogueIndex, item: comparison.WholeWithParts, lang: str, address: str,
                 *, slug_with_figure: bool = False, width: int = charts.IMAGE_WIDTH) -> NamedChart:
    """A figure drawn inside its whole: the whole's bar in grey, each part's in its theme colour, with the share
    of the whole it is. `slug_with_figure`: its slug names the whole's figure too (the same whole has parts
    in several periods, and a page's slugs must differ)."""
    catalogue = index.catalogue
    rows = item.rows.copy()  # the whole first, then its parts
    whole = item.whole
    labels = [full_place_label(catalogue, p, lang) for p in rows["place_id"]]
    whole_name, part_labels = labels[0], labels[1:]
    shares = [100.0 * v / whole["value"] if whole["value"] else float("nan") for v in rows["value"].iloc[1:]]
    rows["bar_label"] = labels
    rows["bar_text"] = [t("whole_text", lang, value=whole["value_text"])] + [
        t("share_text", lang, part=value, whole=whole["value_text"], rate=fmt.percent(share, lang))
        if share == share else value for value, share in zip(rows["value_text"].iloc[1:], shares, strict=True)]
    rows["color"] = [charts.WHOLE_COLOR, *rows["color"].iloc[1:]]
    part_words = part_labels[0] if len(part_labels) == 1 else t("n_places", lang, count=len(part_labels))
    title = t("nested_title", lang, metric=whole["metric_name"], part=part_words, whole=whole_name)
    subtitle = t("nested_subtitle", lang, unit=whole["unit_name"], period=whole["time_text"])
    footer = sources_line(catalogue, rows["source_id"], lang)
    text = chart_text(lang, title, subtitle, whole["unit_name"], footer=footer, address=address, width=width)
    figure = charts.bars(rows, text, largest_first=False)
    slug = f"within-{item.metric_id}-{whole['place_id']}"
    slug = f"{slug}-{whole['figure_id']}" if slug_with_figure else slug
    return chart_from_rows(slug, title, figure, rows, text, lang)


def place_charts(index: CatalogueIndex, rows: pd.DataFrame, scope_id: str, lang: str, address: str,
                 *, must_show: str | None = None, width: int = charts.IMAGE_WIDTH) -> list[NamedChart]:
    """The honest charts of a set of display rows: peers of one level compared, and figures inside their
    whole. `must_show`: only the charts in which that place appears (a ward's page)."""
    if rows.empty:
        return []
    ancestors = _ancestors(index)
    peers = comparison.peer_sets(rows, ancestors)
    nested = comparison.wholes_with_parts(rows)
    if must_show:
        peers = [p for p in peers if must_show in set(p.rows["place_id"])]
        nested = [n for n in nested if must_show in set(n.rows["place_id"].iloc[1:])]
    wholes = Counter((item.metric_id, item.whole["place_id"]) for item in nested)
    found = [nested_chart(index, item, lang, address,
                          slug_with_figure=wholes[item.metric_id, item.whole["place_id"]] > 1, width=width)
             for item in nested]
    found += [peer_chart(index, peer, scope_id, lang, address, width) for peer in peers]
    return found + time_charts(index, rows[rows["place_id"] == must_show] if must_show else rows, lang, address,
                               width)


def time_charts(index: CatalogueIndex, rows: pd.DataFrame, lang: str, address: str,
                width: int = charts.IMAGE_WIDTH) -> list[NamedChart]:
    """A chart for each place and metric reported for two or more times: its figures over time, a figure at a
    date as a point, a figure for a period as a line over that period, none joined to another."""
    found = []
    for (place_id, metric_id), group in rows.groupby(["place_id", "metric_id"], sort=False):
        if group["time_key"].nunique() >= comparison.MIN_VALUES:
            found.append(time_chart(index, group, str(place_id), str(metric_id), lang, address, width))
    return found


def time_chart(index: CatalogueIndex, rows: pd.DataFrame, place_id: str, metric_id: str, lang: str, address: str,
               width: int = charts.IMAGE_WIDTH) -> NamedChart:
    catalogue = index.catalogue
    # a date known only within bounds (a figure 'as of publication', the publication date not known) is drawn at
    # the latest date it can be, as the frame sorts it; its hover and the table give the bounds
    rows = rows.assign(start=rows["period_start"], end=rows["time_sort"],
                       bar_label=full_place_label(catalogue, place_id, lang))
    rows = rows.sort_values(["end", "start"], kind="stable")
    first = rows.iloc[0]
    title = t("time_title", lang, metric=first["metric_name"], place=full_place_label(catalogue, place_id, lang))
    points, spans = int((rows["start"] == "").sum()), int((rows["start"] != "").sum())
    drawn = (t("time_points_and_spans", lang) if points and spans else t("time_points", lang) if points
             else t("time_spans", lang))
    subtitle = t("compare_subtitle", lang, unit=first["unit_name"], period=drawn)
    footer = sources_line(catalogue, rows["source_id"], lang)
    text = chart_text(lang, title, subtitle, footer=footer, address=address, width=width)
    rows["bar_text"] = [fraction or value for fraction, value in zip(rows["fraction_text"], rows["value_text"],
                                                                      strict=True)]
    figure = charts.over_time(rows, text)
    items = [f"{when}: {value}" for when, value in zip(rows["time_text"], rows["bar_text"], strict=True)]
    return NamedChart(f"over-time-{metric_id}-{place_id}", title, figure, tuple(rows["figure_id"]),
                      chart_alt(title, subtitle, items, footer, lang), chart_table(rows, lang))


def province_charts(index: CatalogueIndex, province_id: str, lang: str = "en",
                    width: int = charts.IMAGE_WIDTH) -> list[NamedChart]:
    """Every chart of a province page: its places compared with their peers, and parts inside their whole."""
    rows = display_rows(index.subtree_rows(province_id), index.catalogue, lang)
    return place_charts(index, rows, province_id, lang, page_address(lang, "province", province_id),
                        width=width)


def ward_rows_with_wholes(index: CatalogueIndex, ward_id: str, lang: str) -> pd.DataFrame:
    """The ward's figures and those of the places above it (for the ward's share of them)."""
    frames = [index.place_rows(p) for p in [ward_id, *index.ancestors(ward_id)]]
    frames = [f for f in frames if len(f)]
    return display_rows(pd.concat(frames) if frames else index.place_rows(ward_id), index.catalogue, lang)


def ward_charts(index: CatalogueIndex, ward_id: str, lang: str = "en",
                width: int = charts.IMAGE_WIDTH) -> list[NamedChart]:
    """The ward's figures drawn inside the figures of the places above it."""
    rows = ward_rows_with_wholes(index, ward_id, lang)
    return place_charts(index, rows, ward_id, lang, page_address(lang, "ward", ward_id), must_show=ward_id,
                        width=width)


def per_resident_rows(rows: pd.DataFrame, catalogue: Catalogue, lang: str) -> pd.DataFrame:
    """Counts of metrics for which it means something, per 1,000 residents of the place, where its population
    for the same time is reported: the value carries its inputs' hedges and its text names the base."""
    population_ids = {m.id for m in catalogue.metrics.values() if m.population}
    per_ids = {m.id for m in catalogue.metrics.values() if getattr(m, "per_resident", False)}
    populations = rows[rows["metric_id"].isin(population_ids)]
    found = []
    for people in rows_of(populations):
        if not people.value:
            continue
        counts = rows[(rows["place_id"] == people.place_id) & (rows["time_key"] == people.time_key)
                      & rows["metric_id"].isin(per_ids)]
        for row in rows_of(counts):
            per = 1000.0 * row.value / people.value
            hedge = comparison.derived_hedge(people.qualifier, row.qualifier)
            found.append({**row._asdict(), "value": per, "qualifier": hedge,
                          "value_text": fmt.quantity(per, "", 2, hedge, lang),
                          "fraction_text": t("per_thousand_text", lang, count=row.value_text,
                                             people=people.value_text),
                          "whole_id": people.figure_id})
    return pd.DataFrame(found).drop(columns=["Index"], errors="ignore")
