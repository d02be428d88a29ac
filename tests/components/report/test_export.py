"""The export: chart images with their footer, index.html, stable names, all-or-nothing output."""

from __future__ import annotations

import html
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go
import pytest

from components.catalogue.load import BUNDLED_METRICS, load_catalogue
from components.report import export
from components.table.tidy import figures_frame

ROOT = Path(__file__).resolve().parents[3]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def require_browser() -> str:
    """The browser to render with; locally a skip naming the reason, in CI (CI=true) a failure."""
    reason = export.browser_unavailable_reason()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI needs a Chromium to render charts: {reason}")
        pytest.skip(reason)
    return export.find_browser()


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    figure: go.Figure
    figure_ids: tuple[str, ...] = ()


def _figure(title: str, footer: str) -> go.Figure:
    figure = go.Figure(go.Bar(x=["a", "b"], y=[3, 5]))
    figure.update_layout(title=title, margin={"b": 90})
    figure.add_annotation(text=footer, xref="paper", yref="paper", x=0, y=-0.25, showarrow=False)
    return figure


def _pages(fmt: str = "png", pages: int = 2, charts: int = 2) -> list[export.ReportPage]:
    return [export.build_page(f"province-p{p}", f"Page {p}",
                              [Chart(f"chart-{c}", f"Chart {c}", _figure(f"Chart {c}", f"Footer p{p} c{c}"))
                               for c in range(charts)], fmt)
            for p in range(pages)]


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


# ---- names, index and output handling (no browser needed) -----------------------------------------------


def test_file_names_are_stable_readable_and_unique_within_a_page():
    charts = [Chart("Cases by year", "x", go.Figure()), Chart("cases-by-year", "y", go.Figure()),
              Chart("../../etc/passwd", "z", go.Figure()), Chart("", "w", go.Figure())]
    page = export.build_page("province-quang_ninh", "P", charts, "png")
    paths = [item.path for item in page.charts]
    assert paths == ["province-quang_ninh/cases-by-year.png", "province-quang_ninh/cases-by-year-2.png",
                     "province-quang_ninh/etc-passwd.png", "province-quang_ninh/chart.png"]
    again = export.build_page("province-quang_ninh", "P", charts, "png")
    assert paths == [item.path for item in again.charts]
    assert all(re.fullmatch(r"[a-z0-9_-]+/[a-z0-9_-]+\.png", path) for path in paths)


def test_index_escapes_hostile_text_and_links_only_http_urls():
    hostile = '<script>alert("x")</script>'
    chart = Chart("c", f"Title {hostile}", go.Figure())
    page = export.ReportPage("ward-w", f"Ward {hostile}", f"under {hostile}", (
        export.ReportChart(chart, "ward-w/c.png", (f"as of {hostile}",), (
            {"id": "s1", "title": f"Paper {hostile}", "publisher": hostile, "url": "javascript:alert(1)",
             "published": "2025-01-01"},
            {"id": "s2", "title": "Good", "publisher": "", "url": "https://example.org/a?b=1&c=<2>",
             "published": ""})),))
    text = export.index_html([page], source_name=f"cat{hostile}.yaml")
    assert "<script>" not in text
    # catalogue name, page title in the contents and as heading, subtitle, chart title as alt text and as
    # caption, period, source title, publisher: each shown, escaped
    assert text.count(html.escape(hostile)) == 9
    assert "javascript:" not in text.replace(html.escape("javascript:alert(1)"), "")
    assert 'href="javascript' not in text
    assert '<a href="https://example.org/a?b=1&amp;c=&lt;2&gt;"' in text
    assert "publisher not named" in text


def test_index_lays_out_every_page_and_chart_with_caption_period_and_source(tmp_path):
    catalogue = load_catalogue(BUNDLED_METRICS)
    frame = figures_frame(catalogue)
    row = frame.iloc[0]
    chart = Chart("one", "One chart", go.Figure(), (row["figure_id"],))
    page = export.build_page("overview", "Overview", [chart], "png", frame)
    item = page.charts[0]
    assert item.periods == (row["time_label"],)
    assert [s["id"] for s in item.sources] == [row["source_id"]]
    text = export.index_html([page, *_pages()])
    for path in ["overview/one.png", "province-p0/chart-0.png", "province-p1/chart-1.png"]:
        assert f'<img src="{path}"' in text
    assert html.escape(row["time_label"]) in text
    assert html.escape(row["source_title"]) in text
    assert text.index('id="overview"') < text.index('id="province-p0"') < text.index('id="province-p1"')
    assert "@media print" in text and "break-inside: avoid" in text


