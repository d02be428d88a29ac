"""Ward / commune page: its figures, its share of the places above it, per resident, status and successor."""

import streamlit as st

from components import fmt, views
from components.i18n import t
from components.ui import state
from components.ui.download import page_charts_download
from components.ui.widgets import csv_download, figure_tiles, figures_table, place_link, show_charts

index = state.current_index()
lang = state.lang()
places = index.places

ward_ids = views.ward_ids(index)
if not ward_ids:
    st.info(t("no_wards", lang))
    st.stop()
labels = index.memo(("ward-labels", lang), lambda: {w: views.ward_option_label(index, w, lang) for w in ward_ids})
ward_id = state.url_select(t("ward", lang), ward_ids, "ward", labels.__getitem__,
                           default=next((w for w in ward_ids if index.has_figures(w)), None))
ward = places[ward_id]
page_slug = f"ward-{ward_id}"

st.title(fmt.md_text(ward.name))
if views.place_note(ward, lang):
    st.caption(fmt.md_text(views.place_note(ward, lang)))
chain = [places[a].name for a in index.ancestors(ward_id)]
if chain:
    st.caption(fmt.md_text(" › ".join(chain)))
if ward.status == "former":
    st.warning(t("former_unit", lang, date=fmt.date(ward.ended, lang) if ward.ended else "–"))
    if ward.successor:
        place_link(index, ward.successor, lang, t("successor_link", lang, name=places[ward.successor].name))
else:
    st.success(t("current_unit", lang))
for predecessor in index.predecessors.get(ward_id, []):
    place_link(index, predecessor, lang, t("predecessor_link", lang, name=places[predecessor].name))
for ancestor in index.ancestors(ward_id):
    place_link(index, ancestor, lang, t("parent_link", lang, name=places[ancestor].name))

rows = index.memo(("own-rows", ward_id, lang),
                  lambda: views.display_rows(index.place_rows(ward_id), index.catalogue, lang))
if rows.empty:
    st.info(t("no_figures_place", lang))
else:
    st.header(t("own_figures", lang, name=fmt.md_text(ward.short_name)))
    figure_tiles(rows, lang)

charts = index.memo(("ward-charts", ward_id, lang), lambda: views.ward_charts(index, ward_id, lang))
if charts:
    st.header(t("charts_header", lang))
    show_charts(charts, page_slug)
if len(rows):
    st.header(t("all_figures_header", lang))
    figures_table(rows, lang, key=f"table-{page_slug}")
    csv_download(lambda: rows, len(rows), page_slug, lang, key=f"csv-{page_slug}")
page_charts_download(charts, page_slug, lang)
