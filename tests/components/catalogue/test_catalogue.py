"""Loading the catalogue: every finding at once, in plain words, with file, line and field path."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from checks_helpers import edited_valid_catalogue

from components.catalogue.load import BUNDLED_METRICS, load_catalogue, metrics_path
from components.findings import CatalogueUnreadable

ROOT = Path(__file__).resolve().parents[3]
CHECKS_DIR = ROOT / "tests" / "data" / "checks"



def test_the_bundled_catalogue_loads_without_errors_and_keeps_every_entry():
    raw = yaml.safe_load(BUNDLED_METRICS.read_text(encoding="utf-8"))
    catalogue = load_catalogue(BUNDLED_METRICS)
    assert catalogue.errors == [], "\n".join(f.as_text() for f in catalogue.errors)
    expected = []  # each entry with a value, then the change it states, by amount and by percent
    for figure in raw["figures"]:
        change = figure.get("change") or {}
        expected += [figure["id"]] * ("value" in figure)
        expected += [f"{figure['id']}~{kind}" for kind, key in (("change", "by"), ("change-percent", "percent"))
                     if key in change]
    assert [f.id for f in catalogue.figures] == expected
    for section in ("themes", "sources"):
        assert list(getattr(catalogue, section)) == [entry["id"] for entry in raw[section]]
    declared = [entry["id"] for entry in raw["metrics"]]
    assert list(catalogue.metrics)[:len(declared)] == declared
    assert all("~change" in m for m in list(catalogue.metrics)[len(declared):])
    places = yaml.safe_load((BUNDLED_METRICS.parent / raw["places"]).read_text(encoding="utf-8"))["places"]
    assert list(catalogue.places) == [p["id"] for p in places]
    assert catalogue.places_path.resolve() == (BUNDLED_METRICS.parent / raw["places"]).resolve()


def test_metrics_path_prefers_the_option_then_the_environment_then_the_bundled_file(monkeypatch, tmp_path):
    monkeypatch.delenv("METRICS_FILE", raising=False)
    assert metrics_path() == BUNDLED_METRICS
    monkeypatch.setenv("METRICS_FILE", str(tmp_path / "env.yaml"))
    assert metrics_path() == tmp_path / "env.yaml"
    assert metrics_path(tmp_path / "cli.yaml") == tmp_path / "cli.yaml"
    monkeypatch.setenv("METRICS_FILE", "")
    assert metrics_path() == BUNDLED_METRICS


def test_schema_errors_are_all_reported_in_plain_words_with_line_and_field_path(entry_line):
    path = CHECKS_DIR / "schema_errors.yaml"
    findings = load_catalogue(path).findings
    by_field = {f.field: f for f in findings}
    assert set(by_field) == {"figures[1].value", "figures[2].sourse", "metrics[2].unit"}, \
        "\n".join(f.as_text() for f in findings)
    value = by_field["figures[1].value"]
    assert value.line == entry_line(path, "ben-da-patrols-h1", "value")
    assert "without quotes" in value.message and "'1,707'" in value.message
    assert value.figures == ("ben-da-patrols-h1",)
    misspelt = by_field["figures[2].sourse"]
    assert misspelt.line == entry_line(path, "ben-da-lit-streets", "sourse")
    assert "unknown field" in misspelt.message
    missing = by_field["metrics[2].unit"]
    assert missing.line == entry_line(path, "cases-solved") and "required field is missing" in missing.message
    for finding in findings:
        assert Path(finding.file).resolve() == path.resolve()
        assert "Input should" not in finding.message and "pydantic" not in finding.message


@pytest.mark.parametrize(("edits", "field", "words"), [
    ({"  - id: ben-da-lit-streets\n": "  - id: Ben Da Lit\n"}, "figures[2].id", "lower-case letters"),
    ({"        language: vi\n": "        language: Vietnamese\n"}, "sources[0].documents[0].language", "ISO 639"),
    ({"    as_of: publication\n": "    as_of: 15/07/2024\n"}, "figures[2].as_of", "YYYY-MM-DD"),
    ({"    kind: percent\n": "    kind: share\n"}, "metrics[1].kind", "'percent'"),
    ({"figures:\n": "figures:\n  - just a sentence\n"}, "figures[0]", "key: value"),
])
def test_common_mistakes_get_a_plain_message(tmp_path, edits, field, words):
    findings = load_catalogue(edited_valid_catalogue(tmp_path, edits)).findings
    assert findings and {f.field for f in findings} == {field}, "\n".join(f.as_text() for f in findings)
    assert any(words in f.message for f in findings)
    assert not any("should match pattern" in f.message for f in findings)


def test_a_repeated_metric_id_points_at_the_repeat_even_after_an_invalid_entry(tmp_path):
    path = edited_valid_catalogue(tmp_path, {
        "metrics:\n": "metrics:\n  - id: broken\n",  # fails the schema (no label, unit, ...)
        "  - id: cases-solved\n": "  - id: patrols\n",
    })
    repeated = [f for f in load_catalogue(path).errors if "defined twice" in f.message]
    assert len(repeated) == 1
    lines = path.read_text(encoding="utf-8").splitlines()
    assert repeated[0].line == [i + 1 for i, line in enumerate(lines) if line == "  - id: patrols"][1]
    assert repeated[0].field == "metrics[3].id"


@pytest.mark.parametrize(("edits", "words"), [
    ({"version: 1\n": "version: 2\n"}, "'version' must be 1"),
    ({"version: 1\n": ""}, "missing top-level key 'version'"),
    ({"version: 1\n": "version: 1\nextra: true\n"}, "unknown top-level key 'extra'"),
    ({"places: places.yaml\n": "places: 5\n"}, "path of the places file"),
    ({"places: places.yaml\n": "places: elsewhere.yaml\n"}, "not found"),
    ({"themes:\n  - id: safety\n    label: Safety\n": "themes: 5\n"}, "must be a list"),
    ({"sources:\n": "sources: 5\nold_sources:\n"}, "must be a list"),
])
def test_a_wrong_top_level_is_a_finding_not_a_crash(tmp_path, edits, words):
    path = edited_valid_catalogue(tmp_path, edits)
    catalogue = load_catalogue(path)
    assert any(words in f.message for f in catalogue.errors), "\n".join(f.as_text() for f in catalogue.findings)
    assert all(f.line is not None for f in catalogue.findings)


def test_a_top_level_that_is_not_a_mapping_is_a_finding(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    [finding] = load_catalogue(path).findings
    assert "top level must be a mapping" in finding.message


def test_an_unreadable_catalogue_raises_with_a_finding(tmp_path):
    with pytest.raises(CatalogueUnreadable) as caught:
        load_catalogue(tmp_path / "absent.yaml")
    assert caught.value.finding.file.endswith("absent.yaml") and caught.value.finding.is_error


def test_an_unreadable_places_file_is_an_error_at_the_places_line(tmp_path):
    path = edited_valid_catalogue(tmp_path, {})
    (tmp_path / "places.yaml").write_bytes("places:\n  - id: x\n    name: Báo\n".encode("latin-1"))
    errors = load_catalogue(path).errors
    places_errors = [f for f in errors if f.field == "places"]
    assert len(places_errors) == 1 and "UTF-8" in places_errors[0].message
    assert places_errors[0].line == 3
