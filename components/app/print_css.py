"""Print stylesheet: Ctrl+P on any page gives the charts and text whole, without the app's controls."""

from __future__ import annotations

import streamlit as st

from components.app.cards import CARDS_CLASS

# Streamlit's own elements, by their stable data-testid: chrome around the app, and input widgets.
_CHROME = ["stHeader", "stToolbar", "stDecoration", "stStatusWidget", "stAppDeployButton", "stMainMenu",
           "stSidebar", "stSidebarCollapseButton", "stExpandSidebarButton", "stSkipToContent", "stBottom",
           "stToastContainer", "stConnectionStatus", "stElementToolbar", "stTopNav"]
_CONTROLS = ["stButton", "stDownloadButton", "stLinkButton", "stPageLink", "stSelectbox", "stMultiSelect",
             "stRadio", "stButtonGroup", "stCheckbox", "stTextInput", "stNumberInput", "stSlider",
             "stDateInput", "stPopover", "stFileUploader", "stFormSubmitButton", "stTextArea", "stTimeInput",
             "stColorPicker"]
_WHOLE = ["stPlotlyChart", "stDataFrame", "stTable", "stMetric", "stImage", "stAlert", "stExpander"]


def _ids(names: list[str], suffix: str = "") -> str:
    return ",\n  ".join(f'[data-testid="{name}"]{suffix}' for name in names)


PRINT_CSS = f"""
@page {{ size: A4; margin: 12mm; }}
@media print {{
  {_ids(_CHROME)},
  {_ids(_CONTROLS)},
  [data-testid="stElementContainer"]:has(> {", > ".join(f'[data-testid="{n}"]' for n in _CONTROLS)}),
  .modebar-container, .print-hide {{ display: none !important; }}
  html, body, .stApp, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"], [data-testid="stAppScrollToBottomContainer"] {{
    height: auto !important; min-height: 0 !important; overflow: visible !important;
    position: static !important; background: #fff !important;
  }}
  [data-testid="stMainBlockContainer"] {{ padding: 0 !important; max-width: 100% !important; }}
  {_ids(_WHOLE)},
  [data-testid="stElementContainer"]:has({", ".join(f'[data-testid="{n}"]' for n in _WHOLE)}) {{
    break-inside: avoid !important; page-break-inside: avoid !important;
  }}
  .{CARDS_CLASS} li {{ break-inside: avoid !important; page-break-inside: avoid !important; }}
  h1, h2, h3, [data-testid="stHeading"] {{
    break-after: avoid !important; page-break-after: avoid !important;
  }}
  a {{ color: inherit !important; }}
}}
"""


def inject_print_css() -> None:
    """Add the print stylesheet to the page (a style-only element: it takes no room on screen)."""
    st.html(f"<style>{PRINT_CSS}</style>")
