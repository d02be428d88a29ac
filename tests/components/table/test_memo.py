"""The memo: what is built once per catalogue content, each kind kept as far as its bound, contents kept apart."""

from __future__ import annotations

import pytest

from components.table import memo
from components.table.memo import new_content_id, once


@pytest.fixture
def calls():
    return []


def built(calls: list, key: str):
    def build():
        calls.append(key)
        return [key]
    return build


def test_a_result_is_built_once_and_the_most_recently_used_are_kept(monkeypatch, calls):
    monkeypatch.setitem(memo.KEEP, "page", 2)
    content = new_content_id()
    for key in ("a", "a", "b", "a", "c", "a", "b"):  # c drops b, the least recently used
        assert once(content, (key,), built(calls, key)) == [key]
    assert calls == ["a", "b", "c", "b"]


def test_what_is_small_is_never_dropped_by_the_turnover_of_pages(monkeypatch, calls):
    monkeypatch.setitem(memo.KEEP, "page", 1)
    content = new_content_id()
    for key in ("a", "b", "c", "a", "b", "c"):
        assert once(content, (key,), built(calls, key), "small") == [key]
        once(content, ("other", key), lambda k=key: k)
    assert calls == ["a", "b", "c"]


def test_two_contents_never_share_a_result(calls):
    first, second = new_content_id(), new_content_id()
    assert once(first, ("same key",), built(calls, "first"), "small") == ["first"]
    assert once(second, ("same key",), built(calls, "second"), "small") == ["second"]
    assert once(first, ("same key",), built(calls, "first again"), "small") == ["first"]


def test_a_content_no_longer_used_takes_all_its_results_with_it(monkeypatch, calls):
    monkeypatch.setattr(memo, "CONTENTS", 2)
    old, newer, newest = new_content_id(), new_content_id(), new_content_id()
    once(old, ("counts",), built(calls, "old"), "small")
    once(newer, ("counts",), built(calls, "newer"), "small")
    once(old, ("counts",), built(calls, "old again"), "small")  # old is now the more recently used
    once(newest, ("counts",), built(calls, "newest"), "small")  # newer is dropped, small results and all
    once(old, ("counts",), built(calls, "old again"), "small")
    once(newer, ("counts",), built(calls, "newer again"), "small")
    assert calls == ["old", "newer", "newest", "newer again"]


def test_each_index_has_a_content_of_its_own(calls):
    import dataclasses

    from dashboard_helpers import CATALOGUES, catalogue_of, frame_of

    from components.table.index import build_index

    path = next(iter(CATALOGUES.values()))
    one = build_index(catalogue_of(path), frame_of(path))
    other = build_index(one.catalogue, one.frame)
    assert len({one.content_id, other.content_id, dataclasses.replace(one).content_id}) == 3
    assert once(one.content_id, ("k",), built(calls, "one")) != once(other.content_id, ("k",), built(calls, "other"))
