"""The overview's map metrics."""

from __future__ import annotations

import pandas as pd
from dashboard_helpers import BUNDLED, catalogue_of, frame_of

from components.table.index import build_index
from components.views import overview_charts


def test_map_metrics_most_provinces_first_then_most_places_and_never_a_change_residents_last(index):
    located = index.frame[index.frame["lat"].notna()]
    located = located[~located["metric_kind"].str.startswith("change")]  # a circle's area is never below zero
    counts = located.groupby("metric_id")["place_id"].nunique()
    provinces = located[located["place_level"] == "province"].groupby("metric_id")["place_id"].nunique()
    ids = overview_charts.map_metric_ids(index)
    assert set(ids) == set(counts.index)
    residents = {m for m, metric in index.catalogue.metrics.items() if metric.population}
    keys = [(m not in residents, provinces.get(m, 0), counts[m]) for m in ids]
    assert keys == sorted(keys, reverse=True)


def test_the_map_opens_on_a_public_safety_measure_when_residents_are_reported_in_more_provinces():
    index = build_index(catalogue_of(BUNDLED), frame_of(BUNDLED))
    residents = [m for m, metric in index.catalogue.metrics.items() if metric.population]
    located = index.frame[index.frame["lat"].notna() & (index.frame["place_level"] == "province")]
    provinces = located.groupby("metric_id")["place_id"].nunique()
    assert provinces.idxmax() in residents, "the bundled catalogue reports residents in the most provinces"
    ids = overview_charts.map_metric_ids(index)
    assert ids[0] not in residents and set(residents) & set(ids[-len(residents):])


def test_an_unknown_map_metric_falls_back_to_the_first(index):
    basemap = pd.DataFrame({"lat": [], "lon": []})
    chosen = overview_charts.overview_charts(index, basemap=basemap, map_metric="no-such-metric")
    first = overview_charts.overview_charts(index, basemap=basemap, map_metric=overview_charts.map_metric_ids(index)[0])
    assert chosen[0].figure.to_json() == first[0].figure.to_json()
    assert [c.slug for c in chosen] == ["map", "coverage-by-theme", "reporting-periods"]
