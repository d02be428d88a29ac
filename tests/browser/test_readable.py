"""Every chart readable on a phone and on a desktop, in both languages: no text outside the chart, the toolbar
off the title, no bar chart of one bar, a title on every chart and no exception on any page (issue 13)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from app_tab import open_view, selected_option
from dashboard_helpers import copy_bundled, fixed_sample

from components.catalogue.load import BUNDLED_METRICS, load_catalogue
from components.table.index import CatalogueIndex, build_index
from components.table.tidy import figures_frame
from components.views import place_charts, selections
from components.views.charts import IMAGE_WIDTH, NARROWEST_PX
from components.words.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
# name in the test ids -> catalogue served (None: the bundled metrics.yaml, as the app serves it by default)
CATALOGUES: dict[str, Path | None] = {
    "bundled": None,
    "close-wards": ROOT / "tests" / "data" / "close_wards" / "metrics.yaml",
}
WINDOWS = {"390": (390, 844), "1440": (1440, 900)}
TOLERANCE_PX = 1
ELEMENT_GAP_PX = 16  # Streamlit's gap between the elements of a page (1rem)
WORDS_GAP_PX = 8  # at most between a chart and its folded words (the report's .25rem, and a little)

# Per chart: the main SVG's box, every visible text of the chart with its box and what it is, the title's
# box (title and subtitle), and its bars of data when every trace is a bar trace.
_MEASURE = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(chart => {
  const box = element => {
    const b = element.getBoundingClientRect();
    return {left: b.left, top: b.top, right: b.right, bottom: b.bottom, width: b.width, height: b.height};
  };
  const plot = chart.querySelector('.js-plotly-plot');
  const svg = plot && plot.querySelector('.main-svg');
  if (!svg) return {title: '', svg: null, texts: [], titleBox: null, bars: null};
  const kind = t => {
    for (let e = t; e && e !== plot; e = e.parentElement) {
      const name = e.getAttribute && e.getAttribute('class');
      if (name && /gtitle|annotation|legend|xtick|ytick|xtitle|ytitle|bartext|colorbar/.test(name)) return name;
    }
    return t.getAttribute('class') || 'text';
  };
  const texts = [...plot.querySelectorAll('.main-svg text')]
    .filter(t => t.textContent.trim() && !t.closest('.hoverlayer'))
    .map(t => ({kind: kind(t), text: t.textContent.slice(0, 80), box: box(t)}))
    .filter(t => t.box.width > 0 || t.box.height > 0);
  const traces = (plot._fullData || []).filter(trace => trace.visible === true);
  let bars = null;
  if (traces.length && traces.every(trace => trace.type === 'bar')) {
    const stacked = ['stack', 'relative', 'overlay'].includes(plot._fullLayout.barmode);
    const positions = new Set();
    let count = 0;
    for (const trace of traces) {
      const horizontal = trace.orientation === 'h';
      const where = Array.from((horizontal ? trace.y : trace.x) || []);
      const values = Array.from((horizontal ? trace.x : trace.y) || []);
      values.forEach((value, i) => {
        if (value === null || value === '' || !Number.isFinite(Number(value))) return;
        count += 1;
        positions.add(String(where[i]));
      });
    }
    bars = stacked ? positions.size : count;
  }
  const title = plot.querySelector('.gtitle');
  // the room between the chart and what the reader sees around it: the last visible element above it, and its
  // words (folded) below it
  const slot = chart.closest('[data-testid="stElementContainer"]');
  let above = slot.previousElementSibling;
  while (above && above.getBoundingClientRect().height === 0) above = above.previousElementSibling;
  const next = slot.nextElementSibling;
  const words = next && next.querySelector(':scope [data-testid="stHtml"] > details.antq-words');
  const own = chart.getBoundingClientRect();
  return {title: title ? title.textContent : '', svg: box(svg), texts, bars,
          roomAbove: above ? own.top - above.getBoundingClientRect().bottom : null,
          roomToWords: words ? words.getBoundingClientRect().top - own.bottom : null};
})"""

