"""Chart builders: a display-ready DataFrame in, a self-explaining Plotly figure out (title, units, source footer).

Every builder is pure (no Streamlit). Rows carry the words to show (see components.views.display_rows):
`bar_label`, `value`, `value_text`, `time_text`, `source_text`, `color`, `figure_id`; text in them is
plain: builders make it inert for Plotly's markup themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components.fmt import plot_text, wrap

FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"
FOOTER_WIDTH = 110  # characters per footer line: fits a chart 700 px wide
LABEL_WIDTH = 36  # characters per line of a bar's label
CHAR_PX = 7.0  # average width of a character of the 13 px font
FOOTER_LINE_PX = 15
NEUTRAL = "#9aa5b1"


@dataclass(frozen=True)
class ChartText:
    """The words around a chart, already in the reader's language."""

    title: str
    subtitle: str = ""
    value_axis: str = ""
    source_word: str = "Source"
    sources_word: str = "Sources"
    period_word: str = "Period"
    periods_word: str = "Periods"
    hover_period: str = "Period"
    hover_source: str = "Source"
    remainder: str = "rest"
    separators: str = ".,"  # Plotly's decimal and thousands separators for the axes: ',.' in Vietnamese
    date_format: str = ""  # tick format of a date axis; '' for Plotly's own (English month names)


def footer_text(rows: pd.DataFrame, text: ChartText) -> str:
    """'Source: … · Period: …' for the figures drawn, as plain text."""
    sources = list(dict.fromkeys(s for s in rows["source_text"] if s))
    periods = list(dict.fromkeys(p for p in rows["time_text"] if p))
    parts = []
    if sources:
        word = text.source_word if len(sources) == 1 else text.sources_word
        parts.append(f"{word}: " + "; ".join(sources))
    if periods:
        word = text.period_word if len(periods) == 1 else text.periods_word
        parts.append(f"{word}: " + "; ".join(periods))
    return " · ".join(parts)


def category_labels(labels) -> tuple[list[str], int]:
    """Bar labels made inert and wrapped to a few short lines, and the left margin in pixels they need."""
    wrapped = [wrap(str(label), LABEL_WIDTH) or [""] for label in labels]
    longest = max((len(line) for lines in wrapped for line in lines), default=0)
    return ["<br>".join(plot_text(line) for line in lines) for lines in wrapped], int(16 + CHAR_PX * longest)


def _finish(figure: go.Figure, rows: pd.DataFrame, text: ChartText, plot_height: int,
            axis_gap: int = 64, left: int = 10) -> go.Figure:
    """Title, subtitle, footer inside the figure below the axis, margins sized to the labels and footer.

    The footer starts at the figure's left edge (`-left` from the plot area) so it is never cut off.
    """
    lines = wrap(footer_text(rows, text), FOOTER_WIDTH)
    footer_px = 8 + FOOTER_LINE_PX * len(lines)
    title = {"text": f"<b>{plot_text(text.title)}</b>", "x": 0, "xref": "container", "xanchor": "left",
             "y": 0.98, "yanchor": "top", "font": {"size": 17}, "pad": {"l": 2}}
    if text.subtitle:
        title["subtitle"] = {"text": plot_text(text.subtitle), "font": {"size": 12}}
    top = 86 if text.subtitle else 64
    figure.update_layout(
        title=title, font={"family": FONT, "size": 13}, height=plot_height + top + footer_px + axis_gap,
        margin={"l": left, "r": 30, "t": top, "b": footer_px + axis_gap}, showlegend=figure.layout.showlegend,
        hoverlabel={"align": "left"}, template="plotly_white", separators=text.separators,
    )
    figure.add_annotation(text="<br>".join(plot_text(line) for line in lines), showarrow=False,
                          xref="paper", yref="paper", x=0, xanchor="left", y=0, yanchor="top",
                          xshift=-left + 2, yshift=-axis_gap, align="left",
                          font={"size": 11, "color": "#52606d"}, name="source-footer")
    return figure


