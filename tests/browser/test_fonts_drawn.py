"""Chart text fits its image in every font that may draw it (issue 34). Two Chromiums draw every chart the
report holds, in both languages, at a phone's and at an image's text width: one with the fonts the export
gives it (the bundled Noto Sans), and one on a machine without Noto, which draws with DejaVu Sans as a reader's
camera button does there. Every text lies inside its image in both."""

from __future__ import annotations

import functools
import io
import json

import pandas as pd
import plotly
import plotly.graph_objects as go
import pytest
from app_tab import open_view
from dashboard_helpers import fixed_sample
from PIL import Image
from report_helpers import machine_without_noto

from components.catalogue.load import BUNDLED_METRICS, load_catalogue
from components.report import rendering
from components.table.index import build_index
from components.table.tidy import figures_frame
from components.views import charts, fonts, page_views, selections
from components.words.i18n import LANGUAGES

PLOTLY_JS = f"{plotly.__path__[0]}/package_data/plotly.min.js"
# which face of components.views.fonts.FACES each browser draws with: the bundled Noto, or DejaVu without it
SETUPS = {"with-the-bundled-fonts": 0, "without-noto": 1}
TOLERANCE_PX = 1
LONG = ("Households and units given the hotline key ring in Trì Quang, Thượng Đức and Đồng Văn: "
        "WWW.MOMO.VN/MƯỜNG-KHƯƠNG " * 3)
PROBES = ("Hạ Long mmmm WWWW", "Quảng Ninh, Đồng Nai: 1,707 cameras", "Tự quản an ninh trật tự · Periods: 2024")

