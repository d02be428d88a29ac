"""What is built once per catalogue content, kept in one bounded store keyed by that content and what was built."""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

# How many results of each kind are kept, the most recently used; None keeps all of a content's results of that
# kind (what is small and asked for on every visit: counts, a selector's options), so that a page never scans the
# whole frame again after its first visit. A page's view, charts and rows are rebuilt when asked for again.
KEEP: dict[str, int | None] = {"small": None, "page": 48, "html": 64, "file": 16}
CONTENTS = 4  # catalogue contents whose results are kept, as many as the app keeps loaded (app/state.load_cached)

_lock = threading.Lock()
_results: dict[str, OrderedDict[tuple, Any]] = {kind: OrderedDict() for kind in KEEP}
_contents: OrderedDict[str, None] = OrderedDict()  # the contents of the results kept, the most recently used last
_ids = itertools.count()


def new_content_id() -> str:
    """A name for one catalogue content that no other content built in this process has (an index is built once
    per content: app/state.load_cached keys it by the files' digests)."""
    return f"content-{next(_ids)}"


def once(content: str, key: tuple, build: Callable[[], T], kind: str = "page") -> T:
    """`build()` once per `key` of `content` (a `new_content_id`), kept as KEEP says for its `kind`. Callers must
    not mutate the result. Two threads may both build a missing result; the first one stored is the one kept."""
    found = (content, key)
    results = _results[kind]
    with _lock:
        if found in results:
            results.move_to_end(found)
            _contents.move_to_end(content)
            return results[found]
    value = build()
    with _lock:
        value = results.setdefault(found, value)
        _contents[content] = None
        _contents.move_to_end(content)
        if KEEP[kind] is not None:
            while len(results) > KEEP[kind]:
                results.popitem(last=False)
        while len(_contents) > CONTENTS:
            _forget(_contents.popitem(last=False)[0])
    return value


def _forget(content: str) -> None:
    for results in _results.values():
        for found in [found for found in results if found[0] == content]:
            del results[found]

