"""The report's index.html: what the report is, then the pages in order, each chart and figure sheet as an image
with its caption (the source with a link, the period) and, for a chart, its words and data.

The page is a template (components/templates/index.html, with its stylesheet index.css); the code words what it
says."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from markupsafe import Markup

from components.report.chart_words import WORDS_CSS, words_html
from components.report.pages import ReportChart, ReportSheet
from components.report.sheets import SHEET_CSS, sheet_fragment, sheet_words
from components.templates import render
from components.words import fmt
from components.words.i18n import normal_lang, t, t_count

if TYPE_CHECKING:
    from components.report.pages import Coverage, ReportPage

# the code's own stylesheets (the chart words', the figure sheets') and the page's own
INDEX_CSS = Markup(WORDS_CSS + SHEET_CSS + "\n") + render("index.css")


def _is_http(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def _source(source: dict, lang: str) -> dict:
    """A chart's source as its caption lists it: its title (a link to an http(s) address), publisher, date."""
    return {"title": source["title"], "url": source["url"] if _is_http(source["url"]) else "",
            "publisher": source["publisher"] or t("publisher_not_named", lang), "published": source["published"]}


def title_text(made: dt.datetime | None, lang: str) -> str:
    """The report's title: the dashboard's name and the day the report was made."""
    if made is None:
        return t("app_title", lang)
    return t("report_title", lang, app=t("app_title", lang), date=fmt.date(made.date(), lang))


def lede_text(pages: Sequence[ReportPage], coverage: Coverage | None, made: dt.datetime | None, lang: str) -> str:
    """What the report is: its catalogue's coverage, what the pages show it in, when it was made."""
    charts = sum(len(page.charts) for page in pages)
    sheets = sum(len(page.sheets) for page in pages)
    lede = []
    if coverage is not None:
        lede.append(t("report_coverage", lang, figures=t_count("n_figures", lang, coverage.figures),
                      sources=t_count("n_sources", lang, coverage.sources),
                      provinces=t_count("n_provinces", lang, coverage.provinces),
                      pages=t_count("n_pages", lang, len(pages)), charts=t_count("n_charts", lang, charts),
                      sheets=t_count("n_sheets", lang, sheets)))
    lede.append(t("report_lede", lang))
    if made is not None:
        when = f"{fmt.date_time(made, lang)} {made.strftime('%Z')}".strip()
        lede.append(t("report_made", lang, when=when))
    return " ".join(lede)


def _anchor(path: str) -> str:
    """The id of a part's figure: from its own path on its page, unique even where two pages share one image."""
    return path.rsplit(".", 1)[0].replace("/", "--")


def _chart(item: ReportChart, page: ReportPage, lang: str) -> dict:
    return {"sheet": "", "id": _anchor(item.path), "src": item.file, "title": item.chart.title,
            "alt": getattr(item.chart, "alt", "") or item.chart.title,
            "period_label": t("period" if len(item.periods) == 1 else "periods", lang),
            "periods": "; ".join(item.periods),
            "source_label": t("source" if len(item.sources) == 1 else "sources", lang),
            "sources": [_source(source, lang) for source in item.sources],
            "note_label": t("col_note", lang), "notes": item.notes, "words": words_html(item.chart, lang, page.title)}


def _sheet(item: ReportSheet, lang: str) -> dict:
    """A figure sheet: its image (the cards in words as alt) on screen, the sheet itself in print (the same
    look, its text kept as text in the PDF, and a PDF of images would take a minute to print), then its title,
    the period its cards share and its source with a link."""
    sheet = item.sheet
    return {"sheet": sheet_fragment(sheet, lang), "id": _anchor(item.path), "src": item.file,
            "alt": sheet_words(sheet, lang), "title": sheet.title, "period_label": t("period", lang),
            "period": sheet.period, "source_label": t("source", lang), "citation": sheet.citation,
            "url": sheet.url if sheet.url and _is_http(sheet.url) else ""}


def index_html(pages: Sequence[ReportPage], *, coverage: Coverage | None = None, made: dt.datetime | None = None,
               pdf: str = "", lang: str = "en") -> Markup:
    """A self-contained HTML report in `lang`: what it is (`coverage`, the moment it was `made`, a link to its
    `pdf`), then the pages in order, each chart and figure sheet with its caption, periods and sources."""
    lang = normal_lang(lang)
    shown = [{"slug": page.slug, "title": page.title, "subtitle": page.subtitle, "count": len(page.parts),
              "parts": [_sheet(item, lang) if isinstance(item, ReportSheet) else _chart(item, page, lang)
                        for item in page.parts]} for page in pages]
    return render("index.html", lang=lang, title=title_text(made, lang), css=INDEX_CSS,
                  lede=lede_text(pages, coverage, made, lang), pdf=pdf, pdf_words=t("report_pdf", lang),
                  contents_label=t("report_contents", lang), pages=shown)
