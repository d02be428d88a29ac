"""The page registry, the page by measure and figures over time, on the bundled catalogue: every metric and place
is picked from the catalogue, never named here."""

from __future__ import annotations

import functools
import html
import re

import pytest
from dashboard_helpers import BUNDLED, catalogue_of, frame_of

from components.table.index import build_index
from components.views import address, comparison, display, measure_charts, page_views, place_charts, registry
from components.words.i18n import LANGUAGES, localized, t


@functools.cache
def _index():
    return build_index(catalogue_of(BUNDLED), frame_of(BUNDLED))


def _metric_with_most_places() -> str:
    counts = frame_of(BUNDLED).groupby("metric_id")["place_id"].nunique()
    return str(counts.sort_values(ascending=False, kind="stable").index[0])


def _places_over_time() -> list[tuple[str, str]]:
    """(place, metric) reported for two or more times, from the catalogue."""
    keys = frame_of(BUNDLED).groupby(["place_id", "metric_id"])["time_key"].nunique()
    return [(str(p), str(m)) for p, m in keys[keys >= 2].index]


# ---- the registry ---------------------------------------------------------------------------------------


def test_every_registered_page_has_a_view_its_choices_and_its_words():
    index = _index()
    for spec in registry.PAGES:
        assert spec.view or not spec.reported, spec.url_path  # the report builds the pages it holds
        if spec.view:
            assert callable(getattr(page_views, spec.view)), spec.url_path
        if spec.choices:
            assert spec.param and spec.choice_key and spec.none_key, spec.url_path
            assert set(page_views.choices_of(spec, index)) <= set(page_views.options_of(spec, index, "en"))
            for lang in LANGUAGES:
                assert t(spec.choice_key, lang) and t(spec.none_key, lang) and t(spec.title_key, lang)
    assert [spec.url_path for spec in registry.PAGES if spec.default] == ["overview"]


def test_a_pages_address_is_its_path_its_parameter_and_the_language(monkeypatch, tmp_path):
    monkeypatch.setenv(address.ADDRESS_SETTING, "https://example.org/")
    metric = _metric_with_most_places()
    assert registry.page_address("en", "measure", metric) == f"https://example.org/measure?metric={metric}"
    assert registry.page_address("vi", "measure", metric) == f"https://example.org/measure?metric={metric}&lang=vi"
    assert registry.page_address("vi", "sources") == "https://example.org/sources?lang=vi"
    monkeypatch.delenv(address.ADDRESS_SETTING)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(address, "ROOT", tmp_path)
    province = page_views.default_place(_index(), "province")
    assert registry.page_address("en", "province", province) == "", "no address set: no bare path under a chart"


# ---- comparisons on the page by measure -------------------------------------------------------------------


@pytest.mark.parametrize("metric_id", page_views.compared_metric_ids(_index())[:12])
def test_each_place_stands_in_one_honest_comparison_at_most(metric_id):
    index = _index()
    rows = index.frame[index.frame["metric_id"] == metric_id]
    peers = comparison.every_peer_set(rows, index.ancestors)
    assert peers, metric_id
    seen: set[str] = set()
    for peer in peers:
        places = list(peer.rows["place_id"])
        assert len(places) >= comparison.MIN_VALUES and len(set(places)) == len(places)
        assert set(peer.rows["place_level"]) == {peer.level} and peer.level != "group"
        assert not seen & set(places), "a place in two comparisons"
        seen |= set(places)
        assert not any(set(index.ancestors(p)) & set(places) for p in places), "a place inside another"
        if not peer.periods_differ:
            assert peer.rows["time_key"].nunique() == 1


def test_the_measure_page_holds_every_figure_of_its_metric_and_names_every_source(monkeypatch):
    monkeypatch.setenv(address.ADDRESS_SETTING, "https://antq.example.org")
    index, metric = _index(), _metric_with_most_places()
    figures = index.frame[index.frame["metric_id"] == metric]
    for lang in LANGUAGES:
        view = page_views.measure_page(index, metric, lang)
        assert view.title == localized(index.catalogue.metrics[metric], "label", lang)
        assert view.table_total == len(figures) and set(view.table()["figure_id"]) == set(figures["figure_id"])
        compared = [c for c in view.charts if c.slug.startswith("compare-")]
        assert compared and any(c.slug == "map" for c in view.charts)
        for chart in compared:
            drawn = figures.set_index("figure_id").loc[list(chart.figure_ids)]
            assert drawn["place_level"].nunique() == 1
            footer = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", chart.figure.layout.annotations[-1].text)).split())
            sources = [index.catalogue.sources[s] for s in dict.fromkeys(drawn["source_id"])]
            named = [s for s in sources if (s.publisher or t("publisher_not_named", lang)) in footer]
            if len(sources) <= display.MAX_NAMED_SOURCES:
                assert len(named) == len(sources)
            else:  # the first few named, and how many more
                assert len(named) >= display.MAX_NAMED_SOURCES
                assert f" {len(sources) - display.MAX_NAMED_SOURCES} " in footer
            assert f"measure?metric={metric}" in footer
            assert chart.alt.startswith(chart.title)
        cards = [card for block in view.blocks if isinstance(block, page_views.CardGroup) for card in block.cards]
        alone = set(figures["figure_id"]) - {f for c in compared for f in c.figure_ids}
        assert len(cards) == min(len(alone), page_views.CARDS_PER_SECTION)


