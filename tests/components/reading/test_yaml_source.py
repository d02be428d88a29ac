"""Safe YAML reading: duplicate keys, positions of any field, and a clear finding for every kind of bad file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bad_corpus import BAD_DIR

from components.catalogue.load import load_catalogue
from components.findings import CatalogueUnreadable
from components.reading import yaml_source
from components.reading.yaml_source import read_yaml

CHECKS_DIR = Path(__file__).resolve().parents[2] / "data" / "checks"


def _write(tmp_path: Path, text: str, name: str = "doc.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(text: str, fragment: str, nth: int = 0) -> int:
    return [i + 1 for i, line in enumerate(text.splitlines()) if fragment in line][nth]


def test_duplicate_keys_are_errors_with_line_column_and_field_path(tmp_path):
    text = ("version: 1\nfigures:\n  - id: a\n    value: 1\n    value: 2\n  - id: b\n    value: 3\n"
            "version: 2\n")
    doc, findings = read_yaml(_write(tmp_path, text))
    assert len(findings) == 2, "every duplicate is reported, not only the first"
    by_field = {f.field: f for f in findings}
    assert set(by_field) == {"figures[0].value", "version"}
    nested = by_field["figures[0].value"]
    assert nested.is_error and "duplicate key 'value'" in nested.message
    assert (nested.line, nested.column) == (_line_of(text, "value: 2"), 5)
    assert by_field["version"].line == _line_of(text, "version: 2")
    assert nested.file.endswith("doc.yaml")


def test_a_duplicate_key_in_the_catalogue_is_an_error_not_a_silent_overwrite(entry_line):
    path = CHECKS_DIR / "duplicate_key.yaml"
    catalogue = load_catalogue(path)
    assert not catalogue.ok
    [finding] = catalogue.findings
    assert "duplicate key 'value'" in finding.message
    lines = path.read_text(encoding="utf-8").splitlines()
    first = entry_line(path, "ben-da-patrols-h1", "value")
    second = next(i + 1 for i in range(first, len(lines)) if lines[i].strip().startswith("value:"))
    assert finding.line == second
    assert finding.field == "figures[1].value"


def test_a_duplicate_key_in_the_places_file_is_reported_in_that_file(tmp_path):
    places = (CHECKS_DIR / "places.yaml").read_text(encoding="utf-8")
    places = places.replace("    level: district\n", "    level: district\n    level: ward\n")
    (tmp_path / "places.yaml").write_text(places, encoding="utf-8")
    catalogue_path = _write(tmp_path, (CHECKS_DIR / "valid.yaml").read_text(encoding="utf-8"), "catalogue.yaml")
    duplicates = [f for f in load_catalogue(catalogue_path).errors if "duplicate key" in f.message]
    assert len(duplicates) == 1
    assert Path(duplicates[0].file).name == "places.yaml"
    assert duplicates[0].line == _line_of(places, "level: ward")
    assert duplicates[0].field == "places[1].level"


@pytest.mark.parametrize(("text", "fragment", "words"), [
    ("a: &x 1\nb: *x\n", "&x", "anchors and aliases"),
    ("a:\n  b: 1\n\tc: 2\n", "\tc", "tab"),
    ("a: [1, 2\nb: 3\n", "b: 3", "YAML syntax"),
    ("a: !!python/object/apply:os.getcwd []\n", "a:", "plain data only"),
    ("a: 1\n---\nb: 2\n", "---", "YAML syntax"),
    ("? [a, b]\n: 1\n", "[a, b]", "YAML syntax"),
    ("when: 2024-02-30\n", "when:", "not a real date"),
])
def test_bad_yaml_gives_one_finding_with_its_line_and_no_exception(tmp_path, text, fragment, words):
    doc, findings = read_yaml(_write(tmp_path, text))
    assert doc is None
    [finding] = findings
    assert finding.is_error and words in finding.message, finding.message
    assert finding.line == _line_of(text, fragment)


def test_tags_never_run_code(tmp_path):
    marker = tmp_path / "ran"
    text = f"a: !!python/object/apply:os.system ['touch {marker}']\n"
    doc, findings = read_yaml(_write(tmp_path, text))
    assert doc is None and findings and not marker.exists()


def test_nesting_deeper_than_the_limit_is_refused(tmp_path):
    depth = yaml_source.MAX_DEPTH + 5
    doc, findings = read_yaml(_write(tmp_path, "a: " + "[" * depth + "]" * depth + "\n"))
    assert doc is None
    assert "nesting deeper" in findings[0].message


class _LibyamlWithDepthLimit(yaml.SafeLoader):
    """The parser as libyaml 0.2.5 (PyYAML 6.0.3 and later) behaves: it gives up on its own at 1,000 levels,
    in words of its own, before the validator's event count passes MAX_DEPTH (its scanner reads ahead)."""

    def get_event(self):
        mark = yaml.Mark("<unicode string>", 0, 71, 1006, None, None)
        raise yaml.scanner.ScannerError("while increasing flow level", mark, "exceeded maximum nesting depth", mark)


