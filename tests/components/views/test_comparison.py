"""Rules of honest comparison on synthetic catalogues: peers only, parts inside their whole, something to compare."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from components.views import comparison

# a province P with two cities C1, C2; wards W1, W2 in C1 and W3 in C2
PARENT = {"C1": "P", "C2": "P", "W1": "C1", "W2": "C1", "W3": "C2"}
LEVEL = {"P": "province", "C1": "district", "C2": "district", "W1": "ward", "W2": "ward", "W3": "ward",
         "G": "group"}


def ancestors(place: str) -> list[str]:
    found = []
    while place in PARENT:
        place = PARENT[place]
        found.append(place)
    return found


def fid(place, metric="cameras", key="2024", value=10.0) -> str:
    return f"{place}-{metric}-{key}-{value}"


def row(place, metric="cameras", value=10.0, key="2024", qualifier="", kind="count", denominator=None,
        coverage=False, part_of="", **extra):
    return {"figure_id": fid(place, metric, key, value), "part_of": part_of, "place_id": place,
            "place_level": LEVEL[place],
            "metric_id": metric, "value": value, "time_key": key, "time_sort": f"{key}-12-31",
            "qualifier": qualifier, "metric_kind": kind, "metric_coverage": coverage,
            "denominator": denominator if denominator is not None else float("nan"),
            "computed_rate": 100.0 * value / denominator if denominator else float("nan"), **extra}


def frame(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def test_a_place_and_its_parent_are_never_peers_nor_a_part_of_it_unless_the_source_says_so():
    rows = frame(row("C1", value=790), row("W1", value=190), row("P", value=4951))
    assert comparison.peer_sets(rows, ancestors) == [], "one place per level: nothing to compare"
    assert comparison.wholes_with_parts(rows) == [], "inside is not enough: the ward's 190 may not be in the 790"


def test_parts_the_source_names_are_drawn_inside_their_whole():
    rows = frame(row("P", value=4951), row("C1", value=790, part_of=fid("P", value=4951)),
                 row("W1", value=190, part_of=fid("P", value=4951)), row("W3", value=5))
    (nested,) = comparison.wholes_with_parts(rows)
    assert nested.whole["place_id"] == "P" and list(nested.parts["place_id"]) == ["C1", "W1"]


def test_peers_share_a_level_and_the_period_most_of_them_share():
    rows = frame(row("W1", key="2024"), row("W2", key="2024", value=5), row("W3", key="2025", value=7),
                 row("W3", key="2024", value=3))
    (peer,) = comparison.peer_sets(rows, ancestors)
    assert peer.level == "ward" and not peer.periods_differ
    assert set(peer.rows["place_id"]) == {"W1", "W2", "W3"} and set(peer.rows["time_key"]) == {"2024"}


def test_peers_without_a_shared_period_are_marked_as_differing():
    rows = frame(row("W1", key="2023"), row("W3", key="2025"))
    (peer,) = comparison.peer_sets(rows, ancestors)
    assert peer.periods_differ and set(peer.rows["place_id"]) == {"W1", "W3"}


def test_a_lone_figure_gets_no_chart_and_groups_are_never_peers():
    assert comparison.peer_sets(frame(row("W1")), ancestors) == []
    assert comparison.wholes_with_parts(frame(row("W1"))) == []
    assert comparison.peer_sets(frame(row("G"), row("G", key="2025")), ancestors) == []


def test_full_coverage_is_said_in_words_not_drawn():
    full = frame(row("W1", value=13, denominator=13, coverage=True), row("W2", value=100, kind="percent",
                                                                         coverage=True))
    assert comparison.peer_sets(full.assign(metric_id="m"), ancestors) == []
    partial = frame(row("W1", value=10, denominator=13, coverage=True), row("W2", value=13, denominator=13,
                                                                            coverage=True))
    assert len(comparison.peer_sets(partial, ancestors)) == 1


def test_rates_and_fractions_are_not_drawn_inside_a_whole():
    whole = fid("C1", value=50)
    rows = frame(row("C1", value=50, denominator=60), row("W1", value=10, denominator=12, part_of=whole))
    assert comparison.wholes_with_parts(rows) == []
    whole = fid("C1", value=90)
    rows = frame(row("C1", value=90, kind="percent"), row("W1", value=80, kind="percent", part_of=whole))
    assert comparison.wholes_with_parts(rows) == []


@pytest.mark.parametrize("qualifiers", [("", ""), ("about", ""), ("", "more_than"), ("nearly", "about")])
def test_a_derived_value_keeps_any_hedge_of_its_inputs(qualifiers):
    assert bool(comparison.derived_hedge(*qualifiers)) == any(qualifiers)


@pytest.mark.parametrize("seed", range(40))
def test_on_random_catalogues_no_comparison_holds_a_place_and_its_ancestor(seed):
    rng = random.Random(seed)
    places = list(LEVEL)
    rows = frame(*[row(rng.choice(places), metric=rng.choice(["a", "b"]), key=rng.choice(["2024", "2025"]),
                       value=float(rng.randint(1, 50))) for _ in range(rng.randint(1, 12))])
    rows = rows.drop_duplicates(["place_id", "metric_id", "time_key"])
    for peer in comparison.peer_sets(rows, ancestors):
        ids = list(peer.rows["place_id"])
        assert len(ids) >= 2 and len(set(ids)) == len(ids)
        assert peer.rows["metric_id"].nunique() == 1 and peer.rows["place_level"].nunique() == 1
        assert all(not set(ancestors(p)) & set(ids) for p in ids)
        assert peer.periods_differ or peer.rows["time_key"].nunique() == 1
    assert comparison.wholes_with_parts(rows) == [], "no source said a figure is a part of another"
