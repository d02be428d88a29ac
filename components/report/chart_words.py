"""A chart in words and its data as a table: one HTML rendering for the app and the report, and plain text for
the file beside an image in a page's zip."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from components.words.fmt import html_text as _e
from components.words.fmt import number
from components.words.i18n import t

WORDS_CLASS = "antq-words"
SCROLL_CLASS = "antq-scroll"
FIGURES_CLASS = "antq-figures"  # a page's table of all its figures
# The same look on the app's page and in the report: a folded block under the chart, a table that scrolls
# sideways inside its own box on a phone (the box takes the keyboard focus, so it can be scrolled without a mouse).
WORDS_CSS = f"""
details.{WORDS_CLASS} {{ margin: .25rem 0 1rem; }}
details.{WORDS_CLASS} > summary {{ cursor: pointer; color: #1c5d99; padding: .25rem 0; }}
details.{WORDS_CLASS} p {{ margin: .4rem 0; }}
.{SCROLL_CLASS} {{ overflow-x: auto; max-width: 100%; }}
.{SCROLL_CLASS} table {{ border-collapse: collapse; margin-top: .4rem; font-size: .875rem; }}
.{SCROLL_CLASS} caption {{ text-align: left; font-weight: 600; padding-bottom: .2rem; }}
.{SCROLL_CLASS} th, .{SCROLL_CLASS} td {{ border: 1px solid #d5dbe1; padding: .25rem .45rem; text-align: left;
  vertical-align: top; }}
.{WORDS_CLASS} .meta {{ color: #52606d; }}
.{FIGURES_CLASS} {{ max-height: 32rem; overflow-y: auto; margin-bottom: .5rem; }}
/* wide enough that a source's long title wraps over a few lines, not dozens: a phone scrolls it sideways */
.{FIGURES_CLASS} table {{ width: 100%; min-width: 56rem; }}
.{FIGURES_CLASS} thead th {{ position: sticky; top: 0; background: #f4f6f8; }}
"""


def table_html(header: Sequence[object], rows: Iterable[Sequence[object]], label: str, *,
               caption: str = "", row_headers: bool = False, css_class: str = "") -> str:
    """A table that may be wider than a phone, in a box a keyboard can scroll (axe: scrollable-region-focusable),
    named by `label`, with its `caption` shown; with `row_headers` each row's first cell names the row for a
    screen reader; `css_class` is added to the box's. Every cell inert."""
    first = '<th scope="row">{}</th>' if row_headers else "<td>{}</td>"
    head = "".join(f'<th scope="col">{_e(column)}</th>' for column in header)
    body = "".join("<tr>" + first.format(_e(row[0])) + "".join(f"<td>{_e(cell)}</td>" for cell in row[1:])
                   + "</tr>" for row in rows if len(row))
    shown = f"<caption>{_e(caption)}</caption>" if caption else ""
    classes = f"{SCROLL_CLASS} {css_class}" if css_class else SCROLL_CLASS
    return (f'<div class="{classes}" role="region" tabindex="0" aria-label="{_e(label)}">'
            f"<table>{shown}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def words_html(chart: Any, lang: str, page_title: str = "") -> str:
    """The chart in words and its data as a table, folded under a 'chart in words' summary ('' for a chart
    without them), saying when the table is cut. The table's box is named by its caption, and by `page_title`
    too where one document shows the same chart on several pages (the report): a screen reader's list of
    regions must tell them apart."""
    alt, table = getattr(chart, "alt", ""), getattr(chart, "table", None)
    if not alt and not (table and table.rows):
        return ""
    parts = [f'<details class="{WORDS_CLASS}"><summary>{_e(t("chart_in_words", lang))}</summary>']
    if alt:
        parts.append(f"<p>{_e(alt)}</p>")
    if table and table.rows:
        caption = t("chart_table_caption", lang, title=chart.title)
        label = f"{caption} ({page_title})" if page_title else caption
        shown = f"{caption}. {table.shared_text}" if table.shared else caption
        parts.append(table_html(table.header, table.rows, label, caption=shown, row_headers=True))
        if table.total > len(table.rows):
            cut = t("chart_table_first", lang, shown=number(len(table.rows), 0, lang),
                    count=number(table.total, 0, lang))
            parts.append(f'<p class="meta">{_e(cut)}</p>')
    parts.append("</details>")
    return "".join(parts)


def words_text(chart: Any) -> str:
    """The chart in words and its data as plain text ('' for a chart without them)."""
    alt, table = getattr(chart, "alt", ""), getattr(chart, "table", None)
    if not alt and not (table and table.rows):
        return ""
    lines = [chart.title, "", alt] if alt else [chart.title]
    if table and table.rows:
        lines += [""] + ([table.shared_text] if table.shared else [])
        lines += [" | ".join(table.header), *(" | ".join(row) for row in table.rows)]
    return "\n".join(lines).strip() + "\n"
