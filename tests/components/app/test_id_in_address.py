"""Why components/app/id_in_address.py exists: Streamlit's own binding of a selectbox to the address keeps the
option's label, not its id. The day a link naming the id opens that option, this fails: replace the module
with `bind="query-params"`."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _bound_selectbox():
    import streamlit as st

    names = {"alpha-id": "Alpha", "beta-id": "Beta"}
    st.selectbox("Place", list(names), format_func=names.__getitem__, key="place", bind="query-params")


def _opened_with(value: str) -> tuple[str, dict]:
    app = AppTest.from_function(_bound_selectbox)
    app.query_params["place"] = value
    app.run()
    return app.selectbox(key="place").value, dict(app.query_params)


def test_streamlits_binding_keeps_the_label_in_the_address():
    assert _opened_with("Beta") == ("beta-id", {"place": "Beta"})


def test_streamlits_binding_does_not_open_a_link_naming_the_id():
    chosen, address = _opened_with("beta-id")
    assert chosen == "alpha-id" and "place" not in address, (
        "Streamlit's binding now opens ?place=<id>: components/app/id_in_address.py can go, use bind='query-params'")
