"""The app's cache key: a catalogue file's digest changes whenever its content does."""

from __future__ import annotations

import hashlib
import os
import threading

from components.app import state
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


def test_freed_memory_is_handed_back_at_most_every_few_seconds(monkeypatch):
    """A collection and a trim walk the whole heap: after a page's run, but not after every one of a busy
    server's runs."""
    trims = []
    monkeypatch.setattr(state, "collect_and_trim", lambda: trims.append(1))
    monkeypatch.setattr(state, "_after_the_run", lambda action: action())
    monkeypatch.setattr(state, "_last_trim", [0.0])
    clock = [1000.0]
    monkeypatch.setattr(state.time, "monotonic", lambda: clock[0])
    state.return_freed_memory()
    state.return_freed_memory()
    clock[0] += state.TRIM_EVERY_SECONDS - 0.5
    state.return_freed_memory()
    assert len(trims) == 1
    clock[0] += 1
    state.return_freed_memory()
    assert len(trims) == 2


def test_the_collection_waits_until_the_run_is_over_and_runs_on_a_thread_of_its_own(monkeypatch):
    """The collection holds the interpreter: run in the script's thread at the end of a run, it kept the server
    from sending that run's last messages to the browser."""
    done = threading.Event()
    threads = []

    def trim():
        threads.append(threading.current_thread())
        done.set()

    monkeypatch.setattr(state, "collect_and_trim", trim)
    monkeypatch.setattr(state, "_last_trim", [0.0])
    state.return_freed_memory()
    assert threads == []  # not yet: the page script returns first
    assert done.wait(timeout=10)
    assert threads[0] is not threading.current_thread()


def test_streamlit_does_not_collect_all_of_the_servers_garbage_after_every_run():
    """Streamlit's collection after every run (`runner.postScriptGC`) walks every object of the server, and the
    visitor waits for it (AppTest does not run it, so the setting is read as the server reads it): it is off in
    .streamlit/config.toml, and the app collects at most every few seconds (the test above)."""
    from streamlit import config

    assert config.get_option("runner.postScriptGC") is False
