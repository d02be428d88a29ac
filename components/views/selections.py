"""Which places the province and ward pages offer, how their options read, and the latest figure of each kind."""

from __future__ import annotations

import pandas as pd

from components.table.index import CatalogueIndex
from components.views.display import place_label
from components.words.i18n import t, t_count


def province_ids(index: CatalogueIndex) -> list[str]:
    return index.ids_of_level("province")


def covered_province_ids(index: CatalogueIndex) -> list[str]:
    """The current provinces with figures of their own, of places in them, or of the former units they took over
    on 1 July 2025."""
    places, current = index.places, [p for p in province_ids(index) if index.places[p].status == "current"]
    taken_over = {places[p].successor for p in province_ids(index)
                  if places[p].status == "former" and index.has_figures(p)}
    return [p for p in current if index.has_figures(p) or p in taken_over]


def ward_ids(index: CatalogueIndex) -> list[str]:
    return index.ids_of_level("ward")


def ward_option_label(index: CatalogueIndex, ward_id: str, lang: str) -> str:
    """'Cẩm Thịnh (former) — Quảng Ninh': names repeat across provinces, so the province is shown too (marked
    as former when it is: the old and the new province may share a name)."""
    label = place_label(index.catalogue, ward_id, lang)
    province = index.province_of(ward_id)
    return f"{label} — {place_label(index.catalogue, province, lang)}" if province else label


def option_label(name: str, count: int, lang: str) -> str:
    """A selector's option: the place and how many figures its page shows ('Quảng Ninh (26 figures)')."""
    return t("option_label", lang, name=name, figures=t_count("n_figures", lang, count)) if count else name


def latest_by(rows: pd.DataFrame, column: str, among: pd.Series | None = None) -> pd.DataFrame:
    """The most recent figure (by the end of its period) for each value of `column`, among the rows `among`
    selects when given, in the order of `rows`. Only the two columns compared are sorted: `rows` may be the
    whole catalogue."""
    if rows.empty:
        return rows
    keys = rows.loc[among if among is not None else slice(None), ["time_sort", column]]
    latest = keys.sort_values("time_sort", kind="stable").drop_duplicates(column, keep="last")
    return rows[rows.index.isin(latest.index)]
