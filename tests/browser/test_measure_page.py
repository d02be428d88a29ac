"""The page by measure in a real Chromium, on a phone and on a desktop, in both languages: a link to one metric
opens its title, its comparison, its map and its table; the link survives a reload; another metric in the selector
puts that metric in the address."""

from __future__ import annotations

import pytest
from app_tab import (
    as_read,
    assert_sound,
    chart_titles,
    headings,
    open_view,
    plain_title,
    screenshot,
    select_option,
    selected_option,
    shown,
    wait_idle,
)

from components.catalogue.load import BUNDLED_METRICS, load_catalogue
from components.report.chart_words import CITE_ROW_CLASS
from components.table.index import build_index
from components.table.tidy import figures_frame
from components.views import measure_charts, overview_charts, page_views, registry
from components.views.display import TABLE_ROWS
from components.words.i18n import LANGUAGES, localized, t

CATALOGUE = load_catalogue(BUNDLED_METRICS)
INDEX = build_index(CATALOGUE, figures_frame(CATALOGUE))
WINDOWS = {"390": (390, 844), "1440": (1440, 900)}


def _reported_by_most_provinces() -> str:
    """The metric of the catalogue that most provinces report, among those whose page compares places and maps
    them, other than the one the page opens on (so that the link, not the default, shows it)."""
    frame = INDEX.frame
    provinces = frame[frame["place_level"] == "province"].groupby("metric_id")["place_id"].nunique()
    default = page_views.default_metric(INDEX)
    candidates = [m for m in page_views.compared_metric_ids(INDEX)
                  if m != default and m in provinces and overview_charts.map_levels(INDEX, m)]
    chosen = max(candidates, key=lambda m: (provinces[m], -candidates.index(m)))
    assert provinces[chosen] >= 3, f"the catalogue has a metric several provinces report: {dict(provinces)}"
    return chosen


METRIC = _reported_by_most_provinces()


def _url(lang: str, metric: str = METRIC) -> str:
    return f"/{registry.MEASURE.url_path}?{registry.MEASURE.param}={metric}" + (f"&lang={lang}" if lang != "en"
                                                                                 else "")


def _squeezed(text: str | None) -> str:
    """A chart title without its white space: wrapped to the chart's width, its lines run together."""
    return "".join((text or "").split())


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("window", list(WINDOWS))
def test_a_link_to_a_measure_shows_its_title_charts_map_and_table(open_tab, app_url, window, lang):
    tab = open_tab(app_url, WINDOWS[window])
    open_view(tab, _url(lang))
    screenshot(tab, f"measure-{METRIC}-{window}px-{lang}")
    drawn = assert_sound(tab)
    name = localized(CATALOGUE.metrics[METRIC], "label", lang)
    assert headings(tab) == [shown(name)]
    built = measure_charts.measure_charts(INDEX, METRIC, lang)
    expected = [_squeezed(plain_title(chart.figure.layout.title.text)) for chart in built]
    assert [_squeezed(title) for title in chart_titles(tab)] == expected[:page_views.CHARTS_PER_PAGE]
    assert len(drawn) >= 2 and any(chart.slug == "map" for chart in built), "a comparison and the map"
    assert any(chart.slug != "map" for chart in built[:page_views.CHARTS_PER_PAGE])
    # the table of every figure of the metric (its first rows), named by the page
    rows = measure_charts.metric_rows(INDEX, METRIC, lang)
    if len(rows) > page_views.TABLE_OPEN:
        tab.get_by_text(t("place_table_toggle", lang)).click()
        wait_idle(tab)
    table = tab.locator(f'[data-testid="stMain"] [role="region"]'
                        f'[aria-label="{t("all_figures_header", lang)}: {shown(name)}"]')
    assert table.count() == 1, "the page shows its table of figures"
    assert table.locator(f"tbody tr:not(.{CITE_ROW_CLASS})").count() == min(len(rows), TABLE_ROWS)  # citations apart
    assert selected_option(tab, t("measure_metric", lang)) == page_views.measure_choices(INDEX, lang)[METRIC]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_link_survives_a_reload_and_another_measure_changes_it(page, lang):
    label, options = t("measure_metric", lang), page_views.measure_choices(INDEX, lang)
    open_view(page, _url(lang))
    page.reload()
    wait_idle(page)
    assert f"{registry.MEASURE.param}={METRIC}" in page.url
    assert selected_option(page, label) == options[METRIC], "a reload reopens the measure the link names"
    assert headings(page) == [shown(localized(CATALOGUE.metrics[METRIC], "label", lang))]
    other = next(m for m in page_views.compared_metric_ids(INDEX) if m != METRIC)
    select_option(page, label, options[other])
    assert page.url.endswith(_url(lang, other)), page.url
    assert as_read(headings(page)[0]) == as_read(shown(localized(CATALOGUE.metrics[other], "label", lang)))
    assert_sound(page)
