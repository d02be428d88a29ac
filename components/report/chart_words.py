"""A chart in words and its data as a table: one HTML rendering for the app and the report, and plain text for
the file beside an image in a page's zip."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from markupsafe import Markup

from components.templates import render
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
               caption: str = "", row_headers: bool = False, css_class: str = "") -> Markup:
    """A table that may be wider than a phone, in a box a keyboard can scroll (axe: scrollable-region-focusable),
    named by `label`, with its `caption` shown; with `row_headers` each row's first cell names the row for a
    screen reader; `css_class` is added to the box's. Every cell inert."""
    classes = f"{SCROLL_CLASS} {css_class}" if css_class else SCROLL_CLASS
    return render("table.html", classes=classes, label=label, caption=caption, header=header, rows=rows,
                  row_headers=row_headers)


def grouped_table_html(header: Sequence[str], groups: Iterable[tuple[str, Iterable[Sequence[object]]]], label: str,
                       *, css_class: str = "") -> Markup:
    """A table in groups of rows (a source's figures), each group under a row spanning the table that says what
    its rows share (`groups`: that row's text, or Markup made by a template, '' for none, and the rows, every
    cell inert), in a box named `label`. Each cell carries its column's name, which a box too narrow for the
    columns shows before it (WORDS_CSS); the roles keep it a table for a screen reader whatever the box's
    layout."""
    classes = f"{SCROLL_CLASS} {css_class}" if css_class else SCROLL_CLASS
    return render("grouped_table.html", classes=classes, label=label, header=list(header), groups=groups,
                  cite_row_class=CITE_ROW_CLASS)


def words_html(chart: Any, lang: str, page_title: str = "") -> Markup | str:
    """The chart in words and its data as a table, folded under a 'chart in words' summary ('' for a chart
    without them), saying when the table is cut. The table's box is named by its caption, and by `page_title`
    too where one document shows the same chart on several pages (the report): a screen reader's list of
    regions must tell them apart."""
    alt, table = getattr(chart, "alt", ""), getattr(chart, "table", None)
    if not alt and not (table and table.rows):
        return ""
    shown_table, cut = "", ""
    if table and table.rows:
        caption = t("chart_table_caption", lang, title=chart.title)
        label = f"{caption} ({page_title})" if page_title else caption
        shown = f"{caption}. {table.shared_text}" if table.shared else caption
        shown_table = table_html(table.header, table.rows, label, caption=shown, row_headers=True)
        if table.total > len(table.rows):
            cut = t("chart_table_first", lang, shown=number(len(table.rows), 0, lang),
                    count=number(table.total, 0, lang))
    return render("chart_words.html", words_class=WORDS_CLASS, summary=t("chart_in_words", lang), alt=alt,
                  table=shown_table, cut=cut)


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
