"""Province page: a province's own figures, its sub-units compared, parts of a whole, coverage, its groups."""

from functools import partial

import pandas as pd
import streamlit as st

from components import fmt, views
from components.i18n import t
from components.ui import state
from components.ui.download import page_charts_download
from components.ui.widgets import csv_download, figure_tiles, figures_table, place_link, show_charts

index = state.current_index()
lang = state.lang()
places = index.places

province_ids = views.province_ids(index)
if not province_ids:
    st.info(t("no_provinces", lang))
    st.stop()
with_figures = [p for p in province_ids if index.has_figures(p) or index.groups_of.get(p)]
province_id = state.url_select(t("province", lang), province_ids, "province",
                               lambda p: views.place_label(index.catalogue, p, lang),
                               default=with_figures[0] if with_figures else None)
province = places[province_id]
page_slug = f"province-{province_id}"

st.title(fmt.md_text(province.name))
if views.place_note(province, lang):
    st.caption(fmt.md_text(views.place_note(province, lang)))
if province.status == "former":
    st.warning(t("former_unit", lang, date=fmt.date(province.ended, lang) if province.ended else "–"))
    if province.successor:
        place_link(index, province.successor, lang, t("successor_link", lang, name=places[province.successor].name))
for predecessor in index.predecessors.get(province_id, []):
    place_link(index, predecessor, lang, t("predecessor_link", lang, name=places[predecessor].name))

own = index.memo(("own-rows", province_id, lang),
                 lambda: views.display_rows(index.place_rows(province_id), index.catalogue, lang))
subtree = index.memo(("subtree-rows", province_id, lang),
                     lambda: views.display_rows(index.subtree_rows(province_id), index.catalogue, lang))
if subtree.empty:
    st.info(t("no_figures_place", lang))
if len(own):
    st.header(t("own_figures", lang, name=fmt.md_text(province.short_name)))
    figure_tiles(index.memo(("own-latest", province_id, lang), lambda: views.latest_by(own, "metric_id")), lang)

charts = index.memo(("province-charts", province_id, lang),
                    lambda: views.province_own_charts(index, province_id, subtree, lang))
if charts:
    st.header(t("charts_header", lang))
    show_charts(charts, page_slug)

all_charts = list(charts)
view_rows = [subtree]
for group_id in index.groups_of.get(province_id, []):
    group = places[group_id]
    group_rows = index.memo(("own-rows", group_id, lang),
                            partial(views.display_rows, index.place_rows(group_id), index.catalogue, lang))
    with st.container(border=True):
        st.header(t("group_header", lang, name=fmt.md_text(views.place_name(group, lang, short=False))))
        if views.place_note(group, lang):
            st.caption(fmt.md_text(views.place_note(group, lang)))
        members = sorted((views.place_label(index.catalogue, m, lang) for m in group.members or [] if m in places),
                         key=fmt.sort_key_vi)
        st.caption(fmt.md_text(t("group_members", lang, members=", ".join(members),
                                 province=province.short_name)))
        if group_rows.empty:
            st.info(t("no_figures_place", lang))
        figure_tiles(group_rows.assign(tile_note=t("group_tile_note", lang, name=views.place_name(group, lang))),
                     lang)
        chart = index.memo(("group-chart", group_id, province_id, lang),
                           partial(views.group_chart, index, group_id, province_id, group_rows, lang))
        if chart:
            show_charts([chart], page_slug)
            all_charts.append(chart)
    view_rows.append(group_rows)


def shown_rows(first: int | None = None) -> pd.DataFrame:
    """The figures of this view (the `first` few, when given): the province's and its places', then each of
    its groups'. The index keeps these frames; the table and the CSV download each join what they need."""
    frames = [frame.head(first) if first else frame for frame in view_rows if len(frame)]
    return (pd.concat(frames).head(first) if first else pd.concat(frames)) if frames else subtree


shown_count = sum(len(frame) for frame in view_rows)
if shown_count:
    st.header(t("all_figures_header", lang))
    figures_table(shown_rows(views.TABLE_ROWS), lang, key=f"table-{page_slug}", total=shown_count)
    csv_download(shown_rows, shown_count, page_slug, lang, key=f"csv-{page_slug}")
page_charts_download(all_charts, page_slug, lang)
