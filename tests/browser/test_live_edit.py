"""Live edits while the app is open (one server on a copy of the bundled catalogue, file watcher off): a broken
metrics.yaml shows the validator's message with file and line and the app stays up; the fixed file brings the
pages back without a restart; an edit of the places file shows on the next run."""

from __future__ import annotations

import os
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from app_tab import (
    LOAD_TIMEOUT_MS,
    as_read,
    assert_sound,
    charts,
    choose_option,
    headings,
    main_text,
    open_view,
    rerun,
    screenshot,
    shown,
    wait_idle,
)
from dashboard_helpers import copy_bundled

from components.catalogue.load import BUNDLED_METRICS, load_catalogue
from components.findings import CatalogueUnreadable, Finding
from components.table.index import build_index
from components.table.tidy import figures_frame
from components.views import display, page_views, place_charts, selections
from components.words.i18n import LANGUAGES, t

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = load_catalogue(BUNDLED_METRICS)
INDEX = build_index(BUNDLED, figures_frame(BUNDLED))
# the two provinces with most charts, then most figures: both pages show something to lose and get back
PROVINCES = sorted(selections.province_ids(INDEX),
                   key=lambda p: (-len(place_charts.province_charts(INDEX, p)), -len(INDEX.subtree_rows(p))))
SHOWN, OTHER = PROVINCES[0], PROVINCES[1]


class LiveCatalogue:
    """A copy of the bundled catalogue (metrics.yaml and its places file) that a running app reads."""

    def __init__(self, folder: Path):
        self.metrics, self.places = copy_bundled(folder)
        self.original = {self.metrics: self.metrics.read_bytes(), self.places: self.places.read_bytes()}
        self.url = ""

    def replace(self, path: Path, text: str) -> None:
        """As an editor saving through a temporary file: a new file takes the old one's name."""
        temporary = path.with_suffix(".saving")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)

    def restore(self) -> None:
        for path, data in self.original.items():
            path.write_bytes(data)  # in place, as most editors save

    def healthy(self) -> bool:
        with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=5) as response:
            return response.status == 200


_LIVE: list[LiveCatalogue] = []


@pytest.fixture
def live(start_app, tmp_path_factory) -> LiveCatalogue:
    """One copy of the catalogue and one server on it for this module's tests."""
    if not _LIVE:
        _LIVE.append(LiveCatalogue(tmp_path_factory.mktemp("live-catalogue")))
    _LIVE[0].url = start_app(_LIVE[0].metrics)
    return _LIVE[0]


@pytest.fixture
def restored(live) -> Iterator[LiveCatalogue]:
    live.restore()
    yield live
    live.restore()


def _figure_line(text: str, figure_id: str, key: str) -> int:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if re.fullmatch(rf"\s*- id: {re.escape(figure_id)}\s*", line))
    return next(i for i in range(start, len(lines)) if re.match(rf"\s+{key}:", lines[i])) + 1


def _with_line(text: str, number: int, transform) -> str:
    lines = text.splitlines(keepends=True)
    lines[number - 1] = transform(lines[number - 1])
    return "".join(lines)


def _broken(text: str, kind: str) -> tuple[str | None, int | None]:
    """metrics.yaml broken in one way: (new text or None for a deleted file, line the edit is on)."""
    figure = next(f for f in BUNDLED.figures if f.denominator is None)
    line = _figure_line(text, figure.id, "value")
    if kind == "yaml-syntax":  # an unclosed bracket
        return _with_line(text, line, lambda s: s.replace("value: ", "value: [", 1)), line
    if kind == "number-as-text":
        return _with_line(text, line, lambda s: re.sub(r"value: .*", 'value: "1,707"', s)), line
    if kind == "unknown-place":
        place_line = _figure_line(text, figure.id, "place")
        return _with_line(text, place_line, lambda s: re.sub(r"place: .*", "place: no-such-place", s)), place_line
    if kind == "deleted":
        return None, None
    raise ValueError(kind)


def _expected(path: Path) -> list[Finding]:
    """What `python -m components validate` reports for the file as it is now."""
    try:
        catalogue = load_catalogue(path)
    except CatalogueUnreadable as exc:
        return [exc.finding]
    return [finding for finding in catalogue.findings if finding.is_error]


def _errors(tab) -> list[str]:
    return [as_read(text) for text in tab.locator('[data-testid="stMain"] [data-testid="stAlertContentError"]')
            .all_inner_texts()]


