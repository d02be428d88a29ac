"""index.html: every page and chart with its caption, escaped, in the report's language."""

from __future__ import annotations

import datetime as dt
import re

import plotly.graph_objects as go
import pytest
from markupsafe import escape
from report_helpers import ROOT, Chart, sample_pages

from components.catalogue.load import BUNDLED_METRICS, load_catalogue
from components.report.index_page import index_html
from components.report.pages import ReportChart, ReportPage, build_page, coverage, report_pages
from components.table.tidy import figures_frame
from components.words import fmt


def test_index_escapes_hostile_text_and_links_only_http_urls():
    hostile = '<script>alert("x")</script>'
    chart = Chart("c", f"Title {hostile}", go.Figure())
    page = ReportPage("ward-w", f"Ward {hostile}", f"under {hostile}", (
        ReportChart(chart, "ward-w/c.png", (f"as of {hostile}",), (
            {"id": "s1", "title": f"Paper {hostile}", "publisher": hostile, "url": "javascript:alert(1)",
             "published": "2025-01-01"},
            {"id": "s2", "title": "Good", "publisher": "", "url": "https://example.org/a?b=1&c=<2>",
             "published": ""})),))
    text = index_html([page])
    assert "<script>" not in text
    # page title in the contents and as heading, subtitle, chart title as alt text and as caption, period,
    # source title, publisher: each shown, escaped
    assert text.count(escape(hostile)) == 8
    assert "javascript:" not in text.replace(escape("javascript:alert(1)"), "")
    assert 'href="javascript' not in text
    assert '<a href="https://example.org/a?b=1&amp;c=&lt;2&gt;"' in text
    assert "publisher not named" in text


def test_index_lays_out_every_page_and_chart_with_caption_period_and_source(tmp_path):
    catalogue = load_catalogue(BUNDLED_METRICS)
    frame = figures_frame(catalogue)
    row = frame.iloc[0]
    chart = Chart("one", "One chart", go.Figure(), (row["figure_id"],))
    page = build_page("overview", "Overview", [chart], "png", frame)
    item = page.charts[0]
    assert item.periods == (row["time_label"],)
    assert [s["id"] for s in item.sources] == [row["source_id"]]
    text = index_html([page, *sample_pages()])
    for path in ["overview/one.png", "province-p0/chart-0.png", "province-p1/chart-1.png"]:
        assert f'<img src="{path}"' in text
    assert escape(row["time_label"]) in text
    assert escape(row["source_title"]) in text
    assert text.index('id="overview"') < text.index('id="province-p0"') < text.index('id="province-p1"')
    assert "@media print" in text and "break-inside: avoid" in text


def _english_words(lang: str) -> list[str]:
    """Words of English report messages that the language's own messages do not contain."""
    from components.words.i18n import messages

    keys = ["report_title", "report_lede", "report_coverage", "report_made", "report_former", "report_pdf",
            "publisher_not_named", "published_on", "period", "periods", "source", "sources"]
    found = []
    for key in keys:
        english, own = messages("en")[key], messages(lang)[key]
        found += [w for w in re.split(r"\{[^{}]*\}|[\s.,;:()]+", english)
                  if len(w) >= 4 and w.lower() not in own.lower()]
    return found


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_index_is_written_in_the_chosen_language(lang):
    from components.words.i18n import t, t_count

    catalogue = load_catalogue(ROOT / "tests" / "data" / "small" / "metrics.yaml")
    frame = figures_frame(catalogue)
    pages = report_pages(catalogue, frame, lang=lang)
    made = dt.datetime(2026, 12, 7, 21, 54, tzinfo=dt.UTC)
    text = index_html(pages, coverage=coverage(catalogue, frame), made=made, pdf="report.pdf", lang=lang)
    assert f'<html lang="{lang}">' in text
    title = t("report_title", lang, app=t("app_title", lang), date=fmt.date(made.date(), lang))
    assert f"<title>{escape(title)}</title>" in text and fmt.date(made.date(), lang) in title
    assert escape(t("report_lede", lang)) in text
    # the introduction says what the report covers in words: the catalogue's figures, sources and provinces
    covered = coverage(catalogue, frame)
    for key, count in (("n_figures", covered.figures), ("n_sources", covered.sources),
                       ("n_provinces", covered.provinces)):
        assert escape(t_count(key, lang, count)) in text
    assert "metrics.yaml" not in text
    assert pages[0].title == t("page_overview", lang)
    if lang != "en":
        # catalogue texts that have no translation say so ('… (tiếng Anh)'), and addresses are not words
        marked = re.escape(t("fallback_marked", lang, text="\x00")).replace("\x00", "[^<>]*")
        body = re.sub(rf"<style>.*?</style>|(?<=>){marked}(?=<)|https?://[^\s<\"]+|<[^>]+>", " ", text, flags=re.S)
        left = [w for w in _english_words(lang) if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", body)]
        assert not left, f"English words in the {lang} report: {left}"
    # every chart's periods and sources are cited in the language: dates as its readers write them
    from components.views import display

    shown = display.display_rows(frame, catalogue, lang).set_index("figure_id")
    for page in pages:
        for item in page.charts:
            periods = {shown.loc[f, "time_text"] for f in item.chart.figure_ids if f in shown.index}
            assert set(item.periods) <= periods, (item.periods, periods)
            for source in item.sources:
                expected = display.published_phrase(catalogue.sources[source["id"]], lang)
                assert source["published"] == expected
                assert escape(expected) in text
