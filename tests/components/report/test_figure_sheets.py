"""The report holds every page of the registry as the reader sees it: its charts and its cards (as figure sheets,
one per source group), each image once, whatever page the registry adds."""

from __future__ import annotations

from collections import Counter

import pytest
from markupsafe import escape
from report_helpers import ROOT

from components.catalogue.load import BUNDLED_METRICS, load_catalogue
from components.report.index_page import index_html
from components.report.pages import ReportSheet, link_once, report_pages, safe_name, unique_files
from components.report.sheets import FigureSheet, sheet_fragment, sheet_html, sheet_words
from components.table.index import build_index
from components.table.tidy import figures_frame
from components.views import page_views, registry
from components.views.page_views import Boxed, Card, CardGroup, Heading, Paged, PageView
from components.words.i18n import t

SMALL = ROOT / "tests" / "data" / "small" / "metrics.yaml"


def _groups(blocks):
    for block in blocks:
        if isinstance(block, CardGroup):
            yield block
        elif isinstance(block, Boxed | Paged):
            yield from _groups(block.blocks)


def _views(catalogue, frame, lang):
    """Every page view of the registry's report list: (slug, view)."""
    index = build_index(catalogue, frame)
    for spec in registry.PAGES:
        if spec.reported:
            for chosen in page_views.choices_of(spec, index) if spec.choices else [None]:
                view = page_views.build_view(spec, index, chosen, lang)
                yield safe_name(view.slug), view  # the report names a page by its folder


@pytest.fixture(scope="module")
def bundled():
    catalogue = load_catalogue(BUNDLED_METRICS)
    frame = figures_frame(catalogue)
    return catalogue, frame, {page.slug: page for page in report_pages(catalogue, frame, lang="en")}


def test_every_page_of_the_registry_with_figures_is_in_the_report_with_each_card_on_a_sheet(bundled):
    catalogue, frame, report = bundled
    checked = 0
    for slug, view in _views(catalogue, frame, "en"):
        cards = [card.figure_id for group in _groups(view.blocks) for card in group.cards]
        if not cards and not view.charts:
            assert slug not in report  # a page with nothing to show is left out
            continue
        page = report[slug]
        on_sheets = Counter(f for item in page.sheets for f in item.sheet.figure_ids)
        assert on_sheets == Counter(cards), slug  # every card of the page, each as often as the page shows it
        assert [item.chart.slug for item in page.charts] == [chart.slug for chart in view.charts]
        checked += 1
    assert checked == len(report) and checked > 90  # provinces and wards whose pages are cards only included


def test_every_figure_of_the_catalogue_is_on_an_image_of_the_report(bundled):
    catalogue, frame, report = bundled
    shown = {f for page in report.values() for item in page.parts
             for f in (item.sheet.figure_ids if isinstance(item, ReportSheet) else item.chart.figure_ids)}
    missing = set(frame["figure_id"]) - shown
    assert not missing, sorted(missing)[:10]


def test_no_image_is_written_twice_and_every_link_leads_to_a_written_one(bundled):
    _catalogue, _frame, report = bundled
    pages = list(report.values())
    written = unique_files(pages)
    paths = [item.path for item in written]
    assert len(paths) == len(set(paths))
    assert link_once(pages) == pages  # the report's pages are already linked: linking again changes nothing
    linked = [item for page in pages for item in page.parts if item.src]
    assert linked, "the bundled catalogue shows a chart and a group's sheet on more than one page"
    assert {item.src for item in linked} <= set(paths)
    # a linked image shows what its page would have drawn: the same chart or the same cards
    by_path = {item.path: item for item in written}
    for item in linked:
        first = by_path[item.src]
        if isinstance(item, ReportSheet):
            assert first.sheet.same_image == item.sheet.same_image
        else:
            assert (first.chart.title, first.chart.figure_ids) == (item.chart.title, item.chart.figure_ids)
    # and the index shows the one file on each page, each figure with an id of its own
    text = index_html(pages)
    for item in linked:
        assert f'<img src="{escape(item.src)}"' in text
    ids = [item.path for page in pages for item in page.parts]
    assert len(ids) == len(set(ids))


