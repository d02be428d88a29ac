"""Overview page: what the catalogue holds, a map of the places with figures, the latest figure per theme."""

import streamlit as st

from components.app import id_in_address, render, screen, state
from components.table.memo import once
from components.views import overview_charts, page_views, selections
from components.words import fmt
from components.words.i18n import localized, t, t_count

index = state.current_index()
lang = state.lang()
catalogue = index.catalogue
rows = index.frame

st.title(t("overview_title", lang))
st.caption(t("overview_lede", lang, file=fmt.md_text(state.catalogue_name())))

# one line, not a row of tiles: it reads the same at any width and leaves the map's controls near the top
st.markdown(once(index.content_id, ("overview-holds", lang), lambda: t(
    "overview_holds", lang, figures=t_count("n_figures", lang, len(rows)),
    sources=t_count("n_sources", lang, len(catalogue.sources)),
    provinces=t_count("map_places_province", lang, len(selections.covered_province_ids(index))),
    places=t_count("n_places", lang, len(index.rows_of)), span=overview_charts.period_span(rows, lang) or "–"),
    "small"))

metric_ids = once(index.content_id, ("map-metrics",), lambda: overview_charts.map_metric_ids(index), "small")
metric = id_in_address.url_select(t("map_metric", lang), metric_ids, "metric",
                          lambda m: localized(catalogue.metrics[m], "label", lang),
                          help=t("map_metric_help", lang))
levels = once(index.content_id, ("map-levels", metric), lambda: overview_charts.map_levels(index, metric), "small")
counts = once(index.content_id, ("map-level-counts", metric),
              lambda: overview_charts.map_level_counts(index, metric), "small")
if st.session_state.get("select-level", levels[0] if levels else None) not in levels:
    # another metric was picked and it has no figures at the level shown before: show its default level
    del st.session_state["select-level"]
    st.query_params.pop("level", None)
level = id_in_address.url_select(t("map_level", lang), levels, "level",
                         lambda lv: overview_charts.map_places_text(lv, counts[lv], lang),
                         help=t("map_level_help", lang))
render.page(page_views.overview_page(index, lang, metric, level, screen.chart_text_width()), index, lang, title=False,
            table_key="overview")
