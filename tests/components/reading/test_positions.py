"""Positions: the line and column of any field path, and of the nearest entry when the field is not there."""

from __future__ import annotations

from pathlib import Path

from components.reading.yaml_source import read_yaml

CHECKS_DIR = Path(__file__).resolve().parents[2] / "data" / "checks"


def _line_of(text: str, fragment: str) -> int:
    return next(i + 1 for i, line in enumerate(text.splitlines()) if fragment in line)


def test_reads_data_and_points_at_any_field_by_its_path(entry_line):
    path = CHECKS_DIR / "valid.yaml"
    doc, findings = read_yaml(path)
    assert findings == []
    assert doc.data["figures"][1]["id"] == "ben-da-patrols-h1"
    line, column = doc.position(("figures", 1, "value"))
    assert line == entry_line(path, "ben-da-patrols-h1", "value")
    value_line = path.read_text(encoding="utf-8").splitlines()[line - 1]
    assert value_line[column - 1:].startswith("30")
    assert doc.position(("sources", 0, "documents", 0, "file"))[0] == _line_of(path.read_text(), "file: gazette.txt")


def test_a_field_that_is_not_there_points_at_the_nearest_entry_that_is(entry_line):
    path = CHECKS_DIR / "valid.yaml"
    doc, _ = read_yaml(path)
    assert doc.position(("figures", 1, "denominator"))[0] == entry_line(path, "ben-da-patrols-h1")
    assert doc.position(("figures", 99))[0] == _line_of(path.read_text(), "figures:") + 1
