"""Data quality page: the validator's findings, a page of them at a time, each with links to the pages of the
figures involved."""

import streamlit as st

from components.app import state
from components.app.widgets import pager, place_link
from components.views import page_views
from components.views.page_views import PlaceLink
from components.words import fmt
from components.words.i18n import t

loaded = state.loaded()
index = state.current_index()
lang = state.lang()

st.title(t("quality_title", lang))
st.caption(t("quality_lede", lang))
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
