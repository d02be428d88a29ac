"""Building blocks the pages lay out: KPI tiles with citations, charts with their PNG button, CSV downloads."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components.app import id_in_address, state
from components.app.a11y import FIRST_CHART_KEY, hidden_heading
from components.app.cards import citation_html
from components.app.navigation import page_for_place
from components.report.chart_words import FIGURES_CLASS, grouped_table_html, words_html
from components.table.index import CatalogueIndex
from components.table.memo import once
from components.table.tidy import csv_bytes, csv_frame
from components.views import page_views
from components.views.charts import IMAGE_WIDTH
from components.views.display import CITATION_COLUMNS, TABLE_ROWS, display_rows
from components.views.named_chart import NamedChart
from components.views.page_views import page_bounds
from components.words.fmt import md_text, number, shortened
from components.words.i18n import plotly_config, t, t_count

CHART_RUNS_KEPT = 64  # runs of charts whose elements are kept (one per page of charts and language)


def chart_config(page_slug: str, chart_slug: str, lang: str = "en", height: int | None = None) -> dict:
    """Plotly's modebar: the camera button saves '<page>-<chart>.png' at twice the screen resolution; its
    buttons and notices in the reader's language."""
    return {"displaylogo": False, "modeBarButtons": [["toImage"]], "displayModeBar": True,
            "toImageButtonOptions": {"format": "png", "filename": f"{page_slug}-{chart_slug}", "scale": 2,
                                     "width": IMAGE_WIDTH, "height": height},
            **plotly_config(lang)}


def show_charts(charts: Sequence[NamedChart], page_slug: str, heading_level: int = 3) -> None:
    """Each chart under a heading of its title (drawn inside the image, out of a screen reader's reach), then
    its words and its data as a folded table. The next heading shares one element with these words and no
    container wraps them, since every element is sent at every rerun; the elements are made once per run of
    charts and language, as making a chart's element writes and hashes its whole JSON."""
    lang = state.lang()
    _chart_elements(tuple(chart.serial for chart in charts), charts, page_slug, heading_level, lang)


@st.cache_resource(max_entries=CHART_RUNS_KEPT, show_spinner=False)
def _chart_elements(serials: tuple[int, ...], _charts: Sequence[NamedChart], page_slug: str, level: int,
                    lang: str) -> None:
    """The charts' elements (see show_charts), kept by the charts' serial numbers, the page, the heading level
    and the language (the charts themselves are not hashed)."""
    headings = [hidden_heading(chart.title, level) for chart in _charts]
    if headings:
        html_block(headings[0])
    for position, chart in enumerate(_charts):
        key = f"{FIRST_CHART_KEY if position == 0 else 'chart'}-{page_slug}-{chart.slug}"
        st.plotly_chart(chart.figure, config=chart_config(page_slug, chart.slug, lang, chart.figure.layout.height),
                        width="stretch", key=key, theme=None, alt=chart.title)
        next_heading = headings[position + 1] if position + 1 < len(headings) else ""
        after = chart_words(chart, lang) + next_heading
        if after:
            html_block(after)


WARD_PROVINCE_KEY = "ward-province"


def ward_province_select(index: CatalogueIndex, ward_ids: list[str], lang: str) -> tuple[list[str], DeltaGenerator]:
    """The ward page's first selector: the province whose wards the ward selector lists. It follows the ward
    being shown (from the address, a link or the reader's choice); picking another province opens its ward with
    most figures. That province's wards, and where the ward selector goes: beside this one (under it on a
    phone). The ward's choice is settled for the run (id_in_address.choice_select draws it)."""
    groups, group_of = page_views.ward_groups(index), page_views.ward_group_of(index)
    ward = id_in_address.settle_choice(t("ward", lang), ward_ids, "ward", page_views.default_place(index, "ward"),
                               among=group_of)
    st.session_state[WARD_PROVINCE_KEY] = group_of[ward]

    def open_its_richest_ward() -> None:
        id_in_address.choose("ward", page_views.default_ward_in(index, st.session_state[WARD_PROVINCE_KEY]))

    choices = page_views.ward_group_choices(index, lang)
    here, beside = st.columns(2)
    counted = t("place_count_help", lang)  # the same count as the province page's selector
    here.selectbox(t("province", lang), list(groups), key=WARD_PROVINCE_KEY, format_func=choices.__getitem__,
                   on_change=open_its_richest_ward, help=f'{t("ward_province_help", lang)} {counted}')
    return groups[group_of[ward]], beside


def html_block(markup: str) -> None:
    """Markup made by this app (every catalogue text in it escaped) as one element of the page."""
    st.html(markup)


def chart_words(chart: NamedChart, lang: str) -> str:
    """The chart's words as HTML, made once per run of charts and language with the run's elements
    (_chart_elements): a national comparison's table has hundreds of rows to escape."""
    return words_html(chart, lang)


