"""The "Download this page's charts" button: a zip of the page's charts as PNG images, drawn on click."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence

import streamlit as st

from components.report.page_zip import charts_zip
from components.report.pages import ChartLike, safe_name
from components.report.rendering import browser_unavailable_reason
from components.words.i18n import t, t_count

_CACHE_SIZE = 16
_cache: OrderedDict[str, bytes] = OrderedDict()
_cache_lock = threading.Lock()


def _cache_key(charts: Sequence[ChartLike], folder: str, scale: float) -> str:
    digest = hashlib.sha256(f"{folder}\0{scale}".encode())
    for chart in charts:
        digest.update(f"\0{chart.slug}\0".encode())
        digest.update(chart.figure.to_json().encode())
        digest.update(f"\0{getattr(chart, 'alt', '')}".encode())
    return digest.hexdigest()


def page_zip(charts: Sequence[ChartLike], folder: str, scale: float = 2) -> bytes:
    """The zip of `charts` as `<folder>/<chart>.png`, kept for the last few pages asked for."""
    key = _cache_key(charts, folder, scale)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    data = charts_zip(charts, folder, scale=scale)
    with _cache_lock:
        _cache[key] = data
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return data


def page_charts_download(charts: Sequence[ChartLike], page_slug: str, lang: str, *,
                         key: str | None = None) -> None:
    """Offer the page's charts as a zip of PNGs (drawn only when clicked), or say why it cannot here.

    `page_slug` names the zip and its folder, e.g. 'province-<id>' gives province-<id>-charts.zip.
    """
    folder = safe_name(page_slug)
    key = key or f"download-charts-{folder}"
    if not charts:
        return
    reason = browser_unavailable_reason(lang)
    if reason:
        st.download_button(t("download_charts", lang), data=b"", disabled=True, key=key,
                           icon=":material/download:", help=t("download_charts_needs_browser", lang))
        st.caption(t("download_charts_unavailable", lang, reason=reason))
        return
    st.download_button(t("download_charts", lang), data=lambda: page_zip(charts, folder),
                       file_name=f"{folder}-charts.zip", mime="application/zip", on_click="ignore", key=key,
                       icon=":material/download:", help=t_count("download_charts_help", lang, len(charts)))
