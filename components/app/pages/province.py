"""Province page: a province's own figures as cited cards, its places compared with their peers and inside their
whole, the figures of its places, and its groups."""

import streamlit as st

from components.app import render, state
from components.views import page_views, views
from components.words.i18n import t

index = state.current_index()
lang = state.lang()

province_ids = views.province_ids(index)
if not province_ids:
    st.info(t("no_provinces", lang))
    st.stop()
choices = page_views.place_choices(index, "province", lang)
province_id = state.url_select(t("province", lang), province_ids, "province", choices.__getitem__,
                           default=page_views.default_place(index, "province"))
render.page(index.memo(("province-page", province_id, lang),
                       lambda: page_views.province_page(index, province_id, lang)), index, lang)
