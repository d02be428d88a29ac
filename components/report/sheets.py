"""Figure sheets: the cards of one source's figures on a page, with the citation once, as an image to paste into a
document beside the charts.

A sheet is built from the page's own blocks (components/views/page_views.py), so the report holds the cards the
page shows, grouped and worded as it shows them. `sheet_html` is pure: it makes a small HTML page that the
export photographs in the same Chromium that draws the charts (components/report/html_render.py). HTML, not a
Plotly figure of text, because the browser wraps Vietnamese text, lays the cards out in a grid and sizes the
image to what it holds, as the page does; a Plotly figure would need each line measured and placed by hand."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from markupsafe import Markup

from components.templates import render
from components.views import charts
from components.views.display import credit_line
from components.views.named_chart import NamedChart
from components.views.page_views import Boxed, Card, CardGroup, ChartBlock, Heading, Paged, PageView
from components.words.i18n import t


@dataclass(frozen=True)
class FigureSheet:
    """The cards of one source group of a page, with what the image says around them."""

    slug: str  # the file name of its image, unique on its page
    title: str  # the place and what the cards are ('Figures of places in Quảng Ninh')
    period: str  # the period all its cards share ('' when each card says its own)
    cards: tuple[Card, ...]
    citation: str  # 'Publisher, “Title”, published 17 Jul 2024'
    url: str | None
    credit: str  # the dashboard's name and the page's address, as under every chart

    @property
    def figure_ids(self) -> tuple[str, ...]:
        return tuple(card.figure_id for card in self.cards if card.figure_id)

    @property
    def same_image(self) -> tuple:
        """What the image shows but the page's address: two pages showing the same sheet share one image."""
        return (self.title, self.period, self.cards, self.citation, self.url)


def _source_line(sheet: FigureSheet, lang: str) -> str:
    line = f"{t('source', lang)}: {sheet.citation}"
    return f"{line} · {sheet.url}" if sheet.url else line


def page_parts(view: PageView, place_title: str, place_short: str, lang: str) -> Iterator[NamedChart | FigureSheet]:
    """The page's charts and figure sheets in the order the page shows them. A sheet's title is the heading it
    sits under when that heading names the place (`place_short`), else the place (`place_title`) and the heading;
    a bordered box (a group of provinces) names its own place."""
    credit = credit_line(lang, view.address)  # the last line of every image of the page, as under its charts
    counter = {"n": 0}

    def sheet(group: CardGroup, title: str) -> FigureSheet:
        counter["n"] += 1
        return FigureSheet(f"figures-{counter['n']}", title, group.period, group.cards, group.citation, group.url,
                           credit)

    def titled(heading: str) -> str:
        if not heading:
            return place_title
        if place_short and place_short in heading:
            return heading
        return t("sheet_title", lang, place=place_title, what=heading)

    def walk(blocks, heading: str) -> Iterator[NamedChart | FigureSheet]:
        for block in blocks:
            if isinstance(block, Heading):
                heading = block.text
            elif isinstance(block, ChartBlock):
                yield block.chart
            elif isinstance(block, CardGroup) and block.cards:
                yield sheet(block, titled(heading))
            elif isinstance(block, Boxed):
                for inner in walk(block.blocks, ""):
                    yield replace(inner, title=block.heading) if isinstance(inner, FigureSheet) else inner
            elif isinstance(block, Paged):
                yield from walk(block.blocks, heading)

    yield from walk(view.blocks, "")


def sheet_words(sheet: FigureSheet, lang: str) -> str:
    """The sheet in words, for its image's alt: title, period, each card, then the source."""
    cards = "; ".join(" ".join([f"{card.label}: {card.value}", *(f"({line})" for line in card.lines)])
                      for card in sheet.cards)
    parts = [sheet.title, sheet.period, cards, _source_line(sheet, lang)]
    return " ".join(part if part.endswith((".", "!", "?")) else f"{part}." for part in parts if part)


SHEET_CLASS = "antq-sheet"
# A long value ('> 185.000.000.000') is set smaller, so that it stays on one line of a card a third of the width
VALUE_SIZES = ((14, " longest"), (10, " long"))
# The sheet's look, scoped to its class: the same rules draw the image and the sheet printed inside the report's
# PDF (index.html holds both: the image on screen, the sheet itself in print, where its text stays text).
SHEET_CSS = f"""
.{SHEET_CLASS} {{ box-sizing: border-box; width: {charts.IMAGE_WIDTH}px; padding: 14px {charts.MARGIN_PX}px 10px;
  background: #ffffff; font-family: {charts.FONT}; color: {charts.TEXT_COLOR}; font-size: {charts.LABEL_SIZE}px;
  line-height: 1.35; overflow-wrap: anywhere; text-align: left; }}
.{SHEET_CLASS} * {{ box-sizing: border-box; }}
.{SHEET_CLASS} .sheet-title {{ font-size: {charts.TITLE_SIZE}px; font-weight: 700; margin: 0 0 4px; line-height: 1.3; }}
.{SHEET_CLASS} .period {{ font-size: {charts.SUBTITLE_SIZE}px; color: {charts.MUTED_COLOR}; margin: 0 0 10px; }}
.{SHEET_CLASS} ul {{ list-style: none; margin: 0; padding: 0; display: grid; gap: 10px;
  grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); }}
.{SHEET_CLASS} li {{ margin: 0; padding: 10px 12px; border: 1px solid #c3cad3; border-radius: 6px;
  break-inside: avoid; }}
.{SHEET_CLASS} p {{ margin: 0; }}
.{SHEET_CLASS} .value {{ font-size: 26px; line-height: 1.2; margin: 3px 0; font-weight: 600; }}
.{SHEET_CLASS} .value.long {{ font-size: 21px; }}
.{SHEET_CLASS} .value.longest {{ font-size: 17px; }}
.{SHEET_CLASS} .meta {{ color: {charts.MUTED_COLOR}; }}
.{SHEET_CLASS} .sheet-footer {{ margin-top: 12px; font-size: {charts.FOOTER_SIZE}px; color: {charts.MUTED_COLOR}; }}
.{SHEET_CLASS} a {{ color: inherit; text-decoration: none; }}
"""


def sheet_fragment(sheet: FigureSheet, lang: str) -> Markup:
    """The sheet as one element of class SHEET_CLASS: title, the period its cards share, the cards (label, value
    as reported, the lines that qualify it), then the footer (the source, its address a link the printed report
    can follow, and the dashboard), in the frame and colours of a chart image."""
    sizes = [next((name for limit, name in VALUE_SIZES if len(card.value) > limit), "") for card in sheet.cards]
    return render("sheet.html", sheet_class=SHEET_CLASS, sheet=sheet, source=t("source", lang),
                  cards=list(zip(sheet.cards, sizes, strict=True)))


def sheet_html(sheet: FigureSheet, lang: str) -> Markup:
    """The sheet as a page of its own to photograph: charts.IMAGE_WIDTH pixels wide and as tall as its cards."""
    return render("sheet_page.html", lang=lang, css=Markup(SHEET_CSS), sheet=sheet_fragment(sheet, lang))
