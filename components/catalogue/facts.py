"""The rules every step reads the catalogue's facts by, in one place: the place tree (a place's ancestors and its
province), the end of a period (a date, or 'publication' resolved from the source) and a fraction's rate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from components.catalogue.schema import Place, Source


def ancestors(place_id: str, places: Mapping[str, Place]) -> list[str]:
    """Parent, grandparent, … of a place (stops at a cycle or an unknown parent)."""
    chain, seen = [], {place_id}
    parent = places[place_id].parent if place_id in places else None
    while parent and parent in places and parent not in seen:
        chain.append(parent)
        seen.add(parent)
        parent = places[parent].parent
    return chain


def enclosing(place_id: str, places: Mapping[str, Place], level: str) -> str | None:
    """The place itself or the nearest place above it of `level` ('province', 'district'), else None."""
    for candidate in [place_id, *ancestors(place_id, places)]:
        if candidate in places and places[candidate].level == level:
            return candidate
    return None


def province_of(place_id: str, places: Mapping[str, Place]) -> str | None:
    """The province a place is, or lies in."""
    return enclosing(place_id, places, "province")


def district_of(place_id: str, places: Mapping[str, Place]) -> str | None:
    """The district (or city of a province) a place is, or lies in."""
    return enclosing(place_id, places, "district")


def resolved_end(end, source: Source | None) -> dt.date | None:
    """A date, or for 'publication' the latest date the source can have been published."""
    if isinstance(end, dt.date):
        return end
    return source.published_not_after if source else None


def computed_rate(value: float, denominator: float) -> float | None:
    """value / denominator in percent (None without a denominator)."""
    return None if not denominator else 100.0 * value / denominator
