"""The table of every figure on a page, and the Sources page's headings, as a reader sees them (issue 35, part
4): on a phone each row stacks into a block of labelled fields and nothing scrolls sideways; on a desktop the
rows are a table, every one of them shown whole (no box of fixed height hiding the last)."""

from __future__ import annotations

import functools

import pytest
from app_tab import open_view, screenshot

from components.catalogue.load import BUNDLED_METRICS, load_catalogue
from components.table.index import CatalogueIndex, build_index
from components.table.tidy import figures_frame
from components.views import page_views, selections
from components.words.i18n import LANGUAGES

WINDOWS = {"390": (390, 844), "1440": (1440, 900)}
TOLERANCE_PX = 1
TITLE_LINES_ON_A_PHONE = 5  # a source's title heads its box in a few lines, not seven


@functools.cache
def _index() -> CatalogueIndex:
    catalogue = load_catalogue(BUNDLED_METRICS)
    return build_index(catalogue, figures_frame(catalogue))


def _paths() -> dict[str, str]:
    """The province page a reader opens first, a ward page that also shows the figures of the places above it,
    and the Sources page."""
    index = _index()
    ward = next(w for w in selections.ward_ids(index) if any(index.place_count(a) for a in index.ancestors(w)))
    return {"province": f"/province?province={page_views.default_place(index, 'province')}",
            "ward": f"/ward?ward={ward}", "sources": "/sources"}


# Per table of figures: its box, whether the box or the page scrolls sideways or the box up and down, and per
# row its display, box, and the boxes of its cells with the label each shows before it (stacked only).
_TABLES = """() => {
  const box = e => { const b = e.getBoundingClientRect(); return {left: b.left, right: b.right, top: b.top,
                                                                  bottom: b.bottom, height: b.height}; };
  const root = document.scrollingElement, main = document.querySelector('[data-testid="stMain"]');
  return {
    pageScrollsSideways: root.scrollWidth > root.clientWidth + 1 || main.scrollWidth > main.clientWidth + 1,
    width: main.clientWidth,
    tables: [...document.querySelectorAll('.antq-figures')].map(region => ({
      box: box(region),
      sideways: region.scrollWidth > region.clientWidth + 1,
      upDown: region.scrollHeight > region.clientHeight + 1,
      rows: [...region.querySelectorAll('tbody tr:not(.antq-cite-row)')].map(row => ({
        display: getComputedStyle(row).display, box: box(row),
        cells: [...row.querySelectorAll('td')].filter(td => td.textContent.trim()).map(td => ({
          box: box(td), label: getComputedStyle(td, '::before').content})),
      })),
    })),
  };
}"""


def _with_lang(path: str, lang: str) -> str:
    return path if lang == "en" else f"{path}{'&' if '?' in path else '?'}lang={lang}"


def _measure(open_tab, app_url, window: str, lang: str, name: str) -> dict:
    tab = open_tab(app_url, WINDOWS[window])
    open_view(tab, _with_lang(_paths()[name], lang))
    for toggle in tab.locator('[data-testid="stMain"] [data-testid="stCheckbox"] input').all()[:1]:
        toggle.check()  # a source with many figures shows its table on request: the first one is enough
        tab.wait_for_timeout(500)
    measured = tab.evaluate(_TABLES)
    screenshot(tab, f"tables-{name}-{window}px-{lang}")
    return measured


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", ["province", "ward", "sources"])
def test_on_a_phone_rows_stack_and_nothing_scrolls_sideways(open_tab, app_url, name, lang):
    shown = _measure(open_tab, app_url, "390", lang, name)
    assert not shown["pageScrollsSideways"]
    assert shown["tables"], "the page shows a table of its figures"
    for number, table in enumerate(shown["tables"], 1):
        assert not table["sideways"], f"table {number} scrolls sideways"
        assert table["rows"]
        for row in table["rows"]:
            assert row["display"] == "block", f"table {number}: a row is a {row['display']}, not a block"
            assert row["box"]["right"] <= table["box"]["right"] + TOLERANCE_PX
            for cell in row["cells"]:
                assert cell["label"] not in ("none", "normal", ""), "each field says which column it is"
                assert cell["box"]["left"] >= row["box"]["left"] - TOLERANCE_PX
                assert cell["box"]["right"] <= row["box"]["right"] + TOLERANCE_PX


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", ["province", "ward"])
def test_on_a_desktop_every_row_is_shown_whole_in_a_table(open_tab, app_url, name, lang):
    shown = _measure(open_tab, app_url, "1440", lang, name)
    assert not shown["pageScrollsSideways"]
    (table,) = shown["tables"]
    assert not table["sideways"] and not table["upDown"], "no row hidden behind a scroll of the table's own"
    rows = table["rows"]
    assert len(rows) > 3
    for row in rows:
        assert row["display"] == "table-row"
        assert table["box"]["top"] - TOLERANCE_PX <= row["box"]["top"]
        assert row["box"]["bottom"] <= table["box"]["bottom"] + TOLERANCE_PX
        assert all(cell["label"] in ("none", "normal") for cell in row["cells"]), "a table's header names them"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_on_a_phone_a_sources_title_is_a_heading_of_a_few_lines(open_tab, app_url, lang):
    tab = open_tab(app_url, WINDOWS["390"])
    open_view(tab, _with_lang(_paths()["sources"], lang))
    lines = tab.locator('[data-testid="stMain"] [class*="st-key-antq-source-"] h2').evaluate_all(
        "hs => hs.map(h => Math.round(h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight)))")
    assert lines, "each source's box is headed by its title"
    assert max(lines) <= TITLE_LINES_ON_A_PHONE, lines
