"""Shared by the report's tests: a chart stand-in, pages of them, and the browser to draw with."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go
import pytest

from components.report.pages import ReportPage, build_page
from components.report.rendering import browser_unavailable_reason, find_browser
from components.views.fonts import FONT_DIR

ROOT = Path(__file__).resolve().parents[1]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    figure: go.Figure
    figure_ids: tuple[str, ...] = ()


def require_browser() -> str:
    """The browser to render with; locally a skip naming the reason, in CI (CI=true) a failure."""
    reason = browser_unavailable_reason()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI needs a Chromium to render charts: {reason}")
        pytest.skip(reason)
    return find_browser()


def chart_figure(title: str, footer: str) -> go.Figure:
    figure = go.Figure(go.Bar(x=["a", "b"], y=[3, 5]))
    figure.update_layout(title=title, margin={"b": 90})
    figure.add_annotation(text=footer, xref="paper", yref="paper", x=0, y=-0.25, showarrow=False)
    return figure


def sample_pages(fmt: str = "png", pages: int = 2, charts: int = 2) -> list[ReportPage]:
    return [build_page(f"province-p{p}", f"Page {p}",
                       [Chart(f"chart-{c}", f"Chart {c}", chart_figure(f"Chart {c}", f"Footer p{p} c{c}"))
                        for c in range(charts)], fmt)
            for p in range(pages)]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def machine_without_noto(folder: Path) -> Path:
    """A fontconfig configuration (for FONTCONFIG_FILE) of a machine without Noto Sans: DejaVu Sans, the most
    common Linux default, and the machine's aliases (sans-serif and the like) only. The DejaVu files are the
    bundled ones, linked into `folder`, so the machine's own fonts do not change the test."""
    fonts = folder / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        if not (fonts / name).exists():
            (fonts / name).symlink_to(FONT_DIR / name)
    conf = folder / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
                    f'  <dir>{fonts}</dir>\n  <include ignore_missing="yes">/etc/fonts/conf.d</include>\n'
                    f'  <cachedir>{folder / "cache"}</cachedir>\n</fontconfig>\n')
    return conf