def csv_download(rows: Callable[[], pd.DataFrame], count: int, file_stem: str, lang: str, key: str,
                 index: CatalogueIndex, address: str) -> None:
    """The `count` figures on this view (of `index`'s catalogue) as the CSV the command line writes with
    `--excel`, in the reader's language and citing the view's `address` (registry.page_address), made from
    `rows()` on click.

    Streamlit keeps the maker of every download button of a page for each visitor until they leave the page,
    so it must not hold the figures themselves: a source of a national catalogue has tens of thousands."""
    catalogue, page_url = index.catalogue, address or address_being_read()

    def data() -> bytes:
        shown = rows()
        if not set(CITATION_COLUMNS) <= set(shown.columns):  # tidy rows (overview, sources): word them
            shown = display_rows(shown, catalogue, lang)
        return csv_bytes(csv_frame(shown, lang, page_url), excel=True)

    st.download_button(t_count("download_csv", lang, count), data=data,
                       file_name=f"{file_stem}.csv", mime="text/csv", key=key, icon=":material/table_view:",
                       on_click="ignore")


def address_being_read() -> str:
    """The address of the view being read ('http://localhost:8501/province?province=quang-ninh&lang=vi'), as a CSV
    cites it when the dashboard's address is not set ('' outside a browser session, as in AppTest)."""
    base = st.context.url or ""
    query = urlencode(st.query_params.to_dict())
    return f"{base}?{query}" if base and query else base


def figures_table(rows: pd.DataFrame | Callable[[], pd.DataFrame], lang: str, label: str, total: int, *,
                  kept_as: tuple[str, tuple] | None = None, cite: bool = True) -> None:
    """The figures of the view in a table named `label` (an HTML table: a screen reader moves through it by
    row and column, the browser's find and copy reach every cell, and it needs no data grid): the first
    views.TABLE_ROWS of them, saying how many the view has (`total`) when it has more. `rows` may be a function
    giving them: with `kept_as` (a catalogue content's id and a key naming the view) the table is made once per
    view and language (components/table/memo.py). Without `cite` the rows are not cited (where the page says
    their one source just above, as the Sources page does)."""
    def markup() -> str:
        shown = rows() if callable(rows) else rows
        return figures_table_html(shown.head(TABLE_ROWS), lang, label, cite=cite) if len(shown) else ""

    table = once(kept_as[0], (*kept_as[1], lang), markup, "html") if kept_as is not None else markup()
    if not table:
        return
    html_block(table)
    if total > TABLE_ROWS:
        st.caption(t("table_first_rows", lang, shown=number(TABLE_ROWS, 0, lang), count=number(total, 0, lang)))


def figures_table_html(rows: pd.DataFrame, lang: str, label: str, *, cite: bool = True) -> str:
    """The rows as an HTML table named `label`, grouped by source as the cards are (in the order each source
    first comes), each source cited once above its rows (with `cite`) rather than on every row; a column empty
    for every row is left out."""
    columns = {t("col_place", lang): "place_label", t("col_metric", lang): "metric_name",
               t("col_value", lang): "value_text", t("col_of", lang): "fraction_text",
               t("col_time", lang): "time_text", t("col_also_in", lang): "also_in_text",
               t("col_note", lang): "note_text"}
    kept = {name: column for name, column in columns.items() if column in rows and rows[column].astype(bool).any()}
    if not cite or "source_text" not in rows:
        cells = zip(*(rows[column].tolist() for column in kept.values()), strict=True)
        return grouped_table_html(list(kept), [("", cells)], label, css_class=FIGURES_CLASS)
    groups = []
    for _source, group in rows.groupby(rows["source_text"], sort=False):
        url = group["source_url"].iloc[0] if "source_url" in group else None
        citation = citation_html(group["source_text"].iloc[0], url if isinstance(url, str) else None, lang)
        groups.append((citation, zip(*(group[column].tolist() for column in kept.values()), strict=True)))
    return grouped_table_html(list(kept), groups, label, css_class=FIGURES_CLASS)


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
    """Which of `count` items to show, `per_page` at a time: Streamlit's pager, kept in the address (?key=2) so
    that a copied link reopens the same part, under a line saying which they are ('Sources shown: 11–20 of
    111'; the pager's own words for screen readers are Streamlit's, in English). All of them, and no pager, when
    they fit on one page. A part the address names that is not one (?key=99) gives a short notice and the first
    part."""
    bounds = page_bounds(count, per_page)
    if len(bounds) == 1:
        return range(*bounds[0])
    wanted = st.query_params.get(key)
    if key not in st.session_state and wanted is not None and wanted not in map(str, range(1, len(bounds) + 1)):
        st.info(t("unknown_page_in_link", lang, value=md_text(shortened(wanted, state.ECHO_LIMIT)),
                  count=number(len(bounds), 0, lang)))
    line = st.empty()  # above the pager, saying what it shows: known once the pager has answered
    start, stop = bounds[st.pagination(len(bounds), key=key, bind="query-params") - 1]
    line.caption(f"{md_text(label)}: {pager_option(start, stop, count, lang)}", help=help)
    return range(start, stop)


@functools.lru_cache(maxsize=4096)
def pager_option(start: int, stop: int, count: int, lang: str) -> str:
    """The part shown ('11–20 of 111'), worded once per part and language."""
    return t("pager_option", lang, first=number(start + 1, 0, lang), last=number(stop, 0, lang),
             count=number(count, 0, lang))
