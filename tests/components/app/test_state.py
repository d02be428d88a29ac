"""The app's cache key: a catalogue file's digest changes whenever its content does."""

from __future__ import annotations

import hashlib
import os

from components.app.state import file_digest


def test_digest_is_the_content_hash(tmp_path):
    path = tmp_path / "metrics.yaml"
    path.write_text("version: 1\n", encoding="utf-8")
    assert file_digest(path) == hashlib.sha256(b"version: 1\n").hexdigest()
    assert file_digest(path) == file_digest(path)


def test_an_edit_changes_the_digest(tmp_path):
    path = tmp_path / "metrics.yaml"
    path.write_text("value: 120\n", encoding="utf-8")
    before = file_digest(path)
    path.write_text("value: 1207\n", encoding="utf-8")
    assert file_digest(path) != before


def test_a_file_replaced_with_the_same_size_and_time_is_read_again(tmp_path):
    """An editor or sync tool that saves by renaming a new file into place and keeps the time stamp."""
    path, new = tmp_path / "metrics.yaml", tmp_path / "metrics.yaml.tmp"
    path.write_text("value: 120\n", encoding="utf-8")
    before = file_digest(path)
    stat = path.stat()
    new.write_text("value: 130\n", encoding="utf-8")
    os.utime(new, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(new, path)
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    assert file_digest(path) == hashlib.sha256(b"value: 130\n").hexdigest() != before


def test_missing_and_absent_files(tmp_path):
    assert file_digest(tmp_path / "gone.yaml") == "missing"
    assert file_digest(None) == ""


def test_the_app_allocates_arrow_memory_with_the_system_allocator():
    """Arrow's own allocator keeps freed memory for reuse; the app's server gives it back (issue 18)."""
    import pyarrow

    import components.app.state  # noqa: F401 (sets the pool when imported)

    assert pyarrow.default_memory_pool().backend_name == "system"


def test_a_loaded_catalogue_is_left_out_of_later_garbage_collections():
    """Streamlit collects all of the server's garbage after every run: the catalogue's index and the libraries,
    there until the next load, are moved out of the collector's way once loaded (gc.freeze), and an earlier
    load's are handed back to it first."""
    import gc

    from components.app import state
    from tests.dashboard_helpers import SMALL

    state.load_cached.clear()
    try:
        loaded = state.load_cached(str(SMALL), "test", "")
        assert gc.get_freeze_count() > 0 and gc.is_tracked(loaded.index)
        assert not any(o is loaded.index for o in gc.get_objects()), "the index is left out of collections"
    finally:
        gc.unfreeze()
        state.load_cached.clear()
