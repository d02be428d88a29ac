"""Every chart has a text alternative made from the same rows as the chart, in the reader's language: what is
compared, each value with its unit, the period and the sources (the chart in words), and the chart's data as a
table; the export's index.html and the page zip carry both (issue 16)."""

from __future__ import annotations

import html
import io
import os
import re
import zipfile
from functools import cache

import pandas as pd
import pytest
from dashboard_helpers import BUNDLED, SMALL, catalogue_of, frame_of
from markupsafe import escape

from components.report.chart_words import words_html, words_text
from components.report.index_page import index_html
from components.report.page_zip import charts_zip
from components.report.pages import report_pages, safe_name
from components.report.rendering import browser_unavailable_reason
from components.table.index import build_index
from components.views import named_chart, page_views, selections
from components.words.i18n import LANGUAGES, localized, t

CATALOGUES = {"bundled": BUNDLED, "small": SMALL}


@cache
def _index(name: str):
    return build_index(catalogue_of(CATALOGUES[name]), frame_of(CATALOGUES[name]))


@cache  # every test here reads the same views: built once per catalogue and language
def _views(name: str, lang: str) -> tuple[page_views.PageView, ...]:
    index = _index(name)
    found = [page_views.overview_page(index, lang, None)]
    found += [page_views.province_page(index, p, lang) for p in selections.province_ids(index)]
    found += [page_views.ward_page(index, w, lang) for w in selections.ward_ids(index)]
    found += [page_views.measure_page(index, m, lang) for m in page_views.compared_metric_ids(index)[:6]]
    return tuple(found)


def _charts(name: str, lang: str) -> list[tuple[str, named_chart.NamedChart]]:
    return [(view.slug, chart) for view in _views(name, lang) for chart in view.charts]


CASES = [pytest.param(name, lang, id=f"{name}-{lang}") for name in CATALOGUES for lang in LANGUAGES]


def _plain(markup: str) -> str:
    """A Plotly text as read: line breaks as spaces, tags dropped, entities decoded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup.replace("<br>", " "))).split())


def _drawn_labels(chart: named_chart.NamedChart) -> list[str]:
    """The texts above the bars (or lines), top to bottom, as drawn."""
    return [_plain(a.text) for a in chart.figure.layout.annotations if a.name == "bar-label"]


@pytest.mark.parametrize("name, lang", CASES)
def test_every_chart_has_words_and_a_table(name, lang):
    charts = _charts(name, lang)
    assert len(charts) >= 3  # the overview's three at least
    for page, chart in charts:
        where = f"{page}/{chart.slug}"
        assert chart.alt.startswith(chart.title), where
        assert chart.table is not None and chart.table.rows, where
        header = chart.table.header
        assert len(header) + len(chart.table.shared) == 4 and all(header), where
        assert all(len(row) == len(header) and all(row) for row in chart.table.rows), where
        for names in ((t("col_time", lang),), (t("col_source", lang), t("col_sources", lang))):
            assert any(name in (*header, *dict(chart.table.shared)) for name in names), where  # per row, or once
        assert all(value for _, value in chart.table.shared), where


def column_of(table, name: str) -> list[str]:
    """A column of a chart's table, row by row, whether it is in each row or said once for all of them."""
    if name in dict(table.shared):
        return [dict(table.shared)[name]] * len(table.rows)
    return [row[table.header.index(name)] for row in table.rows]


def test_a_period_and_source_every_row_has_are_said_once_above_the_rows():
    """A comparison from one report: the table does not repeat its period and source in each of its rows (a screen
    reader would read them out for every place), the caption says them once; differing ones stay in the rows."""
    base = {"bar_label": ["A", "B", "C"], "value_text": ["1", "2", "3"], "time_text": ["2024"] * 3,
            "source_text": ["Gazette, “Report”"] * 3}
    table = named_chart.chart_table(pd.DataFrame(base), "en")
    assert table.header == ("Place", "Value as reported") and table.rows == (("A", "1"), ("B", "2"), ("C", "3"))
    assert table.shared_text == "Every row: Period: 2024; Source: Gazette, “Report”"
    chart = named_chart.NamedChart("c", "Cameras", None, (), "Cameras.", table)
    shown = words_html(chart, "en")
    assert shown.count("Gazette") == 1 and "<caption>The data of the chart: Cameras. Every row: Period: 2024" in shown
    mixed = named_chart.chart_table(pd.DataFrame({**base, "time_text": ["2023", "2024", "2024"]}), "vi")
    assert mixed.header[2] == t("col_time", "vi") and [row[2] for row in mixed.rows] == ["2023", "2024", "2024"]
    assert mixed.shared_text.startswith("Mọi dòng: ") and "Gazette" in mixed.shared_text
    lone = named_chart.chart_table(pd.DataFrame({k: v[:1] for k, v in base.items()}), "en")
    assert len(lone.header) == 4 and not lone.shared, "one row is its own table"


