"""The report's index.html: what the report is, then the pages in order, each chart and figure sheet as an image
with its caption (the source with a link, the period) and, for a chart, its words and data.

The page's skeleton and its stylesheet are template files (templates/index.html, templates/index.css), so that
the HTML and CSS read as HTML and CSS; the code fills in the parts that repeat, each text escaped."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from importlib import resources
from string import Template
from typing import TYPE_CHECKING

from components.report.chart_words import WORDS_CSS, words_html
from components.report.pages import ReportChart, ReportSheet
from components.report.sheets import SHEET_CSS, sheet_fragment, sheet_words
from components.words import fmt
from components.words.fmt import html_text as _e  # text for the index: escaped, direction controls visible
from components.words.i18n import normal_lang, t, t_count

if TYPE_CHECKING:
    from components.report.pages import Coverage, ReportPage


@functools.cache
def template_text(name: str) -> str:
    """A file of templates/, shipped inside the package."""
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


INDEX_CSS = WORDS_CSS + SHEET_CSS + "\n" + template_text("index.css")


def _is_http(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def _source_html(source: dict, lang: str = "en") -> str:
    title = _e(source["title"])
    if _is_http(source["url"]):
        title = f'<a href="{_e(source["url"])}" rel="noopener noreferrer">{title}</a>'
    publisher = _e(source["publisher"]) if source["publisher"] else _e(t("publisher_not_named", lang))
    published = f", {_e(source['published'])}" if source["published"] else ""
    return f"<li>{title} ({publisher}{published})</li>"


def title_text(made: dt.datetime | None, lang: str) -> str:
    """The report's title: the dashboard's name and the day the report was made."""
    if made is None:
        return t("app_title", lang)
    return t("report_title", lang, app=t("app_title", lang), date=fmt.date(made.date(), lang))


def _contents(pages: Sequence[ReportPage], coverage: Coverage | None, made: dt.datetime | None, pdf: str,
              lang: str) -> list[str]:
    """The lede (what the report is: its catalogue's coverage, what the pages show it in, when it was made), a
    link to the PDF, and the table of contents."""
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
    parts = [f'<p class="lede">{_e(" ".join(lede))}</p>']
    if pdf:
        parts.append(f'<p class="screen-only"><a href="{_e(pdf)}">{_e(t("report_pdf", lang))}</a></p>')
    parts.append(f'<nav aria-label="{_e(t("report_contents", lang))}"><ol>')
    for page in pages:
        parts.append(f'<li><a href="#{_e(page.slug)}">{_e(page.title)}</a> '
                     f'<span class="meta">({len(page.parts)})</span></li>')
    parts.append("</ol></nav>")
    return parts


def _anchor(path: str) -> str:
    """The id of a part's figure: from its own path on its page, unique even where two pages share one image."""
    return _e(path.rsplit(".", 1)[0].replace("/", "--"))


def _chart_html(item: ReportChart, page: ReportPage, lang: str) -> list[str]:
    src = _e(item.file)
    parts = [f'<figure id="{_anchor(item.path)}">']
    alt = getattr(item.chart, "alt", "") or item.chart.title
    parts.append(f'<a href="{src}"><img src="{src}" alt="{_e(alt)}" loading="lazy"></a>')
    parts.append(f'<figcaption><span class="title">{_e(item.chart.title)}</span>')
    if item.periods:
        label = _e(t("period" if len(item.periods) == 1 else "periods", lang))
        parts.append(f'<br><span class="meta">{label}: {_e("; ".join(item.periods))}</span>')
    if item.sources:
        label = _e(t("source" if len(item.sources) == 1 else "sources", lang))
        parts.append(f'<br><span class="meta">{label}:</span><ul>')
        parts += [_source_html(source, lang) for source in item.sources]
        parts.append("</ul>")
    if item.notes:
        parts.append(f'<span class="meta">{_e(t("col_note", lang))}:</span><ul>')
        parts += [f"<li>{_e(note)}</li>" for note in item.notes]
        parts.append("</ul>")
    words = words_html(item.chart, lang, page.title)
    if words:
        parts.append(words)
    parts.append("</figcaption></figure>")
    return parts


def _sheet_html(item: ReportSheet, lang: str) -> list[str]:
    """A figure sheet: its image (the cards in words as alt) on screen, the sheet itself in print (the same
    look, its text kept as text in the PDF, and a PDF of images would take a minute to print), then its title,
    the period its cards share and its source with a link."""
    sheet, src = item.sheet, _e(item.file)
    citation = _e(sheet.citation)
    if sheet.url and _is_http(sheet.url):
        citation = f'<a href="{_e(sheet.url)}" rel="noopener noreferrer">{citation}</a>'
    parts = [f'<figure class="sheet" id="{_anchor(item.path)}">',
             f'<a class="screen-only" href="{src}"><img src="{src}" alt="{_e(sheet_words(sheet, lang))}" '
             'loading="lazy"></a>',
             f'<div class="print-only">{sheet_fragment(sheet, lang)}</div>',
             f'<figcaption><span class="title">{_e(sheet.title)}</span>']
    if sheet.period:
        parts.append(f'<br><span class="meta">{_e(t("period", lang))}: {_e(sheet.period)}</span>')
    parts.append(f'<br><span class="meta">{_e(t("source", lang))}:</span> {citation}</figcaption></figure>')
    return parts


def _page_html(page: ReportPage, lang: str) -> list[str]:
    """One page's section: its heading, then each chart and figure sheet as a figure with its caption, in the
    page's order."""
    parts = [f'<section class="page" id="{_e(page.slug)}">', f"<h2>{_e(page.title)}</h2>"]
    if page.subtitle:
        parts.append(f'<p class="subtitle">{_e(page.subtitle)}</p>')
    for item in page.parts:
        parts += _sheet_html(item, lang) if isinstance(item, ReportSheet) else _chart_html(item, page, lang)
    parts.append("</section>")
    return parts


def index_html(pages: Sequence[ReportPage], *, coverage: Coverage | None = None, made: dt.datetime | None = None,
               pdf: str = "", lang: str = "en") -> str:
    """A self-contained HTML report in `lang`: what it is (`coverage`, the moment it was `made`, a link to its
    `pdf`), then the pages in order, each chart and figure sheet with its caption, periods and sources."""
    lang = normal_lang(lang)
    body = [line for page in pages for line in _page_html(page, lang)]
    return Template(template_text("index.html")).substitute(
        lang=lang, title=_e(title_text(made, lang)), css=INDEX_CSS,
        contents="\n".join(_contents(pages, coverage, made, pdf, lang)),
        pages="".join(f"{line}\n" for line in body))
