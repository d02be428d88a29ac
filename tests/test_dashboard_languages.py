"""Both languages on every page (AppTest): the Vietnamese view shows the Vietnamese messages and catalogue
texts, and no English interface text is left in it; numbers, dates and chart separators follow the language.

Expected words come from the message catalogues (components/words/locales) and the metrics catalogue, never from
this file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bad_corpus import case_paths
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
    hover_texts,
    no_problem,
    run_page,
    sampled_ids_of_level,
    shown_texts,
    tiles,
)

from components.views import overview_charts
from components.words import fmt
from components.words.i18n import LANGUAGES, Phrase, messages, t

STATIC_PAGES = {OVERVIEW: "overview_title", SOURCES: "sources_title", QUALITY: "quality_title"}


def views_of(path: Path) -> list:
    """Every page of a catalogue: the three static pages, and each province and ward page."""
    name = next(n for n, p in CATALOGUES.items() if p == path)
    found = [pytest.param(path, page, {}, id=f"{name}-{page.rsplit('/', 1)[-1][:-3]}") for page in STATIC_PAGES]
    found += [pytest.param(path, PROVINCE, {"province": p}, id=f"{name}-province-{p}")
              for p in sampled_ids_of_level(path, "province")]
    found += [pytest.param(path, WARD, {"ward": w}, id=f"{name}-ward-{w}") for w in sampled_ids_of_level(path, "ward")]
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
ADDRESS = re.compile(r"\S*/[a-z-]+(\?\S*)?")


def english_left(texts: list[str]) -> list[tuple[str, str, str]]:
    """(message key, English words, the text they were found in) for every English interface word shown."""
    found = []
    texts = [ADDRESS.sub("", text) for text in texts]  # a page's address ('/province?province=…') is no wording
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


def validator_words(findings) -> list[str]:
    """What the validator's messages show as the file has it, in any language: the places and field paths it
    names ('metrics.yaml:12:5', 'figures[21].stated_rate') and the values it quotes (ids, keys, what was typed)."""
    return [word for finding in findings
            for word in (finding.location(), finding.file, finding.field, *said_values(finding.said)) if word]


def said_values(said: Phrase) -> list[str]:
    found = []
    for _, value in said.params:
        found += said_values(value) if isinstance(value, Phrase) else [value] if isinstance(value, str) else []
    return found


def findings_of(path: Path) -> list:
    """The validator's findings on a catalogue, including the one that stops a file from being read at all."""
    from components.catalogue.load import load_catalogue
    from components.findings import CatalogueUnreadable

    try:
        return list(load_catalogue(path).findings)
    except CatalogueUnreadable as exc:
        return [exc.finding]


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
    for english in sorted(validator_words(catalogue_of(path).findings) + untranslated(path)
                          + list(frame_of(path)["figure_id"]),
                          key=len, reverse=True):
        texts = [text.replace(english, "") for text in texts]
    left = english_left(texts)
    assert not left, "English interface text in the Vietnamese view:\n" + "\n".join(
        f"  {key}: '{piece}' in '{text[:160]}'" for key, piece, text in left[:20])
    for english, vietnamese in catalogue_english(path).items():
        pattern = re.compile(rf"(?<!\w){re.escape(english)}(?!\w)")
        shown = [text for text in (ADDRESS.sub("", text) for text in texts) if pattern.search(text)]
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
    assert newest in timeline.subtitle  # the span of every period, from the earliest start to the latest end
    # whole years when the periods span several, else the language's own date format
    first, last = overview_charts.span_bounds(frame)
    years = int(last[:4]) - int(first[:4]) >= 3
    assert timeline.layout["xaxis"].get("tickformat", "") == ("%Y" if years else fmt.date_axis_format(lang))
    assert not timeline.layout["xaxis"].get("title", {}).get("text"), "no 'date' title under dates"
    if lang == "vi":
        assert not re.search(r"%[bB]", timeline.layout["xaxis"]["tickformat"]), "no month names on the axis"
    hovers = [h for c in drawn for trace in c.spec["data"] if "hovertemplate" in trace for h in hover_texts(trace)]
    assert any(newest in h for h in hovers), "a hover names the period in the language's dates"


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_tiles_explain_their_metric_in_the_language(monkeypatch, lang):
    """A tile's help names the metric and the place and gives the metric's description in the language."""
    from components.words.i18n import localized

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
    from components.views import display

    monkeypatch.setenv("METRICS_FILE", str(path))
    catalogue = catalogue_of(path)
    groups = [p for p in catalogue.places.values() if p.level == "group"]
    assert groups, "both catalogues have a group of provinces"
    for group in groups:
        member = group.members[0]
        at = run_page(PROVINCE, lang="vi", province=member)
        no_problem(at)
        labels = [display.place_label(catalogue, m, "vi") for m in group.members if m in catalogue.places]
        listed = ", ".join(sorted(labels, key=fmt.sort_key_vi))
        expected = t("group_members", "vi", members=listed, province=catalogue.places[member].short_name)
        assert expected in [text for text in shown_texts(at)], expected
        if len(labels) > 1 and labels != sorted(labels, key=fmt.sort_key_vi):
            assert ", ".join(labels) not in " ".join(shown_texts(at)), "listed in catalogue order, not Vietnamese"


