"""The prebuilt index over the tidy figures: rows by place, the place tree, groups and 2025 successors."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from components.catalogue import facts
from components.catalogue.load import Catalogue
from components.table.memo import new_content_id, once
from components.words.fmt import sort_key_vi


@dataclass
class CatalogueIndex:
    catalogue: Catalogue
    frame: pd.DataFrame
    rows_of: dict[str, np.ndarray] = field(default_factory=dict)
    rows_of_source: dict[str, np.ndarray] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)
    predecessors: dict[str, list[str]] = field(default_factory=dict)
    groups_of: dict[str, list[str]] = field(default_factory=dict)
    # names this index's catalogue content in the memo (components/table/memo.py), where what the pages build
    # from it is kept: one per index built
    content_id: str = field(default_factory=new_content_id, init=False, repr=False, compare=False)

    @property
    def places(self):
        return self.catalogue.places

    def place_rows(self, place_id: str) -> pd.DataFrame:
        """The figures of one place (not its sub-units)."""
        positions = self.rows_of.get(place_id)
        return self.frame.iloc[positions] if positions is not None else self.frame.iloc[0:0]

    def place_count(self, place_id: str) -> int:
        """How many figures one place has (not its sub-units), without taking its rows out of the frame."""
        return len(self.rows_of.get(place_id, ()))

    def source_rows(self, source_id: str, first: int | None = None) -> pd.DataFrame:
        """The figures citing one source, in catalogue order (the `first` few of them, when given)."""
        positions = self.rows_of_source.get(source_id)
        return self.frame.iloc[positions[:first]] if positions is not None else self.frame.iloc[0:0]

    def source_count(self, source_id: str) -> int:
        return len(self.rows_of_source.get(source_id, ()))

    def descendants(self, place_id: str) -> list[str]:
        """Every place below `place_id`, nearest first."""
        found, queue, seen = [], list(self.children.get(place_id, [])), {place_id}
        while queue:
            child = queue.pop(0)
            if child in seen:
                continue
            seen.add(child)
            found.append(child)
            queue.extend(self.children.get(child, []))
        return found

    def subtree_positions(self, place_id: str) -> np.ndarray:
        """Row positions of the figures of a place and of every place below it (kept once computed)."""
        def build() -> np.ndarray:
            parts = [self.rows_of[p] for p in [place_id, *self.descendants(place_id)] if p in self.rows_of]
            return np.sort(np.concatenate(parts)) if parts else np.array([], int)

        return once(self.content_id, ("subtree-positions", place_id), build, "small")

    def subtree_rows(self, place_id: str) -> pd.DataFrame:
        """The figures of a place and of every place below it."""
        return self.frame.iloc[self.subtree_positions(place_id)]

    def has_figures(self, place_id: str) -> bool:
        return len(self.subtree_positions(place_id)) > 0

    def ids_of_level(self, level: str) -> list[str]:
        """Places of one level in Vietnamese alphabetical order of their short names, current first."""
        def build() -> tuple[str, ...]:
            chosen = [p for p in self.places.values() if p.level == level]
            chosen.sort(key=lambda p: (p.status != "current", sort_key_vi(p.short_name), p.id))
            return tuple(p.id for p in chosen)

        return list(once(self.content_id, ("ids-of-level", level), build, "small"))

    def ancestors(self, place_id: str) -> list[str]:
        """Parent, grandparent, … of a place (stops at a cycle)."""
        return facts.ancestors(place_id, self.places)

    def province_of(self, place_id: str) -> str | None:
        """The province a place is, or lies in."""
        return facts.province_of(place_id, self.places)


def build_index(catalogue: Catalogue, frame: pd.DataFrame) -> CatalogueIndex:
    """Index once per catalogue content; every page reads from it instead of scanning the figures."""
    index = CatalogueIndex(catalogue, frame.reset_index(drop=True))
    index.rows_of = {k: np.asarray(v) for k, v in index.frame.groupby("place_id", sort=False).indices.items()}
    index.rows_of_source = {k: np.asarray(v)
                            for k, v in index.frame.groupby("source_id", sort=False).indices.items()}
    for place in catalogue.places.values():
        if place.parent:
            index.children.setdefault(place.parent, []).append(place.id)
        if place.successor:
            index.predecessors.setdefault(place.successor, []).append(place.id)
        for member in place.members or []:
            index.groups_of.setdefault(member, []).append(place.id)
    for kids in index.children.values():
        kids.sort(key=lambda pid: sort_key_vi(catalogue.places[pid].short_name))
    return index
