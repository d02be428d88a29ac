"""What a figure's card says, on the bundled catalogue: a change's sign and what it is compared with, the other
sources reporting a figure, a unit beside its value, a place named as chart titles name it, and no word meant
for curators."""

from __future__ import annotations

import re

import pytest
from dashboard_helpers import BUNDLED, catalogue_of, frame_of

from components.catalogue import kinds
from components.table.index import build_index
from components.views import display, page_views, selections
from components.views.page_views import Boxed, CardGroup
from components.words.i18n import localized, t

# words that mean something to a curator only: a figure's id, its locator, the catalogue file and its fields
CURATOR_WORDS = re.compile(r"(?i)\b(the id|ids?|locators?|also_in|metrics\.yaml|yaml|this catalogue|danh mục này)\b")


@pytest.fixture(scope="module")
def index():
    return build_index(catalogue_of(BUNDLED), frame_of(BUNDLED))


def _cards(index, lang: str, **options) -> dict:
    """Every figure's card, by figure id, as a page shows it."""
    rows = display.display_rows(index.frame, index.catalogue, lang)
    return {row.figure_id: page_views.card(row, lang, **options) for row in display.rows_of(rows)}


def _page_cards(view) -> list:
    def groups(blocks):
        for block in blocks:
            if isinstance(block, CardGroup):
                yield block
            elif isinstance(block, Boxed):
                yield from groups(block.blocks)
    return [card for group in groups(view.blocks) for card in group.cards]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_change_card_shows_its_sign_its_unit_and_what_it_is_compared_with(index, lang):
    catalogue = index.catalogue
    cards = _cards(index, lang)
    changes = [f for f in catalogue.figures if kinds.is_signed(catalogue.metrics[f.metric].kind)]
    assert changes
    for figure in changes:
        card, metric = cards[figure.id], catalogue.metrics[figure.metric]
        assert "-" not in card.value and card.value.count("\u2212") == (figure.value < 0), card.value
        compared = [line for line in card.lines if line.startswith(t("compared_with", lang, period=""))]
        assert len(compared) == 1, card.lines
        assert card.unit == ("" if kinds.unit_sign(metric.kind) else localized(metric, "short_unit", lang))


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_card_names_the_other_sources_that_report_its_figure(index, lang):
    catalogue = index.catalogue
    cards = _cards(index, lang)
    for figure in catalogue.figures:
        said = [line for line in cards[figure.id].lines if line.startswith(t("also_in_line", lang, sources=""))]
        if not figure.also_in:
            assert not said
            continue
        assert len(said) == 1
        for other in figure.also_in:
            assert display.short_source(catalogue.sources[other.source], lang) in said[0]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_count_writes_its_unit_beside_its_value_not_on_a_line_of_its_own(index, lang):
    catalogue = index.catalogue
    cards = _cards(index, lang)
    for figure in catalogue.figures:
        card, metric = cards[figure.id], catalogue.metrics[figure.metric]
        unit = localized(metric, "unit", lang)
        assert unit not in card.lines, (figure.id, card.lines)
        if figure.denominator is None and not kinds.unit_sign(metric.kind) and not kinds.is_signed(metric.kind):
            assert card.unit == unit, figure.id


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_card_names_its_place_as_a_chart_title_does(index, lang):
    """'Phường Cẩm Thịnh' on the card and in the title of the chart that draws it, not 'Cẩm Thịnh' and
    'Phường Cẩm Thịnh'."""
    catalogue = index.catalogue
    cards = _cards(index, lang, with_place=True)
    for row in display.rows_of(index.frame):
        full = display.full_place_label(catalogue, row.place_id, lang)
        assert full in cards[row.figure_id].lines and full in cards[row.figure_id].help
    checked = 0
    places = index.frame.set_index("figure_id")["place_id"]
    for province in selections.province_ids(index):
        for chart in page_views.province_page(index, province, lang).charts:
            drawn = set(places.reindex(list(chart.figure_ids)).dropna())
            if len(drawn) == 1:  # a chart of one place (over time) names it in its title as its cards do
                assert display.full_place_label(catalogue, drawn.pop(), lang) in chart.title, chart.title
                checked += 1
    assert checked, "some chart draws the figures of one place"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_cards_say_nothing_meant_for_curators(index, lang):
    """A note reads for a reader: 'the id names no period for that reason' or 'also in this catalogue' is the
    curators' business."""
    for figure_id, card in _cards(index, lang, with_place=True).items():
        for text in (card.label, card.value, *card.lines, card.help):
            assert not CURATOR_WORDS.search(text), (figure_id, text)
