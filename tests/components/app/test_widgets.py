"""A page view's table is made once per language; a run of charts is made once per language, then sent as made."""

from __future__ import annotations


def test_a_page_views_figures_table_is_made_once_per_language(monkeypatch):
    """The table of a page's figures (hundreds of rows to escape) is made at its first showing, not at every
    rerun; another language makes its own."""
    import pandas as pd

    from components.app import widgets
    from components.app.widgets import figures_table
    from components.table.memo import new_content_id
    from components.views.page_views import PageView

    made = []
    rows = pd.DataFrame({"place_label": ["Cẩm Phả"], "metric_name": ["Cameras"], "value_text": ["790"],
                         "fraction_text": [""], "time_text": ["2025"], "source_text": ["Báo Quảng Ninh"],
                         "note_text": [""]})

    def table():
        made.append(1)
        return rows

    shown = []
    monkeypatch.setattr(widgets, "html_block", shown.append)
    content = new_content_id()
    view, other = (PageView(slug="province", title="Quảng Ninh", blocks=()) for _ in range(2))
    for lang in ("en", "en", "vi", "en"):
        figures_table(table, lang, "All figures", 1, kept_as=(content, ("figures-table", view.serial)))
    assert len(made) == 2
    assert shown[0] == shown[1] == shown[3] != shown[2], "each language's table, as made the first time"
    assert all("Cẩm Phả" in table for table in shown)
    figures_table(table, "en", "All figures", 1, kept_as=(content, ("figures-table", other.serial)))
    assert len(made) == 3, "another view makes its own, though it reads the same"


_CHARTS_SCRIPT = '''
from pathlib import Path

import streamlit as st

from components.app import widgets
from components.table.index_from_file import prepare_here
from components.views import place_charts


@st.cache_resource
def charts(path):
    index = prepare_here(Path(path)).index
    provinces = [p for p in index.places if index.places[p].level == "province"]
    return next(c for c in (place_charts.province_charts(index, p) for p in provinces) if len(c) >= 2)[:3]


widgets.show_charts(charts(METRICS), "test-page")
'''


def _elements(at) -> list[bytes]:
    return [e.proto.SerializeToString(deterministic=True) for kind in ("plotly_chart", "html") for e in at.get(kind)]


def test_a_rerun_sends_a_run_of_charts_as_first_made_and_another_language_makes_its_own(monkeypatch):
    """Making a chart's element writes, checks and hashes its whole JSON: a rerun sends the elements made at the
    first showing again, byte for byte, without making them; the other language's are made once too."""
    from streamlit.testing.v1 import AppTest

    from components.app import widgets
    from tests.dashboard_helpers import SMALL

    made = []
    real_config = widgets.chart_config
    monkeypatch.setattr(widgets, "chart_config", lambda *args, **kwargs: made.append(args) or real_config(*args,
                                                                                                          **kwargs))
    at = AppTest.from_string(_CHARTS_SCRIPT.replace("METRICS", repr(str(SMALL))), default_timeout=60).run()
    assert not at.exception, at.exception
    first, charts = _elements(at), len(at.get("plotly_chart"))
    assert charts >= 2 and len(made) == charts
    at.run()
    assert _elements(at) == first and len(made) == charts, "a rerun sends what the first run made, making nothing"
    at.session_state["lang"] = "vi"
    at.run()
    assert len(made) == 2 * charts and _elements(at) != first, "Vietnamese charts are made for Vietnamese"
    vietnamese = _elements(at)
    at.run()
    assert _elements(at) == vietnamese and len(made) == 2 * charts