def _hover(rows: pd.DataFrame, text: ChartText) -> tuple[list[list[str]], str]:
    custom = [[plot_text(r.bar_label), plot_text(r.value_text), plot_text(r.time_text), plot_text(r.source_text),
               _hover_note(getattr(r, "note_text", ""))] for r in rows.itertuples()]
    template = (f"<b>%{{customdata[0]}}</b><br>%{{customdata[1]}}<br>{plot_text(text.hover_period)}: "
                f"%{{customdata[2]}}<br>{plot_text(text.hover_source)}: %{{customdata[3]}}%{{customdata[4]}}"
                "<extra></extra>")
    return custom, template


def _hover_note(note) -> str:
    """A figure's note under its citation in the hover, wrapped to the hover's width ('' without one)."""
    if not isinstance(note, str) or not note:
        return ""
    return "".join(f"<br><i>{plot_text(line)}</i>" for line in wrap(note, LABEL_WIDTH * 2))


def _bar_height(rows: pd.DataFrame) -> int:
    lines = sum(max(1, len(wrap(str(label), LABEL_WIDTH))) for label in rows["bar_label"])
    return max(120, 22 * lines + 16 * len(rows) + 40)


def bars(rows: pd.DataFrame, text: ChartText) -> go.Figure:
    """Horizontal bars, one per row, largest on top, each labelled with its value as reported."""
    rows = rows.sort_values("value", kind="stable")
    custom, template = _hover(rows, text)
    labels, left = category_labels(rows["bar_label"])
    figure = go.Figure(go.Bar(
        x=rows["value"].tolist(), y=labels, orientation="h", marker_color=rows["color"].tolist(),
        text=[plot_text(v) for v in rows["bar_text"]] if "bar_text" in rows else
        [plot_text(v) for v in rows["value_text"]],
        textposition="auto", cliponaxis=False, customdata=custom, hovertemplate=template,
        ids=rows["figure_id"].tolist(), name="",
    ))
    figure.update_xaxes(title_text=plot_text(text.value_axis), rangemode="tozero", separatethousands=True)
    figure.update_yaxes(automargin=False, type="category")
    figure.update_layout(showlegend=False, bargap=0.35)
    return _finish(figure, rows, text, _bar_height(rows), left=left)


def shares(rows: pd.DataFrame, text: ChartText) -> go.Figure:
    """Parts of a whole on a 0-100 % axis: the part in its colour, the rest in grey, 'x of y (z %)' on it.

    Rows need `share` (percent of the whole) and `bar_text`.
    """
    rows = rows.sort_values("share", kind="stable")
    custom, template = _hover(rows, text)
    labels, left = category_labels(rows["bar_label"])
    part = go.Bar(x=rows["share"].tolist(), y=labels, orientation="h", marker_color=rows["color"].tolist(),
                  text=[plot_text(v) for v in rows["bar_text"]], textposition="inside", insidetextanchor="start",
                  customdata=custom, hovertemplate=template, ids=rows["figure_id"].tolist(), name="")
    rest = go.Bar(x=(100 - rows["share"].clip(upper=100)).tolist(), y=labels, orientation="h",
                  marker_color=NEUTRAL, opacity=0.35, hoverinfo="skip", name=plot_text(text.remainder))
    figure = go.Figure([part, rest])
    figure.update_layout(barmode="stack", showlegend=False, bargap=0.35)
    figure.update_xaxes(title_text=plot_text(text.value_axis), range=[0, 100], ticksuffix=" %")
    figure.update_yaxes(automargin=False, type="category")
    return _finish(figure, rows, text, _bar_height(rows), left=left)


