"""A chart's figure is sent as Plotly would send it, its dict made once."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from components.app.widgets import SentFigure, sent_figure


def test_a_sent_figure_is_the_figures_own_dict_made_once():
    figure = go.Figure(go.Scatter(x=[1.0, 2.0, 3.0], y=[3.0, 1.0, 2.0], ids=["a", "b", "c"],
                                  customdata=[["x", "1"], ["y", "2"], ["z", "3"]], hovertemplate="%{customdata[0]}"))
    figure.update_layout(title="t", height=300)
    sent = sent_figure(figure)
    assert isinstance(sent, SentFigure) and isinstance(sent, go.Figure)
    assert sent.to_dict() == figure.to_dict()
    assert pio.to_json(sent.to_dict(), validate=False) == pio.to_json(figure, validate=False)
    assert sent_figure(figure) is sent and sent.to_dict() is sent.to_dict(), "made once, handed out again"
    assert "_sent_figure" not in pio.to_json(figure), "the kept copy is never sent with the figure"


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
