"""Links a reader copies or follows: a source's link text is its URL as typed, a link to another place puts that
place in the address bar, and the browser tab names the page and the place."""

from __future__ import annotations

import contextlib

import pytest
from app_tab import assert_sound, open_view, selected_option, wait_idle

from components.app.navigation import PAGES, page_for_place
from components.catalogue.load import BUNDLED_METRICS, load_catalogue
from components.table.index import build_index
from components.table.tidy import figures_frame
from components.views import display, page_views, registry, selections
from components.words.fmt import visible_controls
from components.words.i18n import LANGUAGES, localized, t

CATALOGUE = load_catalogue(BUNDLED_METRICS)
INDEX = build_index(CATALOGUE, figures_frame(CATALOGUE))
PLACES = CATALOGUE.places
LABEL_KEYS = {"province": "province", "ward": "ward"}


def _url(path: str, lang: str, **params: str) -> str:
    query = {**params, **({"lang": lang} if lang != "en" else {})}
    return f"/{path}" + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _link_cases() -> list:
    """(from page, from id, link text key, to id): a former province's successor (same page), a ward's
    successor (same page), a province's predecessor (same page) and a ward's parent (the province page)."""
    cases = []
    former_province = next(p for p in selections.province_ids(INDEX) if PLACES[p].successor)
    cases.append(("province", former_province, "successor_link", PLACES[former_province].successor))
    former_ward = next(w for w in selections.ward_ids(INDEX) if PLACES[w].successor)
    cases.append(("ward", former_ward, "successor_link", PLACES[former_ward].successor))
    merged = next(p for p in selections.province_ids(INDEX) if INDEX.predecessors.get(p))
    cases.append(("province", merged, "predecessor_link", INDEX.predecessors[merged][0]))
    ward = selections.ward_ids(INDEX)[0]
    cases.append(("ward", ward, "parent_link", INDEX.ancestors(ward)[-1]))
    return cases


def _option_label(place_id: str, lang: str) -> str:
    return page_views.place_choices(INDEX, "ward" if PLACES[place_id].level == "ward" else "province",
                                    lang)[place_id]


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("path, start, link_key, target", _link_cases(),
                         ids=lambda value: value if isinstance(value, str) else None)
def test_following_a_place_link_puts_the_place_in_the_address(page, lang, path, start, link_key, target):
    _, param, value = page_for_place(INDEX, target)
    open_view(page, _url(path, lang, **{path: start}))
    link = page.locator('[data-testid="stPageLink"] a').filter(
        has_text=visible_controls(t(link_key, lang, name=PLACES[target].name)))
    assert link.count() == 1, f"no link {link_key} to {target} on {page.url}"
    link.click()
    try:
        page.wait_for_function("want => new URLSearchParams(location.search).get(want[0]) === want[1]",
                               arg=[param, value], timeout=15_000)
    except Exception:  # the address never changed
        pytest.fail(f"after following the link to {value}, the address still reads {page.url}")
    wait_idle(page)
    assert selected_option(page, t(LABEL_KEYS[param], lang)) == _option_label(value, lang)
    if lang != "en":
        assert f"lang={lang}" in page.url, "the link keeps the reader's language"
    page.reload()
    wait_idle(page)
    assert selected_option(page, t(LABEL_KEYS[param], lang)) == _option_label(value, lang), (
        "a reload reopens the place the link led to")
    assert_sound(page)


def test_a_source_link_reads_as_its_url(page):
    """Copying a source's link text gives its URL exactly: no invisible character inside it."""
    open_view(page, "/sources")
    anchors = page.locator('[data-testid="stMain"] a[href^="http"]').evaluate_all(
        "els => els.map(a => ({text: a.textContent, href: a.getAttribute('href')}))")
    from components.views.page_views import SOURCES_PER_PAGE

    shown = list(CATALOGUE.sources.values())[:SOURCES_PER_PAGE]  # the page's first page of sources
    urls = [source.url for source in shown if source.url]
    assert urls, "the bundled catalogue has sources with links"
    for url in urls:
        assert {"text": url, "href": url} in anchors, f"{url} is not a link reading as itself: {anchors}"
    assert_sound(page)


def _chosen_name(spec, chosen: str, lang: str) -> str:
    """How the tab names what a page of choices shows: a place, or on the page by measure, a metric."""
    if spec.param in registry.PLACE_PAGES:
        return display.place_label(CATALOGUE, chosen, lang)
    return localized(CATALOGUE.metrics[chosen], "label", lang)


def _expected_tab_title(spec, lang: str, chosen: str | None = None) -> str:
    words = {"page": t(spec.title_key, lang), "app": t("app_title", lang)}
    if chosen is None:
        return t("tab_title_page", lang, **words)
    return t("tab_title_place", lang, place=visible_controls(_chosen_name(spec, chosen, lang)), **words)


def _tab_title(tab, expected: str) -> str:
    """The tab's title once it reads `expected` (the page sets it as it runs), else as it reads after 10 s."""
    with contextlib.suppress(Exception):  # the assertion after it says what the title is
        tab.wait_for_function("title => document.title === title", arg=expected, timeout=10_000)
    return tab.title()


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_tab_title_names_the_page_and_the_place(page, lang):
    """A place's page names the place, the page by measure its metric (one other than it opens on)."""
    province = next(p for p in selections.province_ids(INDEX) if PLACES[p].successor)
    ward = selections.ward_ids(INDEX)[-1]
    metric = next(m for m in page_views.compared_metric_ids(INDEX) if m != page_views.default_metric(INDEX))
    chosen = {"province": {"province": province}, "ward": {"ward": ward},
              registry.MEASURE.url_path: {registry.MEASURE.param: metric}}
    titles = []
    for spec in PAGES:
        params = chosen.get(spec.url_path, {})
        open_view(page, _url("" if spec.default else spec.url_path, lang, **params))
        value = next(iter(params.values()), None)
        title = _tab_title(page, _expected_tab_title(spec, lang, value))
        assert title == _expected_tab_title(spec, lang, value), spec.url_path
        if spec.param in registry.PLACE_PAGES:
            assert PLACES[value].short_name in title
        titles.append(title)
    assert len(set(titles)) == len(PAGES), f"every page has its own tab title: {titles}"
