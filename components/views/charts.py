"""Chart builders: a display-ready DataFrame in, a self-explaining Plotly figure out (title, units, source footer).

Every builder is pure (no Streamlit). Rows carry the words to show (see components.views.display.display_rows):
`bar_label`, `value`, `value_text`, `time_text`, `source_text`, `color`, `figure_id`; text in them is
plain: builders make it inert for Plotly's markup themselves.

One look everywhere: every figure uses the template registered here as "antq". Its text is wrapped to one of
two widths (ChartText.width): the exported image's, which a desktop's chart is at least as wide as, so the
chart on a desktop, the camera button's PNG, the page's zip and the export are the same picture; or a phone's
(a 390 px phone gives a chart about 326 px wide).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from components.views import fonts
from components.views.fonts import text_px
from components.words.fmt import plot_text

FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"
TEXT_COLOR = "#1f2933"
MUTED_COLOR = "#4a5562"  # 7.4:1 on white: footers, subtitles and ticks stay readable (WCAG AA needs 4.5:1)
GRID_COLOR = "#e4e7eb"
NEUTRAL = "#8a96a3"  # the rest of a whole, the outline of the country: never a theme's colour
WHOLE_COLOR = "#c3cad3"  # a whole that a part is drawn inside of
NARROWEST_PX = 320  # a chart on a 390 px phone is about 326 px wide
IMAGE_WIDTH = 720  # the width of every exported image (camera button, page zip, export), at scale 2
TEXT_WIDTHS = (NARROWEST_PX, IMAGE_WIDTH)  # the widths a chart's text is wrapped to: a phone's, an image's
TOOLBAR_PX = 30  # a strip above the title where Plotly's toolbar sits, so it never covers the title
TITLE_SIZE, SUBTITLE_SIZE, LABEL_SIZE, FOOTER_SIZE = 15, 12, 12, 11
MARGIN_PX = 8
LINE_SPACING = 1.3  # plotly.js puts a text's lines this many of its font sizes apart

TEMPLATE_NAME = "antq"


_BAR_LABEL = {"showarrow": False, "xref": "paper", "x": 0, "xanchor": "left", "yanchor": "bottom", "align": "left",
              "font": {"size": LABEL_SIZE, "color": TEXT_COLOR}}


def _template() -> go.layout.Template:
    return go.layout.Template(layout={
        "font": {"family": FONT, "size": LABEL_SIZE, "color": TEXT_COLOR},
        "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff",
        "xaxis": {"gridcolor": GRID_COLOR, "zerolinecolor": "#9aa5b1", "linecolor": "#9aa5b1",
                  "tickfont": {"color": MUTED_COLOR, "size": 11}, "title": {"font": {"color": MUTED_COLOR,
                                                                                    "size": 11}},
                  "automargin": True},
        "yaxis": {"gridcolor": GRID_COLOR, "zerolinecolor": "#9aa5b1", "tickfont": {"color": MUTED_COLOR},
                  "automargin": True},
        "hoverlabel": {"align": "left", "font": {"family": FONT}},
        "title": {"font": {"size": TITLE_SIZE, "color": TEXT_COLOR}},
        "colorway": ["#1f6fb2", "#b03a2e", "#0f7a5f", "#7d3c98"],
        # what a bar's label sets: a national comparison has a hundred labels, and each chart's JSON is sent
        # at every rerun. Every other annotation sets these itself.
        "annotationdefaults": _BAR_LABEL,
    })


pio.templates[TEMPLATE_NAME] = _template()


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
    footer: str = ""  # the sources line, as views word it ('' to list the rows' sources here)
    credit: str = ""  # the dashboard's name and the page's address, last line of every image
    width: int = IMAGE_WIDTH  # the chart's width its text is wrapped to (one of TEXT_WIDTHS)


# ---- measuring text ----------------------------------------------------------------------------------
# Widths are measured in the fonts that may draw the text (components.views.fonts): the reader's browser, the
# export and the camera button may each draw it in a different one, and every one of them must fit.


_BREAKABLE = re.compile(r"[ \t\r\n]+")


def wrap_px(text: str, width_px: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap of plain text into lines no wider than `width_px` (a longer word is cut with '…')."""
    lines: list[str] = []
    current, current_w = "", ()
    space = fonts.widths(" ", bold)
    for word in _BREAKABLE.split(str(text).strip()):  # not at a no-break space: '89.1\u00a0%' stays whole
        if not word:
            continue
        word_w = fonts.widths(word, bold)
        while fonts.to_px(word_w, size) > width_px and len(word) > 1:  # a URL or a very long name
            cut = len(word)
            while cut > 1 and text_px(word[:cut] + "…", size, bold) > width_px:
                cut -= 1
            if current:
                lines.append(current)
                current, current_w = "", ()
            lines.append(word[:cut])
            word = word[cut:]
            word_w = fonts.widths(word, bold)
        if current and fonts.to_px(fonts.wider(current_w, space, word_w), size) > width_px:
            lines.append(current)
            current, current_w = word, word_w
        elif current:
            current, current_w = f"{current} {word}", fonts.wider(current_w, space, word_w)
        else:
            current, current_w = word, word_w
    if current:
        lines.append(current)
    return lines


