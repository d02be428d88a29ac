"""The index over the tidy figures: rows by place, the place tree, successors, groups, order."""

from __future__ import annotations

import dataclasses

import pytest
from dashboard_helpers import CATALOGUES, catalogue_of, frame_of

from components.table.index import build_index
from components.words.fmt import sort_key_vi


@pytest.fixture(params=sorted(CATALOGUES), scope="module")
def index(request):
    path = CATALOGUES[request.param]
    return build_index(catalogue_of(path), frame_of(path))


def below(index, place_id: str) -> set[str]:
    """Every place under `place_id`, found by following parents up (independently of the index)."""
    places, found = index.places, set()
    for place in places.values():
        parent = place.parent
        while parent:
            if parent == place_id:
                found.add(place.id)
                break
            parent = places[parent].parent
    return found


def test_rows_of_each_place_are_exactly_its_figures(index):
    for place_id in index.places:
        rows = index.place_rows(place_id)
        assert sorted(rows["figure_id"]) == sorted(index.frame.loc[index.frame["place_id"] == place_id, "figure_id"])
        assert index.place_count(place_id) == int((index.frame["place_id"] == place_id).sum())


def test_subtree_rows_hold_the_place_and_everything_below(index):
    for place_id in index.places:
        inside = {place_id} | below(index, place_id)
        expected = index.frame[index.frame["place_id"].isin(inside)]
        assert list(index.subtree_rows(place_id)["figure_id"]) == list(expected["figure_id"])
        assert set(index.descendants(place_id)) == below(index, place_id)
        assert index.has_figures(place_id) == (len(expected) > 0)


def test_children_in_vietnamese_order(index):
    for parent, kids in index.children.items():
        assert {index.places[k].parent for k in kids} == {parent}
        assert kids == sorted(kids, key=lambda k: sort_key_vi(index.places[k].short_name))


def test_ancestors_follow_parents_up(index):
    for place in index.places.values():
        chain = index.ancestors(place.id)
        parent = place.parent
        for ancestor in chain:
            assert ancestor == parent
            parent = index.places[ancestor].parent
        assert parent is None


def test_ancestors_stop_at_a_cycle(index):
    first, second = [p for p in index.places.values() if p.level == "province"][:2]
    places = dict(index.places)
    places[first.id] = first.model_copy(update={"parent": second.id})
    places[second.id] = second.model_copy(update={"parent": first.id})
    looped = build_index(dataclasses.replace(index.catalogue, places=places), index.frame)
    assert looped.ancestors(first.id) == [second.id]
    assert set(looped.descendants(first.id)) >= {second.id}


def test_successors_and_groups(index):
    for place in index.places.values():
        if place.successor:
            assert place.id in index.predecessors[place.successor]
        for member in place.members or []:
            assert place.id in index.groups_of[member]
    assert sum(len(v) for v in index.predecessors.values()) == sum(1 for p in index.places.values() if p.successor)


def test_ids_of_level_current_first_then_alphabetical(index):
    for level in ("province", "district", "ward", "group"):
        ids = index.ids_of_level(level)
        assert set(ids) == {p.id for p in index.places.values() if p.level == level}
        statuses = [index.places[i].status for i in ids]
        assert statuses == sorted(statuses, key=lambda s: s != "current")
        for status in ("current", "former"):
            same = [i for i in ids if index.places[i].status == status]
            assert same == sorted(same, key=lambda i: sort_key_vi(index.places[i].short_name))
