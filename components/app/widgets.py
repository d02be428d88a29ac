"""Building blocks the pages lay out: KPI tiles with citations, charts with their PNG button, CSV downloads."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence
from urllib.parse import urlencode

import orjson
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components.app import state
from components.app.a11y import FIRST_CHART_KEY, hidden_heading
from components.app.navigation import page_for_place
from components.report.chart_words import FIGURES_CLASS, table_html, words_html
from components.table.index import CatalogueIndex
from components.table.tidy import csv_bytes, csv_frame
from components.views import page_views
from components.views.charts import IMAGE_WIDTH
from components.views.named_chart import NamedChart
from components.views.page_views import page_bounds
from components.views.views import CITATION_COLUMNS, TABLE_ROWS, display_rows
from components.words.fmt import md_label, md_text, number
from components.words.i18n import plotly_config, t, t_count

CHART_RUNS_KEPT = 64  # runs of charts whose elements are kept (one per page of charts and language)


def chart_config(page_slug: str, chart_slug: str, lang: str = "en", height: int | None = None) -> dict:
    """Plotly's modebar: the camera button saves '<page>-<chart>.png' at twice the screen resolution; its
    buttons and notices in the reader's language."""
    return {"displaylogo": False, "modeBarButtons": [["toImage"]], "displayModeBar": True,
            "toImageButtonOptions": {"format": "png", "filename": f"{page_slug}-{chart_slug}", "scale": 2,
                                     "width": IMAGE_WIDTH, "height": height},
            **plotly_config(lang)}


class SentFigure(go.Figure):
    """A figure as Streamlit sends it, its JSON written in one pass: `st.plotly_chart` asks a figure for
    `to_dict()`, a copy of every point (a national map has thousands of places, a megabyte of JSON), and then
    writes that copy as JSON. Nothing else reads this figure: it is empty but for that."""

    def __init__(self, figure: go.Figure):
        super().__init__()
        self._sent = _written_figure(figure)

    @property
    def sent_height(self) -> int | None:
        """The figure's height as set in its layout (None: Plotly's default), from what is sent: reading a Plotly
        property at every rerun takes tens of microseconds."""
        return self._sent.get("layout", {}).get("height")

    def to_dict(self) -> dict:
        return self._sent


class _WrittenFigure(dict):
    """A figure already written as JSON, as Plotly's orjson writer takes it: the writer asks an object for
    `to_plotly_json()` and copies an `orjson.Fragment` as it is. The dict holds the one thing Streamlit reads from
    it, the figure's height (the element's height)."""

    def __init__(self, text: str, height: int | None):
        super().__init__({"layout": {"height": height}} if height else {})
        self._fragment = orjson.Fragment(text)

    def to_plotly_json(self) -> orjson.Fragment:
        return self._fragment


def _written_figure(figure: go.Figure) -> dict:
    """The figure's dict for Streamlit, written as JSON once where Plotly writes with orjson (its default when
    orjson is installed, as it is here); the plain dict where someone chose Plotly's other writer."""
    if pio.json.config.default_engine not in ("auto", "orjson"):
        return figure.to_dict()
    return _WrittenFigure(pio.to_json(figure, validate=False), figure.layout.height)


def show_charts(charts: Sequence[NamedChart], page_slug: str, heading_level: int = 3) -> None:
    """Each chart under a heading of its title (for screen readers: the title is drawn inside the image), named
    by its title, and followed by the chart in words and its data as a table, folded (the report's own HTML).
    The next chart's heading goes with this chart's words, in one element, and no container holds a chart and its
    words (the stylesheet sets the words close under their chart): every element is a message to send at every
    rerun.

    The elements are made once per run of charts and language, and sent again as made (Streamlit replays the
    elements a cached function drew): making a chart's element writes, checks and hashes its whole JSON, most
    of a page's time at every rerun when it shows ten charts. What is kept is the elements, not the figures' JSON
    besides them."""
    lang = state.lang()
    _chart_elements(tuple(_token(chart) for chart in charts), charts, page_slug, heading_level, lang)


_tokens = itertools.count()


def _token(chart: NamedChart) -> int:
    """A number naming this chart object and no other, ever (an object's id() is reused once it is freed): the
    pages' charts are kept per catalogue content and never changed, so the number names the chart's content."""
    return chart.__dict__.setdefault("_token", next(_tokens))


