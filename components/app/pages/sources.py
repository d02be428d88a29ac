"""Sources page: every source with publisher, dates, link, documents and languages, and its figures; a page of
sources at a time, and the table of a source with many figures when the reader asks for it. Where each figure
stands in the documents is for curators: the Data quality page shows it."""

from functools import partial

import streamlit as st

from components.app import state
from components.app.a11y import SOURCE_BOX_KEY
from components.app.widgets import csv_download, figures_table, pager
from components.table.memo import once
from components.views import display, page_views, registry
from components.words import fmt
from components.words.i18n import localized, t

index = state.current_index()
lang = state.lang()
catalogue = index.catalogue


def table_of(source_id: str):
    """The source's first figures, worded for the reader: made once per language and catalogue content."""
    return once(index.content_id, ("source-table", source_id, lang), lambda: display.display_rows(
        index.source_rows(source_id, display.TABLE_ROWS), catalogue, lang))


def also_reported() -> dict[str, int]:
    """How many figures each source also reports while another is cited for them (`also_in`)."""
    def build() -> dict[str, int]:
        counts: dict[str, int] = {}
        for ids in index.frame["also_in"]:
            for source_id in filter(None, ids.split(";")):
                counts[source_id] = counts.get(source_id, 0) + 1
        return counts
    return once(index.content_id, ("also-in-counts",), build, "small")


st.title(t("sources_title", lang))
st.caption(t("sources_lede", lang))
source_ids = list(catalogue.sources)
per_page = page_views.SOURCES_PER_PAGE
shown = pager(len(source_ids), per_page, "sources", t("sources_pager", lang), lang,
              help=t("sources_pager_help", lang, per_page=per_page))
for position, source_id in enumerate(source_ids[shown.start:shown.stop]):
    source = catalogue.sources[source_id]
    count = index.source_count(source_id)
    with st.container(border=True, key=f"{SOURCE_BOX_KEY}-{shown.start + position}"):
        st.header(fmt.md_text(localized(source, "title", lang)))
        lines = [display.publisher_line(source, lang)]
        if source.publisher_note:
            lines.append(localized(source, "publisher_note", lang))
        lines.append(f"{t('published', lang)}: {display.published_text(source, lang)}")
        if not isinstance(source.published, type(source.accessed)):
            lines.append(f"{t('published_basis', lang)}: {localized(source.published, 'basis', lang)}")
        lines.append(f"{t('accessed', lang)}: {fmt.date(source.accessed, lang)}")
        if source.documents:
            documents = ", ".join(display.document_text(source, d, lang) for d in source.documents)
            lines.append(f"{t('documents', lang)}: {documents}")
        else:
            lines.append(f"{t('article_language', lang)}: {display.language_name(source.language, lang)}")
        st.markdown("  \n".join(fmt.md_text(line) for line in lines))
        if source.url:
            st.markdown(f"{t('link', lang)}: {fmt.md_link(source.url)}")
        else:
            st.caption(t("no_url", lang))
        if also_reported().get(source_id):  # figures cited from another source that this one reports too
            st.caption(t("also_in_source", lang, count=fmt.number(also_reported()[source_id], 0, lang)))
        st.caption(t("figures_from_source", lang, count=fmt.number(count, 0, lang)))
        if count <= page_views.TABLE_OPEN or st.toggle(
                t("source_table_toggle", lang), key=f"show-source-{source_id}",
                help=t("source_table_toggle_help", lang, shown=fmt.number(display.TABLE_ROWS, 0, lang),
                       count=fmt.number(count, 0, lang)) if count > display.TABLE_ROWS else None):
            figures_table(table_of(source_id), lang, localized(source, "title", lang), total=count, cite=False)
        csv_download(partial(index.source_rows, source_id), count, f"source-{source_id}", lang,
                     key=f"csv-source-{source_id}", index=index, address=registry.page_address(lang, "sources"))
