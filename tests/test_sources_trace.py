"""Sources page: where each figure stands in the documents, shown only when the documents are here."""

from __future__ import annotations

import html
import re
import shutil

import pytest

from components.report.chart_words import FIGURES_CLASS
from components.views.page_views import SOURCES_PER_PAGE
from components.words.i18n import localized
from tests.dashboard_helpers import BUNDLED, SOURCES, catalogue_of, run_page

SOURCES_DIR = BUNDLED.parent.parent / "shared" / "sources"


def _trace_table(body: str) -> bool:
    """A table in a scroll box that is not a source's figures table."""
    return 'role="region"' in body and FIGURES_CLASS not in body


@pytest.mark.skipif(not SOURCES_DIR.is_dir(), reason=f"the source documents are not here: {SOURCES_DIR}")
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_each_source_shows_where_its_figures_stand_when_the_documents_are_here(monkeypatch, lang):
    monkeypatch.delenv("METRICS_FILE", raising=False)
    at = run_page(SOURCES, lang=lang)
    assert not at.exception
    catalogue = catalogue_of(BUNDLED)
    title = {"en": "Where each figure stands in the documents", "vi": "Vị trí của từng số liệu trong tài liệu"}[lang]
    # the page's first page of sources; a web article has no documents here, so no fold
    shown = {k: s for k, s in list(catalogue.sources.items())[:SOURCES_PER_PAGE] if s.documents}
    assert shown, "the first page of sources holds the seed sources, which have documents"
    assert [e.label for e in at.expander] == [title] * len(shown)
    # each a table in a box a keyboard can scroll (named, reachable by Tab), a row per figure, its id first
    tables = [e.proto.body for e in at.get("html") if _trace_table(e.proto.body)]
    names = [re.search(r'aria-label="([^"]*)"', table).group(1) for table in tables]
    assert all('tabindex="0"' in table for table in tables)
    assert names == [html.escape(f"{title}: {localized(s, 'title', lang)}") for s in shown.values()]
    figures = [re.findall(r"<tr><td>([^<]*)</td>", table) for table in tables]
    assert [len(ids) for ids in figures] == [sum(f.source == s for f in catalogue.figures) for s in shown]
    assert {figure_id for ids in figures for figure_id in ids} == {f.id for f in catalogue.figures
                                                                   if f.source in shown}


def test_a_hosted_app_without_the_documents_says_nothing_about_them(tmp_path, monkeypatch):
    for name in ("metrics.yaml",):
        shutil.copy(BUNDLED, tmp_path / name)
    (tmp_path / "data").mkdir()
    shutil.copy(BUNDLED.parent / "data" / "places.yaml", tmp_path / "data" / "places.yaml")
    monkeypatch.setenv("METRICS_FILE", str(tmp_path / "metrics.yaml"))  # its documents: folder is absent here
    at = run_page(SOURCES)
    assert not at.exception
    assert list(at.expander) == [] and not [e for e in at.get("html") if _trace_table(e.proto.body)]
    assert "locator" not in " ".join(c.value for c in at.caption)
