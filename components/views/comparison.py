"""Rules of honest comparison: which reported figures may stand side by side, which are parts of a whole, and
which can only be cited alone (as a card, never as a one-bar chart)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from components.catalogue import kinds

Ancestors = Callable[[str], list[str]]
MIN_VALUES = 2  # a chart needs something to compare


@dataclass(frozen=True)
class PeerSet:
    """Figures of one metric at places of one level, none inside another: the same period unless
    `periods_differ`, when each bar must say its own period."""

    metric_id: str
    level: str
    rows: pd.DataFrame
    periods_differ: bool


@dataclass(frozen=True)
class WholeWithParts:
    """A figure of a place and the figures of places inside it, same metric and period: a part of its whole."""

    metric_id: str
    rows: pd.DataFrame  # the whole's row first, then its parts'

    @cached_property
    def whole(self) -> pd.Series:  # kept: taking a row out of a wide frame is slow next to reading it
        return self.rows.iloc[0]

    @property
    def parts(self) -> pd.DataFrame:
        return self.rows.iloc[1:].reset_index(drop=True)


def _all_full(rows: pd.DataFrame) -> bool:
    """Coverage figures that all say 'everything is covered' (13 of 13; 100 %): said in words, not drawn."""
    if not bool(rows["metric_coverage"].all()):
        return False
    rates = rows["value"].where(rows["metric_kind"].isin(kinds.PERCENT), rows["computed_rate"])
    return bool((rates.round(6) >= 100).all())


def _without_nesting(rows: pd.DataFrame, ancestors: Ancestors) -> pd.DataFrame:
    """Drop any place that lies inside another place of the set (kept: the outer one)."""
    ids = set(rows["place_id"])
    inside = {p for p in ids if ids.intersection(ancestors(p))}
    return rows[~rows["place_id"].isin(inside)]


def peer_sets(rows: pd.DataFrame, ancestors: Ancestors) -> list[PeerSet]:
    """For each metric and place level with two or more places: their figures for the period most of them
    share (the latest of those on a tie); where no two share a period, each place's latest, marked as
    differing. Groups of provinces are never peers of their members; all-100 % coverage is left to words."""
    found = []
    for (metric_id, level), group in rows.groupby(["metric_id", "place_level"], sort=False):
        if level == "group" or group["place_id"].nunique() < MIN_VALUES:
            continue
        group = _without_nesting(group, ancestors)
        places_per_key = group.groupby("time_key")["place_id"].nunique()
        shared = places_per_key[places_per_key >= MIN_VALUES]
        if len(shared):
            latest = group.groupby("time_key")["time_sort"].max()
            key = max(shared.index, key=lambda k: (shared[k], latest[k]))
            chosen = group[group["time_key"] == key].drop_duplicates("place_id", keep="last")
            differ = False
        else:
            chosen = group.sort_values("time_sort", kind="stable").drop_duplicates("place_id", keep="last")
            differ = True
        if len(chosen) < MIN_VALUES or _all_full(chosen):
            continue
        found.append(PeerSet(str(metric_id), str(level), chosen, differ))
    return found


def every_peer_set(rows: pd.DataFrame, ancestors: Ancestors) -> list[PeerSet]:
    """peer_sets for a page that shows every place reporting a metric (the page by measure): each place of a
    level stands in at most one comparison. The period most of the places left share comes first, then the next,
    while two or more share one; the places left after that, two or more, are compared on their latest figures
    with their periods marked as differing. A place left alone is cited as a card by the page."""
    found = []
    for (metric_id, level), group in rows.groupby(["metric_id", "place_level"], sort=False):
        if level == "group":
            continue
        left = _without_nesting(group, ancestors)
        while True:
            places_per_key = left.groupby("time_key")["place_id"].nunique()
            shared = places_per_key[places_per_key >= MIN_VALUES]
            if not len(shared):
                break
            latest = left.groupby("time_key")["time_sort"].max()
            key = max(shared.index, key=lambda k: (shared[k], latest[k]))
            chosen = left[left["time_key"] == key].drop_duplicates("place_id", keep="last")
            if not _all_full(chosen):
                found.append(PeerSet(str(metric_id), str(level), chosen, False))
            left = left[~left["place_id"].isin(chosen["place_id"])]
        rest = left.sort_values("time_sort", kind="stable").drop_duplicates("place_id", keep="last")
        if len(rest) >= MIN_VALUES and not _all_full(rest):
            found.append(PeerSet(str(metric_id), str(level), rest, True))
    return found


def wholes_with_parts(rows: pd.DataFrame) -> list[WholeWithParts]:
    """Each figure with figures that its source says are parts of it (their `part_of`), counts and money only,
    without a denominator: the whole, then its parts. A place inside another is not enough: a ward's count and
    its city's may be tallied by different bodies, so neither is drawn as a share of the other."""
    summable = rows[rows["metric_kind"].isin(kinds.SUMMABLE) & rows["denominator"].isna()]
    parts = summable[summable["part_of"].astype(str) != ""]
    found = []
    for whole_id, group in parts.groupby(parts["part_of"].astype(str), sort=False):
        whole = summable[summable["figure_id"].astype(str) == whole_id]
        if whole.empty:
            continue
        chosen = pd.concat([whole.iloc[:1], group.sort_values("place_id", kind="stable")])
        found.append(WholeWithParts(str(whole["metric_id"].iloc[0]), chosen.reset_index(drop=True)))
    return found


def derived_hedge(*qualifiers: str) -> str:
    """The hedge a value computed from others carries: none only when every input is exact."""
    return "about" if any(q for q in qualifiers if q) else ""