_TITLE_AND_TOOLBAR = """chart => {
  const box = element => {
    const b = element.getBoundingClientRect();
    return {left: b.left, top: b.top, right: b.right, bottom: b.bottom, width: b.width, height: b.height};
  };
  const bar = chart.querySelector('.modebar');
  const shown = bar && getComputedStyle(bar).display !== 'none' && getComputedStyle(bar).opacity !== '0';
  return {toolbar: shown ? box(bar) : null,
          titleBoxes: [...chart.querySelectorAll('.gtitle, .gtitle-subtitle')].map(box)};
}"""


@dataclass
class Page:
    """What one page showed: an exception's text, if any, and its charts as measured."""

    error: str = ""
    charts: list[dict] = field(default_factory=list)


@functools.cache
def _index(name: str) -> CatalogueIndex:
    catalogue = load_catalogue(CATALOGUES[name] or BUNDLED_METRICS)
    return build_index(catalogue, figures_frame(catalogue))


def _longest_title(charts) -> int:
    return max((len(chart.title) for chart in charts), default=0)


@functools.cache
def page_paths(name: str) -> dict[str, str]:
    """The catalogue's pages to check, by name: overview, a sample of the province and ward pages with charts
    and, of each, the page whose chart has the longest title (the one most likely to reach the toolbar: on a
    phone in Vietnamese a title runs longest), sources and data quality."""
    index = _index(name)
    paths = {"overview": "/"}
    by_province = {p: place_charts.province_charts(index, p, "vi") for p in selections.province_ids(index)}
    by_ward = {w: place_charts.ward_charts(index, w, "vi") for w in selections.ward_ids(index)}
    provinces, wards = ([*fixed_sample(p for p in charts if charts[p]),
                         *[p for p in charts if charts[p]
                           and _longest_title(charts[p]) == max(map(_longest_title, charts.values()))][:1]]
                        for charts in (by_province, by_ward))
    paths |= {f"province-{p}": f"/province?province={p}" for p in provinces}
    paths |= {f"ward-{w}": f"/ward?ward={w}" for w in wards}
    return paths | {"sources": "/sources", "data-quality": "/data-quality"}


def _with_lang(path: str, lang: str) -> str:
    if lang == "en":
        return path
    return f"{path}{'&' if '?' in path else '?'}lang={lang}"


def _measure_page(tab, path: str) -> Page:
    open_view(tab, path)
    exceptions = tab.locator('[data-testid="stException"]')
    if exceptions.count():
        return Page(error=exceptions.first.inner_text()[:2000])
    charts = tab.evaluate(_MEASURE)
    elements = tab.locator('[data-testid="stPlotlyChart"]')
    for number, chart in enumerate(charts):
        element = elements.nth(number)
        element.scroll_into_view_if_needed()
        element.hover()
        tab.wait_for_timeout(150)  # the toolbar fades in
        chart.update(element.evaluate(_TITLE_AND_TOOLBAR))
    return Page(charts=charts)


_MEASURED: dict[tuple[str, str, str], dict[str, Page]] = {}


@pytest.fixture
def measured(start_app, open_tab):
    """measured(catalogue, window, lang): every page of that catalogue as shown in one window size and
    language, visited in turn in one tab (one browser context per window size), measured once per run."""
    def measure(name: str, window: str, lang: str) -> dict[str, Page]:
        key = (name, window, lang)
        if key not in _MEASURED:
            tab = open_tab(start_app(CATALOGUES[name]), WINDOWS[window])
            pages = {}
            for page_name, path in page_paths(name).items():
                try:
                    pages[page_name] = _measure_page(tab, _with_lang(path, lang))
                except Exception as exc:  # one page that does not load fails its own cases only
                    pages[page_name] = Page(error=f"{type(exc).__name__}: {exc}"[:2000])
            _MEASURED[key] = pages
        return _MEASURED[key]

    return measure


