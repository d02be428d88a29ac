"""Web articles as sources: quote locators that trace checks, changes over a period, and two articles that disagree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from components.catalogue.load import load_catalogue
from components.findings import ERROR, WARNING
from components.table.tidy import figures_frame
from components.workbench.trace import trace_catalogue

PLACES = Path(__file__).resolve().parents[3] / "data" / "places.yaml"
METRICS = [
    {"id": "security-cameras", "label": "Security cameras installed", "unit": "cameras", "short_unit": "cameras",
     "kind": "count", "theme": "cameras", "description": "Cameras."},
    {"id": "social-order-crimes", "label": "Crimes against social order", "unit": "cases", "short_unit": "cases",
     "kind": "count", "theme": "crime", "description": "Crimes against social order."},
]
SOURCE = {"id": "paper-2025", "publisher": "Báo Example", "title": "An article", "url": "https://example.vn/a.html",
          "published": "2025-12-20", "accessed": "2026-12-07", "language": "vi"}
CAMERAS = {"id": "cameras", "place": "phu-tho", "metric": "security-cameras", "value": 55000,
           "qualifier": "more_than", "as_of": "publication", "source": "paper-2025",
           "locator": {"quote": "hơn 55.000 mắt camera", "paragraph": 6}}
CRIMES = {"id": "crimes", "place": "phu-tho", "metric": "social-order-crimes", "value": 965,
          "period": {"start": "2025-01-01", "end": "2025-12-14"}, "source": "paper-2025",
          "change": {"by": -380, "percent": -28.2, "compared_with": {"start": "2024-01-01", "end": "2024-12-14"}},
          "locator": {"quote": "965 vụ, giảm 380 vụ", "paragraph": 3,
                      "more": [{"quote": "giảm 28,2%", "paragraph": 3}]}}


def catalogue_file(tmp_path: Path, figures: list[dict], sources: list[dict] | None = None) -> Path:
    path = tmp_path / "metrics.yaml"
    path.write_text(yaml.safe_dump(json.loads(json.dumps({
        "version": 1, "places": str(PLACES),
        "themes": [{"id": "cameras", "label": "Cameras"}, {"id": "crime", "label": "Crime"}],
        "metrics": METRICS, "sources": sources or [SOURCE], "figures": figures})), allow_unicode=True),
                    encoding="utf-8")  # through JSON: a dict used twice must not become a YAML alias
    return path


def traced(path: Path):
    catalogue = load_catalogue(path)
    assert catalogue.errors == []
    return trace_catalogue(catalogue, path.parent)


def test_a_quote_that_holds_the_value_and_its_hedge_traces(tmp_path):
    report = traced(catalogue_file(tmp_path, [CAMERAS, CRIMES]))
    assert report.errors == []
    assert {(r.figure, r.field) for r in report.traced} >= {("cameras", "value"), ("crimes", "value"),
                                                            ("crimes~change", "value"),
                                                            ("crimes~change-percent", "value")}


def test_a_typo_in_the_value_is_caught_by_its_quote(tmp_path):
    report = traced(catalogue_file(tmp_path, [{**CAMERAS, "value": 5500}]))
    assert [(r.figure, r.status) for r in report.errors] == [("cameras", "not_in_quote")]


def test_a_hedge_left_out_of_the_figure_is_caught(tmp_path):
    report = traced(catalogue_file(tmp_path, [{k: v for k, v in CAMERAS.items() if k != "qualifier"}]))
    assert [(r.figure, r.field, r.status) for r in report.errors] == [("cameras", "qualifier", "hedge")]


def test_a_quote_longer_than_six_words_is_refused(tmp_path):
    long = {**CAMERAS, "locator": {"quote": "có hơn 55.000 mắt camera an ninh đang hoạt động", "paragraph": 6}}
    errors = load_catalogue(catalogue_file(tmp_path, [long])).errors
    assert len(errors) == 1 and "six words" in errors[0].as_text("en")


def test_a_web_source_needs_an_address_and_quote_locators(tmp_path):
    nowhere = {k: v for k, v in SOURCE.items() if k != "url"}
    assert load_catalogue(catalogue_file(tmp_path, [CAMERAS], [nowhere])).errors
    at_line = {**CAMERAS, "locator": {"document": "a.txt", "line": 1, "column": 1}}
    errors = load_catalogue(catalogue_file(tmp_path, [at_line])).errors
    assert [e.figures for e in errors] == [("cameras",)]


def test_a_change_is_a_figure_of_its_own_kind_never_a_count(tmp_path):
    frame = figures_frame(load_catalogue(catalogue_file(tmp_path, [CRIMES])))
    kinds = dict(zip(frame["figure_id"], frame["metric_kind"], strict=True))
    assert kinds == {"crimes": "count", "crimes~change": "change", "crimes~change-percent": "change-percent"}
    values = dict(zip(frame["figure_id"], frame["value"], strict=True))
    assert values["crimes~change"] == -380 and values["crimes~change-percent"] == -28.2
    assert set(frame["metric_id"]) == {"social-order-crimes", "social-order-crimes~change",
                                       "social-order-crimes~change-percent"}


def test_a_change_stated_alone_needs_no_value(tmp_path):
    alone = {k: v for k, v in CRIMES.items() if k != "value"}
    alone["locator"] = {"quote": "giảm 28,2%", "paragraph": 3, "more": [{"quote": "giảm 380 vụ", "paragraph": 3}]}
    catalogue = load_catalogue(catalogue_file(tmp_path, [alone]))
    assert catalogue.errors == []
    assert sorted(f.id for f in catalogue.figures) == ["crimes~change", "crimes~change-percent"]


@pytest.mark.parametrize("compared_with", [{"start": "2023-01-01", "end": "2023-12-14"},
                                           {"start": "2024-06-01", "end": "2024-12-14"}])
def test_a_change_against_anything_but_a_year_earlier_is_refused(tmp_path, compared_with):
    other = {**CRIMES, "change": {**CRIMES["change"], "compared_with": compared_with}}
    errors = load_catalogue(catalogue_file(tmp_path, [other])).errors
    assert len(errors) == 1 and "one year earlier" in errors[0].as_text("en")


def test_two_articles_that_disagree_are_a_warning_with_both_sources(tmp_path):
    second = {**SOURCE, "id": "paper-b", "url": "https://example.vn/b.html"}
    other = {**CAMERAS, "id": "cameras-b", "value": 54000, "source": "paper-b", "as_of": "2025-12-20",
             "locator": {"quote": "hơn 54.000 mắt camera", "paragraph": 2}}
    first = {**CAMERAS, "as_of": "2025-12-20"}
    catalogue = load_catalogue(catalogue_file(tmp_path, [first, other], [SOURCE, second]))
    assert catalogue.errors == []
    [warning] = [w for w in catalogue.warnings if w.severity == WARNING]
    assert set(warning.figures) == {"cameras", "cameras-b"} and "paper-2025" in warning.as_text("en")


def test_the_same_value_from_two_articles_must_be_one_figure(tmp_path):
    second = {**SOURCE, "id": "paper-b", "url": "https://example.vn/b.html"}
    again = {**CAMERAS, "id": "cameras-b", "source": "paper-b", "as_of": "2025-12-20"}
    errors = load_catalogue(catalogue_file(tmp_path, [{**CAMERAS, "as_of": "2025-12-20"}, again],
                                           [SOURCE, second])).errors
    assert [e.severity for e in errors] == [ERROR] and "also_in" in errors[0].as_text("en")