def places_map(points: pd.DataFrame, basemap: pd.DataFrame, text: ChartText) -> go.Figure:
    """Places with figures on an outline of the country drawn from reference points (no map tiles needed).

    `points`: bar_label, lat, lon, value (sizes the marker; NaN draws a small hollow marker), value_text,
    color, time_text, source_text, figure_id. `basemap`: lat, lon.
    """
    figure = go.Figure()
    if len(basemap):
        figure.add_trace(go.Scattergeo(lat=basemap["lat"].tolist(), lon=basemap["lon"].tolist(), mode="markers",
                                       marker={"size": 2, "color": NEUTRAL, "opacity": 0.45},
                                       hoverinfo="skip", name="", showlegend=False))
    sized = points[points["value"].notna()]
    unsized = points[points["value"].isna()]
    if len(unsized):
        custom, template = _hover(unsized, text)
        figure.add_trace(go.Scattergeo(
            lat=unsized["lat"].tolist(), lon=unsized["lon"].tolist(), mode="markers",
            marker={"size": 7, "color": "rgba(0,0,0,0)", "line": {"width": 1.5, "color": "#52606d"}},
            customdata=custom, hovertemplate=template, name="", showlegend=False))
    if len(sized):
        custom, template = _hover(sized, text)
        biggest = float(sized["value"].max()) or 1.0
        figure.add_trace(go.Scattergeo(
            lat=sized["lat"].tolist(), lon=sized["lon"].tolist(), mode="markers+text",
            text=[plot_text(f"{p}: {v}") for p, v in zip(sized["bar_label"], sized["value_text"], strict=True)],
            textposition=_label_positions(sized),
            marker={"size": sized["value"].tolist(), "sizemode": "area", "sizeref": 2.0 * biggest / 40 ** 2,
                    "sizemin": 5, "color": sized["color"].tolist(), "opacity": 0.8,
                    "line": {"width": 1, "color": "#ffffff"}},
            customdata=custom, hovertemplate=template, ids=sized["figure_id"].tolist(), name="",
            showlegend=False))
    every = pd.concat([basemap[["lat", "lon"]], points[["lat", "lon"]]]) if len(basemap) else points
    pad = 0.6
    figure.update_geos(
        showland=False, showcountries=False, showcoastlines=False, showocean=False, showlakes=False,
        showrivers=False, showsubunits=False, showframe=False, projection_type="mercator",
        lataxis_range=[float(every["lat"].min()) - pad, float(every["lat"].max()) + pad],
        lonaxis_range=[float(every["lon"].min()) - pad, float(every["lon"].max()) + pad],
        bgcolor="rgba(0,0,0,0)")
    figure.update_layout(showlegend=False)
    return _finish(figure, points, text, 560, axis_gap=8)


def _label_positions(points: pd.DataFrame) -> list[str]:
    """Text positions that keep the labels of nearby markers apart: neighbours by latitude alternate
    above and below."""
    order = points["lat"].rank(method="first").astype(int).tolist()
    return ["top right" if rank % 2 else "bottom right" for rank in order]


def timeline(rows: pd.DataFrame, text: ChartText) -> go.Figure:
    """One line per row from `start` to `end` (ISO dates), labelled `bar_label`, hover with its figures."""
    rows = rows.sort_values("end", kind="stable")
    figure = go.Figure()
    custom, template = _hover(rows, text)
    labels, left = category_labels(rows["bar_label"])
    for row, data, label in zip(rows.itertuples(), custom, labels, strict=True):
        figure.add_trace(go.Scatter(x=[row.start, row.end], y=[label, label], mode="lines+markers",
                                    line={"width": 10, "color": row.color}, marker={"size": 12},
                                    customdata=[data, data], hovertemplate=template, name=label,
                                    showlegend=False))
    figure.update_xaxes(type="date", title_text=plot_text(text.value_axis))
    if text.date_format:
        figure.update_xaxes(tickformat=text.date_format)
    figure.update_yaxes(automargin=False, type="category", categoryorder="array", categoryarray=labels)
    return _finish(figure, rows, text, _bar_height(rows), left=left)
