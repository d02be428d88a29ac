"""Selectboxes of ids whose choice lives in the address as the id (?province=quang-ninh), which Streamlit's
own binding does not do (tests/components/app/test_id_in_address.py fails the day it does)."""

from __future__ import annotations

from collections.abc import Container

import streamlit as st

from components.app import state
from components.words.fmt import md_text, shortened, visible_controls
from components.words.i18n import t

# Selections of an id (a place, a metric, a map level) live in the address as ?key=<id>. Streamlit's own
# binding (`bind="query-params"`) keeps the option as the selectbox shows it, in the reader's language
# ('Quảng Ninh — 12 figures'), so the links the app has always made (?province=quang-ninh) would no longer
# open; these few lines keep the id there instead. Pagers use Streamlit's binding (widgets.pager).


def url_select(label: str, options: list[str], key: str, format_func, *, where=st, help: str | None = None,
               default: str | None = None, inert_labels: bool = False, state_key: str | None = None) -> str | None:
    """A selectbox of ids whose choice lives in the address (?key=id): the page opens on the id a link names,
    else on the reader's last choice (kept across visits to the page), else on `default` (or the first option).
    An unknown id in the address gives a short notice and that choice, never an error. `inert_labels`:
    format_func's texts already show direction controls visibly. `state_key` (default `key`) names where the
    choice is kept: two pages whose parameters share a name but not a meaning (the overview's map metric, the
    page by measure's metric) keep their choices apart."""
    if not options:
        return None
    settle_choice(label, options, key, default, state_key=state_key)
    return choice_select(label, options, key, format_func, where=where, help=help, inert_labels=inert_labels,
                         state_key=state_key)


def settle_choice(label: str, options: list[str], key: str, default: str | None = None, *,
                  among: Container[str] | None = None, state_key: str | None = None) -> str:
    """url_select `key`'s choice for this run, settled before its selectbox is drawn (the ward page draws
    another selector first, which follows it): see url_select. `among`, when given, tells membership faster."""
    among = options if among is None else among
    wanted, state_key = st.query_params.get(key), select_key(state_key or key)
    kept = st.session_state.get(state_key)
    if wanted in among:  # a link (or the back button) names it; the reader's own choices are written there too
        if kept is not None and kept != wanted:
            st.query_params[key] = wanted  # a link to this same page: the address bar shows it once written
        choice = wanted
    else:
        if wanted is not None:
            st.info(t("unknown_in_link", state.lang(), value=md_text(shortened(wanted, state.ECHO_LIMIT)), what=label))
        choice = kept if kept in among else default if default in among else options[0]
        st.query_params[key] = choice
    # given at every run, so the browser is sent the choice with the selectbox even when the run before was
    # stopped before the selectbox was drawn (the chart-width probe asks for another run)
    st.session_state[state_key] = choice
    return choice


def choice_select(label: str, options: list[str], key: str, format_func, *, where=st, help: str | None = None,
                  inert_labels: bool = False, state_key: str | None = None) -> str:
    """The selectbox of url_select `key`, its choice settled (settle_choice); the reader's pick goes to the
    address."""
    shown = format_func if inert_labels else lambda option: visible_controls(format_func(option))
    return where.selectbox(label, options, key=select_key(state_key or key), help=help, format_func=shown,
                           on_change=_to_address, args=(key, state_key or key), persist_state="session")


def _to_address(key: str, state_key: str) -> None:
    st.query_params[key] = st.session_state[select_key(state_key)]


def choose(key: str, option: str, state_key: str | None = None) -> None:
    """Make `option` url_select `key`'s choice at the next run (from a widget's callback)."""
    st.session_state[select_key(state_key or key)] = option
    st.query_params[key] = option


def select_key(key: str) -> str:
    """Where a selectbox of ids keeps its choice in the session."""
    return f"select-{key}"


def chosen(key: str) -> str | None:
    """What the reader chose in the url_select kept under `key` (its state_key, else its query parameter)."""
    return st.session_state.get(select_key(key))
