"""What the page needs for readers of assistive technology that Streamlit does not give: headings a screen
reader lists but the eye does not see twice (a chart's title is drawn inside its image), and the page's
language, which Streamlit fixes to English (`<html lang="en">`); and the app's one screen stylesheet (cards and links
that wrap, the chart words' folded tables)."""

from __future__ import annotations

import streamlit as st

from components.app.cards import CARDS_CSS
from components.app.screen import KEY as PROBE_KEY
from components.report.chart_words import WORDS_CLASS, WORDS_CSS
from components.templates import render
from components.words.i18n import normal_lang

HEADING_CLASS = "antq-chart-heading"
# The key that starts the key of a run's first chart, the one that follows a hidden heading of its own element.
FIRST_CHART_KEY = "antq-first-chart"
SOURCE_BOX_KEY = "antq-source"  # starts the key of each source's box on the Sources page
# Visually hidden, read by screen readers (the usual "visually hidden" pattern: not display:none, which hides
# it from them too).
SCREEN_CSS = f"""
.{HEADING_CLASS} {{
  position: absolute !important; width: 1px !important; height: 1px !important; margin: -1px !important;
  padding: 0 !important; overflow: hidden !important; clip-path: inset(50%) !important; white-space: nowrap !important;
  border: 0 !important;
}}
/* st.metric and st.page_link cut a long text to one line with an ellipsis ('2021–2…'): a card's label is the
   measure, its value the figure and a link's text where it goes, so they wrap instead */
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *,
[data-testid="stMetricValue"], [data-testid="stMetricValue"] *,
[data-testid="stPageLink"] a, [data-testid="stPageLink"] a * {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  height: auto !important;
}}
""" + WORDS_CSS + CARDS_CSS + f"""
/* a chart's words follow it as the next element of the page (no container of their own): as close under it as
   in the report, whatever Streamlit's gap between elements */
[data-testid="stHtml"] > details.{WORDS_CLASS}:first-child {{ margin-top: calc(.25rem - 1rem); }}
/* the element holding a run's first hidden heading takes no room, and its gap is taken back by the chart under
   it (Streamlit names an element by its key, in a class of its container: a rule on the heading's element would
   need :has(), which Chromium checks again at every change of the page) */
[class*="st-key-{FIRST_CHART_KEY}-"] {{ margin-top: -1rem; }}
/* a source's title heads its box on the Sources page: an article's title is a long sentence, read as the
   heading it is (h2) in the size of a line of text's heading, not over seven lines of a phone */
[class*="st-key-{SOURCE_BOX_KEY}-"] h2 {{ font-size: 1.25rem !important; line-height: 1.35 !important; }}
@media (max-width: 40rem) {{ [class*="st-key-{SOURCE_BOX_KEY}-"] h2 {{ font-size: 1rem !important; }} }}
/* the probe that measures the charts' width (components.app.screen) has nothing to show */
.st-key-{PROBE_KEY} {{ display: none; }}
"""  # and the chart words' look, shared with the report, and the cards'


def inject_screen_css() -> None:
    """The screen stylesheet (a style-only element: it takes no room on the page)."""
    st.html(f"<style>{SCREEN_CSS}</style>")


def hidden_heading(text: str, level: int) -> str:
    """A heading of `level` (2 to 6) for screen readers only, its text inert."""
    return render("heading.html", level=min(max(int(level), 2), 6), heading_class=HEADING_CLASS, text=text)


def page_language_script(lang: str) -> str:
    """The script that sets `<html lang>` to the view's language; `lang` is one of LANGUAGES, never reader
    input."""
    return render("page_language.html", code=normal_lang(lang))  # a key of LANGUAGES


def set_page_language(lang: str) -> None:
    """Streamlit serves `<html lang="en">` and has no option for it; a script sets the view's language, so a
    screen reader reads the Vietnamese view with a Vietnamese voice. It runs where Streamlit allows
    JavaScript in st.html (`unsafe_allow_javascript`), from a constant: the code of a known language."""
    st.html(page_language_script(lang), unsafe_allow_javascript=True, width="content")
