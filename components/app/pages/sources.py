"""Sources page: every source with publisher, dates, link, documents and languages, and its figures; a page of
sources at a time, and the table of a source with many figures when the reader asks for it."""

from functools import partial

import pandas as pd
import streamlit as st

from components.app import state
from components.app.widgets import csv_download, figures_table, pager
from components.catalogue.load import load_catalogue
from components.report.chart_words import table_html
from components.views import page_views, registry, views
from components.words import fmt
from components.words.i18n import localized, t
from components.workbench.trace import trace_catalogue

index = state.current_index()
lang = state.lang()
catalogue = index.catalogue


def table_of(source_id: str):
    """The source's first figures, worded for the reader: made once per language and catalogue content."""
    return index.memo(("source-table", source_id, lang), lambda: views.display_rows(
        index.source_rows(source_id, views.TABLE_ROWS), catalogue, lang))


def _documents_trace():
    """Where each figure stands in the documents, when they are here (locally; a hosted app has none). The
    index keeps no figure records (pages read its frame), so the catalogue is read again, once per content."""
    folder = catalogue.documents_path
    if folder is None or not folder.is_dir():
        return None
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.iterdir() if p.is_file()))
    return index.memo(("documents-trace", str(folder), stamp),
                      lambda: trace_catalogue(load_catalogue(catalogue.path), folder))


def _trace_rows(report, source_id: str) -> pd.DataFrame:
    status = {"at_locator": t("trace_status_at_locator", lang), "found": t("trace_status_found", lang),
              "drifted": t("trace_status_drifted", lang), "mismatch": t("trace_status_mismatch", lang),
              "unread": t("trace_status_unread", lang), "not_found": t("trace_status_not_found", lang),
              "document_absent": t("trace_status_document_absent", lang)}
    ids = set(index.source_rows(source_id)["figure_id"])
    rows = [{t("sources_trace_figure", lang): r.figure, t("sources_trace_document", lang): r.document or "",
             t("sources_trace_position", lang): f"{r.line}:{r.column}" if r.line else "",
             t("sources_trace_status", lang): status[r.status]}
            for r in report.traced if r.figure in ids and r.field == "value"]
    return pd.DataFrame(rows)


trace_report = _documents_trace()
st.title(t("sources_title", lang))
st.caption(t("sources_lede", lang))
source_ids = list(catalogue.sources)
per_page = page_views.SOURCES_PER_PAGE
shown = pager(len(source_ids), per_page, "sources", t("sources_pager", lang), lang,
              help=t("sources_pager_help", lang, per_page=per_page))
for source_id in source_ids[shown.start:shown.stop]:
    source = catalogue.sources[source_id]
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
        if source.documents:
            documents = ", ".join(f"{d.file} ({views.language_name(d.language, lang)})" for d in source.documents)
            lines.append(f"{t('documents', lang)}: {documents}")
        else:
            lines.append(f"{t('article_language', lang)}: {views.language_name(source.language, lang)}")
        st.markdown("  \n".join(fmt.md_text(line) for line in lines))
        if source.url:
            st.markdown(f"{t('link', lang)}: {fmt.md_link(source.url)}")
        else:
            st.caption(t("no_url", lang))
        st.caption(t("figures_from_source", lang, count=fmt.number(count, 0, lang)))
        if count <= page_views.TABLE_OPEN or st.toggle(
                t("source_table_toggle", lang), key=f"show-source-{source_id}",
                help=t("source_table_toggle_help", lang, shown=fmt.number(views.TABLE_ROWS, 0, lang),
                       count=fmt.number(count, 0, lang)) if count > views.TABLE_ROWS else None):
            figures_table(table_of(source_id), lang, localized(source, "title", lang), total=count)
        csv_download(partial(index.source_rows, source_id), count, f"source-{source_id}", lang,
                     key=f"csv-source-{source_id}", index=index, address=registry.page_address(lang, "sources"))
        if trace_report is not None and count and source.documents:  # where the documents are (a local checkout)
            rows = _trace_rows(trace_report, source_id)
            at_locator = int((rows[t("sources_trace_status", lang)] == t("trace_status_at_locator", lang)).sum())
            with st.expander(t("sources_trace_title", lang)):
                st.caption(t("sources_trace_summary", lang, found=fmt.number(at_locator, 0, lang),
                             count=fmt.number(len(rows), 0, lang)))
                st.html(table_html(rows.columns, rows.itertuples(index=False),
                                   f"{t('sources_trace_title', lang)}: {localized(source, 'title', lang)}"))
