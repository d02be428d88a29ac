"""The report's index.html: the pages in order, each chart with its caption, periods, sources and words.

The page's skeleton and its stylesheet are template files (templates/index.html, templates/index.css), so that
the HTML and CSS read as HTML and CSS; the code fills in the parts that repeat, each text escaped."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources
from string import Template
from typing import TYPE_CHECKING

from components.report.chart_words import WORDS_CSS, words_html
from components.words.fmt import html_text as _e  # text for the index: escaped, direction controls visible
from components.words.i18n import normal_lang, t, t_count

if TYPE_CHECKING:
    from components.report.pages import ReportPage


@functools.cache
def template_text(name: str) -> str:
    """A file of templates/, shipped inside the package."""
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


INDEX_CSS = WORDS_CSS + "\n" + template_text("index.css")


def _is_http(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def _source_html(source: dict, lang: str = "en") -> str:
    title = _e(source["title"])
    if _is_http(source["url"]):
        title = f'<a href="{_e(source["url"])}" rel="noopener noreferrer">{title}</a>'
    publisher = _e(source["publisher"]) if source["publisher"] else _e(t("publisher_not_named", lang))
    published = f", {_e(source['published'])}" if source["published"] else ""
    return f"<li>{title} ({publisher}{published})</li>"


def _contents(pages: Sequence[ReportPage], source_name: str, generated: str, lang: str) -> list[str]:
    """The lede (how many charts and pages, from which catalogue, when) and the table of contents."""
    total = sum(len(page.charts) for page in pages)
    lede = _e(t("report_counts", lang, charts=t_count("n_charts", lang, total),
                pages=t_count("n_pages", lang, len(pages))))
    if source_name:
        before, _, after = t("report_catalogue", lang, name="\x00").partition("\x00")
        lede += f" {_e(before)}<code>{_e(source_name)}</code>{_e(after)}"
    if generated:
        lede += ", " + _e(t("report_drawn", lang, when=generated))
    parts = [f'<p class="lede">{lede}. {_e(t("report_lede", lang))}</p>',
             f'<nav aria-label="{_e(t("report_contents", lang))}"><ol>']
    for page in pages:
        parts.append(f'<li><a href="#{_e(page.slug)}">{_e(page.title)}</a> '
                     f'<span class="meta">({len(page.charts)})</span></li>')
    parts.append("</ol></nav>")
    return parts


def _page_html(page: ReportPage, lang: str) -> list[str]:
    """One page's section: its heading, then each chart as a figure with its caption."""
    parts = [f'<section class="page" id="{_e(page.slug)}">', f"<h2>{_e(page.title)}</h2>"]
    if page.subtitle:
        parts.append(f'<p class="subtitle">{_e(page.subtitle)}</p>')
    for item in page.charts:
        chart_id = _e(item.path.rsplit(".", 1)[0].replace("/", "--"))
        src = _e(item.path)
        parts.append(f'<figure id="{chart_id}">')
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
    parts.append("</section>")
    return parts


def index_html(pages: Sequence[ReportPage], *, source_name: str = "", generated: str = "",
               lang: str = "en") -> str:
    """A self-contained HTML report in `lang`: the pages in order, each chart with its caption, periods and
    sources."""
    lang = normal_lang(lang)
    body = [line for page in pages for line in _page_html(page, lang)]
    return Template(template_text("index.html")).substitute(
        lang=lang, title=_e(t("report_title", lang)), css=INDEX_CSS,
        contents="\n".join(_contents(pages, source_name, generated, lang)),
        pages="".join(f"{line}\n" for line in body))
