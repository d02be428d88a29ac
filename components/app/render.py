"""Lays a page view out in Streamlit: each kind of block of components.views.page_views becomes its widgets."""

from __future__ import annotations

import streamlit as st

from components.app import screen, state
from components.app.cards import cards_html
from components.app.download import page_charts_download
from components.app.widgets import (
    csv_download,
    figures_table,
    html_block,
    pager,
    place_link,
    show_charts,
    ward_province_select,
)
from components.table.index import CatalogueIndex
from components.views import page_views, selections
from components.views.page_views import (
    Boxed,
    Caption,
    CardGroup,
    ChartBlock,
    Heading,
    Notice,
    Paged,
    PageView,
    PlaceLink,
)
from components.views.views import TABLE_ROWS
from components.words.fmt import md_text, number
from components.words.i18n import t

_NOTICES = {"info": st.info, "warning": st.warning, "success": st.success}


def blocks(items, view: PageView, index: CatalogueIndex, lang: str, level: int = 2) -> None:
    """The blocks in order; `level` is the level a chart's heading takes until a section heading comes (then
    one below it), so headings never skip a level."""
    run: list = []  # consecutive charts are shown together, and consecutive card groups
    for block in items:
        if run and type(block) is not type(run[0]):
            _show_run(run, view, lang, level)
            run = []
        if isinstance(block, ChartBlock | CardGroup):
            run.append(block)
        elif isinstance(block, Notice):
            _NOTICES[block.kind](md_text(block.text))
        elif isinstance(block, PlaceLink):
            place_link(index, block.place_id, lang, block.label)
        elif isinstance(block, Heading):
            st.header(md_text(block.text))
            level = 3
        elif isinstance(block, Caption):
            st.caption(md_text(block.text))
        elif isinstance(block, Paged):
            shown = pager(len(block.blocks), block.per_page, block.key, block.label, lang, help=block.help)
            blocks(block.blocks[shown.start:shown.stop], view, index, lang, level)
        elif isinstance(block, Boxed):
            with st.container(border=True):
                st.header(md_text(block.heading))
                blocks(block.blocks, view, index, lang, level=3)
    if run:
        _show_run(run, view, lang, level)


def _show_run(run: list, view: PageView, lang: str, level: int) -> None:
    if isinstance(run[0], ChartBlock):
        show_charts([block.chart for block in run], view.slug, level)
    else:
        html_block(cards_html(run, lang))


def page(view: PageView, index: CatalogueIndex, lang: str, *, title: bool = True, table_key: str = "") -> None:
    """The whole view: title, its blocks, then every figure of the view as a table and a CSV, and the zip of
    its charts."""
    if title:
        st.title(md_text(view.title))
    blocks(view.blocks, view, index, lang)
    if view.table is not None and view.table_total:
        if view.table_shown:
            st.header(t("all_figures_header", lang))
            if table_open(view, lang, table_key):
                figures_table(lambda: view.table(TABLE_ROWS), lang, f"{t('all_figures_header', lang)}: {view.title}",
                              total=view.table_total, kept_on=view)
        csv_download(view.table, view.table_total, view.csv_name or view.slug, lang,
                     key=f"csv-{table_key or view.slug}", index=index)
    if view.charts and view.slug != "overview":
        page_charts_download(view.charts, view.slug, lang)


def table_open(view: PageView, lang: str, table_key: str = "") -> bool:
    """Whether the view's table of figures is shown: always for a few, on request (a toggle) for more than
    page_views.TABLE_OPEN: a province of a national catalogue has thousands, and a 500-row table is half the
    page for the browser to lay out, while its CSV has them all."""
    if view.table_total <= page_views.TABLE_OPEN:
        return True
    return st.toggle(t("place_table_toggle", lang), key=f"show-table-{table_key or view.slug}",
                     help=t("place_table_toggle_help", lang, shown=number(min(TABLE_ROWS, view.table_total), 0, lang),
                            count=number(view.table_total, 0, lang)))


_PLACE_PAGES = {  # ids of the level, the selector's label, what to say when there are none, the page's view
    "province": (selections.province_ids, lambda lang: t("province", lang), lambda lang: t("no_provinces", lang),
                 page_views.province_page),
    "ward": (selections.ward_ids, lambda lang: t("ward", lang), lambda lang: t("no_wards", lang), page_views.ward_page)}


def place_page(level: str) -> None:
    """A province or ward page: its selector (each place with how many figures its page shows, opening on the
    place with most, kept in the address), then that place's view."""
    ids_of, label, none_here, build = _PLACE_PAGES[level]
    index, lang = state.current_index(), state.lang()
    ids = ids_of(index)
    if not ids:
        st.info(none_here(lang))
        st.stop()
    choices = page_views.place_choices(index, level, lang)
    if level == "ward":  # a province first, then one of its wards
        ids, where = ward_province_select(index, ids, lang)
        place_id = state.choice_select(label(lang), ids, level, choices.__getitem__, where=where, inert_labels=True)
    else:
        place_id = state.url_select(label(lang), ids, level, choices.__getitem__,
                                    default=page_views.default_place(index, level), inert_labels=True)
    width = screen.chart_text_width()
    page(index.memo((f"{level}-page", place_id, lang, width), lambda: build(index, place_id, lang, width)), index, lang)
