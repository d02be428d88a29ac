"""The chart in words: one HTML for the app's page and the report, its table named, scrollable by keyboard and
inert, and a note when it is cut."""

from __future__ import annotations

import html
import re

import pytest
from dashboard_helpers import BUNDLED, PROVINCE, catalogue_of, frame_of, run_page
from markupsafe import escape

from components.report.chart_words import table_html, words_html, words_text
from components.table.index import build_index
from components.views import page_views
from components.views.named_chart import ChartTable, NamedChart
from components.words.i18n import t


def _chart(alt: str = "", rows=(), total: int | None = None, title: str = "A title") -> NamedChart:
    table = ChartTable(("Place", "Value"), tuple(rows), len(rows) if total is None else total) if rows else None
    return NamedChart("slug", title, None, (), alt=alt, table=table)


def _cells(markup: str, tag: str, attributes: str = "") -> list[str]:
    """The texts inside each <tag attributes>…</tag> (attributes as written, or any)."""
    opening = rf"<{tag} {re.escape(attributes)}>" if attributes else rf"<{tag}(?: [^>]*)?>"
    return [html.unescape(cell) for cell in re.findall(rf"{opening}(.*?)</{tag}>", markup)]


def test_words_and_table_folded_under_the_summary_in_the_reader_language():
    chart = _chart("Two places compared.", [("North", "12"), ("South", "7")])
    for lang in ("en", "vi"):
        markup = words_html(chart, lang)
        assert markup.startswith('<details class="antq-words">') and markup.endswith("</details>")
        assert _cells(markup, "summary") == [t("chart_in_words", lang)]
        assert _cells(markup, "p") == ["Two places compared."]
        caption = t("chart_table_caption", lang, title="A title")
        assert _cells(markup, "caption") == [caption]
        assert f'role="region" tabindex="0" aria-label="{escape(caption)}"' in markup
        assert _cells(markup, "th", 'scope="row"') == ["North", "South"]  # each row named by its place
        assert _cells(markup, "th", 'scope="col"') == ["Place", "Value"]
        assert _cells(markup, "td") == ["12", "7"]


def test_a_cut_table_says_how_many_rows_it_shows():
    markup = words_html(_chart(rows=[("North", "12")], total=40), "en")
    assert t("chart_table_first", "en", shown="1", count="40") in html.unescape(markup)
    assert "meta" not in words_html(_chart(rows=[("North", "12")]), "en")


def test_nothing_for_a_chart_without_words_and_catalogue_text_stays_inert():
    assert words_html(_chart(), "en") == "" and words_text(_chart()) == ""
    markup = table_html(["<b>h</b>"], [["<script>alert(1)</script>"]], 'say "hi"')
    assert "<script>" not in markup and "<b>" not in markup and "&lt;script&gt;" in markup
    assert 'aria-label="say &#34;hi&#34;"' in markup, "a quote cannot end the attribute"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_app_shows_each_chart_with_the_report_s_words(lang):
    index = build_index(catalogue_of(BUNDLED), frame_of(BUNDLED))
    view = page_views.province_page(index, page_views.default_place(index, "province"), lang)
    at = run_page(PROVINCE, lang=lang)
    words = [e.proto.body for e in at.get("html") if e.proto.body.startswith('<details class="antq-words">')]
    # a chart's words are sent with the hidden heading of the chart after it, in one element
    words = [body[:body.rindex("</details>") + len("</details>")] for body in words]
    assert view.charts and len(at.get("plotly_chart")) == len(view.charts)
    assert words == [words_html(chart, lang) for chart in view.charts]
