"""The dashboard in AppTest: what a province page says of its figures' citations (issue 35): a change with its
sign and what it is compared with, the other sources reporting a figure in its table, and every image's footer
ending with the page's full address when the dashboard's address is set, and with its name only when not."""

from __future__ import annotations

import pytest
import streamlit as st
from dashboard_helpers import (
    BUNDLED,
    PROVINCE,
    catalogue_of,
    charts,
    figure_tables,
    frame_of,
    no_problem,
    run_page,
    tiles,
)

from components.catalogue import kinds
from components.views import address, display
from components.words.i18n import t


@pytest.fixture(autouse=True)
def bundled(monkeypatch, tmp_path):
    """The bundled catalogue, and no address set unless a test sets one (no secrets file where Streamlit looks).
    The app reads the address as it draws a page, and keeps the page per catalogue content: a server is started
    with its address, so a test that changes it starts from an empty cache."""
    monkeypatch.delenv("METRICS_FILE", raising=False)
    monkeypatch.delenv(address.ADDRESS_SETTING, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(address, "ROOT", tmp_path)
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def _province_with(predicate) -> str:
    """The first province (in catalogue order) whose own figures include one `predicate` holds for."""
    frame = frame_of(BUNDLED)
    return next(p for p, f in zip(frame["province_id"], frame.itertuples(), strict=True) if p and predicate(f))


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_figures_table_names_the_other_sources_of_a_figure(lang):
    catalogue = catalogue_of(BUNDLED)
    province = _province_with(lambda f: bool(f.also_in))
    at = run_page(PROVINCE, province=province, lang=lang)
    no_problem(at)
    (table,) = figure_tables(at)
    column = t("col_also_in", lang)
    assert column in table.columns
    cited = [f for f in catalogue.figures if f.also_in and frame_of(BUNDLED).set_index("figure_id").loc[
        f.id, "province_id"] == province]
    named = " ".join(table[column])
    for figure in cited:
        for other in figure.also_in:
            assert display.short_source(catalogue.sources[other.source], lang) in named


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_change_card_is_signed_and_says_what_it_is_compared_with(lang):
    catalogue = catalogue_of(BUNDLED)
    province = _province_with(lambda f: kinds.is_signed(f.metric_kind))
    at = run_page(PROVINCE, province=province, lang=lang)
    no_problem(at)
    changes = [tile for tile in tiles(at) if "\u2212" in tile.value or tile.value.startswith("+")]
    assert changes, [tile.value for tile in tiles(at)]
    for tile in changes:
        assert "-" not in tile.value and t("compared_with", lang, period="") in tile.caption
    assert not [tile for tile in tiles(at) if tile.value.lstrip("≈><≤≥\u00a0").startswith("-")], "no hyphen-minus"
    assert catalogue  # the expected words come from the catalogue's change figures (tests/components/views)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_without_the_address_every_footer_ends_with_the_dashboards_name(lang):
    at = run_page(PROVINCE, province="phu-tho", lang=lang)
    no_problem(at)
    assert charts(at)
    for chart in charts(at):
        assert chart.footer.endswith(t("app_title", lang)), chart.footer
        assert "/province" not in chart.footer, "no bare path: it leads nowhere from a pasted image"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_with_the_address_every_footer_ends_with_its_pages_full_link(monkeypatch, lang):
    monkeypatch.setenv(address.ADDRESS_SETTING, "https://antq.example.org")
    at = run_page(PROVINCE, province="phu-tho", lang=lang)
    no_problem(at)
    link = "https://antq.example.org/province?province=phu-tho" + ("&lang=vi" if lang == "vi" else "")
    assert charts(at)
    for chart in charts(at):
        assert chart.footer.endswith(f"{t('app_title', lang)} · {link}"), chart.footer
