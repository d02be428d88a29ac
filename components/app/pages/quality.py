"""Data quality page: the validator's findings, a page of them at a time, each with links to the pages of the
figures involved; then, for curators, where each figure stands in its source's documents, when they are here."""

import pandas as pd
import streamlit as st

from components.app import state
from components.app.widgets import pager, place_link
from components.catalogue.load import load_catalogue
from components.report.chart_words import table_html
from components.table.memo import once
from components.views import address, page_views
from components.views.page_views import PlaceLink
from components.words import fmt
from components.words.i18n import localized, t
from components.workbench.trace import trace_catalogue

loaded = state.loaded()
index = state.current_index()
lang = state.lang()
catalogue = index.catalogue


def documents_trace():
    """Where each figure stands in the documents, when they are here (locally; a hosted app has none). The
    index keeps no figure records (pages read its frame), so the catalogue is read again, once per content."""
    folder = catalogue.documents_path
    if folder is None or not folder.is_dir():
        return None
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.iterdir() if p.is_file()))
    return once(index.content_id, ("documents-trace", str(folder), stamp),
                lambda: trace_catalogue(load_catalogue(catalogue.path), folder))


def trace_rows(report, source_id: str) -> pd.DataFrame:
    """A row per figure of the source: its id, the document and line:column of its value, and what was found
    there, in the reader's language."""
    status = {"at_locator": t("trace_status_at_locator", lang), "found": t("trace_status_found", lang),
              "drifted": t("trace_status_drifted", lang), "mismatch": t("trace_status_mismatch", lang),
              "unread": t("trace_status_unread", lang), "not_found": t("trace_status_not_found", lang),
              "document_absent": t("trace_status_document_absent", lang)}
    ids = set(index.source_rows(source_id)["figure_id"])
    columns = [t("sources_trace_figure", lang), t("sources_trace_document", lang), t("sources_trace_position", lang),
               t("sources_trace_status", lang)]
    rows = [(r.figure, r.document or "", f"{r.line}:{r.column}" if r.line else "", status[r.status])
            for r in report.traced if r.figure in ids and r.field == "value"]
    return pd.DataFrame(rows, columns=columns)


def show_trace(report) -> None:
    """One fold for curators: per source with documents, how many of its figures stand where the catalogue
    says, and the table of them."""
    traced = [s for s in catalogue.sources.values() if s.documents and index.source_count(s.id)]
    if not traced:
        return
    with st.expander(t("trace_fold", lang)):
        st.caption(t("trace_fold_lede", lang))
        for source in traced:
            rows = trace_rows(report, source.id)
            found = int((rows.iloc[:, 3] == t("trace_status_at_locator", lang)).sum())
            title = localized(source, "title", lang)
            st.markdown(f"**{fmt.md_text(title)}**")
            st.caption(t("sources_trace_summary", lang, found=fmt.number(found, 0, lang),
                         count=fmt.number(len(rows), 0, lang)))
            st.html(table_html(rows.columns, rows.itertuples(index=False),
                               f"{t('sources_trace_title', lang)}: {title}"))


st.title(t("quality_title", lang))
st.caption(t("quality_lede", lang))
setting = address.address_setting()
if setting and address.address_problem(setting, lang):  # the images then name the dashboard only
    st.warning(fmt.md_text(address.address_problem(setting, lang)))
findings = page_views.finding_views(index, loaded.findings, lang)
if not findings:
    st.success(t("no_findings", lang))
per_page = page_views.FINDINGS_PER_PAGE
shown = pager(len(findings), per_page, "findings", t("findings_pager", lang), lang,
              help=t("findings_pager_help", lang, per_page=per_page))
for finding in findings[shown.start:shown.stop]:
    with st.container(border=True):
        show = st.error if finding.is_error else st.warning
        show(fmt.md_text(finding.text))
        for figure in finding.figures:
            if isinstance(figure, PlaceLink):
                place_link(index, figure.place_id, lang, figure.label)
            else:
                st.caption(fmt.md_text(figure.text))
        with st.expander(t("for_curators", lang)):  # what to fix, and where, in the validator's own words
            st.markdown(fmt.md_text(finding.curators))
            st.caption(fmt.md_text(finding.where))

trace_report = documents_trace()
if trace_report is not None:
    show_trace(trace_report)