CASES = [pytest.param(name, window, lang, page_name, id=f"{name}-{page_name}-{window}px-{lang}")
         for name in CATALOGUES for window in WINDOWS for lang in LANGUAGES for page_name in page_paths(name)]


def _shown(measured, name, window, lang, page_name) -> Page:
    page = measured(name, window, lang)[page_name]
    assert not page.error, f"{page_paths(name)[page_name]} ({window}px, {lang}) shows an error:\n{page.error}"
    return page


def _outside(inner: dict, outer: dict) -> bool:
    return (inner["left"] < outer["left"] - TOLERANCE_PX or inner["top"] < outer["top"] - TOLERANCE_PX
            or inner["right"] > outer["right"] + TOLERANCE_PX or inner["bottom"] > outer["bottom"] + TOLERANCE_PX)


def _overlap(one: dict, other: dict) -> bool:
    width = min(one["right"], other["right"]) - max(one["left"], other["left"])
    height = min(one["bottom"], other["bottom"]) - max(one["top"], other["top"])
    return width > TOLERANCE_PX and height > TOLERANCE_PX


def _sides(box: dict) -> list[int]:
    return [round(box[side]) for side in ("left", "top", "right", "bottom")]


def _where(chart: dict, number: int) -> str:
    return f"chart {number} ({chart['title']!r})"


@pytest.mark.parametrize("name, window, lang, page_name", CASES)
def test_no_exception_and_every_chart_titled(measured, name, window, lang, page_name):
    page = _shown(measured, name, window, lang, page_name)
    untitled = [number for number, chart in enumerate(page.charts, 1) if not chart["title"].strip()]
    assert not untitled, f"charts {untitled} have no title"


@pytest.mark.parametrize("name, window, lang, page_name", CASES)
def test_no_chart_text_outside_its_image(measured, name, window, lang, page_name):
    page = _shown(measured, name, window, lang, page_name)
    outside = [f"{_where(chart, number)}: {text['kind']} {text['text']!r} at {_sides(text['box'])} outside "
               f"{_sides(chart['svg'])}"
               for number, chart in enumerate(page.charts, 1) for text in chart["texts"]
               if _outside(text["box"], chart["svg"])]
    assert not outside, "text outside its chart:\n" + "\n".join(outside)


@pytest.mark.parametrize("name, window, lang, page_name", CASES)
def test_toolbar_leaves_the_title_free(measured, name, window, lang, page_name):
    page = _shown(measured, name, window, lang, page_name)
    covered = [f"{_where(chart, number)}: toolbar {_sides(chart['toolbar'])} over title {_sides(title)}"
               for number, chart in enumerate(page.charts, 1) if chart["toolbar"]
               for title in chart["titleBoxes"] if _overlap(chart["toolbar"], title)]
    assert not covered, "\n".join(covered)


@pytest.mark.parametrize("name, window, lang, page_name", CASES)
def test_no_bar_chart_of_one_bar(measured, name, window, lang, page_name):
    page = _shown(measured, name, window, lang, page_name)
    single = [f"{_where(chart, number)}: {chart['bars']} bar(s)" for number, chart in enumerate(page.charts, 1)
              if chart["bars"] is not None and chart["bars"] < 2]
    assert not single, "bar charts need at least two bars to compare:\n" + "\n".join(single)


