"""Hostile text in a catalogue (tests/data/hostile/) is shown as typed everywhere and never runs or renders:
every page in a real Chromium, chart titles and hovers, the export index, and the validator for URL fields."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from app_tab import as_read, assert_sound, charts, headings, open_view, screenshot, selected_option
from dashboard_helpers import figure_tables

from components.catalogue.load import load_catalogue
from components.report.index_page import index_html
from components.report.pages import report_pages
from components.table.index import build_index
from components.table.tidy import figures_frame
from components.views import display, page_views, place_charts, selections
from components.words.fmt import shortened, visible_controls
from components.words.i18n import LANGUAGES, localized, t

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "data" / "hostile"
CATALOGUE = load_catalogue(HOSTILE / "metrics.yaml")
FRAME = figures_frame(CATALOGUE)
INDEX = build_index(CATALOGUE, FRAME)
PROVINCES = selections.province_ids(INDEX)
WARDS = selections.ward_ids(INDEX)

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
JS_LINK = '<a href="javascript:window.__pwned=1">'
MD_LINK = "[click](javascript:alert(1))"
MD_IMAGE = "![x](http://example.invalid/x.png)"
DIRECTIVES = (":red[x]", ":material/warning:")
BIDI = "\u202e"
PLOTLY_VARIABLE = "%{x}"  # in a hover's template Plotly would put a value there
PAYLOADS = (SCRIPT, IMG, JS_LINK, MD_LINK, MD_IMAGE, *DIRECTIVES, BIDI, PLOTLY_VARIABLE)
GAZETTE = "Gazette " + SCRIPT  # the publisher of the source whose title holds PLOTLY_VARIABLE
PLOTLY_TAGS = {"b", "br", "i", "em", "sup", "sub", "span", "extra"}  # markup the chart builders write

# Nothing the catalogue says may become an element: scripts, images, links that are not the app's own, icons,
# coloured text. Links the app writes itself: heading anchors, its own pages, and the sources' URLs.
INJECTED = """(urls) => {
  const sourceUrls = urls.map(u => decodeURIComponent(new URL(u).href));
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  const found = [];
  for (const s of document.querySelectorAll('script')) if (s.textContent.includes('__pwned')) found.push(s.outerHTML);
  for (const e of document.querySelectorAll('[onerror], [onload], [onclick], [onmouseover]')) found.push(e.outerHTML);
  for (const i of document.querySelectorAll('img, image, iframe, object, embed')) {
    const src = i.getAttribute('src') || i.getAttribute('href') || '';
    if (src === 'x' || src.includes('example.invalid')) found.push(i.outerHTML);
  }
  for (const a of document.querySelectorAll('a')) {
    const href = (a.getAttribute('href') || a.getAttribute('xlink:href') || '').trim();
    if (/^javascript:/i.test(href)) { found.push(a.outerHTML); continue; }
    if (!main.contains(a) || href.startsWith('#')) continue;
    const url = new URL(href, location.href);
    if (url.origin === location.origin) continue;  // the app's own pages
    if (!sourceUrls.includes(decodeURIComponent(url.href))) found.push(a.outerHTML);
  }
  for (const e of main.querySelectorAll('.js-plotly-plot a')) found.push(e.outerHTML);
  const markdown = '[data-testid="stMarkdownContainer"]';
  for (const e of main.querySelectorAll(`${markdown} [role="img"], ${markdown} [style*="color"]`)) {
    found.push(e.outerHTML);
  }
  return found;
}"""

# Hover the first point of every trace through Plotly's own API and read what the hover label shows.
HOVERS = """(plot) => {
  const texts = [];
  plot.data.forEach((trace, number) => {
    const full = plot._fullData[number];
    if (full.hoverinfo === 'skip' || full.hoverinfo === 'none') return;  // e.g. the map's outline
    const subplot = full.geo || ((full.xaxis || 'x') + (full.yaxis || 'y'));
    window.Plotly.Fx.hover(plot, [{curveNumber: number, pointNumber: 0}], subplot);
    const layer = plot.querySelector('.hoverlayer');
    texts.push({text: layer ? layer.textContent : '', links: layer ? layer.querySelectorAll('a').length : 0});
    window.Plotly.Fx.unhover(plot);
  });
  return texts;
}"""


def assert_inert(tab) -> None:
    """No script ran (no dialog, no window.__pwned) and no catalogue text became an element."""
    assert tab.dialogs == [], f"a dialog opened on {tab.url}: {tab.dialogs}"
    assert tab.evaluate("() => typeof window.__pwned") == "undefined", f"a script ran on {tab.url}"
    urls = [source.url for source in CATALOGUE.sources.values() if source.url]
    injected = tab.evaluate(INJECTED, urls)
    assert injected == [], f"catalogue text became markup on {tab.url}: {injected}"


def assert_shows(tab, texts) -> None:
    page_text = as_read(tab.locator('[data-testid="stMain"]').inner_text())
    for text in texts:
        assert as_read(visible_controls(text)) in page_text, f"{text!r} not shown as typed on {tab.url}"


def assert_charts_inert(tab) -> int:
    """Chart specs carry the text escaped (no markup but the builders'), titles and hovers show it as typed; the
    number of hovers that cite the gazette, each with its title's PLOTLY_VARIABLE as typed."""
    citing = 0
    for number, chart in enumerate(charts(tab)):
        tags = {tag.lower() for tag in re.findall(r"<\s*/?\s*([a-zA-Z]+)", chart["spec"])}
        assert tags <= PLOTLY_TAGS, f"chart {chart['title']!r} on {tab.url} carries markup {tags - PLOTLY_TAGS}"
        assert BIDI not in chart["spec"] and BIDI not in chart["text"]
        hovers = tab.locator('[data-testid="stPlotlyChart"] .js-plotly-plot').nth(number).evaluate(HOVERS)
        assert hovers and all(h["text"] for h in hovers), f"chart {chart['title']!r} shows no hover on {tab.url}"
        assert all(h["links"] == 0 for h in hovers)
        typed = (SCRIPT, IMG, JS_LINK, MD_LINK, MD_IMAGE, *DIRECTIVES, visible_controls(BIDI))
        assert any(payload in h["text"] for h in hovers for payload in typed), (
            f"the hovers of {chart['title']!r} on {tab.url} do not show the catalogue's text as typed: {hovers}")
        for hover in (h["text"] for h in hovers if GAZETTE in h["text"]):
            assert PLOTLY_VARIABLE in hover, f"a hover on {tab.url} lost the title's {PLOTLY_VARIABLE}: {hover}"
            citing += 1
    return citing


def _views(lang: str) -> list[tuple[str, list[str], tuple[str, str] | None]]:
    """Every page of the hostile catalogue in `lang`: its URL, the catalogue texts it must show as typed, and
    for a place page (kind, place id)."""
    metrics, sources, places = CATALOGUE.metrics, CATALOGUE.sources, CATALOGUE.places
    suffix = "" if lang == "en" else f"lang={lang}"

    def url(path: str, **params: str) -> str:
        query = "&".join([*(f"{k}={v}" for k, v in params.items()), *([suffix] if suffix else [])])
        return f"/{path}" + (f"?{query}" if query else "")

    def label(metric_id: str) -> str:
        return localized(metrics[metric_id], "label", lang)

    def source_words(source_id: str) -> list[str]:
        source = sources[source_id]
        return [localized(source, "title", lang), *([source.publisher] if source.publisher else [])]

    themes = [localized(CATALOGUE.themes[theme], "label", lang) for theme in FRAME["metric_theme"].unique()]
    out = [(url(""), themes, None)]  # the latest figure per theme names its theme
    for province_id in PROVINCES:
        rows = FRAME[FRAME["province_id"] == province_id]
        related = [*INDEX.predecessors.get(province_id, []), *INDEX.groups_of.get(province_id, [])]
        words = [display.place_name(places[p], lang, short=False) for p in [province_id, *related]]
        words += [label(m) for m in FRAME.loc[FRAME["place_id"] == province_id, "metric_id"]]
        words += [w for s in rows["source_id"].unique() for w in source_words(s)]
        out.append((url("province", province=province_id), words, ("province", province_id)))
    for ward_id in WARDS:
        rows = FRAME[FRAME["place_id"] == ward_id]
        words = [display.place_name(places[p], lang, short=False) for p in [ward_id, *INDEX.ancestors(ward_id)]]
        words += [label(m) for m in rows["metric_id"]]
        words += [w for s in rows["source_id"].unique() for w in source_words(s)]
        out.append((url("ward", ward=ward_id), words, ("ward", ward_id)))
    words = []
    for source in sources.values():
        # a document reads as what it is ('Hindi translation of the article'), not as its file name
        words += [localized(source, "title", lang), source.publisher or "", source.publisher_note or "",
                  source.url or ""]
        if not hasattr(source.published, "isoformat"):
            words.append(source.published.basis)
    out.append((url("sources"), [w for w in words if w], None))
    out.append((url("data-quality"), [], None))
    return out


def _texts(model) -> list[str]:
    return [value for value in model.model_dump().values() if isinstance(value, str)]


def test_the_catalogue_is_valid_and_full_of_hostile_text():
    assert not CATALOGUE.errors, [f.as_text() for f in CATALOGUE.errors]
    names = [p.name for p in CATALOGUE.places.values()] + [m.label for m in CATALOGUE.metrics.values()]
    names += [s.title for s in CATALOGUE.sources.values()] + [th.label for th in CATALOGUE.themes.values()]
    assert all(any(payload in name for payload in PAYLOADS) for name in names), "every name and label is hostile"
    texts = [text for items in (CATALOGUE.places, CATALOGUE.metrics, CATALOGUE.sources, CATALOGUE.themes)
             for item in items.values() for text in _texts(item)]
    texts += [f.note for f in CATALOGUE.figures if f.note]
    for payload in PAYLOADS:
        assert any(payload in text for text in texts), f"no text of the catalogue holds {payload!r}"


def assert_place_reads_as_typed(tab, kind: str, place_id: str, lang: str) -> None:
    """Title, selectbox and chart titles show the place's and metrics' names as typed."""
    name = display.full_place_label(CATALOGUE, place_id, lang)
    assert [as_read(h) for h in headings(tab)] == [as_read(visible_controls(name))]
    option = page_views.place_choices(INDEX, kind, lang)[place_id]
    assert selected_option(tab, t(kind, lang)) == visible_controls(option)
    built = (place_charts.province_charts if kind == "province" else place_charts.ward_charts)(INDEX, place_id, lang)
    # a title wrapped to the phone's width reads line after line, without the spaces at its breaks
    unspaced = lambda text: re.sub(r"\s+", "", text)  # noqa: E731
    assert [unspaced(chart["title"]) for chart in charts(tab)] == [unspaced(visible_controls(c.title)) for c in built]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_page_shows_hostile_text_as_typed_and_runs_none_of_it(open_tab, hostile_app_url, lang):
    tab = open_tab(hostile_app_url)
    citing = 0
    for path, words, place in _views(lang):
        open_view(tab, path)
        assert_sound(tab)
        assert_inert(tab)
        assert_shows(tab, words)
        if place:
            assert_place_reads_as_typed(tab, *place, lang)
        citing += assert_charts_inert(tab)
        assert_inert(tab)  # hovering ran nothing either
        assert BIDI not in tab.locator('[data-testid="stMain"]').inner_text()
        name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "overview"
        screenshot(tab, f"hostile-{name}")
    assert citing, "no hover cited the gazette: its title's Plotly variable went untested"


# each short enough to be quoted whole (a notice quotes an unknown id's first 40 characters)
CRAFTED = [SCRIPT, IMG, MD_LINK, MD_IMAGE, "[x](https://example.invalid/)", "https://example.invalid/",
           "www.example.invalid", "someone@example.invalid", *DIRECTIVES, f"a{BIDI}b"]


@pytest.mark.parametrize("path, param", [("province", "province"), ("ward", "ward"), ("", "metric")])
def test_a_crafted_link_is_quoted_as_typed(open_tab, hostile_app_url, path, param):
    """A stranger's link (?province=<markup>) gives a notice quoting it as typed, nothing else."""
    from urllib.parse import quote

    tab = open_tab(hostile_app_url)
    for crafted in [*CRAFTED, " ".join(CRAFTED)]:
        open_view(tab, f"/{path}?{param}={quote(crafted)}")
        assert_sound(tab)
        assert_inert(tab)
        notice = as_read(tab.locator('[data-testid="stAlert"]').first.inner_text())
        assert as_read(visible_controls(shortened(crafted))) in notice


# ---- without a browser: the export index and the validator ------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_export_index_shows_hostile_text_as_typed():
    pages = report_pages(CATALOGUE, FRAME)
    text = index_html(pages)
    parsed = _Tags()
    parsed.feed(text)
    tags = {tag for tag, _ in parsed.tags}
    assert tags <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "code", "nav",
                    "ol", "li", "a", "span", "main", "section", "figure", "img", "figcaption", "br", "ul",
                    # each chart's words and data (its table in a scroll box), folded under its caption
                    "details", "summary", "div", "table", "caption", "thead", "tbody", "tr", "th", "td"}, tags
    for tag, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "img":
            assert re.fullmatch(r"[a-z0-9_-]+/[a-z0-9_-]+\.png", attrs["src"]), attrs
        if tag == "a":
            href = attrs["href"]
            assert href.startswith(("#", "https://", "http://")) or re.fullmatch(r"[a-z0-9_-]+/[a-z0-9_-]+\.png",
                                                                                 href), href
    shown = "".join(parsed.text)
    assert BIDI not in text, "bidi controls must be made visible in the export index too"
    for page in pages:
        assert visible_controls(page.title) in shown
        for item in page.charts:
            assert visible_controls(item.chart.title) in shown
            assert visible_controls(item.chart.alt) in shown  # the chart in words, as typed
            for tag, attrs in parsed.tags:  # and as the image's alt
                if tag == "img" and attrs["src"] == item.path:
                    assert attrs["alt"] == visible_controls(item.chart.alt)
            for source in item.sources:
                assert visible_controls(source["title"]) in shown
    sources_with_urls = [s.url for s in CATALOGUE.sources.values() if s.url]
    hrefs = [attrs["href"] for tag, attrs in parsed.tags if tag == "a" and attrs["href"].startswith("http")]
    assert set(hrefs) <= set(sources_with_urls) and hrefs


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:window.__pwned=1", "data:text/html,<script>x",
                                 " javascript:alert(1)", "https:///no-host"])
