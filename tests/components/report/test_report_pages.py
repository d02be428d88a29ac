"""The report's pages: stable file names, titles in the report's language, the notes cited."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import pytest
from markupsafe import escape
from report_helpers import ROOT, Chart

from components.catalogue.load import BUNDLED_METRICS, load_catalogue
from components.report.index_page import index_html
from components.report.pages import ReportPage, build_page, localized_frame, report_pages
from components.table.tidy import figures_frame


def test_file_names_are_stable_readable_and_unique_within_a_page():
    charts = [Chart("Cases by year", "x", go.Figure()), Chart("cases-by-year", "y", go.Figure()),
              Chart("../../etc/passwd", "z", go.Figure()), Chart("", "w", go.Figure())]
    page = build_page("province-quang_ninh", "P", charts, "png")
    paths = [item.path for item in page.charts]
    assert paths == ["province-quang_ninh/cases-by-year.png", "province-quang_ninh/cases-by-year-2.png",
                     "province-quang_ninh/etc-passwd.png", "province-quang_ninh/chart.png"]
    again = build_page("province-quang_ninh", "P", charts, "png")
    assert paths == [item.path for item in again.charts]
    assert all(re.fullmatch(r"[a-z0-9_-]+/[a-z0-9_-]+\.png", path) for path in paths)


def test_former_units_and_page_titles_follow_the_language():
    from components.words.i18n import t

    catalogue = load_catalogue(ROOT / "tests" / "data" / "small" / "metrics.yaml")
    frame = figures_frame(catalogue)
    former = [p for p in catalogue.places.values() if p.status == "former" and p.parent]
    assert former, "the small catalogue has former units"
    for lang in ("en", "vi"):
        pages = {page.slug: page for page in report_pages(catalogue, frame, lang=lang)}
        shown = [pages[f"ward-{p.id}"] for p in former if f"ward-{p.id}" in pages]
        assert shown
        for page in shown:
            parent = catalogue.places[catalogue.places[page.slug.removeprefix("ward-")].parent]
            assert page.subtitle == t("report_former_in", lang, parent=parent.name)
            place = catalogue.places[page.slug.removeprefix("ward-")]
            assert page.title == t("former_place", lang, name=place.name), "the old and the new unit told apart"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_each_chart_of_the_report_cites_the_notes_of_its_figures_in_the_reports_language(lang):
    catalogue = load_catalogue(BUNDLED_METRICS)
    cited = localized_frame(catalogue, figures_frame(catalogue), lang)
    figure = next(f for f in catalogue.figures if f.id == "cam-thinh-camera-cost")
    chart = Chart("cost", "Cost", go.Figure(), (figure.id, "cam-thinh-cameras", "cam-thinh-camera-coverage"))
    item = build_page("ward-cam-thinh", "Cẩm Thịnh", [chart], "png", cited).charts[0]
    expected = figure.note if lang == "en" else figure.note_vi
    assert item.notes[0] == expected and len(item.notes) == 2, "two of the three figures have a note"
    text = index_html([ReportPage("ward-cam-thinh", "Cẩm Thịnh", "", (item,))], lang=lang)
    assert f"<li>{escape(expected)}</li>" in text
