"""The charts' text is wrapped to the width the reader's charts are drawn at: a phone's, or the exported image's."""

from __future__ import annotations

import re

import pytest
from dashboard_helpers import OVERVIEW, PROVINCE, WARD, charts, no_problem, run_page, ward_with_a_chart

from components.app import screen
from components.views import charts as chart_builders

IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          "Version/18.0 Mobile/15E148 Safari/604.1")
ANDROID = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 "
           "Mobile Safari/537.36")
DESKTOP = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 "
           "Safari/537.36")


@pytest.mark.parametrize("agent", [IPHONE, ANDROID])
def test_a_phone_is_first_given_the_phones_width(agent):
    assert screen.first_guess(agent) == chart_builders.NARROWEST_PX


@pytest.mark.parametrize("agent", [DESKTOP, ""])
def test_any_other_browser_is_first_given_the_images_width(agent):
    assert screen.first_guess(agent) == chart_builders.IMAGE_WIDTH


def _lines(text: str) -> list[str]:
    plain = re.sub(r"</?[bi]>", "", text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return [line for line in plain.split("<br>") if line]


def _framing(chart) -> list[tuple[str, float, bool]]:
    """Every line of a chart's title, subtitle and footer, with its font size and boldness."""
    layout = chart.layout
    found = [(line, chart_builders.TITLE_SIZE, True) for line in _lines(layout["title"]["text"])]
    found += [(line, chart_builders.SUBTITLE_SIZE, False)
              for line in _lines(layout["title"].get("subtitle", {}).get("text", ""))]
    found += [(line, chart_builders.FOOTER_SIZE, False) for a in layout.get("annotations", [])
              if a.get("name") == "source-footer" for line in _lines(a["text"])]
    return found


@pytest.mark.parametrize("width", chart_builders.TEXT_WIDTHS)
@pytest.mark.parametrize(("page", "params"), [(OVERVIEW, {}), (PROVINCE, {}), (WARD, {"ward": ward_with_a_chart()})])
def test_chart_text_is_wrapped_to_the_width_the_probe_reported(page, params, width):
    at = run_page(page, session={screen.KEY: {"width": width}}, **params)
    no_problem(at)
    drawn = charts(at)
    assert drawn, f"{page} shows no chart"
    room = width - 2 * chart_builders.MARGIN_PX
    widths = [chart_builders.text_px(line, size, bold) for chart in drawn for line, size, bold in _framing(chart)]
    assert max(widths) <= room
    # on a desktop the words use the chart's width: some line is longer than a phone has room for
    if width == chart_builders.IMAGE_WIDTH:
        assert max(widths) > chart_builders.NARROWEST_PX - 2 * chart_builders.MARGIN_PX


def test_a_width_the_dashboard_does_not_draw_is_ignored():
    at = run_page(PROVINCE, session={screen.KEY: {"width": 5000}})
    no_problem(at)
    room = chart_builders.IMAGE_WIDTH - 2 * chart_builders.MARGIN_PX
    assert max(chart_builders.text_px(line, size, bold) for chart in charts(at)
               for line, size, bold in _framing(chart)) <= room