@pytest.mark.parametrize("parser", ["installed", "libyaml without a depth limit", "libyaml with a depth limit"])
@pytest.mark.parametrize("bomb", ["nesting_bomb_flow.yaml", "nesting_bomb_block.yaml"])
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_nesting_bomb_gets_the_validators_own_words_whatever_libyaml_says(bomb, parser, lang, monkeypatch):
    if parser == "libyaml without a depth limit":  # the pure-Python parser has no limit, as libyaml before 0.2.5
        monkeypatch.setattr(yaml_source, "_BaseLoader", yaml.SafeLoader)
    elif parser == "libyaml with a depth limit":
        monkeypatch.setattr(yaml_source, "_BaseLoader", _LibyamlWithDepthLimit)
    doc, findings = read_yaml(BAD_DIR / bomb)
    assert doc is None and len(findings) == 1
    finding = findings[0]
    expected = yaml_source.phrase("finding_too_deep_unclosed", depth=yaml_source.MAX_DEPTH).text(lang)
    assert expected in finding.as_text(lang)
    assert finding.line is not None and finding.line > 1 and finding.file.endswith(bomb)
    assert "exceeded maximum" not in finding.as_text(lang)


def test_an_empty_file_is_a_finding_not_a_crash(tmp_path):
    doc, findings = read_yaml(_write(tmp_path, "# only a comment\n"))
    assert doc is None and "empty" in findings[0].message


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffa: Quảng Ninh\n".encode())
    doc, findings = read_yaml(path)
    assert findings == [] and doc.data == {"a": "Quảng Ninh"}


def test_a_file_that_is_not_utf8_is_unreadable_with_the_line_of_the_bad_byte(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("a: 1\nb: 2\nname: Báo\n".encode("latin-1"))
    with pytest.raises(CatalogueUnreadable) as caught:
        read_yaml(path)
    finding = caught.value.finding
    assert "UTF-8" in finding.message and finding.line == 3


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_a_missing_file_or_a_folder_is_unreadable(tmp_path, kind):
    path = tmp_path / "nothing.yaml"
    if kind == "folder":
        path.mkdir()
    with pytest.raises(CatalogueUnreadable) as caught:
        read_yaml(path)
    assert ("not found" if kind == "missing" else "folder") in caught.value.finding.message
    assert caught.value.finding.file.endswith("nothing.yaml")


def test_a_file_over_the_size_limit_is_unreadable(tmp_path, monkeypatch):
    monkeypatch.setattr(yaml_source, "MAX_BYTES", 100)
    path = _write(tmp_path, "a: " + "x" * 200 + "\n")
    with pytest.raises(CatalogueUnreadable) as caught:
        read_yaml(path)
    assert "limit" in caught.value.finding.message