def test_a_metric_one_place_reports_is_a_cited_card_not_a_chart():
    index = _index()
    counts = measure_charts.place_counts(index)
    lone = next(m for m, count in counts.items() if count == 1)
    view = page_views.measure_page(index, lone, "en")
    assert not [c for c in view.charts if c.slug != "map"]
    assert any(isinstance(block, page_views.CardGroup) for block in view.blocks)
    assert lone not in page_views.compared_metric_ids(index), "the report holds pages that compare"


def test_the_selector_lists_every_metric_with_how_many_places_report_it():
    index = _index()
    counts = measure_charts.place_counts(index)
    assert set(counts) == set(index.frame["metric_id"])
    for lang in LANGUAGES:
        options = page_views.measure_choices(index, lang)
        assert set(options) == set(counts)
        for metric, text in options.items():
            assert text.startswith(localized(index.catalogue.metrics[metric], "label", lang))
    assert page_views.default_metric(index) == _metric_with_most_places() or \
        counts[page_views.default_metric(index)] == max(counts.values())


def test_per_resident_only_where_the_metric_says_so():
    index = _index()
    for metric in page_views.compared_metric_ids(index):
        flagged = index.catalogue.metrics[metric].per_resident
        view = page_views.measure_page(index, metric, "en")
        per = [c for c in view.charts if c.slug.startswith("per-resident-")]
        if not flagged:
            assert not per, metric
        else:  # compared per resident, or the page says it compares counts only
            said = t("measure_counts_only", "en") in [getattr(b, "text", "") for b in view.blocks]
            assert bool(per) != said, metric


# ---- figures over time -------------------------------------------------------------------------------------


@pytest.mark.parametrize("place_id, metric_id", _places_over_time())
def test_a_place_reported_for_several_times_shows_them_over_time_without_joining_them(place_id, metric_id):
    index = _index()
    rows = display.display_rows(index.place_rows(place_id), index.catalogue, "en")
    rows = rows[rows["metric_id"] == metric_id]
    chart = place_charts.time_chart(index, rows, place_id, metric_id, "en", "/province")
    assert set(chart.figure_ids) == set(rows["figure_id"])
    *lines, points = chart.figure.data
    assert list(points.ids) == list(chart.figure_ids) and "lines" not in points.mode  # figures are never joined
    assert len(set(points.y)) == len(rows), "each figure on its own row, so overlapping periods both show"
    periods = rows[rows["period_start"] != ""]
    assert len(lines) == len(periods)
    for line in lines:  # a period's own line: its start and end, at one value
        assert len(line.x) == 2 and line.y[0] == line.y[1] and line.x[0] <= line.x[1]
    stocks = rows[rows["period_start"] == ""]
    assert list(points.marker.symbol).count("circle") == len(stocks)
    assert chart.table.total == len(rows) and all(str(v) in chart.alt for v in rows["value_text"])


def test_province_and_ward_pages_show_their_places_over_time():
    index = _index()
    for place_id, metric_id in _places_over_time():
        place = index.places[place_id]
        if place.level == "ward":
            found = place_charts.ward_charts(index, place_id)
        elif place.level == "province":
            found = place_charts.province_charts(index, place_id)
        else:
            continue
        assert f"over-time-{metric_id}-{place_id}" in {c.slug for c in found}, (place_id, metric_id)


def test_no_two_charts_of_a_measure_page_share_a_title():
    """Several comparisons of one level (different periods) each name their period: a screenshot, a screen
    reader's landmarks and the report tell them apart."""
    index = _index()
    checked = 0
    for metric_id in page_views.compared_metric_ids(index):
        titles = [chart.title for chart in measure_charts.measure_charts(index, metric_id, "en")]
        assert len(titles) == len(set(titles)), titles
        checked += len(titles) > 2
    assert checked, "some measure page has several comparisons"