@pytest.mark.parametrize("path", sorted(CATALOGUES.values()), ids=sorted(CATALOGUES))
def test_data_quality_findings_in_vietnamese(monkeypatch, path):
    """The validator's warnings read in Vietnamese, with Vietnamese number grouping, not in English."""
    monkeypatch.setenv("METRICS_FILE", str(path))
    findings = catalogue_of(path).findings
    at = run_page(QUALITY, lang="vi")
    no_problem(at)
    shown = shown_texts(at)
    assert findings, "both catalogues hold a rate warning"
    assert [f.text("vi") for f in findings] == [text for text in shown if text in {f.text("vi") for f in findings}]
    for finding in findings:
        assert finding.message not in shown and finding.text("vi") != finding.message
        whole = dict(finding.said.params).get("whole")
        if whole is not None and whole.value >= 1000:
            assert fmt.number(whole.value, 0, "vi") in finding.text("vi")
    ids = {figure.id for figure in catalogue_of(path).figures}  # the curators' fold names figures by id
    left = [text for text in shown if not any(word in text for word in validator_words(findings)) and text not in ids]
    assert not english_left(left)


def test_unknown_id_notice_in_vietnamese(monkeypatch):
    monkeypatch.setenv("METRICS_FILE", str(BUNDLED))
    at = run_page(PROVINCE, lang="vi", province="xyz-123")
    no_problem(at)
    expected = t("unknown_in_link", "vi", what=t("province", "vi"), value="xyz-123")
    assert expected in shown_texts(at)
    assert not english_left(shown_texts(at))


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("path", case_paths(), ids=lambda path: path.name)
def test_broken_catalogue_page_in_each_language(monkeypatch, path, lang):
    """Each broken or hostile catalogue of the corpus (tests/data/bad) stops every page with the validator's
    findings, without a traceback: in the Vietnamese view they and the page around them are Vietnamese, with
    the values quoted from the file left as written."""
    monkeypatch.setenv("METRICS_FILE", str(path))
    findings = findings_of(path)
    at = run_page(OVERVIEW, lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    texts = [text.replace(fmt.WORD_JOINER, "") for text in shown_texts(at)]
    assert t("catalogue_broken_title", lang) in texts
    assert t("catalogue_broken_lede", lang, file=path.name) in texts
    expected = [fmt.visible_controls(f.as_text(lang)) for f in findings]  # direction controls shown, not obeyed
    assert findings and all(text in texts for text in expected), (texts, expected)
    if lang == "en":
        return
    assert not [f.message for f in findings if f.message in " ".join(texts)], "a finding is shown in English"
    english = [f.as_text("en") for f in findings]
    for quoted in sorted(validator_words(findings) + [path.name], key=len, reverse=True):
        texts = [text.replace(quoted, "") for text in texts]
        english = [text.replace(quoted, "") for text in english]
    assert english_left(english), "the check below would not see these findings in English"
    left = english_left(texts)
    assert not left, "English in the Vietnamese view:\n" + "\n".join(
        f"  {key}: '{piece}' in '{text[:160]}'" for key, piece, text in left[:20])


def test_missing_file_page_in_vietnamese(tmp_path, monkeypatch):
    monkeypatch.setenv("METRICS_FILE", str(tmp_path / "missing.yaml"))
    at = run_page(OVERVIEW, lang="vi")
    assert not at.exception, [e.value for e in at.exception]
    texts = shown_texts(at)
    assert t("catalogue_broken_lede", "vi", file="missing.yaml") in texts
    assert any(t("finding_file_not_found", "vi") in text for text in texts)
    assert not english_left([text.replace(str(tmp_path), "") for text in texts])


def test_no_browser_notice_in_vietnamese(monkeypatch, tmp_path):
    """Without a Chromium the download button says why, in the reader's language, with how to install one."""
    monkeypatch.setenv("METRICS_FILE", str(BUNDLED))
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chrome"))
    at = run_page(PROVINCE, lang="vi")
    no_problem(at)
    texts = shown_texts(at)
    reason = t("export_browser_path_bad", "vi", path=repr(str(tmp_path / "no-such-chrome")),
               hint=t("export_install_hint", "vi"))
    assert t("download_charts_unavailable", "vi", reason=reason) in texts
    assert not english_left([text.replace(str(tmp_path / "no-such-chrome"), "") for text in texts])
