"""Driving the dashboard in a Playwright tab: wait until it is idle and drawn, read its charts, pick options."""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

from components.words.fmt import WORD_JOINER, visible_controls

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
LOAD_TIMEOUT_MS = 60_000

# Idle: the script has run, no element of the previous run is left (Streamlit marks them data-stale until
# the run that replaces them ends: the script state's attribute can still read the last run's 'notRunning'
# when the new run's first elements are already drawn), no element is still a loading skeleton (Streamlit
# loads the Plotly and table components lazily) and every chart has drawn its SVG.
_IDLE_AND_DRAWN = """() => {
  if (!document.querySelector('IDLE')) return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .every(chart => chart.querySelector('.js-plotly-plot .main-svg'));
}""".replace("IDLE", IDLE)

# Counts the reruns that start after it is armed, so a wait after a click cannot be satisfied by the idle state
# from before the click. A run is seen by the attribute turning 'running' or leaving it (each mutation record
# keeps its old value: on a loaded machine the callback can come after a short run already ended), or, when
# React renders the start and the end of a run in one go and the attribute never changes, by the page's main
# content changing.
_ARM_RERUN_COUNTER = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__reruns = 0;
  window.__armedHref = location.href;
  for (const observer of window.__rerunObservers || []) observer.disconnect();
  const state = new MutationObserver(records => {
    for (const r of records) {
      if (r.oldValue === 'running' || r.target.getAttribute(r.attributeName) === 'running') window.__reruns += 1;
    }
  });
  state.observe(app, {attributes: true, attributeFilter: ['data-test-script-state'], attributeOldValue: true});
  window.__rerunObservers = [state];
}"""

_CHARTS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(chart => {
  const plot = chart.querySelector('.js-plotly-plot');
  const box = plot ? plot.getBoundingClientRect() : {width: 0, height: 0};
  return {
    svg: plot ? plot.querySelectorAll('.main-svg').length : 0,
    traces: plot && plot.data ? plot.data.length : 0,
    drawnTraces: plot ? plot.querySelectorAll('g.trace').length : 0,
    width: box.width, height: box.height,
    title: plot && plot.querySelector('.gtitle') ? plot.querySelector('.gtitle').textContent : null,
    text: plot ? [...plot.querySelectorAll('.main-svg text')].map(t => t.textContent).join('\\n') : '',
    spec: plot && plot.data ? JSON.stringify({data: plot.data, layout: plot.layout}) : '',
  };
})"""


def wait_idle(tab, timeout: float = LOAD_TIMEOUT_MS) -> None:
    tab.wait_for_function(_IDLE_AND_DRAWN, timeout=timeout)


def open_view(tab, path: str) -> None:
    """Open a URL path of the app (e.g. '/province?province=x') and wait until it is idle and drawn."""
    tab.goto(path)
    wait_idle(tab)


@contextmanager
def rerun(tab):
    """`with rerun(tab): <click>` waits, after the click, for a new script run to start and to finish."""
    tab.evaluate(_ARM_RERUN_COUNTER)
    yield
    # a run that only shows a short page (no figures, a broken catalogue) can be rendered start to end at once,
    # so the attribute never reads 'running': the address the run writes (the choice kept in the URL) shows it
    tab.wait_for_function("() => window.__reruns > 0 || location.href !== window.__armedHref",
                          timeout=LOAD_TIMEOUT_MS)
    wait_idle(tab)


def charts(tab) -> list[dict]:
    """Every chart on the page, in order: its drawn parts, its title as shown, all its SVG text, its spec."""
    return tab.evaluate(_CHARTS)


def chart_titles(tab) -> list[str | None]:
    return [chart["title"] for chart in charts(tab)]


def headings(tab, level: str = "h1") -> list[str]:
    return [text.strip() for text in tab.locator(f'[data-testid="stMain"] {level}').all_inner_texts()]


def assert_sound(tab) -> list[dict]:
    """No exception shown, no JavaScript error, every chart drawn with its traces; returns the charts."""
    exceptions = tab.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, f"exception on {tab.url}:\n{exceptions.first.inner_text()[:2000]}"
    assert tab.page_errors == [], f"JavaScript errors on {tab.url}: {tab.page_errors}"
    drawn = charts(tab)
    for number, chart in enumerate(drawn, 1):
        where = f"chart {number} ({chart['title']!r}) on {tab.url}"
        assert chart["svg"] > 0 and chart["width"] > 100 and chart["height"] > 100, f"{where} is not drawn"
        assert chart["traces"] > 0 and chart["drawnTraces"] >= chart["traces"], f"{where} has no trace drawn"
        assert chart["title"], f"{where} has no title"
    return drawn


def choose_option(tab, label: str, option: str) -> None:
    """Pick `option` in the selectbox labelled `label`, without waiting for what follows."""
    tab.get_by_role("combobox", name=label).click()
    # a long list shows only the options scrolled into view: typing the start of the option filters it to them
    tab.keyboard.type(option.split(" (")[0])
    tab.get_by_role("option", name=option, exact=True).click()


def select_option(tab, label: str, option: str) -> None:
    """Pick `option` in the selectbox labelled `label` and wait for the rerun it causes."""
    with rerun(tab):
        choose_option(tab, label, option)


def selected_option(tab, label: str) -> str:
    return tab.get_by_role("combobox", name=label).input_value()


def plain_title(title: str) -> str:
    """A Plotly title as the browser shows it: tags such as <b> dropped, entities such as &lt; decoded."""
    import html

    return html.unescape(re.sub(r"<[^>]*>", "", title))


def as_read(text: str) -> str:
    """Text as a reader sees it: word joiners (invisible) dropped, runs of white space as one space."""
    return " ".join(text.replace(WORD_JOINER, "").split())


def main_text(tab) -> str:
    return as_read(tab.locator('[data-testid="stMain"]').inner_text())


def shown(text: str) -> str:
    """Catalogue text as the app shows it: as typed, with Unicode direction controls made visible."""
    return visible_controls(text)


def screenshot(tab, name: str) -> Path:
    """A full-page screenshot under tests/artifacts/ (git-ignored), kept as a test artifact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path
