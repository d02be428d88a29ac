"""The app's state: the catalogue loaded once per content change, the language, and selections kept in the URL."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable, Container
from dataclasses import dataclass
from pathlib import Path

import pyarrow
import streamlit as st

from components.catalogue.load import metrics_path
from components.findings import Finding
from components.table.index import CatalogueIndex
from components.table.loading import collect_and_trim, prepare
from components.words.fmt import md_text, shortened, visible_controls
from components.words.i18n import DEFAULT_LANG, LANGUAGES, normal_lang, t

# Arrow's own allocator (mimalloc) keeps the memory it frees for its own reuse: the frame's text columns as they
# are made, and every table Streamlit sends. The system's allocator gives it back (with malloc_trim after a load,
# components.table.loading): at 100,000 figures the server holds about 40 MB less after every page.
pyarrow.set_memory_pool(pyarrow.system_memory_pool())

TRIM_EVERY_SECONDS = 10.0
# A collection holds the interpreter (about 150 ms at 100,000 figures): at the end of a run, in the script's
# thread, it held back the run's last messages, which the server's event loop could not send meanwhile. It runs
# this long after the run instead, on a thread of its own, once the page is on its way to the browser.
TRIM_AFTER_SECONDS = 0.5
_last_trim = [0.0]
_trim_lock = threading.Lock()

LANG_KEY = "lang"
ECHO_LIMIT = 40  # characters of an unknown id quoted back to the reader
_digests: dict[tuple, str] = {}
_digests_lock = threading.Lock()


@dataclass(frozen=True)
class Loaded:
    """A catalogue as the app sees it: its index when valid, else the findings that stop it."""

    path: Path
    index: CatalogueIndex | None
    findings: tuple[Finding, ...]
    places_path: Path | None
    places_digest: str


def file_digest(path: Path | None) -> str:
    """SHA-256 of a file's bytes, recomputed only when its size or modification time changes."""
    if path is None:
        return ""
    try:
        stat = path.stat()
    except OSError:
        return "missing"
    key = (str(path), stat.st_mtime_ns, stat.st_size, stat.st_ino)
    with _digests_lock:
        if key in _digests:
            return _digests[key]
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:  # a folder, or a file without read permission: the loader says which
        return f"unreadable {key}"
    with _digests_lock:
        if len(_digests) > 64:
            _digests.clear()
        _digests[key] = digest.hexdigest()
    return _digests[key]


@st.cache_resource(max_entries=4, show_spinner=False)
def _load(path_text: str, digest: str, places_digest: str) -> Loaded:
    """Parse, check and index a catalogue: runs once per content of the file (and of its places file)."""
    path = Path(path_text)
    prepared = prepare(path)
    places_now = file_digest(prepared.places_path) if prepared.places_path is not None else ""
    return Loaded(path, prepared.index, prepared.findings, prepared.places_path, places_now)


def loaded() -> Loaded:
    """The current catalogue ($METRICS_FILE or the bundled metrics.yaml), re-read when its content changes."""
    path = metrics_path(None).resolve()
    digest = file_digest(path)
    state = _load(str(path), digest, "")
    if state.places_path is not None and file_digest(state.places_path) != state.places_digest:
        state = _load(str(path), digest, file_digest(state.places_path))
    return state


def current_index() -> CatalogueIndex:
    """The index of a valid catalogue (dashboard.py stops before any page when it is not valid)."""
    state = loaded()
    if state.index is None:
        st.stop()
    return state.index


def return_freed_memory() -> None:
    """After a page has run, collect its cyclic garbage and hand the memory freed back to the system, at most
    every TRIM_EVERY_SECONDS per process. Streamlit's own collection after every run is off
    (`runner.postScriptGC` in .streamlit/config.toml): a full collection walks every object of the server, 60 ms
    of a core even for a one-line app, after each run of each visitor. glibc keeps freed memory for reuse and a
    host's memory limit counts it: at 100,000 figures the server holds about 12 MB more after every page
    without the trim (bench/run.py's 'server RSS after every page'). It runs TRIM_AFTER_SECONDS after the run."""
    now = time.monotonic()
    with _trim_lock:
        if now - _last_trim[0] < TRIM_EVERY_SECONDS:
            return
        _last_trim[0] = now
    _after_the_run(collect_and_trim)


def _after_the_run(action: Callable[[], None]) -> None:
    timer = threading.Timer(TRIM_AFTER_SECONDS, action)
    timer.daemon = True
    timer.start()


