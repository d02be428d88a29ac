"""How wide the reader's charts are drawn: a probe in the page measures the main column and tells the server
which of the chart text widths fits it (a phone's, or the exported image's), so titles and footers fill the
chart on a desktop and still fit on a phone."""

from __future__ import annotations

import streamlit as st

from components.views.charts import IMAGE_WIDTH, NARROWEST_PX, TEXT_WIDTHS

KEY = "chart-width"  # the probe's key: its element takes no room (a11y.SCREEN_CSS)

# Measures the main column's inner width (a chart's width) now and whenever the window changes, and reports
# the widest text width that fits it when that differs from the one the page was built for.
_JS = """
export default function ({ data, setStateValue }) {
  let shown = data.shown;
  let timer = null;
  let watched = null;
  const observer = new ResizeObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(measure, 150);
  });
  const measure = () => {
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    if (!main) return;
    if (main !== watched) {  // the main column changes width on its own when the sidebar opens or closes
      watched = main;
      observer.observe(main);
    }
    const style = getComputedStyle(main);
    const inner = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const fits = data.widths.filter((w) => w <= inner);
    const width = fits.length ? Math.max(...fits) : Math.min(...data.widths);
    if (width !== shown) {
      shown = width;
      setStateValue("width", width);
    }
  };
  observer.observe(document.body);
  measure();
  return () => {
    clearTimeout(timer);
    observer.disconnect();
  };
}
"""

_probe = st.components.v2.component("antq_chart_width", js=_JS)

_PHONE_MARKS = ("Mobi", "iPhone", "Android")


def first_guess(user_agent: str) -> int:
    """Before the probe has measured: a phone's browser gets the phone's width, any other the image's."""
    return NARROWEST_PX if any(mark in user_agent for mark in _PHONE_MARKS) else IMAGE_WIDTH


def _guess() -> int:
    return first_guess(st.context.headers.get("User-Agent", "") or "")


def chart_text_width() -> int:
    """The width chart text is wrapped to for this reader (one of charts.TEXT_WIDTHS): as the probe last
    measured it, else as first_guess."""
    reported = (st.session_state.get(KEY) or {}).get("width")
    return reported if reported in TEXT_WIDTHS else _guess()


def measure_charts() -> None:
    """Put the probe on the page (once per run, before the page): when the charts' width calls for other text
    widths than chart_text_width, it reports it and the page runs again."""
    _probe(key=KEY, data={"widths": list(TEXT_WIDTHS), "shown": chart_text_width()},
           default={"width": _guess()},
           on_width_change=lambda: None)
