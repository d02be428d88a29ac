"""Both languages on every page (AppTest): the Vietnamese view shows the Vietnamese messages and catalogue
texts, and no English interface text is left in it; numbers, dates and chart separators follow the language.

Expected words come from the message catalogues (components/locales) and the metrics catalogue, never from
this file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from dashboard_helpers import (
    BUNDLED,
    CATALOGUES,
    OVERVIEW,
    PROVINCE,
    QUALITY,
    SMALL,
    SOURCES,
    WARD,
    catalogue_of,
    charts,
    frame_of,
    ids_of_level,
    no_problem,
    run_page,
    shown_texts,
    tiles,
)

from components import fmt
from components.i18n import LANGUAGES, messages, t

STATIC_PAGES = {OVERVIEW: "overview_title", SOURCES: "sources_title", QUALITY: "quality_title"}


def views_of(path: Path) -> list:
    """Every page of a catalogue: the three static pages, and each province and ward page."""
    name = next(n for n, p in CATALOGUES.items() if p == path)
    found = [pytest.param(path, page, {}, id=f"{name}-{page.rsplit('/', 1)[-1][:-3]}") for page in STATIC_PAGES]
    found += [pytest.param(path, PROVINCE, {"province": p}, id=f"{name}-province-{p}")
              for p in ids_of_level(path, "province")]
    found += [pytest.param(path, WARD, {"ward": w}, id=f"{name}-ward-{w}") for w in ids_of_level(path, "ward")]
    return found


def english_fragments() -> dict[str, list[str]]:
    """For each message whose Vietnamese differs from its English: the words of the English between its
    placeholders that no Vietnamese message has ('as of', 'Download this page's charts', 'former', …)."""
    vietnamese = " ".join(messages("vi").values())
    found: dict[str, list[str]] = {}
    for key, english in messages("en").items():
        if messages("vi").get(key) == english:
            continue
        pieces = [piece.strip(" .,:;()“”\"'·–—-") for piece in re.split(r"\{[^{}]*\}", english)]
        kept = [piece for piece in pieces
                if (len(piece.split()) >= 2 or len(re.sub(r"\W", "", piece)) >= 4)
                and re.search(r"[A-Za-z]{2}", piece) and piece not in vietnamese]
        if kept:
            found[key] = kept
    return found


FRAGMENTS = english_fragments()


def english_left(texts: list[str]) -> list[tuple[str, str, str]]:
    """(message key, English words, the text they were found in) for every English interface word shown."""
    found = []
    for key, pieces in FRAGMENTS.items():
        for piece in pieces:
            pattern = re.compile(rf"(?<!\w){re.escape(piece)}(?!\w)", re.IGNORECASE)
            found += [(key, piece, text) for text in texts if pattern.search(text)]
    return found


def catalogue_english(path: Path) -> dict[str, str]:
    """English catalogue texts that have a Vietnamese version: shown in Vietnamese, they must not appear."""
    catalogue = catalogue_of(path)
    found: dict[str, str] = {}
    items = [*catalogue.themes.values(), *catalogue.metrics.values(), *catalogue.sources.values(),
             *[s.published for s in catalogue.sources.values() if hasattr(s.published, "basis")]]
    for item in items:
        for field in ("label", "unit", "short_unit", "description", "title", "publisher_note", "basis"):
            english, vietnamese = getattr(item, field, None), getattr(item, f"{field}_vi", None)
            if english and vietnamese and english != vietnamese and re.search(r"[A-Za-z]{2}", english):
                found[english] = vietnamese
    return found


def untranslated(path: Path) -> list[str]:
    """English catalogue texts without a Vietnamese version (shown with the 'English' mark)."""
    catalogue = catalogue_of(path)
    items = [*catalogue.themes.values(), *catalogue.metrics.values(), *catalogue.sources.values(),
             *[s.published for s in catalogue.sources.values() if hasattr(s.published, "basis")]]
    return [getattr(item, field) for item in items
            for field in ("label", "unit", "short_unit", "description", "title", "publisher_note", "basis")
            if getattr(item, field, None) and hasattr(item, f"{field}_vi") and not getattr(item, f"{field}_vi")]


def validator_words(path: Path) -> list[str]:
    """The validator's words shown as it writes them: the field paths it names ('figures[21].stated_rate'), and
    the English of messages the catalogues do not translate (the page then says they are English)."""
    findings = catalogue_of(path).findings
    untranslated = [f.message for f in findings if f.message_key not in messages("vi")]
    return untranslated + [finding.field for finding in findings if finding.field]


def test_the_fragment_check_finds_english():
    """The check below can fail: an English message, or English words inside a text, are found."""
    assert FRAGMENTS, "no English interface words to look for"
    english = t("download_charts", "en")
    assert english_left([english]) and english_left([f"Tải về · {t('all_figures_header', 'en')} ·"])
    assert not english_left([t("download_charts", "vi"), t("all_figures_header", "vi")])


@pytest.mark.parametrize(("path", "page", "params"), views_of(BUNDLED) + views_of(SMALL))
def test_vietnamese_view_has_no_english_interface_text(monkeypatch, path, page, params):
    monkeypatch.setenv("METRICS_FILE", str(path))
    at = run_page(page, lang="vi", **params)
    no_problem(at)
    texts = shown_texts(at)
    assert texts, "the page shows nothing"
    # left out: English shown on purpose, the validator's words, figure ids (quoted on the data-quality page)
    # and untranslated catalogue texts (marked as English)
    for english in sorted(validator_words(path) + untranslated(path) + list(frame_of(path)["figure_id"]),
                          key=len, reverse=True):
        texts = [text.replace(english, "") for text in texts]
    left = english_left(texts)
    assert not left, "English interface text in the Vietnamese view:\n" + "\n".join(
        f"  {key}: '{piece}' in '{text[:160]}'" for key, piece, text in left[:20])
    for english, vietnamese in catalogue_english(path).items():
        pattern = re.compile(rf"(?<!\w){re.escape(english)}(?!\w)")
        shown = [text for text in texts if pattern.search(text)]
        assert not shown, f"'{english}' is shown in English although the catalogue has '{vietnamese}': {shown[:3]}"
    if page in STATIC_PAGES:
        assert t(STATIC_PAGES[page], "vi") in texts
    marked = t("fallback_marked", "vi", text="").strip()
    if not untranslated(path):
        assert not [text for text in texts if marked in text], "a fully translated catalogue needs no mark"


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_untranslated_catalogue_texts_are_marked_as_english(monkeypatch, lang):
    """The small catalogue leaves some labels without Vietnamese: the Vietnamese view shows them marked."""
    monkeypatch.setenv("METRICS_FILE", str(SMALL))
    catalogue = catalogue_of(SMALL)
    metric = next(m for m in catalogue.metrics.values() if not m.label_vi and m.id in set(frame_of(SMALL)["metric_id"]))
    row = frame_of(SMALL)[frame_of(SMALL)["metric_id"] == metric.id].iloc[0]
    place = catalogue.places[row.place_id]
    page, params = (WARD, {"ward": place.id}) if place.level == "ward" else (PROVINCE, {"province": place.id})
    at = run_page(page, lang=lang, **params)
    no_problem(at)
    expected = t("fallback_marked", lang, text=metric.label)
    assert any(expected == tile.label for tile in tiles(at)), [tile.label for tile in tiles(at)]
    if lang != "en":
        assert expected != metric.label


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_charts_use_the_languages_separators_and_dates(monkeypatch, lang):
    """Axes group digits as the language does (Plotly `separators`), date axes avoid English month names in
    Vietnamese, and the footers and hovers carry dates written the language's way."""
    monkeypatch.setenv("METRICS_FILE", str(BUNDLED))
    at = run_page(OVERVIEW, lang=lang)
    no_problem(at)
    drawn = charts(at)
    assert drawn
    frame = frame_of(BUNDLED)
    newest = fmt.date(frame["time_sort"].max(), lang)
    for chart in drawn:
        assert chart.layout["separators"] == fmt.plotly_separators(lang)
    assert fmt.plotly_separators(lang) == {"en": ".,", "vi": ",."}[lang]
    timeline = next(c for c in drawn if c.filename == "overview-reporting-periods")
    assert newest in timeline.footer
    assert timeline.layout["xaxis"].get("tickformat", "") == fmt.date_axis_format(lang)
    if lang == "vi":
        assert not re.search(r"%[bB]", timeline.layout["xaxis"]["tickformat"]), "no month names on the axis"
    hovers = [h for c in drawn for trace in c.spec["data"] for row in trace.get("customdata", []) for h in row]
    assert any(newest in str(h) for h in hovers), "a hover names the period in the language's dates"


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_tiles_explain_their_metric_in_the_language(monkeypatch, lang):
    """A tile's help names the metric and the place and gives the metric's description in the language."""
    from components.i18n import localized

    monkeypatch.setenv("METRICS_FILE", str(BUNDLED))
    catalogue, frame = catalogue_of(BUNDLED), frame_of(BUNDLED)
    ward_id = frame[frame["place_level"] == "ward"]["place_id"].value_counts().index[0]
    at = run_page(WARD, lang=lang, ward=ward_id)
    no_problem(at)
    shown = tiles(at)
    assert len(shown) == int((frame["place_id"] == ward_id).sum())
    described = {localized(m, "label", lang): localized(m, "description", lang) for m in catalogue.metrics.values()}
    for tile in shown:
        assert tile.label in described, tile.label
        assert described[tile.label] in tile.help, (tile.help, described[tile.label])


@pytest.mark.parametrize("path", sorted(CATALOGUES.values()), ids=sorted(CATALOGUES))
def test_group_members_are_listed_in_vietnamese_order(monkeypatch, path):
    from components import views

    monkeypatch.setenv("METRICS_FILE", str(path))
    catalogue = catalogue_of(path)
    groups = [p for p in catalogue.places.values() if p.level == "group"]
    assert groups, "both catalogues have a group of provinces"
    for group in groups:
        member = group.members[0]
        at = run_page(PROVINCE, lang="vi", province=member)
        no_problem(at)
        labels = [views.place_label(catalogue, m, "vi") for m in group.members if m in catalogue.places]
        listed = ", ".join(sorted(labels, key=fmt.sort_key_vi))
        expected = t("group_members", "vi", members=listed, province=catalogue.places[member].short_name)
        assert expected in [text for text in shown_texts(at)], expected
        if len(labels) > 1 and labels != sorted(labels, key=fmt.sort_key_vi):
            assert ", ".join(labels) not in " ".join(shown_texts(at)), "listed in catalogue order, not Vietnamese"


@pytest.mark.parametrize("path", sorted(CATALOGUES.values()), ids=sorted(CATALOGUES))
def test_data_quality_findings_in_vietnamese(monkeypatch, path):
    """The validator's warnings read in Vietnamese, with Vietnamese number grouping, where the message
    catalogue has them; the note that messages are in English shows only when some are not translated."""
    from components import views

    monkeypatch.setenv("METRICS_FILE", str(path))
    findings = catalogue_of(path).findings
    at = run_page(QUALITY, lang="vi")
    no_problem(at)
    shown = shown_texts(at)
    assert [views.finding_text(f, "vi") for f in findings if not f.is_error] == [
        text for text in shown if text in {views.finding_text(f, "vi") for f in findings}]
    keyed = [f for f in findings if f.message_key]
    assert keyed, "both catalogues hold a rate warning"
    for finding in keyed:
        assert finding.message not in shown
        whole = next(value for name, value, _ in finding.numbers if name == "whole")
        if whole >= 1000:
            assert fmt.number(whole, 0, "vi") in views.finding_text(finding, "vi")
    note = t("findings_in_english", "vi")
    assert (note in shown) == (not all(views.finding_translated(f, "vi") for f in findings))


def test_unknown_id_notice_in_vietnamese(monkeypatch):
    monkeypatch.setenv("METRICS_FILE", str(BUNDLED))
    at = run_page(PROVINCE, lang="vi", province="xyz-123")
    no_problem(at)
    expected = t("unknown_in_link", "vi", what=t("province", "vi"), value="xyz-123")
    assert expected in shown_texts(at)
    assert not english_left(shown_texts(at))


def test_broken_catalogue_page_in_vietnamese(tmp_path, monkeypatch):
    """A broken catalogue stops every page with the validator's findings: the page around them is Vietnamese
    and says the findings themselves are in English."""
    monkeypatch.setenv("METRICS_FILE", str(tmp_path / "missing.yaml"))
    at = run_page(OVERVIEW, lang="vi")
    assert not at.exception, [e.value for e in at.exception]
    texts = shown_texts(at)
    assert t("catalogue_broken_title", "vi") in texts
    assert t("catalogue_broken_lede", "vi", file="missing.yaml") in texts
    assert t("findings_in_english", "vi") in texts
    assert not english_left([text for text in texts if "missing.yaml" not in text])
