"""Data quality page: the validator's findings, each with links to the pages of the figures involved."""

import streamlit as st

from components.app import state
from components.app.widgets import place_link
from components.views import views
from components.words import fmt
from components.words.i18n import localized, t

loaded = state.loaded()
index = state.current_index()
lang = state.lang()
figures = index.frame.set_index("figure_id")[["place_id", "metric_id"]]

st.title(t("quality_title", lang))
st.caption(t("quality_lede", lang))
findings = list(loaded.findings)
if not findings:
    st.success(t("no_findings", lang))
for finding in findings:
    with st.container(border=True):
        show = st.error if finding.is_error else st.warning
        show(fmt.md_text(finding.for_readers(lang)))
        for figure_id in finding.figures:
            if figure_id not in figures.index:
                st.caption(fmt.md_text(t("figure_not_shown", lang, figure=figure_id)))
                continue
            place_id, metric_id = figures.loc[figure_id, ["place_id", "metric_id"]]
            place_link(index, place_id, lang, t("figure_link", lang,
                                                  figure=localized(index.catalogue.metrics[metric_id], "label", lang),
                                                  place=views.place_name(index.places[place_id], lang)))
        with st.expander(t("for_curators", lang)):  # what to fix, and where, in the validator's own words
            st.markdown(fmt.md_text(finding.text(lang)))
            st.caption(fmt.md_text(f"{t('where', lang)}: {finding.location()}"
                                   + (f" · {t('field', lang)}: {finding.field}" if finding.field else "")
                                   + (f" · {', '.join(finding.figures)}" if finding.figures else "")))
