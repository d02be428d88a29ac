"""components.app.cards: the cited-figure cards as HTML, and one element for a run of groups on a page."""

from __future__ import annotations

from components.app.cards import cards_html, group_html, source_link_text
from components.catalogue.load import load_catalogue
from components.table.index import build_index
from components.table.tidy import figures_frame
from components.views import page_views
from components.views.page_views import Card, CardGroup
from tests.dashboard_helpers import BUNDLED, PROVINCE, html_texts, run_page, tiles

HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>'


def _group(**changes) -> CardGroup:
    fields = {"citation": "Báo Quảng Ninh, “Residents' self-management”, published 1 Aug 2025",
              "url": "https://www.baoquangninh.vn/article-1.html",
              "cards": (Card("Self-managed security groups", "4,951", ("groups", "as of publication"),
                             "Self-managed security groups — Quảng Ninh. Groups residents run themselves."),
                        Card("Security cameras", "≈ 790", ("cameras",))),
              "period": "1 Jan 2024 – 30 Jun 2025"}
    return CardGroup(**{**fields, **changes})


def test_the_citation_comes_once_above_its_cards_with_a_link_that_says_where_it_goes():
    markup = group_html(_group(), "en")
    texts = html_texts(markup)
    assert texts[:4] == ["Source: Báo Quảng Ninh, “Residents' self-management”, published 1 Aug 2025 · ",
                         "the article on baoquangninh.vn", "1 Jan 2024 – 30 Jun 2025", "Self-managed security groups"]
    assert markup.count("Báo Quảng Ninh") == 1
    assert ('<a href="https://www.baoquangninh.vn/article-1.html" target="_blank" rel="noopener noreferrer">'
            in markup), "the article opens beside the dashboard, which stays where the reader was"


def test_each_card_shows_its_value_as_reported_its_lines_and_what_it_is_about_folded():
    texts = html_texts(group_html(_group(), "vi"))
    assert texts[3:] == ["Self-managed security groups", "4,951", "groups", "as of publication", "Về số liệu này",
                         "Self-managed security groups — Quảng Ninh. Groups residents run themselves.",
                         "Security cameras", "≈ 790", "cameras"], "a card without help has no fold"


def test_a_source_without_an_address_or_a_shared_period_says_so_without_a_link():
    markup = group_html(_group(url=None, period=""), "en")
    assert "<a " not in markup and "antq-card-meta\">1 Jan" not in markup
    assert source_link_text("https://example.org/x", "vi") == "bài viết trên example.org"
    assert source_link_text("not a url", "en") == "Link"


def test_catalogue_text_is_shown_as_text_never_as_markup():
    card = Card(HOSTILE, HOSTILE, (HOSTILE,), HOSTILE)
    markup = cards_html([_group(citation=HOSTILE, period=HOSTILE, cards=(card,))], "en")
    assert "<script" not in markup and "<img" not in markup
    assert html_texts(markup).count(HOSTILE) == 5, "each text reads as written"
    right_to_left = cards_html([_group(cards=(Card("a\u202eb", "1", ()),))], "en")
    assert "\u202e" not in right_to_left and "⟨U+202E⟩" in right_to_left, "a direction control cannot reorder it"


def test_a_run_of_groups_is_made_once_per_language(monkeypatch):
    """A page's cards are made at its first showing, not at every rerun; another language makes its own."""
    from types import SimpleNamespace

    from components.app import render
    from components.table.memo import new_content_id

    shown, made = [], []
    monkeypatch.setattr(render, "html_block", shown.append)
    monkeypatch.setattr(render, "cards_html", lambda groups, lang: made.append(lang) or cards_html(groups, lang))
    run = (_group(), _group(citation="Công an tỉnh Quảng Ninh"))
    view, index = page_views.PageView(slug="province", title="Quảng Ninh", blocks=run), SimpleNamespace(
        content_id=new_content_id())
    for lang in ("en", "en", "vi", "en"):
        render.blocks(view.blocks, view, index, lang)
    assert made == ["en", "vi"]
    assert len(shown) == 4 and shown[0] == shown[1] == shown[3] != shown[2]
    assert shown[0] == cards_html(run, "en") and "Công an tỉnh Quảng Ninh" in shown[0]


def _runs_of_groups(blocks) -> int:
    """How many runs of consecutive card groups the view's blocks hold, boxes included."""
    runs, previous = 0, None
    for block in blocks:
        if isinstance(block, page_views.Boxed):
            runs += _runs_of_groups(block.blocks)
        runs += isinstance(block, CardGroup) and not isinstance(previous, CardGroup)
        previous = block
    return runs


def test_the_province_page_shows_each_run_of_card_groups_as_one_element(monkeypatch):
    """A run of consecutive groups is one element (the browser's cost is per element), and no card is lost."""
    monkeypatch.delenv("METRICS_FILE", raising=False)
    catalogue = load_catalogue(BUNDLED)
    index = build_index(catalogue, figures_frame(catalogue))
    view = page_views.province_page(index, page_views.default_place(index, "province"), "en")
    groups = [b for b in view.blocks if isinstance(b, CardGroup)]
    assert len(groups) > _runs_of_groups(view.blocks), "the bundled default province has consecutive groups"
    at = run_page(PROVINCE)
    shown = [element for element in at.get("html") if 'class="antq-cards"' in element.proto.body]
    assert len(shown) == _runs_of_groups(view.blocks)
    assert sum(element.proto.body.count("<li>") for element in shown) == len(tiles(at)) > len(groups)


def test_a_unit_stands_beside_its_value_and_never_on_a_line_of_its_own():
    markup = group_html(_group(cards=(Card("Security model types", "38", (), unit="model types"),
                                      Card("Cameras", "≈\u00a0790", ("cameras",)))), "en")
    assert '<p class="antq-card-value">38<span class="antq-card-unit">\u00a0model\u00a0types</span></p>' in markup
    assert '<p class="antq-card-value">≈\u00a0790</p>' in markup, "a card without a unit has no empty span"
    long_unit = "households, agencies, schools and units of the commune"
    kept = group_html(_group(cards=(Card("Households", "12", (), unit=long_unit),)), "en")
    assert "\u00a0households,\u00a0agencies, schools" in kept, "a long unit may wrap, after its first two words"
