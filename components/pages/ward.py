"""Ward / commune page: its figures as cited cards, per resident where that means something, inside the figures
of the places above it, its status and successor."""

import streamlit as st

from components import page_views, views
from components.i18n import t
from components.ui import render, state

index = state.current_index()
lang = state.lang()

ward_ids = views.ward_ids(index)
if not ward_ids:
    st.info(t("no_wards", lang))
    st.stop()
counts = index.memo(("ward-counts",), lambda: {w: len(index.place_rows(w)) for w in ward_ids})
labels = index.memo(("ward-labels", lang), lambda: {
    w: views.option_label(views.ward_option_label(index, w, lang), counts[w], lang) for w in ward_ids})
ward_id = state.url_select(t("ward", lang), ward_ids, "ward", labels.__getitem__,
                           default=page_views.richest(ward_ids, counts.__getitem__))
render.page(index.memo(("ward-page", ward_id, lang), lambda: page_views.ward_page(index, ward_id, lang)),
            index, lang)