def test_validator_refuses_a_url_that_is_not_http(tmp_path, url):
    folder = tmp_path / "catalogue"
    folder.mkdir()
    (folder / "places.yaml").write_text((HOSTILE / "places.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    text = (HOSTILE / "metrics.yaml").read_text(encoding="utf-8")
    good = 'url: "https://example.invalid/b)](javascript:alert(1))"'
    assert text.count(good) == 1
    line = text[:text.index(good)].count("\n") + 1
    (folder / "metrics.yaml").write_text(text.replace(good, f"url: {json.dumps(url)}"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "components", "validate", "--metrics",
                           str(folder / "metrics.yaml")], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert f"metrics.yaml:{line}:" in done.stdout + done.stderr
    assert "http" in (done.stdout + done.stderr).lower()


def _run_page(page: str, **params: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "components/app/pages/overview.py":
        for key in [k for k in at.query_params if k not in params]:
            del at.query_params[key]
        at.switch_page(page)
        at.run()
    return at


@pytest.mark.parametrize("page, params", [
    ("components/app/pages/province.py", {"province": "red-river"}),
    ("components/app/pages/ward.py", {"ward": "ward-two"}),
    ("components/app/pages/sources.py", {}),
], ids=["province", "ward", "sources"])
def test_tables_and_choices_show_direction_controls_visibly(monkeypatch, page, params):
    """Tables and selectboxes are not Markdown: they show text as typed, but a bidi control in them must still
    be made visible rather than reorder what the reader sees (checked without a browser, in AppTest)."""
    monkeypatch.setenv("METRICS_FILE", str(HOSTILE / "metrics.yaml"))
    at = _run_page(page, **params)
    assert not at.exception, [e.value for e in at.exception]
    cells = [str(v) for table in figure_tables(at) for v in table.to_numpy().ravel()]
    options = [str(o) for box in at.selectbox for o in box.options]
    assert cells, "the page shows a figures table"
    assert not [text for text in cells + options if BIDI in text]
    assert any(visible_controls(BIDI) in text for text in cells + options)
