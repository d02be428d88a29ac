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
CITE_ROW_CLASS = "antq-cite-row"  # the row above a source's figures that cites it once
STACK_BELOW = "40rem"  # a table of figures narrower than this shows each row as a block of labelled fields
# The same look on the app's page and in the report: a folded block under the chart, a table that scrolls
# sideways inside its own box on a phone (the box takes the keyboard focus, so it can be scrolled without a mouse).
# A table of figures is as tall as its rows (no row hidden behind a scroll of its own) and, in a box narrower than
# STACK_BELOW (a phone), stacks: each row a block, each field named by its column, so nothing scrolls sideways.
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
.{FIGURES_CLASS} {{ container-type: inline-size; margin-bottom: .5rem; }}
.{FIGURES_CLASS} table {{ width: 100%; }}
.{FIGURES_CLASS} thead th {{ background: rgba(128, 128, 128, .12); }}
.{FIGURES_CLASS} tr.{CITE_ROW_CLASS} th {{ font-weight: 600; background: rgba(128, 128, 128, .06);
  padding-top: .5rem; overflow-wrap: anywhere; }}
.{FIGURES_CLASS} a {{ color: inherit; text-decoration: underline; }}
@container (max-width: {STACK_BELOW}) {{
  .{FIGURES_CLASS} table, .{FIGURES_CLASS} tbody, .{FIGURES_CLASS} tr, .{FIGURES_CLASS} th,
  .{FIGURES_CLASS} td {{ display: block; width: auto; }}
  .{FIGURES_CLASS} thead {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap; }}
  .{FIGURES_CLASS} tbody {{ margin-bottom: .75rem; }}
  .{FIGURES_CLASS} tr {{ border: 1px solid #d5dbe1; border-top: none; padding: .35rem .5rem; }}
  .{FIGURES_CLASS} tbody > tr:first-child, .{FIGURES_CLASS} tr.{CITE_ROW_CLASS} + tr {{
    border-top: 1px solid #d5dbe1; }}
  .{FIGURES_CLASS} tbody > tr.{CITE_ROW_CLASS} {{ border: none; padding: .25rem 0; }}
  .{FIGURES_CLASS} tr.{CITE_ROW_CLASS} th {{ border: none; background: none; padding: 0; }}
  .{FIGURES_CLASS} td {{ border: none; padding: .1rem 0; overflow-wrap: anywhere; }}
  .{FIGURES_CLASS} td:empty {{ display: none; }}
  .{FIGURES_CLASS} td::before {{ content: attr(data-label) ": "; font-weight: 600; }}
}}
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


def grouped_table_html(header: Sequence[str], groups: Iterable[tuple[str, Iterable[Sequence[object]]]], label: str,
                       *, css_class: str = "") -> str:
    """A table in groups of rows (a source's figures), each group under a row spanning the table that says what
    its rows share (`groups`: that row's markup, made by the caller with every catalogue text escaped, '' for
    none, and the rows, every cell inert), in a box named `label`. Each cell carries its column's name, which
    a box too narrow for the columns shows before it (WORDS_CSS); the roles keep it a table for a screen reader
    whatever the box's layout."""
    head = "".join(f'<th scope="col" role="columnheader">{_e(column)}</th>' for column in header)
    labels = [_e(column) for column in header]
    body = []
    for heading, rows in groups:
        body.append('<tbody role="rowgroup">')
        if heading:
            body.append(f'<tr class="{CITE_ROW_CLASS}" role="row"><th scope="rowgroup" colspan="{len(labels)}" '
                        f'role="rowheader">{heading}</th></tr>')
        body += ['<tr role="row">' + "".join(f'<td role="cell" data-label="{name}">{_e(cell)}</td>'
                                             for name, cell in zip(labels, row, strict=True)) + "</tr>"
                 for row in rows]
        body.append("</tbody>")
    classes = f"{SCROLL_CLASS} {css_class}" if css_class else SCROLL_CLASS
    return (f'<div class="{classes}" role="region" tabindex="0" aria-label="{_e(label)}"><table role="table">'
            f'<thead role="rowgroup"><tr role="row">{head}</tr></thead>{"".join(body)}</table></div>')


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