@st.cache_resource(max_entries=CHART_RUNS_KEPT, show_spinner=False)
def _chart_elements(tokens: tuple[int, ...], _charts: Sequence[NamedChart], page_slug: str, level: int,
                    lang: str) -> None:
    """The charts' elements (see show_charts), kept by the charts' tokens, the page, the heading level and the
    language (the charts themselves are not hashed)."""
    headings = [hidden_heading(chart.title, level) for chart in _charts]
    if headings:
        html_block(headings[0])
    for position, chart in enumerate(_charts):
        sent = SentFigure(chart.figure)
        key = f"{FIRST_CHART_KEY if position == 0 else 'chart'}-{page_slug}-{chart.slug}"
        st.plotly_chart(sent, config=chart_config(page_slug, chart.slug, lang, sent.sent_height),
                        width="stretch", key=key, theme=None, alt=chart.title)
        next_heading = headings[position + 1] if position + 1 < len(headings) else ""
        after = chart_words(chart, lang) + next_heading
        if after:
            html_block(after)


WARD_PROVINCE_KEY = "ward-province"


def ward_province_select(index: CatalogueIndex, ward_ids: list[str],
                         lang: str) -> tuple[list[str], str | None, bool, DeltaGenerator]:
    """The ward page's first selector: the province whose wards the ward selector lists. It follows the ward
    being shown (from the address, a link or the reader's choice); picking another province opens its ward with
    most figures. That province's wards, the ward to open on among them, whether the reader just followed a link
    to a ward (for state.url_select), and where the ward selector goes: beside this one (under it on a phone)."""
    groups, group_of = page_views.ward_groups(index), page_views.ward_group_of(index)
    followed = state.settle_choice(t("ward", lang), ward_ids, "ward", page_views.default_place(index, "ward"),
                                   among=group_of)
    group = group_of[state.chosen("ward")]
    st.session_state[WARD_PROVINCE_KEY] = group

    def open_its_richest_ward() -> None:
        state.choose("ward", page_views.default_ward_in(index, st.session_state[WARD_PROVINCE_KEY]))

    choices = page_views.ward_group_choices(index, lang)
    here, beside = st.columns(2)
    here.selectbox(t("province", lang), list(groups), key=WARD_PROVINCE_KEY, format_func=choices.__getitem__,
                   on_change=open_its_richest_ward, help=t("ward_province_help", lang))
    return groups[group], page_views.default_ward_in(index, group), followed, beside


class _Markup:
    """HTML made by this app, handed to st.html as is: Streamlit dedents and strips a string (two passes of
    regular expressions over it: a few milliseconds for a table of 500 rows at every rerun), but takes an
    object's `_repr_html_()` as it comes."""

    __slots__ = ("markup",)

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup


def html_block(markup: str) -> None:
    """Markup made by this app (every catalogue text in it escaped) as one element of the page."""
    st.html(_Markup(markup))


def chart_words(chart: NamedChart, lang: str) -> str:
    """The chart's words as HTML, made once per chart and language: the pages' charts are kept per catalogue
    content, and a national comparison's table has hundreds of rows to escape."""
    return state.made_once(chart, "words", lang, lambda: words_html(chart, lang))


def count_tiles(items: Sequence[tuple[str, str, str]]) -> None:
    """Tiles for catalogue counts: (label, value, caption)."""
    columns = st.columns(len(items))
    for column, (label, value, caption) in zip(columns, items, strict=True):
        with column.container(border=True):
            st.metric(md_label(label), value)
            st.caption(md_text(caption))


def csv_download(rows: Callable[[], pd.DataFrame], count: int, file_stem: str, lang: str, key: str,
                 index: CatalogueIndex) -> None:
    """The `count` figures on this view (of `index`'s catalogue) as the CSV the command line writes with
    `--excel`, in the reader's language and citing this page's address, made from `rows()` on click.

    Streamlit keeps the maker of every download button of a page for each visitor until they leave the page,
    so it must not hold the figures themselves: a source of a national catalogue has tens of thousands."""
    catalogue, page_url = index.catalogue, page_address()

    def data() -> bytes:
        shown = rows()
        if not set(CITATION_COLUMNS) <= set(shown.columns):  # tidy rows (overview, sources): word them
            shown = display_rows(shown, catalogue, lang)
        return csv_bytes(csv_frame(shown, lang, page_url), excel=True)

    st.download_button(t_count("download_csv", lang, count), data=data,
                       file_name=f"{file_stem}.csv", mime="text/csv", key=key, icon=":material/table_view:",
                       on_click="ignore")


