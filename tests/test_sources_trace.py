"""Readers see the figures, curators see the machinery: the Sources page says what each source is (its documents
as the article and its translations, its publisher once, the figures it also reports), and where each figure
stands in the documents is on the Data quality page, in a fold for curators, in the reader's language, shown
only when the documents are here."""

from __future__ import annotations

import re
import shutil

import pytest
from markupsafe import escape

from components.report.chart_words import FIGURES_CLASS
from components.views import display
from components.views.page_views import SOURCES_PER_PAGE
from components.words.i18n import localized, messages, t
from tests.dashboard_helpers import BUNDLED, QUALITY, SOURCES, catalogue_of, frame_of, run_page, shown_texts

SOURCES_DIR = BUNDLED.parent.parent / "shared" / "sources"
needs_documents = pytest.mark.skipif(not SOURCES_DIR.is_dir(),
                                     reason=f"the source documents are not here: {SOURCES_DIR}")


def _trace_tables(at) -> list[str]:
    """The tables in a scroll box that are not a figures table."""
    bodies = [e.proto.body for e in at.get("html")]
    return [body for body in bodies if 'role="region"' in body and FIGURES_CLASS not in body]


def _shown_sources(catalogue):
    return dict(list(catalogue.sources.items())[:SOURCES_PER_PAGE])


@needs_documents
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_data_quality_page_shows_curators_where_each_figure_stands(monkeypatch, lang):
    monkeypatch.delenv("METRICS_FILE", raising=False)
    at = run_page(QUALITY, lang=lang)
    assert not at.exception
    catalogue = catalogue_of(BUNDLED)
    traced = [s for s in catalogue.sources.values() if s.documents]
    assert traced, "the bundled catalogue's seed sources have documents"
    folds = [e for e in at.expander if e.label == t("trace_fold", lang)]
    assert len(folds) == 1, [e.label for e in at.expander]
    # a table per source with documents, in a box a keyboard can scroll, named after its source; a row per
    # figure, its id first
    tables = _trace_tables(at)
    assert all('tabindex="0"' in table for table in tables)
    names = [re.search(r'aria-label="([^"]*)"', table).group(1) for table in tables]
    assert names == [escape(f"{t('sources_trace_title', lang)}: {localized(s, 'title', lang)}") for s in traced]
    figures = [re.findall(r"<tr><td>([^<]*)</td>", table) for table in tables]
    assert [sorted(ids) for ids in figures] == [sorted(f.id for f in catalogue.figures if f.source == s.id)
                                                for s in traced]
    statuses = {re.findall(r"<td>([^<]*)</td></tr>", table)[0] for table in tables}
    assert statuses <= {text for key, text in messages(lang).items() if key.startswith("trace_status_")}


@needs_documents
def test_the_curators_fold_in_vietnamese_leaves_no_english_word(monkeypatch):
    """'có ở đúng vị trí locator', '13 trên 13 số liệu được tìm thấy đúng vị trí locator' and 'nói bằng từ mà bộ
    đọc không biết' are gone: the fold reads in Vietnamese around the figures' ids and the documents' names."""
    monkeypatch.delenv("METRICS_FILE", raising=False)
    at = run_page(QUALITY, lang="vi")
    (fold,) = [e for e in at.expander if e.label == t("trace_fold", "vi")]
    texts = [c.value for c in fold.caption] + [fold.label]
    for table in _trace_tables(at):
        texts += re.findall(r"<th[^>]*>([^<]*)</th>", table) + re.findall(r"<td>([^<]*)</td></tr>", table)
    shown = " ".join(texts)
    assert "locator" not in shown.lower() and "bộ đọc" not in shown, "no English, no unclear words"
    english = {messages("en")[key] for key in messages("en") if key.startswith(("trace_status_", "sources_trace_"))}
    assert not any(text in shown for text in english)
    summaries = [c.value for c in fold.caption][1:]
    pattern = re.escape(t("sources_trace_summary", "vi", found="@", count="@")).replace("@", r"[\d.]+")
    assert summaries and all(re.fullmatch(pattern, text) for text in summaries), summaries


@needs_documents
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_sources_page_shows_readers_no_ids_file_names_or_positions(monkeypatch, lang):
    monkeypatch.delenv("METRICS_FILE", raising=False)
    at = run_page(SOURCES, lang=lang)
    assert not at.exception
    catalogue = catalogue_of(BUNDLED)
    shown = " ".join(shown_texts(at))
    assert not _trace_tables(at) and t("sources_trace_title", lang) not in shown
    files = [d.file for s in catalogue.sources.values() for d in s.documents]
    assert files and not [f for f in files if f in shown], "a document is named for what it is, not by its file"
    for source in _shown_sources(catalogue).values():
        for document in source.documents:
            assert display.document_text(source, document, lang) in shown
    assert "locator" not in shown


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_sources_page_says_an_unnamed_publisher_once_and_counts_figures_it_also_reports(monkeypatch, lang):
    monkeypatch.delenv("METRICS_FILE", raising=False)
    catalogue = catalogue_of(BUNDLED)
    at = run_page(SOURCES, lang=lang)
    shown = shown_texts(at)
    unnamed = [s for s in _shown_sources(catalogue).values() if not s.publisher]
    assert unnamed, "the first page holds a source whose publisher is not named"
    said = [text for text in shown if display.publisher_line(unnamed[0], lang) in text]
    assert said and t("publisher_not_named", lang) not in " ".join(said)
    # each source of the page that also reports figures cited from another says how many
    counts: dict[str, int] = {}
    for ids in frame_of(BUNDLED)["also_in"]:
        for source_id in filter(None, ids.split(";")):
            counts[source_id] = counts.get(source_id, 0) + 1
    expected = [t("also_in_source", lang, count=str(counts[s])) for s in _shown_sources(catalogue) if s in counts]
    assert expected, "the first page holds sources that also report figures cited from another"
    assert [c.value for c in at.caption if c.value in expected] == expected


def test_a_hosted_app_without_the_documents_says_nothing_about_them(tmp_path, monkeypatch):
    shutil.copy(BUNDLED, tmp_path / "metrics.yaml")
    (tmp_path / "data").mkdir()
    shutil.copy(BUNDLED.parent / "data" / "places.yaml", tmp_path / "data" / "places.yaml")
    monkeypatch.setenv("METRICS_FILE", str(tmp_path / "metrics.yaml"))  # its documents: folder is absent here
    for page in (QUALITY, SOURCES):
        at = run_page(page)
        assert not at.exception
        assert t("trace_fold", "en") not in [e.label for e in at.expander] and not _trace_tables(at)
