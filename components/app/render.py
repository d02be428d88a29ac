"""Lays a page view out in Streamlit: each kind of block of components.views.page_views becomes its widgets."""

from __future__ import annotations

import streamlit as st

from components.app import id_in_address, screen, state
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
from components.table.memo import once
from components.views import page_views, registry
from components.views.display import TABLE_ROWS
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
from components.words.fmt import md_text, number
from components.words.i18n import t

_NOTICES = {"info": st.info, "warning": st.warning, "success": st.success}


def blocks(items, view: PageView, index: CatalogueIndex, lang: str, level: int = 2) -> None:
    """The blocks in order; `level` is the level a chart's heading takes until a section heading comes (then
    one below it), so headings never skip a level."""
    run: list = []  # consecutive charts are shown together, and consecutive card groups
    for block in items:
        if run and type(block) is not type(run[0]):
            _show_run(run, view, index, lang, level)
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
        _show_run(run, view, index, lang, level)


def _show_run(run: list, view: PageView, index: CatalogueIndex, lang: str, level: int) -> None:
    if isinstance(run[0], ChartBlock):
        show_charts([block.chart for block in run], view.slug, level)
    else:  # a run of card groups' HTML made once per language (the groups belong to views kept in the memo)
        html_block(once(index.content_id, ("cards", tuple(group.serial for group in run), lang),
                        lambda: cards_html(run, lang), "html"))


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
                              total=view.table_total, kept_as=(index.content_id, ("figures-table", view.serial)))
        csv_download(view.table, view.table_total, view.csv_name or view.slug, lang,
                     key=f"csv-{table_key or view.slug}", index=index, address=view.address)
    if view.charts and view.charts_zip:
        page_charts_download(view.charts, view.slug, lang, index.content_id)


def table_open(view: PageView, lang: str, table_key: str = "") -> bool:
    """Whether the view's table of figures is shown: always for a few, on request (a toggle) for more than
    page_views.TABLE_OPEN: a province of a national catalogue has thousands, and a 500-row table is half the
    page for the browser to lay out, while its CSV has them all."""
    if view.table_total <= page_views.TABLE_OPEN:
        return True
    return st.toggle(t("place_table_toggle", lang), key=f"show-table-{table_key or view.slug}",
                     help=t("place_table_toggle_help", lang, shown=number(min(TABLE_ROWS, view.table_total), 0, lang),
                            count=number(view.table_total, 0, lang)))


def choice_page(url_path: str) -> None:
    """A page of one place or one measure (a registry row with `choices`): its selector (each option with how many
    figures or places it has, opening on the richest, kept in the address), then the chosen one's view."""
    spec = registry.BY_PATH[url_path]
    index, lang = state.current_index(), state.lang()
    options = page_views.options_of(spec, index, lang)
    if not options:
        st.info(t(spec.none_key, lang))
        st.stop()
    ids = list(options)
    # a place's option says how many figures are about it, the same count on every page: the help says which
    counted = t("place_count_help", lang) if spec.param in registry.PLACE_PAGES else None
    if spec is registry.PLACE_PAGES.get("ward"):  # a province first, then one of its wards
        ids, where = ward_province_select(index, ids, lang)
        chosen = id_in_address.choice_select(t(spec.choice_key, lang), ids, spec.param, options.__getitem__,
                                             where=where, inert_labels=True, state_key=spec.url_path, help=counted)
    else:
        chosen = id_in_address.url_select(t(spec.choice_key, lang), ids, spec.param, options.__getitem__,
                                          default=page_views.default_of(spec, index), inert_labels=True,
                                          state_key=spec.url_path, help=counted)
    width = screen.chart_text_width()
    page(once(index.content_id, (f"{url_path}-page", chosen, lang, width),
              lambda: page_views.build_view(spec, index, chosen, lang, width)), index, lang)
