"""Data quality page: the validator's findings, a page of them at a time, each with links to the pages of the
figures involved."""

import streamlit as st

from components import fmt, page_views
from components.i18n import t
from components.page_views import PlaceLink
from components.ui import state
from components.ui.widgets import pager, place_link

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
        st.caption(fmt.md_text(finding.where))
        for figure in finding.figures:
            if isinstance(figure, PlaceLink):
                place_link(index, figure.place_id, lang, figure.label)
            else:
                st.caption(fmt.md_text(figure.text))
