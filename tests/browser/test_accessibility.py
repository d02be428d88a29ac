"""Accessibility checked by a real engine (issue 16): axe-core, bundled by axe-playwright-python, on every kind of
page in both languages at a phone's and a desktop's width, with every chart's words and table unfolded, and on
the export's index.html; and a screen reader's pass over a province page, read from its accessibility tree.

Run: .venv/bin/python -m pytest -m browser tests/browser/test_accessibility.py
"""

from __future__ import annotations

import functools
import json
import re

import pytest
from app_tab import ARTIFACTS, open_view, wait_idle
from axe_playwright_python.sync_playwright import Axe

from components.catalogue.load import BUNDLED_METRICS, load_catalogue
from components.report.index_page import index_html
from components.report.pages import ReportSheet, report_pages
from components.report.sheets import sheet_words
from components.table.index import build_index
from components.table.tidy import figures_frame
from components.views import page_views, place_charts, selections
from components.words.i18n import LANGUAGES, t

WINDOWS = {"390": (390, 844), "1440": (1440, 900)}
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a",
                                                     "wcag22aa", "best-practice"]},
               "resultTypes": ["violations"]}
FAILING_IMPACTS = ("serious", "critical")

# Violations that come from Streamlit's own frame (its header, sidebar, menus, widgets' inner markup), which the
# project cannot change: rule id -> why it is Streamlit's. Each is reported in docs/accessibility.md
# (the allow-list). Everything else fails the test. Empty with Streamlit 1.67 and axe-core 4.12: nothing to excuse.
STREAMLIT_ALLOWED: dict[str, str] = {}


@functools.cache
def _index():
    catalogue = load_catalogue(BUNDLED_METRICS)
    return build_index(catalogue, figures_frame(catalogue))


def page_paths() -> dict[str, str]:
    """One page of each kind: the overview, the first province and ward pages with charts (they show every kind
    of block: cards, charts with their words and tables, links, the figures table), sources, data quality."""
    index = _index()
    province = next(p for p in selections.province_ids(index) if place_charts.province_charts(index, p))
    ward = next(w for w in selections.ward_ids(index) if place_charts.ward_charts(index, w))
    return {"overview": "/", "province": f"/province?province={province}", "ward": f"/ward?ward={ward}",
            "sources": "/sources", "data-quality": "/data-quality"}


def _with_lang(path: str, lang: str) -> str:
    return path if lang == "en" else f"{path}{'&' if '?' in path else '?'}lang={lang}"


def unfold_charts(tab) -> int:
    """Open every chart's folded words (so axe and the screen reader see the words and the table), then
    scroll back to the top: axe leaves the contrast of text scrolled out of Streamlit's main container
    undecided ('incomplete'), so a scan of a scrolled page would miss it."""
    summaries = tab.locator("details.antq-words summary")
    for number in range(summaries.count()):
        summaries.nth(number).click()
    if summaries.count():
        tab.wait_for_function("() => document.querySelectorAll('details.antq-words[open]').length >= 1")
        wait_idle(tab)
    tab.evaluate("() => document.querySelectorAll('[data-testid=\"stMain\"], [data-testid=\"stSidebarContent\"]')"
                 ".forEach(e => e.scrollTo(0, 0))")
    return summaries.count()


def axe_violations(tab) -> list[dict]:
    """axe-core's violations of the page as it opens and again with every chart's words unfolded, each rule
    once with the elements of both scans."""
    merged: dict[str, dict] = {}
    for unfold in (False, True):
        if unfold:
            unfold_charts(tab)
        for violation in Axe().run(tab, options=AXE_OPTIONS).response["violations"]:
            if violation["id"] in merged:
                merged[violation["id"]]["nodes"] += violation["nodes"]
            else:
                merged[violation["id"]] = violation
    return list(merged.values())


def blocking(violations: list[dict]) -> list[dict]:
    """The violations that fail the test: serious or critical, and not Streamlit's own (STREAMLIT_ALLOWED)."""
    return [v for v in violations if v["impact"] in FAILING_IMPACTS and v["id"] not in STREAMLIT_ALLOWED]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} element(s)]")
        for node in v["nodes"][:5]:
            message = next((c["message"] for kind in ("any", "all", "none") for c in node.get(kind, [])), "")
            lines.append(f"    {node['html'][:160]!s} | {message[:200]}")
    return "\n".join(lines)


_SCANNED: dict[tuple[str, str], dict[str, dict]] = {}


