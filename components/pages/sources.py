"""Sources page: every source with publisher, dates, link, documents and languages, and its figures."""

from functools import partial

import streamlit as st

from components import fmt, views
from components.i18n import localized, t
from components.ui import state
from components.ui.widgets import csv_download, figures_table

index = state.current_index()
lang = state.lang()
catalogue = index.catalogue

# the first figures of every source, worded for the reader: made once per language and catalogue content
tables = index.memo(("source-tables", lang), lambda: {
    source_id: views.display_rows(index.source_rows(source_id, views.TABLE_ROWS), catalogue, lang)
    for source_id in catalogue.sources})

st.title(t("sources_title", lang))
st.caption(t("sources_lede", lang))
for source_id, source in catalogue.sources.items():
    count = index.source_count(source_id)
    with st.container(border=True):
        st.header(fmt.md_text(localized(source, "title", lang)))
        publisher = source.publisher or t("publisher_not_named", lang)
        lines = [f"{t('publisher', lang)}: {publisher}"]
        if source.publisher_note:
            lines.append(localized(source, "publisher_note", lang))
        lines.append(f"{t('published', lang)}: {views.published_text(source, lang)}")
        if not isinstance(source.published, type(source.accessed)):
            lines.append(f"{t('published_basis', lang)}: {localized(source.published, 'basis', lang)}")
        lines.append(f"{t('accessed', lang)}: {fmt.date(source.accessed, lang)}")
        documents = ", ".join(f"{d.file} ({views.language_name(d.language, lang)})" for d in source.documents)
        lines.append(f"{t('documents', lang)}: {documents}")
        st.markdown("  \n".join(fmt.md_text(line) for line in lines))
        if source.url:
            st.markdown(f"{t('link', lang)}: {fmt.md_link(source.url)}")
        else:
            st.caption(t("no_url", lang))
        st.caption(t("figures_from_source", lang, count=fmt.number(count, 0, lang)))
        figures_table(tables[source_id], lang, key=f"table-source-{source_id}", total=count)
        csv_download(partial(index.source_rows, source_id), count, f"source-{source_id}", lang,
                     key=f"csv-source-{source_id}")
