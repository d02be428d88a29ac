"""The places the province and ward pages offer, how their options read, the latest figure of each kind."""

from __future__ import annotations

from dashboard_helpers import BUNDLED, frame_of

from components.views import display, selections
from components.words.i18n import t


def test_latest_by_keeps_the_most_recent_figure_of_each_metric_in_catalogue_order():
    frame = frame_of(BUNDLED)
    latest = selections.latest_by(frame, "metric_id")
    assert latest["metric_id"].is_unique and set(latest["metric_id"]) == set(frame["metric_id"])
    assert list(latest.index) == sorted(latest.index)
    for row in latest.itertuples():
        assert row.time_sort == frame.loc[frame["metric_id"] == row.metric_id, "time_sort"].max()
    wards = frame["place_level"] == "ward"  # among some rows only: the latest of those
    latest = selections.latest_by(frame, "metric_id", wards)
    assert set(latest["metric_id"]) == set(frame.loc[wards, "metric_id"]) and set(latest["place_level"]) == {"ward"}
    for row in latest.itertuples():
        assert row.time_sort == frame.loc[wards & (frame["metric_id"] == row.metric_id), "time_sort"].max()


def test_ward_options_name_their_province(index):
    for ward_id in selections.ward_ids(index):
        province = next(a for a in index.ancestors(ward_id) if index.places[a].level == "province")
        for lang in ("en", "vi"):
            label = selections.ward_option_label(index, ward_id, lang)
            assert label.endswith(f" — {display.place_label(index.catalogue, province, lang)}")
            assert (index.places[province].status == "former") == label.endswith(
                t("former_place", lang, name=index.places[province].short_name))


def test_ward_options_mark_a_former_province_as_such():
    """The old and the new province may share a short name: a ward of the old one says it is former."""
    from components.catalogue.load import BUNDLED_METRICS, load_catalogue
    from components.table.index import build_index
    from components.table.tidy import figures_frame

    catalogue = load_catalogue(BUNDLED_METRICS)
    bundled = build_index(catalogue, figures_frame(catalogue))
    in_former = [(w, a) for w in selections.ward_ids(bundled) for a in bundled.ancestors(w)
                 if bundled.places[a].level == "province" and bundled.places[a].status == "former"]
    assert in_former, "the bundled catalogue has a ward of a former province"
    for ward_id, province_id in in_former:
        for lang in ("en", "vi"):
            former = t("former_place", lang, name=bundled.places[province_id].short_name)
            assert selections.ward_option_label(bundled, ward_id, lang).endswith(f" — {former}")


def test_the_provinces_covered_are_current_ones_with_figures_theirs_below_them_or_their_predecessors(index):
    covered = selections.covered_province_ids(index)
    places = index.places
    assert covered and all(places[p].status == "current" for p in covered)
    for province in (p for p in selections.province_ids(index) if places[p].status == "current"):
        predecessors = [p for p in selections.province_ids(index) if places[p].successor == province]
        expected = index.has_figures(province) or any(index.has_figures(p) for p in predecessors)
        assert (province in covered) == expected, province