def _lines(text: str, width: int, size: float, bold: bool = False) -> list[str]:
    return wrap_px(text, width - 2 * MARGIN_PX, size, bold) if text else []


def _markup(lines: list[str]) -> str:
    return "<br>".join(plot_text(line) for line in lines)


# ---- the frame around every chart --------------------------------------------------------------------


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


def footer_lines(rows: pd.DataFrame, text: ChartText) -> list[str]:
    """The footer as wrapped lines: the sources (as views word them, else the rows'), then the credit line."""
    lines = _lines(text.footer or footer_text(rows, text), text.width, FOOTER_SIZE)
    return lines + _lines(text.credit, text.width, FOOTER_SIZE)


def _frame(rows: pd.DataFrame, text: ChartText, plot_height: int, axis_gap: int = 44,
           left: int = MARGIN_PX) -> dict:
    """The layout of the frame around every chart: title, subtitle and footer inside the figure, each wrapped to
    the chart's width; a strip above the title for Plotly's toolbar; margins sized to what they hold; the one
    template. The footer is its only annotation."""
    title_lines = _lines(text.title, text.width, TITLE_SIZE, bold=True)
    subtitle_lines = _lines(text.subtitle, text.width, SUBTITLE_SIZE)
    footer = footer_lines(rows, text)
    top = TOOLBAR_PX + 21 * len(title_lines) + 16 * len(subtitle_lines) + 12
    footer_px = 6 + math.ceil(FOOTER_SIZE * LINE_SPACING * len(footer))
    title = {"text": f"<b>{_markup(title_lines)}</b>", "x": 0, "xref": "container", "xanchor": "left",
             "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": TOOLBAR_PX, "l": MARGIN_PX},
             "font": {"size": TITLE_SIZE, "color": TEXT_COLOR}}
    if subtitle_lines:
        title["subtitle"] = {"text": _markup(subtitle_lines), "font": {"size": SUBTITLE_SIZE, "color": MUTED_COLOR}}
    return {
        "template": TEMPLATE_NAME, "separators": text.separators, "height": top + plot_height + axis_gap + footer_px,
        "margin": {"l": left, "r": MARGIN_PX, "t": top, "b": axis_gap + footer_px, "autoexpand": False},
        "dragmode": False, "title": title,
        "annotations": [{"text": _markup(footer), "name": "source-footer", "showarrow": False, "xref": "paper",
                         "yref": "paper", "x": 0, "xanchor": "left", "xshift": MARGIN_PX - left, "y": 0,
                         "yanchor": "top", "yshift": -axis_gap, "align": "left",
                         "font": {"size": FOOTER_SIZE, "color": MUTED_COLOR}}],
    }


def framed(figure: go.Figure, rows: pd.DataFrame, text: ChartText, plot_height: int,
            axis_gap: int = 44, left: int = MARGIN_PX) -> go.Figure:
    """A figure drawn trace by trace (the map) in the frame around every chart (_frame), after its own
    annotations."""
    frame = _frame(rows, text, plot_height, axis_gap, left)
    frame["annotations"] = [*figure.layout.annotations, *frame["annotations"]]
    figure.update_layout(frame)
    return figure


HOVER_SIZE = 13  # Plotly's hover font size (the template sets its family only)
HOVER_PAD_PX = 24  # the hover box's padding, and a margin either side of it


def hover_template(rows: pd.DataFrame, text: ChartText) -> tuple[list[list[str]] | None, str]:
    """Each point's hover (place, value, period, source, note) as Plotly's customdata and hovertemplate, its
    period, source and note wrapped to the chart's text width: Plotly never wraps a hover, and a source's title
    ran off a phone's screen. What all points share (a comparison's one period and source, most often) is
    written once in the template, not once per point: the chart's JSON is sent at every rerun, and a hundred
    points would repeat it a hundred times."""
    # by column, not itertuples: display rows have about 60 columns, and pandas takes each one out for a tuple
    notes = rows["note_text"] if "note_text" in rows else [""] * len(rows)
    wrapped = functools.lru_cache(maxsize=None)(lambda line: _hover_lines(line, text.width))  # few distinct texts
    columns = [[plot_text(v) for v in rows["bar_label"]], [plot_text(v) for v in rows["value_text"]],
               [wrapped(f"{text.hover_period}: {v}") for v in rows["time_text"]],
               [wrapped(f"{text.hover_source}: {v}") for v in rows["source_text"]],
               [_hover_note(note, text.width) for note in notes]]
    shown, varying = [], []
    for column in columns:
        if len(set(column)) == 1 and "%{" not in column[0]:  # '%{' in the template would be read as a variable
            shown.append(column[0])
        else:
            shown.append(f"%{{customdata[{len(varying)}]}}")
            varying.append(column)
    custom = [list(point) for point in zip(*varying, strict=True)] if varying else None
    label, value, period, source, note = shown
    return custom, f"<b>{label}</b><br>{value}<br>{period}<br>{source}{note}<extra></extra>"


