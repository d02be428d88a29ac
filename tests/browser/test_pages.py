"""Every page of the dashboard in a real Chromium: drawn, no exception, selections in the URL, deep links, CSV."""

from __future__ import annotations

import csv
import io

import pytest
from app_tab import (
    assert_sound,
    chart_titles,
    headings,
    open_view,
    plain_title,
    rerun,
    screenshot,
    select_option,
    selected_option,
    shown,
    wait_idle,
)
from dashboard_helpers import fixed_sample

from components.app.navigation import PAGES
from components.catalogue.load import BUNDLED_METRICS, load_catalogue
from components.table.index import build_index
from components.table.tidy import figures_frame
from components.views import display, overview_charts, page_views, place_charts, selections
from components.words.i18n import LANGUAGES, PLOTLY_KEYS, localized, messages, t

CATALOGUE = load_catalogue(BUNDLED_METRICS)
FRAME = figures_frame(CATALOGUE)
INDEX = build_index(CATALOGUE, FRAME)
PROVINCES = selections.province_ids(INDEX)
WARDS = selections.ward_ids(INDEX)
PROVINCE_OPTIONS = page_views.place_choices(INDEX, "province", "en")  # the selectors' texts, figure counts and all
WARD_OPTIONS = page_views.place_choices(INDEX, "ward", "en")
STATIC_TITLES = {"overview": "overview_title", "sources": "sources_title", "data-quality": "quality_title"}


def _url(path: str, lang: str, **params: str) -> str:
    query = {**params, **({"lang": lang} if lang != "en" else {})}
    return f"/{path}" + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _expected_titles(charts_built) -> list[str]:
    return [plain_title(chart.figure.layout.title.text) for chart in charts_built]


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("spec", PAGES, ids=[spec.url_path for spec in PAGES])
def test_every_page_opens_drawn_and_without_errors(page, spec, lang):
    open_view(page, _url("" if spec.default else spec.url_path, lang))
    screenshot(page, f"page-{spec.url_path}-{lang}")
    drawn = assert_sound(page)
    titles = headings(page)
    assert len(titles) == 1 and titles[0], f"{spec.url_path}: one page title expected, got {titles}"
    if spec.url_path in STATIC_TITLES:
        assert titles[0] == t(STATIC_TITLES[spec.url_path], lang)
    navigation = page.locator('[data-testid="stSidebarNav"] a')
    assert navigation.count() == len(PAGES)
    link_texts = [text.strip().splitlines()[-1] for text in navigation.all_inner_texts()]  # after the icon
    assert link_texts == [t(p.title_key, lang) for p in PAGES]
    if spec.default:
        assert len(drawn) == len(overview_charts.overview_charts(INDEX, lang))
    if spec.url_path == "sources":  # the first page of sources, each with a real link where it has a URL
        first = list(CATALOGUE.sources.values())[:page_views.SOURCES_PER_PAGE]
        assert headings(page, "h2") == [shown(localized(s, "title", lang)) for s in first]
        hrefs = page.locator('[data-testid="stMain"] a[href^="http"]').evaluate_all("els => els.map(a => a.href)")
        assert all(s.url in hrefs for s in first if s.url), hrefs
    if spec.url_path == "data-quality":  # every finding of the validator, with where it is
        assert CATALOGUE.findings, "the bundled catalogue has a warning this page must show"
        text = page.locator('[data-testid="stMain"]').inner_text()
        assert all(f.for_readers(lang) in text for f in CATALOGUE.findings)
        for summary in page.locator('[data-testid="stExpander"] summary').all():  # "For curators"
            summary.click()
        text = page.locator('[data-testid="stMain"]').inner_text()
        assert all(f.text(lang) in text and f.location() in text for f in CATALOGUE.findings)


def test_choosing_a_province_changes_the_url_and_the_charts(page):
    open_view(page, "/province")
    label = t("province", "en")
    first = selected_option(page, label)
    first_titles = chart_titles(page)
    # the province whose page draws the most charts, unless it is the one shown first
    others = [p for p in PROVINCES if PROVINCE_OPTIONS[p] != first]
    target = max(others, key=lambda p: (len(place_charts.province_charts(INDEX, p)),
                                        page_views.figures_in_view(INDEX, p)))
    select_option(page, label, PROVINCE_OPTIONS[target])
    assert page.url.endswith(f"/province?province={target}")
    assert headings(page) == [shown(display.full_place_label(CATALOGUE, target, "en"))]
    titles = chart_titles(page)
    assert titles == _expected_titles(place_charts.province_charts(INDEX, target))
    assert titles != first_titles
    assert_sound(page)


