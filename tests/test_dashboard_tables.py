"""The dashboard in AppTest: the tables and pages a reader reads on a phone and a desktop (issue 35, part 4): the
table of every figure on a page cites each source once, a ward page shows the figures of the places above it
labelled as theirs, a place's '(N figures)' means the same on every page, and no heading repeats the title."""

from __future__ import annotations

import functools

import pytest
from dashboard_helpers import (
    BUNDLED,
    PROVINCE,
    SOURCES,
    WARD,
    catalogue_of,
    figure_tables,
    frame_of,
    no_problem,
    run_page,
    tiles,
    unmd,
)

from components.table.index import build_index
from components.views import display, page_views, selections
from components.words.i18n import t, t_count

LANGS = ["en", "vi"]


@functools.cache
def _index():
    catalogue = catalogue_of(BUNDLED)
    return build_index(catalogue, frame_of(BUNDLED))


def _ward_under_places_with_figures() -> str:
    """The first ward (in catalogue order) whose district or province has figures of its own."""
    index = _index()
    return next(w for w in selections.ward_ids(index) if any(index.place_count(a) for a in index.ancestors(w)))


@pytest.mark.parametrize("lang", LANGS)
def test_the_table_of_every_figure_cites_each_source_once_above_its_rows(lang):
    index = _index()
    province = page_views.default_place(index, "province")
    view = page_views.province_page(index, province, lang)
    at = run_page(PROVINCE, province=province, lang=lang)
    no_problem(at)
    (table,) = figure_tables(at)
    rows = view.table(None)
    assert len(table) == view.table_total == len(rows)
    assert t("col_source", lang) not in table.columns, "no column repeats the citation on every row"
    cited = table.attrs["citations"]
    expected = [f"{t('source', lang)}: {text}" for text in dict.fromkeys(rows["source_text"])]
    assert [c.split(" · ")[0] for c in cited] == expected, "each source once, in the order its figures come"
    assert len(cited) < len(table), "the bundled province has sources with several figures"


@pytest.mark.parametrize("lang", LANGS)
def test_the_sources_page_does_not_cite_again_the_source_a_table_is_about(lang):
    at = run_page(SOURCES, lang=lang)
    no_problem(at)
    tables = figure_tables(at)
    assert tables
    for table in tables:
        assert not table.attrs["citations"] and t("col_source", lang) not in table.columns
        assert len(table.columns) == len(set(table.columns))


@pytest.mark.parametrize("lang", LANGS)
def test_a_ward_page_shows_the_figures_of_the_places_above_it_as_theirs(lang):
    index, catalogue = _index(), catalogue_of(BUNDLED)
    ward = _ward_under_places_with_figures()
    name = index.places[ward].short_name
    at = run_page(WARD, ward=ward, lang=lang)
    no_problem(at)
    cards = tiles(at)
    above = [a for a in index.ancestors(ward) if index.place_count(a)]
    assert above
    headers = [unmd(h.value) for h in at.header]
    for place_id in above:
        place = display.full_place_label(catalogue, place_id, lang)
        heading = t("above_figures", lang, place=place, name=name)
        assert heading in headers
        theirs = [card for card in cards if heading in card.headers]
        assert len(theirs) == min(index.place_count(place_id), page_views.CARDS_PER_SECTION)
        assert all(place in card.caption for card in theirs), "each card names the place it is about"
        captions = [unmd(c.value) for c in at.caption]
        assert t("above_figures_lede", lang, place=place, name=name) in captions
    own = [card for card in cards if not card.headers]
    assert len(own) >= index.place_count(ward), "the ward's own cards stand outside the boxes of the places above"
    (table,) = figure_tables(at)
    expected = index.place_count(ward) + sum(index.place_count(a) for a in above)
    assert len(table) == expected, "the table holds every figure the page shows"
    places = set(table[t("col_place", lang)])
    assert {display.place_label(catalogue, a, lang) for a in above} <= places


@pytest.mark.parametrize("lang", LANGS)
def test_a_provinces_count_of_figures_is_the_same_on_the_province_and_the_ward_page(lang):
    index = _index()
    ward = _ward_under_places_with_figures()
    province = index.province_of(ward)
    at = run_page(WARD, ward=ward, lang=lang)
    no_problem(at)
    on_ward_page = at.selectbox(key="ward-province")
    assert on_ward_page.value == province
    assert t("place_count_help", lang) in (on_ward_page.help or "")
    at = run_page(PROVINCE, province=province, lang=lang)
    no_problem(at)
    on_province_page = at.selectbox(key="select-province")
    assert t("place_count_help", lang) in (on_province_page.help or "")
    option = page_views.place_choices(index, "province", lang)[province]
    assert on_province_page.format_func(province) == on_ward_page.format_func(province) == option
    count = len(index.subtree_rows(province))
    assert t_count("n_figures", lang, count) in option, "the figures about the province and the places in it"
    ward_option = page_views.place_choices(index, "ward", lang)[ward]
    assert t_count("n_figures", lang, len(index.subtree_rows(ward))) in ward_option


@pytest.mark.parametrize("lang", LANGS)
def test_no_heading_names_the_province_again_right_under_its_title(lang):
    index = _index()
    province = page_views.default_place(index, "province")
    at = run_page(PROVINCE, province=province, lang=lang)
    no_problem(at)
    short = index.places[province].short_name
    first = unmd(at.header[0].value)
    assert short not in first and first == t("province_own_figures", lang)
