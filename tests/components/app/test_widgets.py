"""A chart's figure is sent as Plotly would send it; a run of charts is made once per language, then sent as made."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from components.app.widgets import SentFigure


def _as_streamlit_sends(figure) -> tuple[str, int]:
    """The spec and the element height `st.plotly_chart` makes of a figure (its own two steps)."""
    import plotly.tools
    from streamlit.elements.plotly_chart import _resolve_content_height

    sent = plotly.tools.return_figure_from_figure_or_data(figure, validate_figure=True)
    return pio.to_json(sent, validate=False), _resolve_content_height("content", sent)


def _figure() -> go.Figure:
    figure = go.Figure(go.Scatter(x=[1.0, 2.0, 3.0], y=[3.0, 1.0, 2.0], ids=["a", "b", "c"], uid="u1",
                                  customdata=[["x</script>", "1/2"], ["y", "2"], ["z\u2028", "3"]],
                                  hovertemplate="%{customdata[0]}"))
    figure.update_layout(title="t <b>", height=300)
    return figure


def test_a_sent_figure_sends_what_the_figure_would_written_once():
    figure = _figure()
    sent = SentFigure(figure)
    assert isinstance(sent, go.Figure)
    assert _as_streamlit_sends(sent) == _as_streamlit_sends(figure) == (pio.to_json(figure, validate=False), 300)
    assert sent.to_dict() is sent.to_dict(), "written once, handed out as written"


def test_a_sent_figure_without_a_height_gets_streamlits_default_and_with_plotlys_json_writer_its_dict(monkeypatch):
    figure = _figure().update_layout(height=None)
    assert _as_streamlit_sends(SentFigure(figure)) == _as_streamlit_sends(figure)
    monkeypatch.setattr(pio.json.config, "default_engine", "json")
    figure = _figure()
    assert _as_streamlit_sends(SentFigure(figure)) == _as_streamlit_sends(figure)


def test_a_page_views_figures_table_is_made_once_per_language():
    """The table of a page's figures (hundreds of rows to escape) is made at its first showing, not at every
    rerun; another language makes its own."""
    import pandas as pd

    from components.app.widgets import figures_table
    from components.views.page_views import PageView

    made = []
    rows = pd.DataFrame({"place_label": ["Cẩm Phả"], "metric_name": ["Cameras"], "value_text": ["790"],
                         "fraction_text": [""], "time_text": ["2025"], "source_text": ["Báo Quảng Ninh"],
                         "note_text": [""]})

    def table():
        made.append(1)
        return rows

    view = PageView(slug="province", title="Quảng Ninh", tab_title="Quảng Ninh", blocks=())
    for lang in ("en", "en", "vi", "en"):
        figures_table(table, lang, "All figures", 1, kept_on=view)
    assert len(made) == 2
    assert "Cẩm Phả" in view.__dict__["_made_figures-table"]["vi"]


_CHARTS_SCRIPT = '''
from pathlib import Path

import streamlit as st

from components.app import widgets
from components.table.loading import prepare_here
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