def assert_shows_findings(tab, live: LiveCatalogue, edited_line: int | None) -> None:
    """The validator's messages, each with file and line, in error boxes; no traceback, no page."""
    assert tab.locator('[data-testid="stException"]').count() == 0, "a traceback instead of the message"
    assert tab.page_errors == []
    assert charts(tab) == [], "no chart while the catalogue is broken"
    findings = _expected(live.metrics)
    assert findings, "the edit must break the catalogue"
    errors = _errors(tab)
    assert any(live.metrics.name in error for error in errors), errors
    for finding in findings:
        assert any(as_read(shown(finding.as_text())) in error for error in errors), (finding.as_text(), errors)
    if edited_line is not None:
        lines = [f.line for f in findings if f.file.endswith(live.metrics.name) and f.line]
        assert any(abs(line - edited_line) <= 1 for line in lines), (edited_line, lines)
        assert any(f"{live.metrics.name}:{line}" in error for error in errors for line in lines)


@pytest.mark.parametrize("kind", ["yaml-syntax", "number-as-text", "unknown-place", "deleted"])
def test_a_broken_edit_shows_the_message_and_the_fix_recovers_without_restart(open_tab, restored, kind):
    live = restored
    tab = open_tab(live.url)
    open_view(tab, f"/province?province={SHOWN}")
    assert_sound(tab)
    assert charts(tab), "the page draws charts before the edit"

    text, edited_line = _broken(live.metrics.read_text(encoding="utf-8"), kind)
    if text is None:
        live.metrics.unlink()
    else:
        live.replace(live.metrics, text)

    # the open page, on its next interaction: the validator's message instead of the page. The run that finds
    # the file broken (or gone) is so short that the browser may never show it as running, so the wait is for
    # its outcome, the error box
    choose_option(tab, t("province", "en"), page_views.place_choices(INDEX, "province", "en")[OTHER])
    tab.locator('[data-testid="stMain"] [data-testid="stAlertContentError"]').first.wait_for(timeout=LOAD_TIMEOUT_MS)
    wait_idle(tab)
    assert_shows_findings(tab, live, edited_line)
    screenshot(tab, f"live-edit-broken-{kind}")
    # a visitor opening the app now gets the same message; the server stays up
    other = open_tab(live.url)
    open_view(other, f"/province?province={SHOWN}")
    assert_shows_findings(other, live, edited_line)
    assert live.healthy()

    live.restore()
    # the fix shows on the next interaction of the open page (no restart, no reload): the sidebar's language
    # switch is still there while the catalogue is broken
    vietnamese = LANGUAGES["vi"]
    with rerun(tab):
        tab.locator('[data-testid="stSidebar"]').get_by_role("radio", name=vietnamese).click()
    assert_sound(tab)
    assert _errors(tab) == []
    query = parse_qs(urlsplit(tab.url).query)
    assert urlsplit(tab.url).path == "/province" and query["lang"] == ["vi"]
    province_id = query["province"][0]
    assert [as_read(h) for h in headings(tab)] == [as_read(shown(display.full_place_label(BUNDLED, province_id, "vi")))]
    assert len(charts(tab)) == len(place_charts.province_charts(INDEX, province_id, "vi"))
    assert tab.locator('[data-testid="stMain"] .antq-cards li').count() > 0, "the figures are back"


def test_a_places_edit_shows_on_the_next_run(open_tab, restored):
    live = restored
    tab = open_tab(live.url)
    open_view(tab, f"/province?province={SHOWN}")
    old_name = BUNDLED.places[SHOWN].name
    assert [as_read(h) for h in headings(tab)] == [as_read(shown(old_name))]
    text = live.places.read_text(encoding="utf-8")
    entry = f"id: {SHOWN}\n    name: {old_name}\n"  # a former unit may have the same name: rename this one
    assert text.count(entry) == 1
    new_name = f"{old_name} (renamed while the app was open)"
    live.places.write_text(text.replace(entry, f"id: {SHOWN}\n    name: {new_name}\n"), encoding="utf-8")
    open_view(tab, f"/province?province={SHOWN}")
    assert_sound(tab)
    assert [as_read(h) for h in headings(tab)] == [as_read(shown(new_name))]
    assert new_name in main_text(tab) or as_read(new_name) in main_text(tab)