# Every text of every chart on the page, with its box and the box of its chart's SVG.
_MEASURE = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
  const svg = plot.querySelector('.main-svg').getBoundingClientRect();
  const texts = [...plot.querySelectorAll('.main-svg text')]
    .filter(t => t.textContent.trim() && !t.closest('.hoverlayer'))
    .map(t => { const b = t.getBoundingClientRect();
                return {text: t.textContent.slice(0, 80), left: b.left, right: b.right, top: b.top,
                        bottom: b.bottom, width: b.width, height: b.height}; })
    .filter(t => t.width > 0 || t.height > 0);  // a tick label plotly.js hid for want of room
  return {title: plot.dataset.title, svg: {left: svg.left, right: svg.right, top: svg.top, bottom: svg.bottom},
          texts};
})"""

# The drawn width of each probe at 100 px in the charts' font family, regular then bold.
_PROBE = """([family, probes]) => {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.appendChild(svg);
  const widths = probes.map(probe => [400, 700].map(weight => {
    const text = document.createElementNS('http://www.w3.org/2000/svg', 'text');
    text.setAttribute('style', `font-family: ${family}; font-size: 100px; font-weight: ${weight}`);
    text.textContent = probe;
    svg.appendChild(text);
    return text.getComputedTextLength();
  }));
  svg.remove();
  return widths;
}"""


@functools.cache
def _index():
    catalogue = load_catalogue(BUNDLED_METRICS)
    return build_index(catalogue, figures_frame(catalogue))


@functools.cache
def _figures(lang: str, width: int) -> list[tuple[str, go.Figure]]:
    """The charts of the report's pages (the overview, a fixed sample of provinces and wards) with their text
    wrapped to `width`, and a chart of long words that fill every line."""
    index = _index()
    views = [page_views.overview_page(index, lang, None, width=width)]
    views += [page_views.province_page(index, p, lang, width) for p in fixed_sample(selections.province_ids(index))]
    views += [page_views.ward_page(index, w, lang, width) for w in fixed_sample(selections.ward_ids(index))]
    found = [(f"{view.slug}/{chart.slug}", chart.figure) for view in views for chart in view.charts]
    rows = [{"bar_label": LONG[:60 * n], "value": n, "value_text": str(n), "time_text": "2024",
             "source_text": LONG, "color": "#1f6fb2", "figure_id": str(n)} for n in (1, 2, 3)]
    long = charts.bars(pd.DataFrame(rows), charts.ChartText(title=LONG, subtitle=LONG, credit=LONG, width=width))
    return [*found, ("long words", long)]


def _draw(tab, figures: list[tuple[str, go.Figure]], width: int) -> list[dict]:
    """Each figure drawn by plotly.js at `width` (the narrowest chart its text is wrapped for), as measured."""
    tab.set_content("<!DOCTYPE html><html><body style='margin:0'></body></html>")
    tab.add_script_tag(path=PLOTLY_JS)
    specs = [{"title": title, "data": json.loads(figure.to_json())["data"],
              "layout": {**json.loads(figure.to_json())["layout"], "width": width}} for title, figure in figures]
    tab.evaluate("""async specs => { for (const spec of specs) {
        const div = document.createElement('div');
        div.dataset.title = spec.title;
        document.body.appendChild(div);
        await Plotly.newPlot(div, spec.data, spec.layout, {staticPlot: true});
    } }""", specs)
    return tab.evaluate(_MEASURE)


def _sides(box: dict) -> list[int]:
    return [round(box[side]) for side in ("left", "top", "right", "bottom")]


_TABS: dict[str, object] = {}


@pytest.fixture
def tab_of(launch_chromium, tmp_path_factory):
    """tab_of(setup): a tab of the Chromium for that font setup (SETUPS), started once per run."""
    def tab(setup: str):
        if setup not in _TABS or _TABS[setup].is_closed():
            without = machine_without_noto(tmp_path_factory.mktemp("without-noto"))
            conf = without if setup == "without-noto" else rendering.fontconfig_file(str(without))
            _TABS[setup] = launch_chromium({"FONTCONFIG_FILE": str(conf), "HOME": str(without.parent)}).new_page()
        return _TABS[setup]

    return tab


@pytest.mark.parametrize("setup", SETUPS)
def test_the_font_measured_is_the_font_drawn(tab_of, setup):
    """The widths the wrapping sums (components.views.fonts) are those of the face this browser draws with, and
    never narrower: without Noto the browser really draws with DejaVu, so the next test checks the wider font."""
    tab = tab_of(setup)
    tab.set_content("<!DOCTYPE html><html><body></body></html>")
    drawn = tab.evaluate(_PROBE, [charts.FONT, list(PROBES)])
    face = SETUPS[setup]
    for probe, (regular, bold) in zip(PROBES, drawn, strict=True):
        for width, is_bold in ((regular, False), (bold, True)):
            measured = fonts.widths(probe, is_bold)[face] / fonts.UNITS * 100
            assert measured * 0.985 <= width <= measured + 0.5, (setup, probe, is_bold, width, measured)


@pytest.mark.parametrize("width", charts.TEXT_WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("setup", SETUPS)
def test_every_chart_text_lies_inside_its_image(tab_of, setup, lang, width):
    drawn = _draw(tab_of(setup), _figures(lang, width), width)
    assert len(drawn) > 3
    outside = [f"{chart['title']}: {text['text']!r} at {_sides(text)} outside {_sides(chart['svg'])}"
               for chart in drawn for text in chart["texts"]
               if text["left"] < chart["svg"]["left"] - TOLERANCE_PX
               or text["right"] > chart["svg"]["right"] + TOLERANCE_PX
               or text["top"] < chart["svg"]["top"] - TOLERANCE_PX
               or text["bottom"] > chart["svg"]["bottom"] + TOLERANCE_PX]
    assert not outside, f"{setup}, {lang}, {width} px:\n" + "\n".join(outside)


def test_the_export_draws_with_the_bundled_font_on_a_machine_without_noto(monkeypatch, tmp_path):
    """kaleido's Chromium is given the bundled fonts: on a machine without Noto an exported image is drawn in
    Noto Sans, as the app draws it, not in the wider fallback."""
    monkeypatch.setenv("FONTCONFIG_FILE", str(machine_without_noto(tmp_path)))
    size, probe = 30, PROBES[0]
    figure = go.Figure(layout={"template": charts.TEMPLATE_NAME, "width": 600, "height": 80,
                               "margin": {"t": 60, "b": 0, "l": 0, "r": 0},
                               "xaxis": {"visible": False}, "yaxis": {"visible": False},
                               "title": {"text": probe, "x": 0, "xanchor": "left", "xref": "paper",
                                         "font": {"size": size, "color": "#000000"}}})
    image = Image.open(io.BytesIO(rendering.render_images([(figure, rendering.image_options(figure, "png", 1))])[0]))
    ink = Image.eval(image.convert("L"), lambda v: 255 if v < 128 else 0).getbbox()
    noto, dejavu = (w / fonts.UNITS * size for w in fonts.widths(probe))
    assert ink and abs((ink[2] - ink[0]) - noto) < abs((ink[2] - ink[0]) - dejavu), (ink, noto, dejavu)


# The bundled faces the page has, with their state, once the page's fonts have loaded.
_WEB_FONTS = """async () => {
  await document.fonts.ready;
  return [...document.fonts].filter(face => face.family.replace(/["']/g, '') === 'Noto Sans')
    .map(face => `${face.weight} ${face.status}`).sort();
}"""


def test_the_app_draws_its_charts_in_the_font_it_serves(tab_of, app_url):
    """On a machine without Noto, the app's charts are still drawn in Noto Sans: the app serves it
    (.streamlit/config.toml), and the charts' titles (bold) and other text (regular) load both faces."""
    tab = tab_of("without-noto").context.browser.new_page(base_url=app_url)
    try:
        open_view(tab, "/")
        tab.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for()
        assert tab.evaluate(_WEB_FONTS) == ["400 loaded", "700 loaded"]
    finally:
        tab.close()