def test_a_page_added_to_the_registry_is_in_the_report_without_report_changes(monkeypatch):
    """A page of another kind (here: one per metric, as cards) declared in the registry is exported with its
    cards."""
    catalogue = load_catalogue(SMALL)
    frame = figures_frame(catalogue)

    def by_measure(index, metric_id, lang, width):
        rows = index.frame[index.frame["metric_id"] == metric_id]
        shown = page_views.display.display_rows(rows, index.catalogue, lang)
        label = str(shown["metric_name"].iloc[0])
        blocks = (Heading(f"Every place's {label}"), *page_views.card_groups(shown, index, lang, with_place=True))
        return PageView(f"measure-{metric_id}", label, blocks)

    monkeypatch.setattr(page_views, "cards_by_metric", by_measure, raising=False)
    monkeypatch.setattr(page_views, "every_metric", lambda index: sorted(set(index.frame["metric_id"])), raising=False)
    spec = registry.PageSpec("cards", "components/app/pages/cards.py", "page_overview", ":material/list:",
                             param="metric", view="cards_by_metric", choices="every_metric", reported=True)
    others = tuple(s for s in registry.PAGES if s.url_path != "measure")  # its slugs are the ones this test uses
    monkeypatch.setattr(registry, "PAGES", (*others, spec))
    monkeypatch.setattr(registry, "BY_PATH", {s.url_path: s for s in registry.PAGES})
    pages = {page.slug: page for page in report_pages(catalogue, frame, lang="en")}
    for metric_id in set(frame["metric_id"]):
        page = pages[f"measure-{metric_id}"]
        expected = set(frame.loc[frame["metric_id"] == metric_id, "figure_id"])
        assert {f for item in page.sheets for f in item.sheet.figure_ids} == expected
        label = page.title
        assert all(item.sheet.title == f"{label}: Every place's {label}" for item in page.sheets)


def test_sheets_name_the_place_and_what_they_hold(bundled):
    _catalogue, _frame, report = bundled
    page = report["province-quang-ninh"]
    titles = [item.sheet.title for item in page.sheets]
    assert any("Quảng Ninh" in title and title.endswith(t("province_own_figures", "en")) for title in titles)
    assert t("inside_figures", "en", name="Quảng Ninh") in titles
    assert any(title.startswith(t("group_header", "en", name="")) for title in titles)
    ward = report["ward-ha-long-ward"]
    assert all("Hạ Long" in item.sheet.title for item in ward.sheets)


def _sheet(text: str) -> FigureSheet:
    cards = (Card(f"Cameras {text}", "1,234", (f"as of {text}", "cameras"), "help", figure_id="f1"),
             Card("Cases", "56", (), "", figure_id="f2"))
    return FigureSheet("figures-1", f"Figures of {text}", "as of 1 Jan 2025", cards, f"Paper {text}, “Title”",
                       "https://example.org/a?b=1&c=2", "Dashboard · /ward?ward=x")


def test_a_sheet_holds_every_card_the_citation_once_and_the_dashboard_all_escaped():
    hostile = '<script>alert("x")</script>'
    sheet = _sheet(hostile)
    page = sheet_html(sheet, "en")
    assert "<script>" not in page and page.startswith("<!doctype html>")
    assert page.count(escape(f"Paper {hostile}")) == 1  # the citation once, in the footer
    for card in sheet.cards:
        assert escape(card.label) in page and escape(card.value) in page
    assert '<a href="https://example.org/a?b=1&amp;c=2"' in page
    assert escape(sheet.credit) in page and "help" not in page  # a card's fold cannot open in an image
    assert sheet_fragment(sheet, "en") in page
    words = sheet_words(sheet, "en")
    assert all(card.label in words and card.value in words for card in sheet.cards)
    assert f"{t('source', 'en')}: Paper {hostile}" in words
    assert sheet.figure_ids == ("f1", "f2")


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_index_shows_each_sheet_as_an_image_on_screen_and_as_text_in_print(lang):
    catalogue = load_catalogue(SMALL)
    frame = figures_frame(catalogue)
    pages = report_pages(catalogue, frame, lang=lang)
    text = index_html(pages, lang=lang)
    sheets = [item for page in pages for item in page.sheets]
    assert sheets and any(page.charts for page in pages)
    for item in sheets:
        assert f'<img src="{escape(item.file)}" alt="{escape(sheet_words(item.sheet, lang))}"' in text
        assert sheet_fragment(item.sheet, lang) in text