def page_address() -> str:
    """The address of the view being read ('https://host/province?province=quang-ninh&lang=vi'), as the CSV
    cites it: Streamlit gives the app's address without the page's path and query, which are added back."""
    try:
        base = (st.context.url or "").rstrip("/")
        manager = get_script_run_ctx().pages_manager
        page = manager.get_pages().get(manager.current_page_script_hash, {}).get("url_pathname", "")
    except Exception:  # noqa: BLE001 - outside a browser session (AppTest) there is no address
        return ""
    query = urlencode(st.query_params.to_dict())
    address = f"{base}/{page}" if base and page else base
    return f"{address}?{query}" if address and query else address


def figures_table(rows: pd.DataFrame | Callable[[], pd.DataFrame], lang: str, label: str, total: int, *,
                  kept_on: object = None) -> None:
    """The figures of the view in a table named `label` (an HTML table: a screen reader moves through it by
    row and column, the browser's find and copy reach every cell, and it needs no data grid): the first
    views.TABLE_ROWS of them, saying how many the view has (`total`) when it has more. `rows` may be a function
    giving them: with `kept_on` (a page view) the table is made once per view and language."""
    def markup() -> str:
        shown = rows() if callable(rows) else rows
        return figures_table_html(shown.head(TABLE_ROWS), lang, label) if len(shown) else ""

    table = state.made_once(kept_on, "figures-table", lang, markup) if kept_on is not None else markup()
    if not table:
        return
    html_block(table)
    if total > TABLE_ROWS:
        st.caption(t("table_first_rows", lang, shown=number(TABLE_ROWS, 0, lang), count=number(total, 0, lang)))


def figures_table_html(rows: pd.DataFrame, lang: str, label: str) -> str:
    """The rows as an HTML table named `label`; a column empty for every row is left out."""
    columns = {t("col_place", lang): "place_label", t("col_metric", lang): "metric_name",
               t("col_value", lang): "value_text", t("col_of", lang): "fraction_text",
               t("col_time", lang): "time_text", t("col_source", lang): "source_text",
               t("col_also_in", lang): "also_in_text", t("col_note", lang): "note_text"}
    kept = {name: column for name, column in columns.items() if column in rows and rows[column].astype(bool).any()}
    cells = zip(*(rows[column].tolist() for column in kept.values()), strict=True)
    return table_html(list(kept), cells, label, css_class=FIGURES_CLASS)


def place_link(index: CatalogueIndex, place_id: str, lang: str, label: str | None = None) -> None:
    """A link to the page showing a place: the ward page for wards, else the province page."""
    target = page_for_place(index, place_id)
    if target is None:
        st.markdown(md_text(label or index.places[place_id].name))
        return
    page, param, value = target
    st.page_link(page, label=md_text(label or index.places[place_id].name), query_params={param: value},
                 icon=":material/arrow_forward:")


def pager(count: int, per_page: int, key: str, label: str, lang: str, help: str | None = None) -> range:
    """Which of `count` items to show, `per_page` at a time: a selector of their ranges ('11–20 of 111'), kept
    in the URL (?key=2) so that a copied link reopens the same part. All of them, and no selector, when they
    fit on one page."""
    bounds = page_bounds(count, per_page)
    if len(bounds) == 1:
        return range(*bounds[0])

    def option(choice: str) -> str:
        start, stop = bounds[int(choice) - 1]
        return pager_option(start, stop, count, lang)

    chosen = state.url_select(label, [str(i + 1) for i in range(len(bounds))], key, option, help=help)
    return range(*bounds[int(chosen) - 1])


@functools.lru_cache(maxsize=4096)
def pager_option(start: int, stop: int, count: int, lang: str) -> str:
    """A pager's option ('11–20 of 111'), worded once: formatting a number in the reader's language takes
    Babel tens of microseconds, and the pager's options are worded at every rerun."""
    return t("pager_option", lang, first=number(start + 1, 0, lang), last=number(stop, 0, lang),
             count=number(count, 0, lang))
