"""Figures made display-ready, on the small test catalogue: values as reported, citations, notes, names.

Expected values come from the catalogue (load_catalogue / figures_frame); only the words are checked by shape.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from dashboard_helpers import BUNDLED, SMALL, catalogue_of, frame_of

from components.table.index import build_index
from components.views import page_views, views
from components.words import fmt

SIGNS = {"about": "≈", "more_than": ">", "less_than": "<", "at_least": "≥", "at_most": "≤"}


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
        assert f"(computed: {fmt.percent(100 * row.value / row.denominator)})" in row.fraction_text, \
            "a rate the product computes is never shown as reported"
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


def test_rows_of_gives_the_rows_itertuples_gives():
    """display rows are read row by row as named tuples; rows_of takes them column by column instead of through
    pandas' per-column .iloc, and must give the same tuples, field names and values."""
    frame = pd.DataFrame({"place_id": pd.array(["a", "b", None], dtype="string"), "value": [1.5, float("nan"), 3.0],
                          "count": [1, 2, 3], "when": pd.to_datetime(["2024-01-01", "2024-06-30", "2025-01-01"]),
                          "class": ["x", "y", "z"]}, index=[10, 11, 12])
    got, expected = views.rows_of(frame), list(frame.itertuples())
    assert [r._fields for r in got] == [r._fields for r in expected]
    assert repr(got) == repr(expected)
    assert views.rows_of(frame.iloc[:0]) == []
    twice = pd.DataFrame([[1, 2]], columns=["a", "a"])
    assert views.rows_of(twice) == list(twice.itertuples())