def test_missing_browser_is_one_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chrome"))
    with pytest.raises(export.BrowserMissing) as caught:
        export.find_browser()
    message = str(caught.value)
    assert "\n" not in message and "BROWSER_PATH" in message and "apt-get install chromium" in message
    assert export.browser_unavailable_reason() == message
    vietnamese = export.browser_unavailable_reason("vi")
    assert vietnamese != message and "BROWSER_PATH" in vietnamese and "apt-get install chromium" in vietnamese
    out = tmp_path / "report"
    with pytest.raises(export.BrowserMissing):
        export.write_report(_pages(), out)
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_cli_without_browser_says_how_to_install_and_writes_nothing(tmp_path):
    out = tmp_path / "report"
    env = {**os.environ, "BROWSER_PATH": str(tmp_path / "no-such-chrome")}
    done = subprocess.run([sys.executable, "-m", "components", "export", "--out", str(out)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 3
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "apt-get install chromium" in lines[0] and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_failed_render_leaves_the_previous_export_intact(monkeypatch, tmp_path):
    out = tmp_path / "report"
    out.mkdir()
    (out / export.MARKER).write_text("{}")
    (out / "index.html").write_text("previous")

    def broken(*_args, **_kwargs):
        raise KeyboardInterrupt  # like Ctrl+C in the middle of drawing

    monkeypatch.setattr(export, "render_images", broken)
    with pytest.raises(KeyboardInterrupt):
        export.write_report(_pages(), out, browser=sys.executable)
    assert (out / "index.html").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]  # no staging directory left behind


def test_refuses_to_replace_a_directory_that_is_not_an_export(tmp_path):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.docx").write_text("precious")
    with pytest.raises(export.ExportError, match="not empty"):
        export.write_report(_pages(), out, browser=sys.executable)
    assert (out / "thesis.docx").read_text() == "precious"
    file_out = tmp_path / "file"
    file_out.write_text("x")
    with pytest.raises(export.ExportError, match="not a directory"):
        export.write_report(_pages(), file_out, browser=sys.executable)


def test_rejects_bad_format_and_scale(tmp_path):
    with pytest.raises(export.ExportError, match="format"):
        export.write_report(_pages(), tmp_path / "a", image_format="gif", browser=sys.executable)
    with pytest.raises(export.ExportError, match="scale"):
        export.write_report(_pages(), tmp_path / "a", scale=0, browser=sys.executable)


def test_progress_bar_counts_done_and_left():
    stream = io.StringIO()
    bar = export.ProgressBar(4, stream)
    for _ in range(4):
        bar.advance()
    lines = stream.getvalue().splitlines()
    assert lines[0].endswith("1/4 charts, 3 left") and lines[-1].endswith("4/4 charts, 0 left")


# ---- rendering in a real Chromium ----------------------------------------------------------------------


def test_renders_every_chart_and_a_rerun_replaces_the_export(tmp_path):
    browser = require_browser()
    out = tmp_path / "report"
    done: list[int] = []
    result = export.write_report(_pages(), out, scale=1, browser=browser, progress=done.append)
    assert sorted(done) == [0, 1, 2, 3] and result.charts == 4 and result.pages == 2
    for page in range(2):
        for chart in range(2):
            data = (out / f"province-p{page}" / f"chart-{chart}.png").read_bytes()
            assert _png_size(data) == (export.DEFAULT_WIDTH, export.DEFAULT_HEIGHT)
    assert json.loads((out / export.MARKER).read_text())["files"][0] == "province-p0/chart-0.png"
    (out / "province-p1" / "stale.png").write_bytes(b"old")

    export.write_report(_pages(pages=1), out, scale=2, browser=browser)
    assert not (out / "province-p1").exists()  # the rerun replaced the whole directory
    assert _png_size((out / "province-p0" / "chart-0.png").read_bytes()) == (2 * export.DEFAULT_WIDTH,
                                                                             2 * export.DEFAULT_HEIGHT)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_svg_keeps_the_in_figure_footer(tmp_path):
    browser = require_browser()
    out = tmp_path / "svg"
    export.write_report(_pages("svg", pages=1, charts=1), out, image_format="svg", browser=browser)
    svg = (out / "province-p0" / "chart-0.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "Footer p0 c0" in svg


def test_charts_zip_holds_one_png_per_chart():
    browser = require_browser()
    charts = [Chart("a", "A", _figure("A", "f")), Chart("b", "B", _figure("B", "f"))]
    data = export.charts_zip(charts, "ward-x", scale=1, browser=browser)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["ward-x/a.png", "ward-x/b.png"]
        assert all(archive.read(name)[:8] == PNG_MAGIC for name in archive.namelist())


# ---- the whole export on a catalogue (needs components.views.views) -------------------------------------------

HOSTILE = '<script>alert("x")</script>'
HOSTILE_CATALOGUE = """\
version: 1
places: places.yaml
themes:
  - {id: t1, label: "Theme <b>one</b>"}
metrics:
  - {id: m1, label: "Gauges <script>alert(1)</script>", unit: gauges, short_unit: gauges, kind: count,
     theme: t1, description: "Things <img src=x onerror=alert(2)> counted."}
sources:
  - id: s1
    publisher: "Paper <script>alert(3)</script>"
    title: "Title <script>alert(4)</script>"
    url: "https://example.org/a?b=1&c=2"
    published: 2025-03-01
    accessed: 2025-04-01
    documents: [{file: a.txt, language: en}]
figures:
  - {id: f1, place: prov-x, metric: m1, value: 12, as_of: publication, source: s1}
  - {id: f2, place: ward-y, metric: m1, value: 5, as_of: publication, source: s1,
     note: "Note <script>alert(5)</script>"}
"""
HOSTILE_PLACES = """\
places:
  - {id: prov-x, name: "Province <script>alert(6)</script>", short_name: "X <i>", slug: prov-x,
     level: province, lat: 21.0, lon: 105.0}
  - {id: ward-y, name: "Ward <script>alert(7)</script>", short_name: "Y", slug: ward-y, level: ward,
     parent: prov-x, lat: 21.1, lon: 105.1}
"""


def _hostile_catalogue(tmp_path):
    folder = tmp_path / "catalogue"
    folder.mkdir()
    (folder / "metrics.yaml").write_text(HOSTILE_CATALOGUE, encoding="utf-8")
    (folder / "places.yaml").write_text(HOSTILE_PLACES, encoding="utf-8")
    catalogue = load_catalogue(folder / "metrics.yaml")
    assert not catalogue.errors, [f.as_text() for f in catalogue.errors]
    return catalogue


def test_hostile_labels_are_escaped_in_the_report(tmp_path):
    pytest.importorskip("components.views.views", reason="components/views/views.py is not in the tree yet")
    browser = require_browser()
    catalogue = _hostile_catalogue(tmp_path)
    out = tmp_path / "report"
    result = export.export_catalogue(catalogue, out, scale=1, browser=browser, show_progress=False)
    text = (out / "index.html").read_text(encoding="utf-8")
    assert "<script" not in text.lower() and "<img src=x" not in text
    assert html.escape("Province <script>alert(6)</script>") in text
    assert '<a href="https://example.org/a?b=1&amp;c=2"' in text
    assert result.charts >= 2 and all((out / name).is_file() for name in result.files)


def test_renders_where_an_event_loop_is_already_running():
    """A notebook or Playwright's sync API keeps an event loop running in the caller's thread; the export must
    still draw instead of failing with 'asyncio.run() cannot be called from a running event loop'."""
    import asyncio

    browser = require_browser()
    figure = _figure("Chart", "Footer")

    async def inside_a_loop() -> list[bytes]:
        return export.render_images([(figure, export.image_options(figure, "png", 1))], browser=browser)

    images = asyncio.run(inside_a_loop())
    assert len(images) == 1 and images[0][:8] == PNG_MAGIC


# ---- the report in either language ------------------------------------------------------------------------


def _english_words(lang: str) -> list[str]:
    """Words of English report messages that the language's own messages do not contain."""
    from components.words.i18n import messages

    keys = ["report_title", "report_lede", "report_catalogue", "report_drawn", "report_former",
            "publisher_not_named", "published_on", "period", "periods", "source", "sources"]
    found = []
    for key in keys:
        english, own = messages("en")[key], messages(lang)[key]
        found += [w for w in re.split(r"\{[^{}]*\}|[\s.,;:()]+", english)
                  if len(w) >= 4 and w.lower() not in own.lower()]
    return found


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_index_is_written_in_the_chosen_language(lang):
    from components.words.i18n import t

    catalogue = load_catalogue(ROOT / "tests" / "data" / "small" / "metrics.yaml")
    frame = figures_frame(catalogue)
    pages = export.report_pages(catalogue, frame, lang=lang)
    text = export.index_html(pages, source_name="metrics.yaml", generated="now", lang=lang)
    assert f'<html lang="{lang}">' in text
    assert f"<title>{html.escape(t('report_title', lang))}</title>" in text
    assert html.escape(t("report_lede", lang)) in text
    assert pages[0].title == t("page_overview", lang)
    if lang != "en":
        body = re.sub(r"<style>.*?</style>|<[^>]+>", " ", text, flags=re.S)
        left = [w for w in _english_words(lang) if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", body)]
        assert not left, f"English words in the {lang} report: {left}"
    # every chart's periods and sources are cited in the language: dates as its readers write them
    from components.views import views

    shown = views.display_rows(frame, catalogue, lang).set_index("figure_id")
    for page in pages:
        for item in page.charts:
            periods = {shown.loc[f, "time_text"] for f in item.chart.figure_ids if f in shown.index}
            assert set(item.periods) <= periods, (item.periods, periods)
            for source in item.sources:
                expected = views.published_phrase(catalogue.sources[source["id"]], lang)
                assert source["published"] == expected
                assert html.escape(expected) in text


def test_former_units_and_page_titles_follow_the_language():
    from components.words.i18n import t

    catalogue = load_catalogue(ROOT / "tests" / "data" / "small" / "metrics.yaml")
    frame = figures_frame(catalogue)
    former = [p for p in catalogue.places.values() if p.status == "former" and p.parent]
    assert former, "the small catalogue has former units"
    for lang in ("en", "vi"):
        pages = {page.slug: page for page in export.report_pages(catalogue, frame, lang=lang)}
        shown = [pages[f"ward-{p.id}"] for p in former if f"ward-{p.id}" in pages]
        assert shown
        for page in shown:
            parent = catalogue.places[catalogue.places[page.slug.removeprefix("ward-")].parent]
            assert page.subtitle == t("report_former_in", lang, parent=parent.name)
            place = catalogue.places[page.slug.removeprefix("ward-")]
            assert page.title == t("former_place", lang, name=place.name), "the old and the new unit told apart"


def test_cli_export_in_vietnamese(tmp_path):
    """`python -m components export --lang vi`: index.html in Vietnamese, charts drawn in Vietnamese."""
    require_browser()
    from components.words.i18n import t

    catalogue = _hostile_catalogue(tmp_path)
    out = tmp_path / "report-vi"
    result = subprocess.run([sys.executable, "-m", "components", "export", "--out", str(out), "--lang", "vi",
                             "--metrics", str(catalogue.path), "--scale", "1", "--format", "svg"], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stderr
    text = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in text and html.escape(t("report_title", "vi")) in text
    assert html.escape(t("page_overview", "vi")) in text
    svgs = " ".join(path.read_text(encoding="utf-8") for path in out.rglob("*.svg"))
    assert t("themes_title", "vi") in svgs, "the charts themselves are drawn in Vietnamese"
    assert t("themes_title", "en") not in svgs


def test_cli_rejects_an_unknown_language(tmp_path):
    result = subprocess.run([sys.executable, "-m", "components", "export", "--out", str(tmp_path / "x"),
                             "--lang", "fr"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--lang" in result.stderr
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_each_chart_of_the_report_cites_the_notes_of_its_figures_in_the_reports_language(lang):
    catalogue = load_catalogue(BUNDLED_METRICS)
    cited = export.localized_frame(catalogue, figures_frame(catalogue), lang)
    figure = next(f for f in catalogue.figures if f.id == "cam-thinh-camera-cost")
    chart = Chart("cost", "Cost", go.Figure(), (figure.id, "cam-thinh-cameras", "cam-thinh-camera-coverage"))
    item = export.build_page("ward-cam-thinh", "Cẩm Thịnh", [chart], "png", cited).charts[0]
    expected = figure.note if lang == "en" else figure.note_vi
    assert item.notes[0] == expected and len(item.notes) == 2, "two of the three figures have a note"
    text = export.index_html([export.ReportPage("ward-cam-thinh", "Cẩm Thịnh", "", (item,))], lang=lang)
    assert f"<li>{html.escape(expected)}</li>" in text
