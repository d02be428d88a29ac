"""Overview page: what the catalogue holds, a map of the places with figures, the latest figure per theme."""

import streamlit as st

from components.app import render, screen, state
from components.app.widgets import count_tiles
from components.views import overview_charts, page_views, selections
from components.words import fmt
from components.words.i18n import localized, t

index = state.current_index()
lang = state.lang()
catalogue = index.catalogue
rows = index.frame

st.title(t("overview_title", lang))
st.caption(t("overview_lede", lang, file=fmt.md_text(state.catalogue_name())))

count_tiles(index.kept(("overview-counts", lang), lambda: [
    (t("tile_provinces", lang), fmt.number(len(selections.covered_province_ids(index)), 0, lang),
     t("tile_provinces_caption", lang)),
    (t("tile_places", lang), fmt.number(len(index.rows_of), 0, lang), t("tile_places_caption", lang)),
    (t("tile_sources", lang), fmt.number(len(catalogue.sources), 0, lang), t("tile_sources_caption", lang)),
    (t("tile_figures", lang), fmt.number(len(rows), 0, lang), t("tile_figures_caption", lang)),
    (t("tile_periods", lang), overview_charts.year_span(rows) or "–",
     t("tile_periods_caption", lang, span=overview_charts.period_span(rows, lang))),
]))

metric_ids = index.kept(("map-metrics",), lambda: overview_charts.map_metric_ids(index))
metric = state.url_select(t("map_metric", lang), metric_ids, "metric",
                          lambda m: localized(catalogue.metrics[m], "label", lang),
                          help=t("map_metric_help", lang))
levels = index.kept(("map-levels", metric), lambda: overview_charts.map_levels(index, metric))
counts = index.kept(("map-level-counts", metric), lambda: overview_charts.map_level_counts(index, metric))
if st.session_state.get("select-level", levels[0] if levels else None) not in levels:
    # another metric was picked and it has no figures at the level shown before: show its default level
    del st.session_state["select-level"]
    st.query_params.pop("level", None)
level = state.url_select(t("map_level", lang), levels, "level",
                         lambda lv: overview_charts.map_places_text(lv, counts[lv], lang),
                         help=t("map_level_help", lang))
render.page(page_views.overview_page(index, lang, metric, level, screen.chart_text_width()), index, lang, title=False,
            table_key="overview")
