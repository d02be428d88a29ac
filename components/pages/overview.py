"""Overview page: what the catalogue holds, a map of the places with figures, the latest figure per theme."""

import streamlit as st

from components import fmt, views
from components.i18n import localized, t
from components.ui import state
from components.ui.widgets import count_tiles, csv_download, figure_tiles, show_charts

index = state.current_index()
lang = state.lang()
catalogue = index.catalogue
rows = index.frame

st.title(t("overview_title", lang))
st.caption(t("overview_lede", lang, file=fmt.md_text(state.catalogue_name())))

provinces = [p for p in views.province_ids(index) if index.has_figures(p)]
count_tiles(index.memo(("overview-counts", lang), lambda: [
    (t("tile_provinces", lang), fmt.number(len(provinces), 0, lang), t("tile_provinces_caption", lang)),
    (t("tile_places", lang), fmt.number(len(index.rows_of), 0, lang), t("tile_places_caption", lang)),
    (t("tile_sources", lang), fmt.number(len(catalogue.sources), 0, lang), t("tile_sources_caption", lang)),
    (t("tile_figures", lang), fmt.number(len(rows), 0, lang), t("tile_figures_caption", lang)),
    (t("tile_periods", lang), views.year_span(rows) or "–",
     t("tile_periods_caption", lang, span=views.period_span(rows, lang))),
]))

metric_ids = views.map_metric_ids(index)
metric = state.url_select(t("map_metric", lang), metric_ids, "metric",
                          lambda m: localized(catalogue.metrics[m], "label", lang),
                          help=t("map_metric_help", lang))
levels = index.memo(("map-levels", metric), lambda: views.map_levels(index, metric))
counts = index.memo(("map-level-counts", metric), lambda: views.map_level_counts(index, metric))
if st.session_state.get("select-level", levels[0] if levels else None) not in levels:
    # another metric was picked and it has no figures at the level shown before: show its default level
    del st.session_state["select-level"]
    st.query_params.pop("level", None)
level = state.url_select(t("map_level", lang), levels, "level",
                         lambda lv: views.map_places_text(lv, counts[lv], lang), help=t("map_level_help", lang))
charts = index.memo(("overview-charts", lang, metric, level),
                    lambda: views.overview_charts(index, lang, map_metric=metric, map_level=level))
show_charts(charts, "overview")

st.header(t("latest_per_theme", lang))


def latest_per_theme():
    latest = views.display_rows(views.latest_by(rows, "metric_theme"), catalogue, lang)
    theme_order = {theme_id: i for i, theme_id in enumerate(catalogue.themes)}
    latest = latest.assign(order=[theme_order.get(x, 0) for x in latest["metric_theme"]]).sort_values("order")
    latest["tile_note"] = [
        f"{localized(catalogue.themes[theme], 'label', lang) if theme in catalogue.themes else theme} · {place}"
        for theme, place in zip(latest["metric_theme"], latest["place_label"], strict=True)]
    return latest


figure_tiles(index.memo(("overview-latest", lang), latest_per_theme), lang)

csv_download(lambda: index.frame, len(rows), "figures-all", lang, key="csv-overview")
