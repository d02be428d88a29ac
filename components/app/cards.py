"""The cited-figure cards as HTML: each source's citation once, then its cards in a grid that fits the screen.

A run of card groups is one element on the page: a province of a national catalogue shows a hundred cards,
and drawn as Streamlit widgets (a bordered container, a metric and a caption each, in rows of columns) they
cost the browser more than the page's charts."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from markupsafe import Markup

from components.templates import render
from components.views.page_views import CardGroup
from components.words.fmt import NBSP
from components.words.i18n import t

CARDS_CLASS = "antq-cards"
SHORT_UNIT = 30  # characters: a unit this short never wraps (the schema's longest short unit)
# Colours come from the theme's text colour (lighter by opacity, as Streamlit's captions are), so the cards
# read in the light and the dark theme; the grid gives a phone one card a row and a desktop three to five.
CARDS_CSS = f"""
.{CARDS_CLASS} .antq-cite {{ margin: .75rem 0 .25rem; }}
.{CARDS_CLASS} .antq-card-meta {{ opacity: .75; font-size: .875rem; margin: 0 0 .5rem; }}
.{CARDS_CLASS} ul {{ list-style: none; margin: 0 0 1rem; padding: 0; display: grid; gap: 1rem;
  grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); }}
.{CARDS_CLASS} li {{ margin: 0; padding: 1rem; border: 1px solid rgba(128, 128, 128, .35);
  border-radius: .5rem; overflow-wrap: anywhere; }}
.{CARDS_CLASS} .antq-card-label {{ font-size: .875rem; margin: 0; }}
.{CARDS_CLASS} .antq-card-value {{ font-size: 2rem; line-height: 1.2; margin: .25rem 0; }}
.{CARDS_CLASS} .antq-card-unit {{ font-size: 1rem; }}
.{CARDS_CLASS} li .antq-card-meta {{ margin: 0; }}
.{CARDS_CLASS} details {{ font-size: .875rem; margin-top: .4rem; }}
.{CARDS_CLASS} summary {{ cursor: pointer; }}
.{CARDS_CLASS} a {{ color: inherit; text-decoration: underline; }}
.{CARDS_CLASS} details p {{ margin: .25rem 0 0; }}
"""


def source_link_text(url: str, lang: str) -> str:
    """A link to a source that says where it goes: 'the article on baoquangninh.vn'."""
    try:
        site = (urlsplit(url).hostname or "").removeprefix("www.")
    except ValueError:
        site = ""
    return t("source_link", lang, site=site) if site else t("link", lang)


def unit_text(unit: str) -> str:
    """A unit as a card writes it after the value: a short one ('model types') kept whole on its line, a long
    one free to wrap after its first word (the space before it never breaks)."""
    words = unit.split()
    return NBSP.join(words) if len(unit) <= SHORT_UNIT else " ".join([NBSP.join(words[:2]), *words[2:]])


def citation_html(citation: str, url: str | None, lang: str) -> Markup:
    """'Source: <citation>', then with `url` (an http(s) address: the catalogue's schema refuses any other) a link
    that says where it goes and opens beside the dashboard, which stays where the reader was."""
    return render("citation.html", source=t("source", lang), citation=citation, url=url or "",
                  link=source_link_text(url, lang) if url else "")


def group_html(group: CardGroup, lang: str) -> Markup:
    """A source's citation (and the period its cards share), then its cards as a list: label, value as
    reported, the lines that qualify it, and what the figure is about, folded."""
    return render("card_group.html", citation=citation_html(group.citation, group.url, lang), period=group.period,
                  about=t("card_about", lang),
                  cards=[(card, NBSP + unit_text(card.unit) if card.unit else "") for card in group.cards])


def cards_html(groups: Sequence[CardGroup], lang: str) -> str:
    """Consecutive card groups as one block (app/render.py keeps it per run of groups and language)."""
    made = (group_html(group, lang) for group in groups)
    return f'<div class="{CARDS_CLASS}">' + "".join(made) + "</div>"