@pytest.mark.parametrize("path, param, label_key, ids", [
    ("province", "province", "province", fixed_sample(PROVINCES)),
    ("ward", "ward", "ward", fixed_sample(WARDS)),
], ids=["provinces", "wards"])
def test_place_pages_through_the_selectbox(page, path, param, label_key, ids):
    """A fixed sample of province and ward pages, chosen one after another in one tab (a ward after its
    province): drawn, charts as built."""
    open_view(page, f"/{path}")
    label = t(label_key, "en")
    option = (PROVINCE_OPTIONS if path == "province" else WARD_OPTIONS).__getitem__
    build = place_charts.province_charts if path == "province" else place_charts.ward_charts
    start = selected_option(page, label)
    for place_id in [p for p in ids if option(p) != start] + [p for p in ids if option(p) == start]:
        if path == "ward":  # the ward's province first: the ward selector lists one province's wards
            province = page_views.ward_group_choices(INDEX, "en")[page_views.ward_group_of(INDEX)[place_id]]
            if selected_option(page, t("province", "en")) != province:
                select_option(page, t("province", "en"), province)
        if selected_option(page, label) != option(place_id):
            select_option(page, label, option(place_id))
        assert page.url.endswith(f"/{path}?{param}={place_id}")
        assert headings(page) == [shown(display.full_place_label(CATALOGUE, place_id, "en"))]
        assert chart_titles(page) == _expected_titles(build(INDEX, place_id)), place_id
        assert_sound(page)
        screenshot(page, f"{path}-{place_id}")


def _deep_link_cases(ids: list[str], build) -> list[str]:
    """The pages a link most likely breaks on: the one with most charts, a former unit, one without figures."""
    cases = [max(ids, key=lambda p: len(build(INDEX, p)))]
    cases += [p for p in ids if CATALOGUE.places[p].status == "former"][:1]
    cases += [p for p in ids if not INDEX.has_figures(p)][:1]
    return list(dict.fromkeys(cases))


@pytest.mark.parametrize("province_id", _deep_link_cases(PROVINCES, place_charts.province_charts))
def test_province_deep_link_restores_the_view(page, province_id):
    open_view(page, f"/province?province={province_id}")
    assert_sound(page)
    assert selected_option(page, t("province", "en")) == PROVINCE_OPTIONS[province_id]
    assert headings(page) == [shown(display.full_place_label(CATALOGUE, province_id, "en"))]
    assert chart_titles(page) == _expected_titles(place_charts.province_charts(INDEX, province_id))
    assert page.url.endswith(f"?province={province_id}")


@pytest.mark.parametrize("ward_id", _deep_link_cases(WARDS, place_charts.ward_charts))
def test_ward_deep_link_restores_the_view(page, ward_id):
    open_view(page, f"/ward?ward={ward_id}")
    assert_sound(page)
    assert selected_option(page, t("ward", "en")) == WARD_OPTIONS[ward_id]
    assert headings(page) == [shown(display.full_place_label(CATALOGUE, ward_id, "en"))]
    assert chart_titles(page) == _expected_titles(place_charts.ward_charts(INDEX, ward_id))
    assert page.url.endswith(f"?ward={ward_id}")


def test_overview_metric_deep_link_sizes_the_map_by_that_metric(page):
    metric_ids = overview_charts.map_metric_ids(INDEX)
    assert len(metric_ids) > 1
    metric_id = metric_ids[-1]
    open_view(page, f"/?metric={metric_id}")
    assert_sound(page)
    label = localized(CATALOGUE.metrics[metric_id], "label", "en")
    assert selected_option(page, t("map_metric", "en")) == label
    expected = _expected_titles(overview_charts.overview_charts(INDEX, "en", map_metric=metric_id))
    assert chart_titles(page)[0] == expected[0]


def test_unknown_id_in_a_link_gives_a_notice_and_the_default_view(page):
    open_view(page, "/province?province=no-such-province")
    assert_sound(page)
    notice = page.locator('[data-testid="stAlert"]').first.inner_text()
    assert "no-such-province" in notice
    shown_name = selected_option(page, t("province", "en"))
    assert shown_name == PROVINCE_OPTIONS[page_views.default_place(INDEX, "province")]
    assert "no-such-province" not in page.url


SOURCE_TITLES = [localized(source, "title", "en") for source in CATALOGUE.sources.values()]


def _sources_shown(page) -> list[str]:
    return headings(page, "h2")