def made_once(owner: object, what: str, lang: str, make: Callable[[], str]) -> str:
    """`what` of `owner` in `lang`, made by `make` once and kept on it: page views, their charts and card groups
    are kept per catalogue content, so their HTML need not be made again at every rerun."""
    made = owner.__dict__.setdefault(f"_made_{what}", {})
    if lang not in made:
        made[lang] = make()
    return made[lang]


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
    keep_in_url(LANG_KEY, choice, default=DEFAULT_LANG)
    return choice


def keep_in_url(key: str, value: str | None, default: str | None = None, force: bool = False) -> None:
    """Write a selection to the URL so a copied link reopens the same view. `force` writes it even when the
    script already reads that value: a link to the page the reader is on (st.page_link) hands the new id to the
    script but leaves the old one in the address bar until the script writes it."""
    if value is None or value == default:
        if key in st.query_params:
            del st.query_params[key]
    elif force or st.query_params.get(key) != value:
        st.query_params[key] = value


def url_select(label: str, options: list[str], key: str, format_func, *, where=st, help: str | None = None,
               default: str | None = None, inert_labels: bool = False, settled: bool | None = None) -> str | None:
    """A selectbox whose choice lives in the URL (?key=id). An unknown id in the URL gives a short notice
    and the default choice, never an error. `inert_labels`: format_func's texts already show direction
    controls visibly. `settled`: settle_choice has already run for this key in this run (among more ids than
    `options`, which hold its choice), and whether the reader had followed a link."""
    if not options:
        return None
    followed_link = settle_choice(label, options, key, default) if settled is None else settled
    state_key = _select_key(key)
    # given again at every run, so the browser is sent the choice with the selectbox: a run stopped before the
    # selectbox was drawn (another rerun asked for, as the chart-width probe does) leaves the browser without
    # it, and it would show the first option beside another place's page
    st.session_state[state_key] = st.session_state[state_key]
    shown = format_func if inert_labels else lambda option: visible_controls(format_func(option))
    choice = where.selectbox(label, options, key=state_key, help=help, format_func=shown)
    st.session_state[f"{state_key}-url"] = choice
    keep_in_url(key, choice, force=followed_link)
    return choice


def settle_choice(label: str, options: list[str], key: str, default: str | None = None, *,
                  among: Container[str] | None = None) -> bool:
    """Settle url_select `key`'s choice for this run before its selectbox is drawn (chosen(key) reads it): the id
    in the URL on a first visit or when the reader followed a link, else the reader's last choice; the default
    (or the first option) when that is not one of `options` (`among`, when given, tells membership faster).
    An unknown id in the URL gives a short notice. Whether the reader just followed a link."""
    among = options if among is None else among
    wanted = st.query_params.get(key)
    state_key = _select_key(key)
    followed_link = state_key in st.session_state and (wanted in among and wanted != st.session_state[state_key]
                                                      and st.session_state.get(f"{state_key}-url") != wanted)
    fallback = default if default in among else options[0]
    if state_key not in st.session_state or followed_link:
        if wanted is not None and wanted not in among:
            st.info(t("unknown_in_link", lang(), value=md_text(shortened(wanted, ECHO_LIMIT)), what=label))
        st.session_state[state_key] = wanted if wanted in among else fallback
    elif st.session_state[state_key] not in among:  # kept from a view with other options (another place's)
        st.session_state[state_key] = fallback
    return followed_link


def choose(key: str, option: str) -> None:
    """Make `option` url_select `key`'s choice at the next run (from a widget's callback)."""
    st.session_state[_select_key(key)] = option


def _select_key(key: str) -> str:
    return f"select-{key}"


def chosen(key: str) -> str | None:
    """What the reader chose in this run in the url_select of query parameter `key` (None if none ran)."""
    return st.session_state.get(_select_key(key))


def tab_title(page: str, lang: str, place: str | None = None) -> str:
    """The browser tab's title: the place (on province and ward pages), the page, the app."""
    if place:
        return t("tab_title_place", lang, place=visible_controls(place), page=page, app=t("app_title", lang))
    return t("tab_title_page", lang, page=page, app=t("app_title", lang))


def catalogue_name() -> str:
    """The catalogue's file name as shown to readers (the env variable may point anywhere)."""
    return os.path.basename(str(metrics_path(None)))
