"""Data quality page: the validator's findings, each with links to the pages of the figures involved."""

import streamlit as st

from components.app import state
from components.app.widgets import place_link
from components.words import fmt
from components.words.i18n import t

loaded = state.loaded()
index = state.current_index()
lang = state.lang()
figure_places = dict(zip(index.frame["figure_id"], index.frame["place_id"], strict=True))

st.title(t("quality_title", lang))
st.caption(t("quality_lede", lang))
findings = list(loaded.findings)
if not findings:
    st.success(t("no_findings", lang))
for finding in findings:
    with st.container(border=True):
        show = st.error if finding.is_error else st.warning
        show(fmt.md_text(finding.text(lang)))
        st.caption(fmt.md_text(f"{t('where', lang)}: {finding.location()}"
                               + (f" · {t('field', lang)}: {finding.field}" if finding.field else "")))
        for figure_id in finding.figures:
            place_id = figure_places.get(figure_id)
            if place_id is None:
                st.caption(fmt.md_text(t("figure_not_shown", lang, figure=figure_id)))
                continue
            place_link(index, place_id, lang, t("figure_link", lang, figure=figure_id,
                                                  place=index.places[place_id].name))
