"""Lays a page view out in Streamlit: each kind of block of components.views.page_views becomes its widgets."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from components.app import state
from components.app.download import page_charts_download
from components.app.widgets import csv_download, figures_table, pager, place_link, show_charts
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
from components.words.fmt import md_label, md_text, md_url
from components.words.i18n import t

TILES_PER_ROW = 3
_NOTICES = {"info": st.info, "warning": st.warning, "success": st.success}


def source_link_text(url: str, lang: str) -> str:
    """A link to a source that says where it goes: 'the article on baoquangninh.vn'."""
    try:
        site = (urlsplit(url).hostname or "").removeprefix("www.")
    except ValueError:
        site = ""
    return t("source_link", lang, site=site) if site else t("link", lang)


def card_group(group: CardGroup, lang: str) -> None:
    """The citation once, then the group's cards in rows of bordered tiles."""
    citation = md_text(group.citation)
    if group.url:
        citation += f" · [{md_text(source_link_text(group.url, lang))}]({md_url(group.url)})"
    st.markdown(f"{md_text(t('source', lang))}: {citation}")
    if group.period:
        st.caption(md_text(group.period))
    cards = list(group.cards)
    for start in range(0, len(cards), TILES_PER_ROW):
        columns = st.columns(TILES_PER_ROW)
        for column, card in zip(columns, cards[start:start + TILES_PER_ROW], strict=False):
            with column.container(border=True):
                st.metric(md_label(card.label), card.value, help=md_text(card.help) if card.help else None)
                st.caption("  \n".join(md_text(line) for line in card.lines))


def blocks(items, view: PageView, index: CatalogueIndex, lang: str, level: int = 2) -> None:
    """The blocks in order; `level` is the level a chart's heading takes until a section heading comes (then
    one below it), so headings never skip a level."""
    charts = []
    for block in items:
        if isinstance(block, ChartBlock):
            charts.append(block.chart)
            continue
        if charts:  # consecutive charts are shown together
            show_charts(charts, view.slug, level)
            charts = []
        if isinstance(block, Notice):
            _NOTICES[block.kind](md_text(block.text))
        elif isinstance(block, PlaceLink):
            place_link(index, block.place_id, lang, block.label)
        elif isinstance(block, Heading):
            st.header(md_text(block.text))
            level = 3
        elif isinstance(block, Caption):
            st.caption(md_text(block.text))
        elif isinstance(block, CardGroup):
            card_group(block, lang)
        elif isinstance(block, Paged):
            shown = pager(len(block.blocks), block.per_page, block.key, block.label, lang, help=block.help)
            blocks(block.blocks[shown.start:shown.stop], view, index, lang, level)
        elif isinstance(block, Boxed):
            with st.container(border=True):
                st.header(md_text(block.heading))
                blocks(block.blocks, view, index, lang, level=3)
    if charts:
        show_charts(charts, view.slug, level)


def page(view: PageView, index: CatalogueIndex, lang: str, *, title: bool = True, table_key: str = "") -> None:
    """The whole view: title, its blocks, then every figure of the view as a table and a CSV, and the zip of
    its charts."""
    if title:
        st.title(md_text(view.title))
    blocks(view.blocks, view, index, lang)
    if view.table is not None and view.table_total:
        if view.table_shown:
            st.header(t("all_figures_header", lang))
            figures_table(view.table(TABLE_ROWS), lang, f"{t('all_figures_header', lang)}: {view.title}",
                          total=view.table_total)
        csv_download(view.table, view.table_total, view.csv_name or view.slug, lang,
                     key=f"csv-{table_key or view.slug}")
    if view.charts and view.slug != "overview":
        page_charts_download(view.charts, view.slug, lang)


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
    place_id = state.url_select(label(lang), ids, level, choices.__getitem__,
                                default=page_views.default_place(index, level), inert_labels=True)
    page(index.memo((f"{level}-page", place_id, lang), lambda: build(index, place_id, lang)), index, lang)
