"""The "Download this page's charts" button: a zip of the page's charts as PNG images, drawn on click."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from components.report.page_zip import charts_zip
from components.report.pages import safe_name
from components.report.rendering import browser_unavailable_reason
from components.table.memo import once
from components.views.named_chart import NamedChart
from components.words.i18n import t, t_count


def page_zip(charts: Sequence[NamedChart], folder: str, content: str, scale: float = 2) -> bytes:
    """The zip of `charts` (made from catalogue `content`, a memo content id) as `<folder>/<chart>.png`, kept
    for the last few pages asked for: a chart's serial names it, and a chart is never changed once made."""
    return once(content, ("charts-zip", tuple(chart.serial for chart in charts), folder, scale),
                lambda: charts_zip(charts, folder, scale=scale), "file")


def page_charts_download(charts: Sequence[NamedChart], page_slug: str, lang: str, content: str, *,
                         key: str | None = None) -> None:
    """Offer the page's charts (made from catalogue `content`, a memo content id) as a zip of PNGs (drawn only
    when clicked), or say why it cannot here.

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
    st.download_button(t("download_charts", lang), data=lambda: page_zip(charts, folder, content),
                       file_name=f"{folder}-charts.zip", mime="application/zip", on_click="ignore", key=key,
                       icon=":material/download:", help=t_count("download_charts_help", lang, len(charts)))