def test_the_sources_pager_is_kept_in_the_address(page):
    """A link to the second part of the sources opens it; the pager moves the address with it, and a reload keeps
    what the address names."""
    per_page = page_views.SOURCES_PER_PAGE
    assert len(SOURCE_TITLES) > 2 * per_page
    open_view(page, "/sources?sources=2")
    assert_sound(page)
    assert _sources_shown(page) == [shown(title) for title in SOURCE_TITLES[per_page:2 * per_page]]
    with rerun(page):
        page.get_by_test_id("stPaginationNext").click()
    assert page.url.endswith("/sources?sources=3")
    assert _sources_shown(page) == [shown(title) for title in SOURCE_TITLES[2 * per_page:3 * per_page]]
    page.reload()
    wait_idle(page)
    assert _sources_shown(page) == [shown(title) for title in SOURCE_TITLES[2 * per_page:3 * per_page]]
    with rerun(page):
        page.get_by_test_id("stPaginationPage").filter(has_text="1").first.click()
    assert page.url.endswith("/sources"), "the first part is the page's own address"
    assert _sources_shown(page) == [shown(title) for title in SOURCE_TITLES[:per_page]]


@pytest.mark.parametrize("wanted", ["99", "two"])
def test_a_part_of_the_sources_that_is_not_one_gives_a_notice_and_the_first(page, wanted):
    open_view(page, f"/sources?sources={wanted}")
    assert_sound(page)
    assert wanted in page.locator('[data-testid="stAlert"]').first.inner_text()
    assert _sources_shown(page) == [shown(title) for title in SOURCE_TITLES[:page_views.SOURCES_PER_PAGE]]
    assert f"sources={wanted}" not in page.url


def _figures_of_view(place_id: str) -> set[str]:
    """The figures a place's page lists: its own and its sub-units' (a province also lists its groups')."""
    place = CATALOGUE.places[place_id]
    if place.level == "ward":
        return set(FRAME.loc[FRAME["place_id"] == place_id, "figure_id"])
    groups = [g.id for g in CATALOGUE.places.values() if g.level == "group" and place_id in (g.members or [])]
    mask = (FRAME["province_id"] == place_id) | FRAME["place_id"].isin(groups)
    return set(FRAME.loc[mask, "figure_id"])


def _with_most_figures(ids: list[str]) -> str:
    return max(ids, key=lambda place_id: len(_figures_of_view(place_id)))


@pytest.mark.parametrize("path, param, place_id", [
    ("province", "province", _with_most_figures(PROVINCES)),
    ("ward", "ward", _with_most_figures(WARDS)),
])
def test_csv_download_holds_the_figures_shown(page, path, param, place_id):
    expected = _figures_of_view(place_id)
    assert expected, f"{place_id} has no figures to download"
    open_view(page, f"/{path}?{param}={place_id}")
    button = page.locator('[data-testid="stDownloadButton"] button').filter(
        has_text=t("download_csv", "en", count=len(expected)))
    assert button.count() == 1, "the CSV button must name as many figures as the page lists"
    with page.expect_download() as download_info:
        button.click()
    download = download_info.value
    assert download.suggested_filename == f"{path}-{place_id}.csv"
    data = download.path().read_bytes()
    assert data.startswith("\ufeff".encode()), "the download carries the byte-order mark Excel reads UTF-8 by"
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == len(expected)
    assert {row["figure_id"] for row in rows} == expected
    # each row cites the page's own address, on the host the reader opened
    assert {row["page_url"] for row in rows} == {page.url.split("?")[0] + f"?{param}={place_id}"}
    figures = {figure.id: figure for figure in CATALOGUE.figures}
    for row in rows:
        figure = figures[row["figure_id"]]
        assert (row["place_id"], row["metric_id"], row["source_id"]) == (figure.place, figure.metric,
                                                                         figure.source)
        assert float(row["value"]) == figure.value
    assert_sound(page)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_chart_toolbar_speaks_the_language(page, lang):
    """Plotly's own toolbar (zoom, pan, download, …) reads in the chosen language, not always in English.
    Streamlit adds a 'Fullscreen' button of its own, whose English title no app can change."""
    province_id = max(PROVINCES, key=lambda p: len(place_charts.province_charts(INDEX, p)))
    open_view(page, _url("province", lang, province=province_id))
    assert_sound(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.hover()
    titles = chart.locator(".modebar-btn").evaluate_all("els => els.map(e => e.getAttribute('data-title'))")
    titles = [title for title in titles if title not in ("Fullscreen", "Close fullscreen")]
    assert titles, "the chart has a toolbar"
    words = {messages("en")[key]: messages(lang)[key] for key in PLOTLY_KEYS}
    assert set(titles) <= set(words.values()), f"toolbar words not from the {lang} catalogue: {titles}"
    assert words["Download plot as a PNG"] in titles
    if lang != "en":
        assert not set(titles) & set(words), f"English left in the toolbar: {set(titles) & set(words)}"
