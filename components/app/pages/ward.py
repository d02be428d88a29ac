"""Ward / commune page: its figures as cited cards, per resident where that means something, inside the figures
of the places above it, its status and successor."""

import streamlit as st

from components.app import render, state
from components.views import page_views, views
from components.words.i18n import t

index = state.current_index()
lang = state.lang()

ward_ids = views.ward_ids(index)
if not ward_ids:
    st.info(t("no_wards", lang))
    st.stop()
choices = page_views.place_choices(index, "ward", lang)
ward_id = state.url_select(t("ward", lang), ward_ids, "ward", choices.__getitem__,
                           default=page_views.default_place(index, "ward"))
render.page(index.memo(("ward-page", ward_id, lang), lambda: page_views.ward_page(index, ward_id, lang)),
            index, lang)