@pytest.fixture
def scanned(app_url, open_tab):
    """scanned(window, lang): every page of page_paths() in that window and language, charts unfolded, with
    axe's violations, the document's language and how many charts it unfolded; one tab, once per run."""
    def scan(window: str, lang: str) -> dict[str, dict]:
        key = (window, lang)
        if key not in _SCANNED:
            tab = open_tab(app_url, WINDOWS[window])
            pages = {}
            for name, path in page_paths().items():
                try:
                    open_view(tab, _with_lang(path, lang))
                    violations = axe_violations(tab)
                    # the charts' words among the open folds (a finding's "for curators" is not a chart's)
                    words = tab.locator("summary").filter(has_text=t("chart_in_words", lang))
                    unfolded = tab.locator("details.antq-words[open]").filter(has=words).count()
                    ARTIFACTS.mkdir(parents=True, exist_ok=True)
                    tab.screenshot(path=str(ARTIFACTS / f"a11y-{name}-{window}px-{lang}.png"), full_page=True)
                    pages[name] = {"violations": violations, "unfolded": unfolded,
                                   "lang": tab.evaluate("document.documentElement.lang"),
                                   "exceptions": tab.locator('[data-testid="stException"]').count()}
                except Exception as exc:  # one page that does not load fails its own cases only
                    pages[name] = {"error": f"{type(exc).__name__}: {exc}"[:2000]}
            _SCANNED[key] = pages
            found = {name: [f"{v['id']} ({v['impact']}): {len(v['nodes'])}" for v in page.get("violations", [])]
                     for name, page in pages.items()}
            (ARTIFACTS / f"a11y-violations-{window}px-{lang}.json").write_text(json.dumps(found, indent=1))
        return _SCANNED[key]

    return scan


CASES = [pytest.param(window, lang, name, id=f"{name}-{window}px-{lang}")
         for window in WINDOWS for lang in LANGUAGES for name in page_paths()]


def _page(scanned, window, lang, name) -> dict:
    page = scanned(window, lang)[name]
    assert "error" not in page, page.get("error")
    assert page["exceptions"] == 0, f"{name} shows an exception"
    return page


@pytest.mark.parametrize("window, lang, name", CASES)
def test_no_serious_or_critical_violation(scanned, window, lang, name):
    page = _page(scanned, window, lang, name)
    found = blocking(page["violations"])
    assert not found, f"axe-core on {name} ({window}px, {lang}):\n{describe(found)}"


@pytest.mark.parametrize("window, lang, name", CASES)
def test_the_page_says_its_language_and_unfolds_every_charts_words(scanned, window, lang, name):
    page = _page(scanned, window, lang, name)
    assert page["lang"] == lang
    index = _index()
    charts = {"overview": lambda: page_views.overview_page(index, lang, None).charts,
              "province": lambda: place_charts.province_charts(index, page_paths()["province"].split("=")[-1], lang),
              "ward": lambda: place_charts.ward_charts(index, page_paths()["ward"].split("=")[-1], lang)}
    expected = len(charts[name]()) if name in charts else 0
    assert page["unfolded"] == expected


def test_blocking_keeps_what_the_project_causes(monkeypatch):
    """The filter itself: serious and critical count, lesser impacts and allow-listed rules do not."""
    violations = [{"id": "color-contrast", "impact": "serious"}, {"id": "image-alt", "impact": "critical"},
                  {"id": "region", "impact": "moderate"}]
    monkeypatch.setattr(f"{__name__}.STREAMLIT_ALLOWED", {})
    assert [v["id"] for v in blocking(violations)] == ["color-contrast", "image-alt"]
    monkeypatch.setattr(f"{__name__}.STREAMLIT_ALLOWED", {"image-alt": "Streamlit's own"})
    assert [v["id"] for v in blocking(violations)] == ["color-contrast"]


# ---- the export ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("window", "lang"), [("390", "vi"), ("1440", "en")])  # each width and language once
def test_the_exports_index_has_no_violation(open_tab, tmp_path, window, lang):
    catalogue = load_catalogue(BUNDLED_METRICS)
    pages = report_pages(catalogue, figures_frame(catalogue), lang=lang)
    report = tmp_path / "index.html"
    report.write_text(index_html(pages, lang=lang),
                      encoding="utf-8")
    tab = open_tab("http://127.0.0.1", WINDOWS[window])
    tab.goto(report.as_uri())
    tab.locator("details.antq-words summary").first.click()  # a fold opens by its summary ...
    tab.evaluate("document.querySelectorAll('details.antq-words').forEach(d => d.open = true)")  # ... all of them
    assert tab.locator("details.antq-words[open] table").count() == sum(len(p.charts) for p in pages)
    violations = Axe().run(tab, options=AXE_OPTIONS).response["violations"]
    assert not violations, describe(violations)  # all ours: nothing is excused
    assert tab.evaluate("document.documentElement.lang") == lang
    alts = tab.locator("figure img").evaluate_all("els => els.map(e => e.alt)")
    assert alts == [sheet_words(item.sheet, lang) if isinstance(item, ReportSheet) else item.chart.alt
                    for page in pages for item in page.parts]


# ---- a screen reader's pass -----------------------------------------------------------------------------


