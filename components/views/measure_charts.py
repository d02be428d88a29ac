"""The charts of the page by measure: every place that reports one metric, compared where the rules of honest
comparison allow (components/views/comparison.py), per resident where the metric says so, and on the map."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from components.catalogue.reference import load_basemap
from components.table.index import CatalogueIndex
from components.table.memo import once
from components.views import charts, comparison, overview_charts, place_charts
from components.views.display import display_rows
from components.views.named_chart import NamedChart
from components.views.registry import MEASURE, page_address
from components.words.i18n import t


def place_counts(index: CatalogueIndex) -> dict[str, int]:
    """How many places report each metric that has figures, in the catalogue's order of metrics."""
    def build() -> dict[str, int]:
        counts = index.frame.groupby("metric_id", sort=False)["place_id"].nunique()
        return {m: int(counts[m]) for m in index.catalogue.metrics if m in counts.index}
    return once(index.content_id, ("measure-place-counts",), build, "small")


def metric_rows(index: CatalogueIndex, metric_id: str, lang: str) -> pd.DataFrame:
    """Every figure of the metric, worded in `lang`: larger places first, then by place and time."""
    def build() -> pd.DataFrame:
        frame = index.frame
        rows = display_rows(frame[frame["metric_id"] == metric_id], index.catalogue, lang)
        order = {level: i for i, level in enumerate(("province", "district", "ward", "group"))}
        return rows.assign(_level=rows["place_level"].map(order).fillna(len(order))).sort_values(
            ["_level", "place_label", "time_sort"], kind="stable").drop(columns="_level")
    return once(index.content_id, ("measure-rows", metric_id, lang), build)


def per_resident_rows(index: CatalogueIndex, metric_id: str, lang: str) -> pd.DataFrame:
    """The metric per 1,000 residents, for a metric that says so, at each place with a population reported for
    the same time (place_charts.per_resident_rows: the same rule as the ward page's cards)."""
    catalogue = index.catalogue
    if not catalogue.metrics[metric_id].per_resident:
        return pd.DataFrame()
    rows = metric_rows(index, metric_id, lang)
    population = [m.id for m in catalogue.metrics.values() if m.population]
    frame = index.frame
    people = frame[frame["metric_id"].isin(population) & frame["place_id"].isin(set(rows["place_id"]))]
    if people.empty:
        return pd.DataFrame()
    both = pd.concat([rows, display_rows(people, catalogue, lang)])
    return place_charts.per_resident_rows(both, catalogue, lang)


def measure_charts(index: CatalogueIndex, metric_id: str, lang: str = "en", width: int = charts.IMAGE_WIDTH,
                   *, basemap: pd.DataFrame | None = None) -> list[NamedChart]:
    """Its places of each level compared (each place in at most one chart: comparison.every_peer_set), the same
    per 1,000 residents where that means something, then the map of the level with most places."""
    rows = metric_rows(index, metric_id, lang)
    if rows.empty:
        return []
    address = page_address(lang, MEASURE.url_path, metric_id)
    peers = comparison.every_peer_set(rows, index.ancestors)
    levels = Counter(peer.level for peer in peers)
    found = [place_charts.peer_chart(index, peer, None, lang, address, width, with_period=levels[peer.level] > 1)
             for peer in peers]
    per = per_resident_rows(index, metric_id, lang)
    if len(per):
        per = per.assign(metric_name=[t("per_thousand_label", lang, metric=m) for m in per["metric_name"]],
                         unit_name=t("per_thousand_unit", lang), denominator=None)
        for peer in comparison.peer_sets(per, index.ancestors):
            chart = place_charts.peer_chart(index, peer, None, lang, address, width)
            found.append(NamedChart(f"per-resident-{chart.slug}", chart.title, chart.figure, chart.figure_ids,
                                    chart.alt, chart.table))
    if overview_charts.map_levels(index, metric_id):
        basemap = load_basemap() if basemap is None else basemap
        found.append(overview_charts.map_chart(index, basemap, lang, metric_id, width=width, address=address))
    return found