@pytest.mark.parametrize("name, lang", CASES)
def test_the_words_and_the_table_read_the_values_as_drawn(name, lang):
    """Each bar's 'label: value as reported' is in the words and is its table row, in the order drawn."""
    for page, chart in _charts(name, lang):
        if chart.slug == "map" or chart.slug.startswith("over-time-"):  # no bars (test_place_charts has these)
            continue
        drawn = _drawn_labels(chart)
        rows = chart.table.rows
        # the table holds the first TABLE_CHART_ROWS bars and says how many the chart draws
        assert len(drawn) == chart.table.total, f"{page}/{chart.slug}"
        assert len(rows) == min(len(drawn), named_chart.TABLE_CHART_ROWS), f"{page}/{chart.slug}"
        assert drawn[:len(rows)] == [" ".join(f"{row[0]}: {row[1]}".split()) for row in rows], f"{page}/{chart.slug}"
        words = " ".join(chart.alt.split())
        positions = [words.index(" ".join(f"{row[0]}: {row[1]}".split()))  # the words name the first ALT_VALUES
                     for row in rows[:named_chart.ALT_VALUES]]
        assert positions == sorted(positions), f"{page}/{chart.slug}: the words do not follow the bars"


@pytest.mark.parametrize("name, lang", CASES)
def test_the_words_say_unit_period_and_sources(name, lang):
    sources_word = (t("source", lang), t("sources", lang))
    for page, chart in _charts(name, lang):
        where = f"{page}/{chart.slug}"
        periods = set(column_of(chart.table, t("col_time", lang)))
        assert any(word + ":" in chart.alt for word in sources_word), where
        if chart.slug not in ("coverage-by-theme", "reporting-periods"):  # figures of places: their unit and time
            assert all(period in chart.alt for period in periods), where
            assert all(row[1] in chart.alt for row in chart.table.rows), where
        if chart.slug.startswith(("compare-", "within-")):
            figures = _index(name).frame.set_index("figure_id")
            units = {localized(_index(name).catalogue.metrics[m], "short_unit", lang)
                     for m in figures.loc[list(chart.figure_ids), "metric_id"]}
            assert any(unit and unit in chart.alt for unit in units) or "%" in chart.alt, where


def test_the_words_are_in_the_readers_language():
    english = {f"{page}/{chart.slug}": chart for page, chart in _charts("bundled", "en")}
    vietnamese = {f"{page}/{chart.slug}": chart for page, chart in _charts("bundled", "vi")}
    assert english.keys() == vietnamese.keys()
    for key, chart in vietnamese.items():
        assert chart.alt != english[key].alt, key
        assert "Source" not in chart.alt and "Period" not in " ".join(chart.table.header), key
        assert t("col_time", "vi") in (*chart.table.header, *dict(chart.table.shared)), key


def test_a_long_list_of_values_is_cut_in_words_and_says_how_many_are_left():
    items = [f"Place {n}: {n} cameras" for n in range(named_chart.ALT_VALUES + 7)]
    words = named_chart.chart_alt("Cameras", "cameras · 2024", items, "Source: X", "en")
    assert f"Place {named_chart.ALT_VALUES - 1}:" in words and f"Place {named_chart.ALT_VALUES}:" not in words
    assert "and 7 more, in the table" in words
    assert words.startswith("Cameras. cameras · 2024.") and words.endswith("Source: X.")


# ---- the export and the page zip ------------------------------------------------------------------------


def _report_pages(lang: str):
    catalogue = catalogue_of(BUNDLED)
    return report_pages(catalogue, frame_of(BUNDLED), lang=lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_image_of_the_report_has_the_chart_in_words_as_alt_and_its_table(lang):
    pages = _report_pages(lang)
    text = index_html(pages, lang=lang)
    for page in pages:
        for item in page.charts:
            chart = item.chart
            assert f'<img src="{escape(item.file)}" alt="{escape(chart.alt)}"' in text
            assert f"<p>{escape(chart.alt)}</p>" in text
            for row in chart.table.rows:
                assert f'<th scope="row">{escape(row[0])}</th><td>{escape(row[1])}</td>' in text
    assert text.count('<details class="antq-words">') == sum(len(p.charts) for p in pages)
    assert text.count(f"<summary>{escape(t('chart_in_words', lang))}</summary>") == text.count("<details")


def test_words_text_holds_title_words_and_rows():
    chart = _charts("bundled", "vi")[0][1]
    text = words_text(chart)
    lines = text.splitlines()
    assert lines[0] == chart.title and chart.alt in lines
    assert " | ".join(chart.table.header) in lines
    assert all(" | ".join(row) in lines for row in chart.table.rows)


def test_the_page_zip_has_the_words_beside_each_image():
    reason = browser_unavailable_reason()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI needs a Chromium to render charts: {reason}")
        pytest.skip(reason)
    view = next(v for v in _views("bundled", "vi") if v.slug.startswith("province-") and v.charts)
    data = charts_zip(view.charts, view.slug, scale=1)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        for chart in view.charts:
            stem = f"{view.slug}/{safe_name(chart.slug)}"
            assert f"{stem}.png" in names
            assert archive.read(f"{stem}.txt").decode("utf-8") == words_text(chart)
