"""A catalogue prepared in a child process is the same as one prepared here, and a failing child costs nothing
but time: the app then prepares it itself."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from components.table import index_from_file
from components.table.memo import once

ROOT = Path(__file__).resolve().parents[3]
CASES = {
    "valid": ROOT / "metrics.yaml",
    "errors": ROOT / "tests" / "data" / "bad" / "negative_count.yaml",
    "unreadable": ROOT / "tests" / "data" / "bad" / "latin1.yaml",
    "places file broken": ROOT / "tests" / "data" / "bad" / "places_broken.yaml",
}


def assert_same(child: index_from_file.IndexOrFindings, here: index_from_file.IndexOrFindings) -> None:
    assert child.findings == here.findings
    assert child.places_path == here.places_path
    assert (child.index is None) == (here.index is None)
    if here.index is None:
        return
    pd.testing.assert_frame_equal(child.index.frame, here.index.frame)
    assert child.index.catalogue == here.index.catalogue
    for name in ("rows_of", "rows_of_source"):
        mine, theirs = getattr(child.index, name), getattr(here.index, name)
        assert mine.keys() == theirs.keys() and all(np.array_equal(mine[k], theirs[k]) for k in mine)
    assert (child.index.children, child.index.predecessors, child.index.groups_of) == (
        here.index.children, here.index.predecessors, here.index.groups_of)


@pytest.mark.parametrize("path", CASES.values(), ids=CASES.keys())
def test_the_child_prepares_the_same_catalogue(path):
    child = index_from_file.prepare(path, in_child=True)
    assert_same(child, index_from_file.prepare_here(path))
    if child.index is not None:  # the index works as one built here, its results kept apart from any other's
        here = index_from_file.prepare_here(path).index
        assert child.index.content_id != here.content_id
        content = child.index.content_id
        assert once(content, ("key",), lambda: 1) == 1 == once(content, ("key",), lambda: 2)
        assert once(here.content_id, ("key",), lambda: 3) == 3


def test_a_failing_child_is_replaced_by_preparing_here(monkeypatch, capsys):
    monkeypatch.setattr(sys, "executable", "/bin/false")
    path = CASES["valid"]
    assert_same(index_from_file.prepare(path, in_child=True), index_from_file.prepare_here(path))
    assert "reading it here" in capsys.readouterr().err


def test_only_a_large_file_is_read_in_a_child(monkeypatch):
    children = []
    monkeypatch.setattr(index_from_file, "prepare_in_child",
                        lambda path: children.append(path) or index_from_file.prepare_here(path))
    path = CASES["valid"]
    assert path.stat().st_size < index_from_file.CHILD_FROM_BYTES
    index_from_file.prepare(path)
    assert children == []
    monkeypatch.setattr(index_from_file, "CHILD_FROM_BYTES", path.stat().st_size)
    index_from_file.prepare(path)
    assert children == [path]
    index_from_file.prepare(ROOT / "no-such-file.yaml")  # no size to read: prepared here, where it gets its finding
    assert children == [path]


def test_the_child_imports_no_pandas_and_hands_back_rows_not_records(tmp_path):
    """The child's memory is its parse's, not pandas' (with pyarrow and numpy, some 80 MB before reading): it
    hands back the catalogue without its figure records and the rows in their compact form, from which the
    server makes the same frame as a catalogue prepared here."""
    import pickle
    import subprocess

    out = tmp_path / "read.pickle"
    script = ("import sys; from components.table import index_from_file; index_from_file.child_main(sys.argv[1:]); "
              "print(sorted(m for m in ('pandas', 'numpy', 'pyarrow', 'streamlit', 'plotly') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script, str(CASES["valid"]), str(out)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    read = pickle.loads(out.read_bytes())
    assert isinstance(read, index_from_file.CheckedFile) and read.catalogue.figures == [] and read.rows.rows > 0
    assert_same(index_from_file.prepared_of(read), index_from_file.prepare_here(CASES["valid"]))
