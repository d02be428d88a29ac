"""The export: chart images with their footer, index.html, stable names, all-or-nothing output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from markupsafe import escape
from report_helpers import ROOT, png_size, require_browser, sample_pages

from components.catalogue.load import load_catalogue
from components.report import export
from components.report.rendering import DEFAULT_HEIGHT, DEFAULT_WIDTH

# ---- output handling (no browser needed) ------------------------------------------------------------


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
        export.write_report(sample_pages(), out, browser=sys.executable)
    assert (out / "index.html").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]  # no staging directory left behind


def test_refuses_to_replace_a_directory_that_is_not_an_export(tmp_path):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.docx").write_text("precious")
    with pytest.raises(export.ExportError, match="not empty"):
        export.write_report(sample_pages(), out, browser=sys.executable)
    assert (out / "thesis.docx").read_text() == "precious"
    file_out = tmp_path / "file"
    file_out.write_text("x")
    with pytest.raises(export.ExportError, match="not a directory"):
        export.write_report(sample_pages(), file_out, browser=sys.executable)


def test_rejects_bad_format_and_scale(tmp_path):
    with pytest.raises(export.ExportError, match="format"):
        export.write_report(sample_pages(), tmp_path / "a", image_format="gif", browser=sys.executable)
    with pytest.raises(export.ExportError, match="scale"):
        export.write_report(sample_pages(), tmp_path / "a", scale=0, browser=sys.executable)


# ---- rendering in a real Chromium ----------------------------------------------------------------------


def test_renders_every_chart_and_a_rerun_replaces_the_export(tmp_path):
    browser = require_browser()
    out = tmp_path / "report"
    done: list[int] = []
    result = export.write_report(sample_pages(), out, scale=1, browser=browser, progress=done.append)
    assert sorted(done) == [0, 1, 2, 3, 4] and result.charts == 4 and result.pages == 2  # 4 charts, the PDF
    for page in range(2):
        for chart in range(2):
            data = (out / f"province-p{page}" / f"chart-{chart}.png").read_bytes()
            assert png_size(data) == (DEFAULT_WIDTH, DEFAULT_HEIGHT)
    assert json.loads((out / export.MARKER).read_text())["files"][0] == "province-p0/chart-0.png"
    (out / "province-p1" / "stale.png").write_bytes(b"old")

    export.write_report(sample_pages(pages=1), out, scale=2, browser=browser)
    assert not (out / "province-p1").exists()  # the rerun replaced the whole directory
    assert png_size((out / "province-p0" / "chart-0.png").read_bytes()) == (2 * DEFAULT_WIDTH,
                                                                             2 * DEFAULT_HEIGHT)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_svg_keeps_the_in_figure_footer(tmp_path):
    browser = require_browser()
    out = tmp_path / "svg"
    export.write_report(sample_pages("svg", pages=1, charts=1), out, image_format="svg", browser=browser)
    svg = (out / "province-p0" / "chart-0.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "Footer p0 c0" in svg


# ---- the whole export on a catalogue ----------------------------------------------------------------------

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
  - {id: f2, place: ward-y, metric: m1, value: 5, as_of: publication, source: s1, part_of: f1,
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
    browser = require_browser()
    catalogue = _hostile_catalogue(tmp_path)
    out = tmp_path / "report"
    result = export.export_catalogue(catalogue, out, scale=1, browser=browser, show_progress=False)
    text = (out / "index.html").read_text(encoding="utf-8")
    assert "<script" not in text.lower() and "<img src=x" not in text
    assert escape("Province <script>alert(6)</script>") in text
    assert '<a href="https://example.org/a?b=1&amp;c=2"' in text
    assert result.charts >= 2 and all((out / name).is_file() for name in result.files)


# ---- the report in either language ------------------------------------------------------------------------


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
    assert '<html lang="vi">' in text and escape(t("app_title", "vi")) in text
    assert escape(t("report_title", "vi", app=t("app_title", "vi"), date="")) in text
    assert escape(t("page_overview", "vi")) in text
    svgs = " ".join(path.read_text(encoding="utf-8") for path in out.rglob("*.svg"))
    assert t("themes_title", "vi") in svgs, "the charts themselves are drawn in Vietnamese"
    assert t("themes_title", "en") not in svgs


def test_cli_rejects_an_unknown_language(tmp_path):
    result = subprocess.run([sys.executable, "-m", "components", "export", "--out", str(tmp_path / "x"),
                             "--lang", "fr"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--lang" in result.stderr
    assert not (tmp_path / "x").exists()




# ---- the whole report: figure sheets, each image once, the PDF --------------------------------------------


def _pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def test_export_writes_each_image_once_sheets_at_chart_width_and_a_pdf_with_every_citation(tmp_path):
    from components.report.pages import report_pages
    from components.table.tidy import figures_frame
    from components.views.charts import IMAGE_WIDTH

    browser = require_browser()
    catalogue = load_catalogue(ROOT / "tests" / "data" / "small" / "metrics.yaml")
    out = tmp_path / "report"
    result = export.export_catalogue(catalogue, out, scale=1, browser=browser, show_progress=False)
    pages = report_pages(catalogue, figures_frame(catalogue))
    assert result.sheets > 0 and result.pdf_seconds > 0

    images = sorted(p for p in out.rglob("*.png"))
    written = json.loads((out / export.MARKER).read_text())["files"]
    assert sorted(str(p.relative_to(out)) for p in images) == sorted(f for f in written if f.endswith(".png"))
    contents = [p.read_bytes() for p in images]
    assert len(set(contents)) == len(contents), "no image is written twice"
    text = (out / "index.html").read_text(encoding="utf-8")
    for page in pages:
        for item in page.parts:
            assert (out / item.file).is_file() and f'src="{escape(item.file)}"' in text
    for item in (item for page in pages for item in page.sheets if not item.src):
        assert png_size((out / item.path).read_bytes())[0] == IMAGE_WIDTH  # as wide as a chart, to paste beside it

    pdf = (out / export.PDF_NAME).read_bytes()
    assert pdf.startswith(b"%PDF-") and export.PDF_NAME in written
    assert escape(export.PDF_NAME) in text  # the index links it
    # as many A4 pages as its images fill (each shown where a page of the dashboard shows it, 703 px of print
    # width for an image 720 px wide), and no more than a page per image and heading (none is cut where it fits)
    shown = [png_size((out / item.file).read_bytes()) for page in pages for item in page.parts]
    filled = sum(height * min(1.0, 703 / width) for width, height in shown) / 1031  # A4 less 12 mm margins
    assert 0.8 * filled <= _pdf_pages(pdf) <= len(shown) + len(pages)
    # every image's source is cited as a link in the PDF; no link leads to a file of the export directory
    links = {m.decode("latin-1") for m in re.findall(rb"/URI \(([^)]*)\)", pdf)}
    cited = {source["url"] for page in pages for item in page.charts for source in item.sources}
    cited |= {item.sheet.url for page in pages for item in page.sheets if item.sheet.url}
    assert cited and {url for url in cited if url.startswith("http")} <= links
    assert not [link for link in links if link.startswith("file:")]