def _hover_lines(text: str, width: int) -> str:
    """A line of a hover wrapped to fit a chart `width` pixels wide, as Plotly text."""
    return "<br>".join(plot_text(line) for line in wrap_px(text, width - HOVER_PAD_PX, HOVER_SIZE))


def _hover_note(note, width: int) -> str:
    """A figure's note under its citation in the hover, wrapped to fit the chart ('' without one)."""
    if not isinstance(note, str) or not note:
        return ""
    return "".join(f"<br><i>{line}</i>" for line in _hover_lines(note, width).split("<br>"))


# ---- rows of labelled bars ---------------------------------------------------------------------------

BAR_PX, ROW_GAP_PX, LABEL_LINE_PX = 16, 12, 16


def _row_layout(labels: list[str], width: int) -> tuple[list[float], list[list[str]], int]:
    """Each row's label goes ABOVE its bar (full width, so it reads on a phone): the bar centres in pixels from
    the top of the plot, the wrapped labels, and the plot's height."""
    centres, wrapped, cursor = [], [], 4.0
    for label in labels:
        lines = _lines(label, width, LABEL_SIZE) or [""]
        wrapped.append(lines)
        cursor += LABEL_LINE_PX * len(lines) + 2
        centres.append(cursor + BAR_PX / 2)
        cursor += BAR_PX + ROW_GAP_PX
    return centres, wrapped, int(cursor)


def _rows_figure(traces: list[dict], rows: pd.DataFrame, text: ChartText, centres: list[float],
                 wrapped: list[list[str]], height: int, xaxis: dict, **layout) -> go.Figure:
    """A chart of labelled rows, built in one go from plain dicts (a figure changed after it is made goes through
    Plotly's update machinery at every change, slower than making it). Each row's label sits above
    its bar, placed by the template's annotation defaults (_BAR_LABEL), so a label is its text and height only."""
    frame = _frame(rows, text, height)
    labels = [{"text": _markup(lines), "y": centre - BAR_PX / 2 - 1, "yref": "y", "name": "bar-label"}
              for centre, lines in zip(centres, wrapped, strict=True)]
    frame["annotations"] = [*labels, *frame["annotations"]]
    return go.Figure(data=traces, layout={**frame, **layout, "xaxis": {**xaxis, "fixedrange": True},
                                          "yaxis": {"range": [height, 0], "visible": False, "fixedrange": True}})


def _labels(rows: pd.DataFrame) -> list[str]:
    """'Label: value as reported' for each row (the value also on the bar's hover)."""
    shown = rows["bar_text"] if "bar_text" in rows else rows["value_text"]
    return [f"{label}: {value}" if value else str(label) for label, value in zip(rows["bar_label"], shown,
                                                                                   strict=True)]


def bars(rows: pd.DataFrame, text: ChartText, *, largest_first: bool = True) -> go.Figure:
    """Horizontal bars, one per row (largest on top unless told), each labelled above with its value as
    reported; rows may carry `color`, and `whole` (True for a whole that the other bars are parts of)."""
    if largest_first:
        rows = rows.sort_values("value", ascending=False, kind="stable")
    custom, template = hover_template(rows, text)
    centres, wrapped, height = _row_layout(_labels(rows), text.width)
    bar = {"type": "bar", "x": rows["value"].tolist(), "y": centres, "width": BAR_PX, "orientation": "h",
           "marker": {"color": rows["color"].tolist(), "line": {"width": 0}}, "customdata": custom,
           "hovertemplate": template, "ids": rows["figure_id"].tolist(), "name": "", "showlegend": False}
    xaxis = {"title": {"text": plot_text(text.value_axis)}, "rangemode": "tozero", "separatethousands": True}
    return _rows_figure([bar], rows, text, centres, wrapped, height, xaxis, showlegend=False)


