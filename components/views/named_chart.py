"""A chart as the pages and the export carry it: its figure with a stable slug, and the chart in words and its
table, made from the same rows as the chart so that the three cannot disagree."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from components.views import charts
from components.words import fmt
from components.words.i18n import DEFAULT_LANG, t

_serials = itertools.count()
MAX_BARS = 25  # a comparison shows the largest places; the subtitle says how many are left out


@dataclass(frozen=True)
class ChartTable:
    """A chart's data as a small table in the reader's language: one row per bar, circle or line, as drawn."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: int = 0  # how many the chart draws: more than len(rows) when the table is cut to TABLE_CHART_ROWS
    shared: tuple[tuple[str, str], ...] = ()  # (column, value) every row has: said once, not in each row
    shared_text: str = ""  # the same in words: 'Every row: Period: …; Source: …'


@dataclass(frozen=True)
class NamedChart:
    slug: str  # stable within its page: file name of its image, key of its widget
    title: str
    figure: go.Figure
    figure_ids: tuple[str, ...]
    alt: str = ""  # the chart in words: what is compared, values with units, period, sources
    table: ChartTable | None = None  # the chart's data, row by row
    # a number naming this chart and no other made in this process (an id() is reused once freed): the app keeps
    # a chart's Streamlit elements by it (app/widgets.show_charts), charts being made once and never changed
    serial: int = field(default_factory=lambda: next(_serials), init=False, compare=False, repr=False)


def figure_ids_of(rows: pd.DataFrame) -> tuple[str, ...]:
    """The ids of the figures a chart draws, in its order."""
    return tuple(rows["figure_id"])


ALT_VALUES = 25  # the chart in words names this many values (largest first); its table holds more


TABLE_CHART_ROWS = 100  # a chart's table shows this many rows (a national map has thousands of circles)


def chart_alt(title: str, subtitle: str, items: list[str], footer: str, lang: str = DEFAULT_LANG) -> str:
    """The chart in words, from the same rows as the chart: its title (what is compared, where), its subtitle
    (unit and period), each value as reported ('label: value'), then its sources."""
    values = "; ".join(items[:ALT_VALUES])
    if len(items) > ALT_VALUES:
        values = t("alt_more", lang, named=values, count=fmt.number(len(items) - ALT_VALUES, 0, lang))
    return " ".join(part for part in (_sentence(title), _sentence(subtitle), _sentence(values), _sentence(footer))
                    if part)


def _sentence(text: str) -> str:
    text = " ".join(re.split(r"[ \t\r\n]+", str(text).strip()))  # a value's no-break spaces kept (fmt.NBSP)
    return text if not text or text.endswith((".", "!", "?", ":")) else f"{text}."


def _shown_values(rows: pd.DataFrame) -> pd.Series:
    return rows["bar_text"] if "bar_text" in rows else rows["value_text"]


def value_items(rows: pd.DataFrame, with_time: bool = False) -> list[str]:
    """'Label: value as reported' for each row (with its period in brackets when the chart's periods differ)."""
    items = [f"{label}: {value}" for label, value in zip(rows["bar_label"], _shown_values(rows), strict=True)]
    if with_time:
        items = [f"{item} ({when})" for item, when in zip(items, rows["time_text"], strict=True)]
    return items


def chart_table(rows: pd.DataFrame, lang: str, header: tuple[str, ...] = ()) -> ChartTable:
    """The chart's rows as a table: what each bar is, its value as reported, its period and its source (the
    columns named by `header`, else place, value, period, source). A period or source that every row has is said
    once, beside the table (`shared`), not in a column repeating it: a comparison of a hundred wards from one
    report would otherwise say the report a hundred times to a screen reader, and send it at every rerun."""
    shown = rows.head(TABLE_CHART_ROWS)
    header = header or (t("col_place", lang), t("col_value", lang), t("col_time", lang), t("col_source", lang))
    columns = [[str(v) for v in shown["bar_label"]], [str(v) for v in _shown_values(shown)],
               [str(v) for v in shown["time_text"]], [str(v) for v in shown["source_text"]]]
    alike = [index for index, name in ((2, "time_text"), (3, "source_text"))
             if len(rows) > 1 and rows[name].astype(str).nunique() == 1]
    shared = tuple((header[index], columns[index][0]) for index in alike)
    said = t("chart_table_shared", lang, shared="; ".join(f"{column}: {value}" for column, value in shared))
    kept = [index for index in range(len(columns)) if index not in alike]
    body = tuple(zip(*(columns[index] for index in kept), strict=True))
    return ChartTable(tuple(header[index] for index in kept), body, len(rows), shared, said if shared else "")


def chart_from_rows(slug: str, title: str, figure: go.Figure, rows: pd.DataFrame, text: charts.ChartText,
                    lang: str) -> NamedChart:
    """The chart of `rows` with its words and its table made from the same rows."""
    return NamedChart(slug, title, figure, figure_ids_of(rows),
                      chart_alt(title, text.subtitle, value_items(rows), text.footer, lang), chart_table(rows, lang))
