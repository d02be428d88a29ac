"""What each page shows, on the small test catalogue: display words, the charts of a province and a ward.

Expected values come from the catalogue (load_catalogue / figures_frame); only the words are checked by shape.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from dashboard_helpers import BUNDLED, SMALL, catalogue_of, frame_of

from components.table.index import build_index
from components.views import comparison, page_views, views
from components.words import fmt
from components.words.i18n import t

SIGNS = {"about": "≈", "more_than": ">", "less_than": "<", "at_least": "≥", "at_most": "≤"}


@pytest.fixture(scope="module")
def index():
    return build_index(catalogue_of(SMALL), frame_of(SMALL))


@pytest.fixture(scope="module")
def shown(index):
    return views.display_rows(index.frame, index.catalogue, "en").set_index("figure_id", drop=False)


def place_of_level(level: str, **wanted) -> list[str]:
    return [p.id for p in catalogue_of(SMALL).places.values()
            if p.level == level and all(getattr(p, k) == v for k, v in wanted.items())]


# ---- display words ---------------------------------------------------------------------------------------


def test_display_rows_value_as_reported(shown):
    catalogue = catalogue_of(SMALL)
    for row in shown.itertuples():
        metric = catalogue.metrics[row.metric_id]
        sign = SIGNS.get(row.qualifier)
        assert row.value_text.startswith(f"{sign} ") if sign else row.value_text[0].isdigit(), row.value_text
        assert re.sub(r"\D", "", row.value_text.split(" ", 1 if sign else 0)[-1]) == f"{row.value:.0f}"
        assert row.value_text.endswith("%" if metric.kind == "percent" else metric.short_unit)
        assert row.metric_name == metric.label and row.unit_name == metric.unit


def test_display_rows_cite_source_and_time(shown):
    catalogue = catalogue_of(SMALL)
    for row in shown.itertuples():
        source = catalogue.sources[row.source_id]
        assert source.title in row.source_text
        assert (source.publisher or "publisher not named") in row.source_text
        assert fmt.date(row.time_sort) in row.time_text
        if row.period_start:
            assert fmt.date(row.period_start) in row.time_text


def test_fraction_text_gives_part_whole_and_both_rates(shown):
    fractions = shown[shown["denominator"].notna()]
    assert len(fractions)
    for row in fractions.itertuples():
        assert f"{row.value:,.0f}" in row.fraction_text and f"{row.denominator:,.0f}" in row.fraction_text
        assert fmt.percent(100 * row.value / row.denominator) in row.fraction_text
        if not pd.isna(row.stated_rate):
            assert fmt.percent(row.stated_rate) in row.fraction_text
    assert (shown.loc[shown["denominator"].isna(), "fraction_text"] == "").all()


def test_former_places_are_labelled_as_such(shown):
    places = catalogue_of(SMALL).places
    for row in shown.itertuples():
        place = places[row.place_id]
        assert row.place_label.startswith(place.short_name)
        assert ("(former)" in row.place_label) == (place.status == "former")


def test_display_rows_in_vietnamese_use_translations_and_mark_the_rest(index):
    catalogue = index.catalogue
    rows = views.display_rows(index.frame, catalogue, "vi")
    for row in rows.itertuples():
        metric = catalogue.metrics[row.metric_id]
        if metric.label_vi:
            assert row.metric_name == metric.label_vi
        else:
            assert metric.label in row.metric_name
    bounded = rows[rows["date_is_bound"]]
    assert re.search(r"\d{2}/\d{2}/\d{4}", bounded["time_text"].iloc[0])


def test_display_rows_of_nothing_still_have_the_columns(index):
    empty = views.display_rows(index.frame.iloc[0:0], index.catalogue, "en")
    assert empty.empty and {"place_label", "value_text", "source_text", "time_text"} <= set(empty.columns)


def test_theme_colours_are_the_catalogues_or_one_per_theme(index):
    colours = views.theme_colors(index.catalogue)
    assert set(colours) == set(index.catalogue.themes)
    for theme_id, theme in index.catalogue.themes.items():
        if theme.color:
            assert colours[theme_id] == theme.color
    assert len(set(colours.values())) == len(colours)


def test_latest_by_keeps_the_most_recent_figure_of_each_metric_in_catalogue_order():
    frame = frame_of(BUNDLED)
    latest = views.latest_by(frame, "metric_id")
    assert latest["metric_id"].is_unique and set(latest["metric_id"]) == set(frame["metric_id"])
    assert list(latest.index) == sorted(latest.index)
    for row in latest.itertuples():
        assert row.time_sort == frame.loc[frame["metric_id"] == row.metric_id, "time_sort"].max()
    wards = frame["place_level"] == "ward"  # among some rows only: the latest of those
    latest = views.latest_by(frame, "metric_id", wards)
    assert set(latest["metric_id"]) == set(frame.loc[wards, "metric_id"]) and set(latest["place_level"]) == {"ward"}
    for row in latest.itertuples():
        assert row.time_sort == frame.loc[wards & (frame["metric_id"] == row.metric_id), "time_sort"].max()


def test_ward_options_name_their_province(index):
    for ward_id in views.ward_ids(index):
        province = next(a for a in index.ancestors(ward_id) if index.places[a].level == "province")
        for lang in ("en", "vi"):
            label = views.ward_option_label(index, ward_id, lang)
            assert label.endswith(f" — {views.place_label(index.catalogue, province, lang)}")
            assert (index.places[province].status == "former") == label.endswith(
                t("former_place", lang, name=index.places[province].short_name))


# ---- province charts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("province_id", place_of_level("province"))
def test_province_charts_draw_the_catalogues_figures(index, shown, province_id):
    found = views.province_charts(index, province_id)
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
                           denominator=float("nan"), time_key="k") for i in range(views.MAX_BARS + 5)],
                     ignore_index=True)
    peer = comparison.PeerSet(many["metric_id"].iloc[0], level, many, False)
    province = views.province_ids(index)[0]
    fake = type("Index", (), {"catalogue": type("C", (), {"places": {**index.catalogue.places, **{
        f"p{i}": index.catalogue.places[views.ward_ids(index)[0]] for i in range(views.MAX_BARS + 5)}},
        "sources": index.catalogue.sources})()})()
    chart = views.peer_chart(fake, peer, province, "en", "/province")
    (bar,) = chart.figure.data
    assert len(bar.x) == views.MAX_BARS
    assert min(bar.x) == 5.0 and max(bar.x) == views.MAX_BARS + 4
    assert str(views.MAX_BARS + 5) in chart.figure.layout.title.subtitle.text


def test_ward_charts_draw_the_ward_inside_the_places_above(index, shown):
    for ward_id in views.ward_ids(index):
        for chart in views.ward_charts(index, ward_id, "en"):
            drawn = shown.loc[list(chart.figure_ids)]
            assert ward_id in set(drawn["place_id"])
            assert drawn["metric_id"].nunique() == 1 and drawn["time_key"].nunique() == 1
            others = set(drawn["place_id"]) - {ward_id}
            assert others and others <= set(index.ancestors(ward_id)) | set(
                p for p in drawn["place_id"] if ward_id in index.ancestors(p)), chart.title


def test_per_resident_only_for_flagged_metrics_with_the_population_of_the_same_time(index, shown):
    found = 0
    for ward_id in views.ward_ids(index):
        rows = shown[shown["place_id"] == ward_id]
        for row in views.per_resident_rows(rows, index.catalogue, "en").itertuples():
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
    empty = [w for w in views.ward_ids(index) if not index.has_figures(w)]
    for ward_id in empty:
        assert views.ward_charts(index, ward_id) == []


# ---- overview ---------------------------------------------------------------------------------------------------


def test_map_metrics_most_places_first(index):
    located = index.frame[index.frame["lat"].notna()]
    counts = located.groupby("metric_id")["place_id"].nunique()
    ids = views.map_metric_ids(index)
    assert set(ids) == set(counts.index)
    assert [counts[m] for m in ids] == sorted(counts, reverse=True)


def test_an_unknown_map_metric_falls_back_to_the_first(index):
    basemap = pd.DataFrame({"lat": [], "lon": []})
    chosen = views.overview_charts(index, basemap=basemap, map_metric="no-such-metric")
    first = views.overview_charts(index, basemap=basemap, map_metric=views.map_metric_ids(index)[0])
    assert chosen[0].figure.to_json() == first[0].figure.to_json()
    assert [c.slug for c in chosen] == ["map", "figures-by-theme", "reporting-periods"]


def test_ward_options_mark_a_former_province_as_such():
    """The old and the new province may share a short name: a ward of the old one says it is former."""
    from components.catalogue.load import BUNDLED_METRICS, load_catalogue
    from components.table.index import build_index
    from components.table.tidy import figures_frame

    catalogue = load_catalogue(BUNDLED_METRICS)
    bundled = build_index(catalogue, figures_frame(catalogue))
    in_former = [(w, a) for w in views.ward_ids(bundled) for a in bundled.ancestors(w)
                 if bundled.places[a].level == "province" and bundled.places[a].status == "former"]
    assert in_former, "the bundled catalogue has a ward of a former province"
    for ward_id, province_id in in_former:
        for lang in ("en", "vi"):
            former = t("former_place", lang, name=bundled.places[province_id].short_name)
            assert views.ward_option_label(bundled, ward_id, lang).endswith(f" — {former}")


# ---- notes and English names (issue 14) ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_figure_note_reaches_its_display_row_in_the_readers_language(lang):
    catalogue = catalogue_of(BUNDLED)
    rows = views.display_rows(frame_of(BUNDLED), catalogue, lang).set_index("figure_id")
    noted = [f for f in catalogue.figures if f.note]
    assert len(noted) >= 14
    for figure in noted:
        expected = figure.note if lang == "en" else figure.note_vi
        assert rows.loc[figure.id, "note_text"] == expected, figure.id
    assert (rows["note_text"] == "").sum() == len(catalogue.figures) - len(noted)


def test_a_note_without_its_vietnamese_is_shown_in_english_marked_as_such():
    assert views.note_text("Paid by residents.", "", "vi") == "Paid by residents. (tiếng Anh)"
    assert views.note_text("Paid by residents.", None, "en") == "Paid by residents."
    assert views.note_text("", "x", "vi") == "" and views.note_text(float("nan"), None, "vi") == ""


def test_a_group_is_called_by_its_english_name_in_the_english_view_and_units_keep_theirs():
    catalogue = catalogue_of(BUNDLED)
    group = catalogue.places["emulation-cluster-4"]
    assert views.place_label(catalogue, group.id, "en") == group.name_en
    assert views.place_label(catalogue, group.id, "vi") == group.short_name
    assert views.place_label(catalogue, "quang-ninh", "en") == "Quảng Ninh"
    index = build_index(catalogue, frame_of(BUNDLED))
    (box,) = [b for b in page_views.province_page(index, "quang-ninh", "en").blocks if isinstance(b, page_views.Boxed)]
    assert group.name_en in box.heading and group.name not in box.heading


def test_a_whole_with_parts_in_several_periods_gives_charts_of_different_slugs(index, shown):
    """The same metric and whole in two periods is two charts on one page: their slugs (widget keys, image
    names) differ."""
    province = next(p for p in views.province_ids(index)
                    if any(c.slug.startswith("within-") for c in views.province_charts(index, p)))
    rows = views.display_rows(index.subtree_rows(province), index.catalogue, "en")
    later = rows.assign(time_key=rows["time_key"] + "-later", figure_id=rows["figure_id"] + "-later")
    found = views.place_charts(index, pd.concat([rows, later], ignore_index=True), province, "en", "/province")
    within = [c.slug for c in found if c.slug.startswith("within-")]
    assert len(within) >= 2 and len(set(within)) == len(within)
    assert len({c.slug for c in found}) == len(found)
    alone = [c.slug for c in views.province_charts(index, province) if c.slug.startswith("within-")]
    assert alone and not any(slug.endswith(f"-{f}") for slug in alone for f in rows["figure_id"]), \
        "a whole with parts in one period keeps the short slug"


def test_page_bounds_cover_every_item_once_a_page_at_a_time():
    assert page_views.page_bounds(0, 5) == [(0, 0)]
    assert page_views.page_bounds(3, 5) == [(0, 3)]
    assert page_views.page_bounds(10, 5) == [(0, 5), (5, 10)]
    assert page_views.page_bounds(11, 5) == [(0, 5), (5, 10), (10, 11)]
    for count in range(0, 40):
        shown = [i for start, stop in page_views.page_bounds(count, 7) for i in range(start, stop)]
        assert shown == list(range(count))


def test_richest_is_the_first_of_the_most_figures():
    counts = {"a": 2, "b": 5, "c": 5, "d": 1}
    assert page_views.richest(list(counts), counts.__getitem__) == "b"
    assert page_views.richest([], counts.__getitem__) is None
    many = [f"w{i}" for i in range(5000)]  # a national catalogue's wards: linear, not quadratic
    assert page_views.richest(many, lambda w: int(w[1:]) % 7) == "w6"