def _expected_reading(view: page_views.PageView) -> list[str]:
    """What a screen reader must meet on a province page, in this order: each source's citation, then each of
    its figures (what it measures, its value as reported, its unit, place and period), each chart's heading,
    its words and its table's rows."""
    said = [view.title]

    def walk(blocks):
        for block in blocks:
            if isinstance(block, page_views.Heading):
                said.append(block.text)
            elif isinstance(block, page_views.CardGroup):
                said.append(f"{t('source', LANG)}: {block.citation}")
                if block.period:
                    said.append(block.period)
                for card in block.cards:
                    said.extend([card.label, card.value, *card.lines])
                    if card.help:  # what the figure is about, folded under a summary a keyboard opens
                        said.append(t("card_about", LANG))
            elif isinstance(block, page_views.ChartBlock):
                chart = block.chart
                said.extend([chart.title, chart.alt, *(" ".join(row) for row in chart.table.rows)])
            elif isinstance(block, page_views.Boxed):
                said.append(block.heading)
                walk(block.blocks)

    walk(view.blocks)
    return said


LANG = "en"


def _reading(snapshot: str) -> str:
    """The accessibility tree as one line of what is read: YAML quoting undone, white space collapsed."""
    text = snapshot.replace('\\"', '"').replace("\\\\", "\\")
    return " ".join(text.split())


def test_a_screen_reader_reads_a_province_page_in_order(open_tab, app_url):
    province_id = page_paths()["province"].split("=")[-1]
    view = page_views.province_page(_index(), province_id, LANG)
    assert view.charts and any(isinstance(b, page_views.CardGroup) for b in view.blocks)
    tab = open_tab(app_url, WINDOWS["1440"])
    open_view(tab, page_paths()["province"])
    unfold_charts(tab)
    snapshot = tab.locator('[data-testid="stMain"]').aria_snapshot()
    (ARTIFACTS / "a11y-province-aria.yaml").write_text(snapshot, encoding="utf-8")
    reading = _reading(snapshot)
    position = 0
    for text in _expected_reading(view):
        wanted = " ".join(text.split())
        found = reading.find(wanted, position)
        assert found >= 0, (f"not read after position {position}: {wanted!r}\n"
                            f"next: {reading[position:position + 400]!r}")
        position = found + len(wanted)
    # the chart is a figure named by its title, under a heading of that title, and its data a table named by
    # its caption
    for chart in view.charts:
        title = " ".join(chart.title.split())
        assert re.search(rf'heading "{re.escape(title)}" \[level=3\]', reading)
        assert f'figure "{title}"' in reading
        named = t("chart_table_caption", LANG, title=title)  # then what every row has, said once
        named += f". {' '.join(chart.table.shared_text.split())}" if chart.table.shared else ""
        assert f'table "{named}"' in reading
    assert "\\-" not in reading, "no Markdown escape is read aloud"


def test_source_links_say_where_they_go(open_tab, app_url):
    tab = open_tab(app_url, WINDOWS["1440"])
    open_view(tab, page_paths()["province"])
    names = tab.locator('[data-testid="stMain"] .antq-cards a[href^="http"]').evaluate_all(
        "els => els.map(a => [a.textContent.trim(), new URL(a.href).hostname.replace(/^www\\./, '')])")
    assert names
    for text, host in names:
        assert host in text, f"a link to {host} reads {text!r}"


# ---- the keyboard ---------------------------------------------------------------------------------------

_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const box = e.getBoundingClientRect();
  const owners = [];
  for (let a = e; a; a = a.parentElement) {
    if (a.getAttribute && a.getAttribute('data-testid')) owners.push(a.getAttribute('data-testid'));
  }
  return {words: !!e.closest('details.antq-words'),
          tag: e.tagName.toLowerCase(), role: e.getAttribute('role') || '', text: (e.getAttribute('aria-label')
          || e.textContent || '').trim().slice(0, 80), owners, visible: box.width > 0 && box.height > 0};
}"""


def test_every_kind_of_control_is_reached_by_tab_and_used_by_keyboard(open_tab, app_url):
    """Tab from the top of a province page reaches the language switch, the page links, the place selector,
    each chart's words and the downloads; Enter on a chart's words unfolds them."""
    tab = open_tab(app_url, WINDOWS["1440"])
    open_view(tab, page_paths()["province"])
    reached = []
    for _ in range(120):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(_FOCUSED)
        if focused:
            reached.append(focused)
    kinds = {owner for f in reached for owner in f["owners"]}
    assert {"stSidebarNavLink", "stSelectbox", "stDownloadButton"} <= kinds and any(f["words"] for f in reached), kinds
    assert any("stButtonGroup" in f["owners"] and f["text"] in ("English", "Tiếng Việt") for f in reached), [
        (f["text"], f["owners"][:2]) for f in reached]
    wanted = {"stSelectbox", "stDownloadButton"}
    assert all(f["visible"] for f in reached if f["words"] or wanted & set(f["owners"])), reached

    summary = tab.locator("details.antq-words summary").first
    summary.focus()
    with_words = tab.locator("details.antq-words[open]")
    assert with_words.count() == 0
    tab.keyboard.press("Enter")
    with_words.first.wait_for()
    assert with_words.first.locator("table").count() == 1
