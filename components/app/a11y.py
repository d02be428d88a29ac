"""What the page needs for readers of assistive technology that Streamlit does not give: headings a screen
reader lists but the eye does not see twice (a chart's title is drawn inside its image), and the page's
language, which Streamlit fixes to English (`<html lang="en">`); and the app's one screen stylesheet (cards and links
that wrap, tables a keyboard can scroll)."""

from __future__ import annotations

import html

import streamlit as st

from components.words.fmt import visible_controls
from components.words.i18n import normal_lang

HEADING_CLASS = "antq-chart-heading"
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
.antq-scroll {{ overflow-x: auto; }}
.antq-scroll table {{ border-collapse: collapse; font-size: 0.875rem; }}
.antq-scroll th, .antq-scroll td {{ text-align: left; padding: 0.25rem 0.5rem; border-bottom: 1px solid #d5d8de; }}
"""


def inject_screen_css() -> None:
    """The screen stylesheet (a style-only element: it takes no room on the page)."""
    st.html(f"<style>{SCREEN_CSS}</style>")


def hidden_heading(text: str, level: int) -> str:
    """A heading of `level` (2 to 6) for screen readers only, its text inert."""
    level = min(max(int(level), 2), 6)
    return f'<h{level} class="{HEADING_CLASS}">{html.escape(visible_controls(str(text)))}</h{level}>'


def scrollable_table(frame, label: str) -> str:
    """A table that may be wider than a phone, in a box a keyboard can scroll: named by `label`, reachable by
    Tab (axe: scrollable-region-focusable; Streamlit's own st.table box cannot take the focus). Cells inert."""
    def cells(tag: str, values) -> str:
        return "".join(f"<{tag}>{html.escape(visible_controls(str(v)))}</{tag}>" for v in values)

    head = f"<thead><tr>{cells('th', frame.columns)}</tr></thead>"
    body = "".join(f"<tr>{cells('td', row)}</tr>" for row in frame.itertuples(index=False))
    name = html.escape(visible_controls(label), quote=True)
    return (f'<div class="antq-scroll" role="region" tabindex="0" aria-label="{name}">'
            f"<table>{head}<tbody>{body}</tbody></table></div>")


def page_language_script(lang: str) -> str:
    """The script that sets `<html lang>` to the view's language; `lang` is one of LANGUAGES, never reader
    input."""
    code = normal_lang(lang)  # a key of LANGUAGES
    return f'<script>document.documentElement.lang = "{code}";</script>'


def set_page_language(lang: str) -> None:
    """Streamlit serves `<html lang="en">` and has no option for it; a script sets the view's language, so a
    screen reader reads the Vietnamese view with a Vietnamese voice. It runs where Streamlit allows
    JavaScript in st.html (`unsafe_allow_javascript`), from a constant: the code of a known language."""
    st.html(page_language_script(lang), unsafe_allow_javascript=True, width="content")