@pytest.mark.parametrize("name, window, lang, page_name", CASES)
def test_a_chart_sits_in_the_page_flow_with_its_words_right_under_it(measured, name, window, lang, page_name):
    """The hidden heading before a chart takes no room (a chart is as far from what is above it as any element
    from the next), and its folded words sit right under it, as in the report."""
    page = _shown(measured, name, window, lang, page_name)
    apart = [f"{_where(chart, number)}: {chart['roomAbove']:.0f} px below what is above it, not {ELEMENT_GAP_PX}"
             for number, chart in enumerate(page.charts, 1)
             if chart["roomAbove"] is not None and abs(chart["roomAbove"] - ELEMENT_GAP_PX) > TOLERANCE_PX]
    loose = [f"{_where(chart, number)}: its words {chart['roomToWords']:.0f} px under it"
             for number, chart in enumerate(page.charts, 1)
             if chart["roomToWords"] is not None and not 0 <= chart["roomToWords"] <= WORDS_GAP_PX]
    assert not apart + loose, "\n".join(apart + loose)


# The widest line of any chart's title, subtitle or footer, and whether every one of them lies inside its image.
_TEXT_WIDTHS = """() => {
  const plots = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')];
  let widest = 0, inside = plots.length > 0;
  for (const plot of plots) {
    const svg = plot.querySelector('.main-svg').getBoundingClientRect();
    for (const text of plot.querySelectorAll('.gtitle, .gtitle-subtitle, .annotation-text')) {
      for (const line of [text, ...text.querySelectorAll('tspan.line')]) {
        const b = line.getBoundingClientRect();
        if (!b.width) continue;
        widest = Math.max(widest, b.width);
        if (b.left < svg.left - 1 || b.right > svg.right + 1) inside = false;
      }
    }
  }
  return {widest, inside};
}"""


def test_a_desktop_browser_as_narrow_as_a_phone_gets_the_phones_chart_text_then_the_desktops(
        start_app, open_tab, tmp_path_factory):
    """A reader's browser that does not say it is a phone is first given the image's text widths; the page's
    probe measures the charts and the page is drawn again for the width they have, also when the window
    changes size (components.app.screen). On a server of its own, whose first run is slow (nothing imported or
    read yet): the probe's report then stops that run before the page's selector is drawn."""
    index = _index("bundled")
    province = max(selections.province_ids(index), key=lambda p: len(place_charts.province_charts(index, p)))
    metrics, _places = copy_bundled(tmp_path_factory.mktemp("cold-server"))
    url = start_app(metrics)
    browser = open_tab(url, WINDOWS["1440"]).context.browser
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=url)
    try:
        tab = context.new_page()
        open_view(tab, f"/province?province={province}")  # the province with most charts
        tab.wait_for_function(f"() => ({_TEXT_WIDTHS})().inside", timeout=30_000)
        narrow = tab.evaluate(_TEXT_WIDTHS)
        assert narrow["widest"] <= NARROWEST_PX
        # the page drawn again is the page the reader opened (a probe that reported before the browser knew the
        # page made Streamlit run the overview instead, on a loaded machine), its selector showing its place
        assert tab.url.split("?")[0].endswith("/province"), tab.url
        assert selected_option(tab, "Province").startswith(index.places[province].short_name)
        tab.set_viewport_size({"width": 1440, "height": 900})
        tab.wait_for_function(f"() => ({_TEXT_WIDTHS})().widest > {NARROWEST_PX}", timeout=30_000)
        wide = tab.evaluate(_TEXT_WIDTHS)
        assert wide["inside"] and wide["widest"] <= IMAGE_WIDTH
        # 1,100 px with the sidebar open leaves the charts 640 px: a phone's text; closing it gives them 940 px
        tab.set_viewport_size({"width": 1100, "height": 900})
        tab.wait_for_function(f"() => ({_TEXT_WIDTHS})().widest <= {NARROWEST_PX}", timeout=30_000)
        tab.hover('[data-testid="stSidebar"]')
        tab.locator('[data-testid="stSidebarCollapseButton"] button').click()
        tab.wait_for_function(f"() => ({_TEXT_WIDTHS})().widest > {NARROWEST_PX}", timeout=30_000)
        assert tab.evaluate(_TEXT_WIDTHS)["inside"]
    finally:
        context.close()
