"""The charts of a province and a ward on the small test catalogue: peers, and parts inside their whole."""

from __future__ import annotations

import pandas as pd
import pytest
from dashboard_helpers import SMALL, ids_of_level

from components.views import comparison, display, named_chart, place_charts, selections


@pytest.mark.parametrize("province_id", ids_of_level(SMALL, "province"))
def test_province_charts_draw_the_catalogues_figures(index, shown, province_id):
    found = place_charts.province_charts(index, province_id)
    for chart in found:
        assert chart.title and chart.slug
        assert set(chart.figure_ids) <= set(shown.index)
        bars = [trace for trace in chart.figure.data if trace.ids is not None]
        drawn = {fid for trace in bars for fid in trace.ids}
        assert drawn == set(chart.figure_ids)
        if chart.slug.startswith("compare-"):
            for trace in bars:
                assert list(trace.x) == [shown.loc[fid, "value"] for fid in trace.ids]
    assert len({c.slug for c in found}) == len(found), "chart slugs are unique on a page"


def _one(shown, **columns):
    base = shown[shown["metric_kind"] == "count"].iloc[[0]]
    return base.assign(**columns)


def test_comparison_of_many_peers_shows_the_largest_and_says_so(index, shown):
    level = "ward"
    many = pd.concat([_one(shown, place_id=f"p{i}", place_level=level, value=float(i), figure_id=f"f{i}",
                           denominator=float("nan"), time_key="k") for i in range(named_chart.MAX_BARS + 5)],
                     ignore_index=True)
    peer = comparison.PeerSet(many["metric_id"].iloc[0], level, many, False)
    province = selections.province_ids(index)[0]
    fake = type("Index", (), {"catalogue": type("C", (), {"places": {**index.catalogue.places, **{
        f"p{i}": index.catalogue.places[selections.ward_ids(index)[0]] for i in range(named_chart.MAX_BARS + 5)}},
        "sources": index.catalogue.sources})()})()
    chart = place_charts.peer_chart(fake, peer, province, "en", "/province")
    (bar,) = chart.figure.data
    assert len(bar.x) == named_chart.MAX_BARS
    assert min(bar.x) == 5.0 and max(bar.x) == named_chart.MAX_BARS + 4
    assert str(named_chart.MAX_BARS + 5) in chart.figure.layout.title.subtitle.text


def test_ward_charts_draw_the_ward_inside_the_places_above(index, shown):
    for ward_id in selections.ward_ids(index):
        for chart in place_charts.ward_charts(index, ward_id, "en"):
            if chart.slug.startswith("over-time-"):  # the ward's own figures over time: test_measure.py
                continue
            drawn = shown.loc[list(chart.figure_ids)]
            assert ward_id in set(drawn["place_id"])
            assert drawn["metric_id"].nunique() == 1 and drawn["time_key"].nunique() == 1
            others = set(drawn["place_id"]) - {ward_id}
            assert others and others <= set(index.ancestors(ward_id)) | set(
                p for p in drawn["place_id"] if ward_id in index.ancestors(p)), chart.title


def test_per_resident_only_for_flagged_metrics_with_the_population_of_the_same_time(index, shown):
    found = 0
    for ward_id in selections.ward_ids(index):
        rows = shown[shown["place_id"] == ward_id]
        for row in place_charts.per_resident_rows(rows, index.catalogue, "en").itertuples():
            people = shown.loc[row.whole_id]
            count = shown.loc[row.figure_id]
            assert index.catalogue.metrics[people.metric_id].population
            assert index.catalogue.metrics[count.metric_id].per_resident
            assert people.time_key == count.time_key
            assert row.value == pytest.approx(1000 * count.value / people.value)
            assert people.value_text in row.fraction_text, "the base is said"
            if people.qualifier or count.qualifier:
                assert row.value_text.startswith("≈"), "a hedged input hedges the result"
            found += 1
    assert found, "the small catalogue has a ward with a population and a flagged count of the same time"


def test_ward_without_figures_has_no_charts(index):
    empty = [w for w in selections.ward_ids(index) if not index.has_figures(w)]
    for ward_id in empty:
        assert place_charts.ward_charts(index, ward_id) == []


def test_a_whole_with_parts_in_several_periods_gives_charts_of_different_slugs(index, shown):
    """The same metric and whole in two periods is two charts on one page: their slugs (widget keys, image
    names) differ."""
    province = next(p for p in selections.province_ids(index)
                    if any(c.slug.startswith("within-") for c in place_charts.province_charts(index, p)))
    rows = display.display_rows(index.subtree_rows(province), index.catalogue, "en")
    part_of = rows["part_of"].astype(str)
    later = rows.assign(time_key=rows["time_key"] + "-later", figure_id=rows["figure_id"] + "-later",
                        part_of=part_of.where(part_of == "", part_of + "-later"))
    found = place_charts.place_charts(index, pd.concat([rows, later], ignore_index=True), province, "en", "/province")
    within = [c.slug for c in found if c.slug.startswith("within-")]
    assert len(within) >= 2 and len(set(within)) == len(within)
    assert len({c.slug for c in found}) == len(found)
    alone = [c.slug for c in place_charts.province_charts(index, province) if c.slug.startswith("within-")]
    assert alone and not any(slug.endswith(f"-{f}") for slug in alone for f in rows["figure_id"]), \
        "a whole with parts in one period keeps the short slug"


def test_only_parts_the_source_names_are_drawn_inside_a_whole(index, shown):
    """A place's figure inside another's is drawn as its part only when the figure says `part_of` it."""
    drawn_inside = set()
    for province in selections.province_ids(index):
        for chart in place_charts.province_charts(index, province):
            if chart.slug.startswith("within-"):
                whole, *parts = chart.figure_ids
                assert all(shown.loc[p, "part_of"] == whole for p in parts)
                drawn_inside.update(parts)
    named = set(shown.index[shown["part_of"].astype(str) != ""])
    assert drawn_inside == named
    unnamed = [f for f in shown.index if f not in named and any(
        a in set(shown.loc[shown["metric_id"] == shown.loc[f, "metric_id"], "place_id"])
        for a in index.ancestors(shown.loc[f, "place_id"]))]
    assert unnamed, "the fixture holds a figure inside a place with a figure of the same metric, without part_of"
