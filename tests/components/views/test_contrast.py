"""Contrast and colour (WCAG 2.2 AA, issue 16): every text colour of the charts, the map and the exported
report reaches 4.5:1 on its background; the theme colours reach 3:1 (graphics, 1.4.11) and stay apart under
the common colour-vision deficiencies; a bar's colour is never the only thing that names it."""

from __future__ import annotations

import functools
import itertools
import math
import re
import tomllib
from pathlib import Path

import plotly.io as pio
import pytest
from dashboard_helpers import BUNDLED, SMALL, catalogue_of, frame_of

from components.report.index_page import INDEX_CSS
from components.table.index import build_index
from components.views import charts, display, map_chart, page_views, selections

ROOT = Path(__file__).resolve().parents[3]
WHITE = "#ffffff"
TEXT_MIN, GRAPHIC_MIN = 4.5, 3.0


def _rgb(colour: str) -> tuple[float, float, float]:
    colour = colour.strip().lower()
    if colour.startswith("#"):
        digits = colour[1:]
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        return tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))
    found = re.fullmatch(r"rgba?\(([^)]*)\)", colour)
    assert found, f"unreadable colour {colour!r}"
    parts = [float(p) for p in found.group(1).split(",")]
    rgb = [p / 255 for p in parts[:3]]
    alpha = parts[3] if len(parts) > 3 else 1.0
    return tuple(alpha * c + (1 - alpha) * 1.0 for c in rgb)  # over white


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    r, g, b = (_linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str = WHITE) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_matches_wcag():
    assert contrast("#000000") == pytest.approx(21.0)
    assert contrast("#777777") == pytest.approx(4.48, abs=0.01)  # the classic just-failing grey
    assert contrast("#767676") == pytest.approx(4.54, abs=0.01)


# ---- text in the charts --------------------------------------------------------------------------------


def _font_colours(node, path="") -> list[tuple[str, str]]:
    """Every (where, colour) of a font in a figure's layout, its template included."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}.{key}" if path else key
            if key.endswith("font") and isinstance(value, dict) and isinstance(value.get("color"), str):
                found.append((here, value["color"]))
            found += _font_colours(value, here)
    elif isinstance(node, (list, tuple)):
        for number, value in enumerate(node):
            found += _font_colours(value, f"{path}[{number}]")
    return found


@functools.cache  # three tests read every chart: built once
def _all_charts() -> tuple:
    out = []
    for path in (BUNDLED, SMALL):
        index = build_index(catalogue_of(path), frame_of(path))
        for lang in ("en", "vi"):
            found = [page_views.overview_page(index, lang, None)]
            found += [page_views.province_page(index, p, lang) for p in selections.province_ids(index)]
            found += [page_views.ward_page(index, w, lang) for w in selections.ward_ids(index)]
            out += [chart for view in found for chart in view.charts]
    return tuple(out)


def test_every_text_colour_of_every_chart_reaches_4_5_to_1():
    checked = 0
    for chart in _all_charts():
        layout = chart.figure.to_dict()["layout"]
        background = layout.get("paper_bgcolor") or layout["template"]["layout"]["paper_bgcolor"]
        for where, colour in _font_colours(layout):
            assert contrast(colour, background) >= TEXT_MIN, f"{chart.slug}: {where} {colour} on {background}"
            checked += 1
    assert checked > 50  # titles, subtitles, footers, bar labels, ticks, map labels, legends


def test_the_templates_own_text_colours_reach_4_5_to_1():
    for colour in (charts.TEXT_COLOR, charts.MUTED_COLOR, map_chart.OUTLINE_COLOR):
        assert contrast(colour) >= TEXT_MIN, colour
    template = pio.templates[charts.TEMPLATE_NAME].to_plotly_json()["layout"]
    colours = _font_colours(template)
    assert {c for _, c in colours} >= {charts.TEXT_COLOR, charts.MUTED_COLOR}
    assert all(contrast(c) >= TEXT_MIN for _, c in colours), colours


def test_the_reports_text_colours_reach_4_5_to_1():
    colours = re.findall(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})", INDEX_CSS)
    assert len(colours) >= 3
    assert all(contrast(c) >= TEXT_MIN for c in colours), colours


def test_captions_of_the_app_reach_4_5_to_1():
    """Streamlit draws captions in the theme's text colour at 60 % opacity."""
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    text = _rgb(theme["light"]["textColor"])
    faded = "#" + "".join(f"{round(255 * (0.6 * c + 0.4)):02x}" for c in text)
    assert contrast(faded) >= TEXT_MIN, faded
    assert contrast(theme["primaryColor"]) >= TEXT_MIN  # links and the selected language