def shares(rows: pd.DataFrame, text: ChartText) -> go.Figure:
    """Parts of a whole on a 0-100 % axis: the part in its colour, the rest in grey, 'x of y (z %)' above it.

    Rows need `share` (percent of the whole) and `bar_text`.
    """
    rows = rows.sort_values("share", ascending=False, kind="stable")
    custom, template = hover_template(rows, text)
    centres, wrapped, height = _row_layout(_labels(rows), text.width)
    part = {"type": "bar", "x": rows["share"].tolist(), "y": centres, "width": BAR_PX, "orientation": "h",
            "marker": {"color": rows["color"].tolist()}, "customdata": custom, "hovertemplate": template,
            "ids": rows["figure_id"].tolist(), "name": "", "showlegend": False}
    rest = {"type": "bar", "x": (100 - rows["share"].clip(upper=100)).tolist(), "y": centres, "width": BAR_PX,
            "orientation": "h", "marker": {"color": NEUTRAL}, "opacity": 0.35, "hoverinfo": "skip",
            "name": plot_text(text.remainder), "showlegend": False}
    xaxis = {"title": {"text": plot_text(text.value_axis)}, "range": [0, 100], "ticksuffix": " %"}
    return _rows_figure([part, rest], rows, text, centres, wrapped, height, xaxis, barmode="stack",
                        showlegend=False)


def timeline(rows: pd.DataFrame, text: ChartText) -> go.Figure:
    """One line per row from `start` to `end` (ISO dates), labelled above with `bar_label`, hover with its
    figures."""
    rows = rows.sort_values("end", kind="stable")
    custom, template = hover_template(rows, text)
    labels = [f"{label}: {value}" if value else str(label)
              for label, value in zip(rows["bar_label"], rows["value_text"], strict=True)]
    centres, wrapped, height = _row_layout(labels, text.width)
    lines = [{"type": "scatter", "x": [start, end], "y": [centre, centre], "mode": "lines+markers",
              "line": {"width": 8, "color": color}, "marker": {"size": 11}, "customdata": data and [data, data],
              "hovertemplate": template, "name": "", "showlegend": False}
             for start, end, color, data, centre in zip(rows["start"], rows["end"], rows["color"],
                                                         custom or [None] * len(rows), centres, strict=True)]
    xaxis = {"type": "date", "title": {"text": plot_text(text.value_axis)}, "nticks": 5}
    if text.date_format:
        xaxis["tickformat"] = text.date_format
    return _rows_figure(lines, rows, text, centres, wrapped, height, xaxis)


def over_time(rows: pd.DataFrame, text: ChartText) -> go.Figure:
    """One measure at one place over time: a row per figure on a date axis, in time order, labelled above with
    its period and value (`bar_text`, else `value_text`); a figure at a date (`start` empty) as a point, one for
    a period as a line from `start` to `end` (ISO dates). A row each and nothing joined: overlapping periods
    with near values drew over each other, and periods of different lengths would read as a series."""
    rows = rows.sort_values(["end", "start"], kind="stable")
    custom, template = hover_template(rows, text)
    shown = rows["bar_text"] if "bar_text" in rows else rows["value_text"]
    labels = [f"{when}: {value}" for when, value in zip(rows["time_text"], shown, strict=True)]
    centres, wrapped, height = _row_layout(labels, text.width)
    spans = (rows["start"] != "").tolist()
    # each period its own line on its own row, its start and end marked; the figures themselves are the points at
    # their ends (a period's end, a stock's date), one trace, with the citation on hover
    traces: list[dict] = [{"type": "scatter", "x": [start, end], "y": [centre, centre], "mode": "lines+markers",
                           "line": {"width": 4, "color": color}, "hoverinfo": "skip", "name": "", "showlegend": False,
                           "marker": {"symbol": "line-ns", "size": 14, "line": {"width": 3, "color": color}}}
                          for start, end, centre, color, span in zip(rows["start"], rows["end"], centres,
                                                                     rows["color"], spans, strict=True) if span]
    traces.append({"type": "scatter", "x": rows["end"].tolist(), "y": centres, "mode": "markers",
                   "ids": rows["figure_id"].tolist(), "cliponaxis": False,
                   "marker": {"size": [10 if span else 12 for span in spans],
                              "symbol": ["line-ns" if span else "circle" for span in spans],
                              "color": rows["color"].tolist(), "line": {"width": 3, "color": rows["color"].tolist()}},
                   "customdata": custom, "hovertemplate": template, "name": "", "showlegend": False})
    dates = pd.to_datetime(pd.concat([rows["start"][rows["start"] != ""], rows["end"]]))
    margin = max((dates.max() - dates.min()) * 0.04, pd.Timedelta(days=10))  # a point at the edge stays whole
    xaxis = {"type": "date", "range": [(dates.min() - margin).isoformat(), (dates.max() + margin).isoformat()],
             "nticks": 5, "title": {"text": ""}}
    if text.date_format:
        xaxis["tickformat"] = text.date_format
    return _rows_figure(traces, rows, text, centres, wrapped, height, xaxis, showlegend=False)
