"""The app's state: the catalogue loaded once per content change and the reader's language."""

from __future__ import annotations

import functools
import gc
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import pyarrow
import streamlit as st

from components.catalogue.load import metrics_path
from components.findings import Finding
from components.table.index import CatalogueIndex
from components.table.index_from_file import prepare
from components.words.fmt import visible_controls
from components.words.i18n import DEFAULT_LANG, LANGUAGES, normal_lang, t

# Arrow's own allocator (mimalloc) keeps the memory it frees for its own reuse: the frame's text columns as they
# are made, and every table Streamlit sends. The system's allocator gives it back (bench/RESULTS.md, server RSS).
pyarrow.set_memory_pool(pyarrow.system_memory_pool())

LANG_KEY = "lang"
ECHO_LIMIT = 40  # characters of an unknown id quoted back to the reader


@dataclass(frozen=True)
class ServedCatalogue:
    """A catalogue as the app sees it: its index when valid, else the findings that stop it."""

    path: Path
    index: CatalogueIndex | None
    findings: tuple[Finding, ...]
    places_path: Path | None
    places_digest: str


def file_digest(path: Path | None) -> str:
    """SHA-256 of a file's bytes, recomputed only when its size, times or inode change."""
    if path is None:
        return ""
    try:
        stat = path.stat()
    except OSError:
        return "missing"
    return _digest_of(str(path), stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino)


@functools.lru_cache(maxsize=64)  # asked at every rerun: a national catalogue's bytes are hashed once per change
def _digest_of(path_text: str, *stat: int) -> str:
    digest = hashlib.sha256()
    try:
        with open(path_text, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:  # a folder, or a file without read permission (a change of which moves st_ctime_ns)
        return f"unreadable {(path_text, *stat)}"
    return digest.hexdigest()


@st.cache_resource(max_entries=4, show_spinner=False)
def load_cached(path_text: str, digest: str, places_digest: str) -> ServedCatalogue:
    """Parse, check and index a catalogue: runs once per content of the file (and of its places file)."""
    path = Path(path_text)
    gc.unfreeze()  # what an earlier catalogue left may be collected again
    prepared = prepare(path)
    # Streamlit collects all garbage after every run, walking every object the server holds: what exists now
    # (the index, the libraries) lives until the next load, so later collections leave it out (Python's gc.freeze)
    gc.freeze()
    places_now = file_digest(prepared.places_path) if prepared.places_path is not None else ""
    return ServedCatalogue(path, prepared.index, prepared.findings, prepared.places_path, places_now)


def loaded() -> ServedCatalogue:
    """The current catalogue ($METRICS_FILE or the bundled metrics.yaml), re-read when its content changes."""
    path = metrics_path(None).resolve()
    digest = file_digest(path)
    state = load_cached(str(path), digest, "")
    if state.places_path is not None and file_digest(state.places_path) != state.places_digest:
        state = load_cached(str(path), digest, file_digest(state.places_path))
    return state


def current_index() -> CatalogueIndex:
    """The index of a valid catalogue (dashboard.py stops before any page when it is not valid)."""
    state = loaded()
    if state.index is None:
        st.stop()
    return state.index


def lang() -> str:
    return normal_lang(st.session_state.get(LANG_KEY) or st.query_params.get(LANG_KEY) or DEFAULT_LANG)


def language_switch() -> str:
    """English / Tiếng Việt in the sidebar, kept in the URL as ?lang=vi (absent for English)."""
    wanted = st.query_params.get(LANG_KEY)
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = normal_lang(wanted)
    choice = st.sidebar.segmented_control(t("language", lang()), list(LANGUAGES), format_func=LANGUAGES.get,
                                          key=LANG_KEY, required=True)
    choice = normal_lang(choice)
    if choice == DEFAULT_LANG:
        st.query_params.pop(LANG_KEY, None)
    elif wanted != choice:
        st.query_params[LANG_KEY] = choice
    return choice


def tab_title(page: str, lang: str, place: str | None = None) -> str:
    """The browser tab's title: the place (on province and ward pages), the page, the app."""
    if place:
        return t("tab_title_place", lang, place=visible_controls(place), page=page, app=t("app_title", lang))
    return t("tab_title_page", lang, page=page, app=t("app_title", lang))


def catalogue_name() -> str:
    """The catalogue's file name as shown to readers (the env variable may point anywhere)."""
    return os.path.basename(str(metrics_path(None)))