# ---- colours that mean something -----------------------------------------------------------------------

# Machado, Oliveira and Fernandes (2009), full severity: how the three common deficiencies see linear RGB
SIMULATIONS = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}
MIN_DISTANCE = 10.0  # CIE76 ΔE: two colours at least this far apart are told apart at a glance


def _lab(linear: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = linear
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(colour: str, deficiency: str | None) -> tuple[float, float, float]:
    linear = tuple(_linear(c) for c in _rgb(colour))
    if deficiency:
        matrix = SIMULATIONS[deficiency]
        linear = tuple(min(1.0, max(0.0, sum(m * c for m, c in zip(row, linear, strict=True)))) for row in matrix)
    return _lab(linear)


def _closest(colours) -> tuple[float, str, str, str]:
    return min((math.dist(_seen(a, d), _seen(b, d)), a, b, d or "normal vision")
               for a, b in itertools.combinations(colours, 2) for d in (None, *SIMULATIONS))


def test_the_simulation_tells_red_from_green_apart_only_with_normal_vision():
    red, green = "#d62728", "#2ca02c"  # the classic pair that fails
    assert math.dist(_seen(red, None), _seen(green, None)) > 40
    assert math.dist(_seen(red, "deuteranopia"), _seen(green, "deuteranopia")) < MIN_DISTANCE


@pytest.mark.parametrize("colours", [pytest.param(display.PALETTE, id="palette"),
                                     pytest.param("bundled", id="bundled-themes")])
def test_theme_colours_stand_out_as_graphics_and_stay_apart_under_colour_blindness(colours):
    if colours == "bundled":
        colours = list(display.theme_colors(catalogue_of(BUNDLED)).values())
    assert all(contrast(c) >= GRAPHIC_MIN for c in colours), [(c, round(contrast(c), 2)) for c in colours]
    distance, one, other, seen_by = _closest(colours)
    assert distance >= MIN_DISTANCE, f"{one} and {other} look alike with {seen_by} (ΔE {distance:.1f})"


def test_a_bars_colour_is_never_its_only_label():
    """Where colour means a theme (the overview) or a whole (nested charts), every bar is named in words
    above it, so a reader who cannot tell the colours apart loses nothing."""
    for chart in _all_charts():
        bars = [trace for trace in chart.figure.data if trace.type == "bar" and trace.hovertemplate]
        if not bars:
            continue
        labels = [a for a in chart.figure.layout.annotations if a.name == "bar-label"]
        assert len(labels) == len(bars[0].x), chart.slug
        assert all(a.text.strip() for a in labels), chart.slug


def test_only_bar_labels_take_their_place_from_the_template():
    """The template's annotation defaults are a bar label's place and look (they keep a national comparison's
    JSON short); every other annotation of every chart (footers, map labels, leaders, legends) sets them
    itself, so the defaults never move it."""
    defaults = set(charts.pio.templates[charts.TEMPLATE_NAME].layout.annotationdefaults.to_plotly_json())
    assert {"showarrow", "xanchor", "yanchor", "align", "font"} <= defaults
    others = 0
    for chart in _all_charts():
        for note in chart.figure.to_dict()["layout"].get("annotations", []):
            if note.get("name") != "bar-label":
                others += 1
                assert defaults - {"x", "xref"} <= set(note), (chart.slug, note.get("name"))
    assert others, "footers and map notes are checked"
