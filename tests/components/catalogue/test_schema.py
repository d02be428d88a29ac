"""The declarative schema: committed JSON Schema files are current, referenced by the YAML files, and strict."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel, ValidationError

from components.catalogue.schema import (
    PATTERN_HINTS,
    SCHEMA_DIR,
    SCHEMA_FILES,
    Figure,
    Place,
    Source,
    json_schema_text,
    write_json_schemas,
)

ROOT = Path(__file__).resolve().parents[3]
REGENERATE = "python -m components schema"


def assert_schema_current(committed: Path, model: type[BaseModel]) -> None:
    assert committed.is_file(), f"{committed.name} is missing: run `{REGENERATE}` and commit schema/"
    assert committed.read_text(encoding="utf-8") == json_schema_text(model), (
        f"schema/{committed.name} is stale: it no longer matches components/catalogue/schema.py. Run `{REGENERATE}` "
        "and commit the files under schema/")


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_the_committed_json_schema_is_what_the_models_generate(name):
    assert_schema_current(SCHEMA_DIR / name, SCHEMA_FILES[name])


def test_a_stale_schema_fails_with_the_command_that_regenerates_it(tmp_path):
    [path, *_] = write_json_schemas(tmp_path)
    assert_schema_current(path, SCHEMA_FILES[path.name])  # freshly generated: current
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["$defs"]["Figure"]["properties"].pop("note")
    path.write_text(json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    with pytest.raises(AssertionError, match=re.escape(REGENERATE)):
        assert_schema_current(path, SCHEMA_FILES[path.name])


@pytest.mark.parametrize(("data_file", "schema_ref"), [
    ("metrics.yaml", "./schema/metrics.schema.json"),
    ("data/places.yaml", "../schema/places.schema.json"),
])
def test_each_yaml_file_names_its_schema_on_its_first_line_for_editors(data_file, schema_ref):
    path = ROOT / data_file
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema={schema_ref}"
    assert (path.parent / schema_ref).resolve().is_file()


def _as_json(value):
    """YAML dates become the strings an editor's JSON Schema validator sees."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def _validator(name: str):
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema comes with streamlit (through altair)")
    return jsonschema.Draft202012Validator(json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize(("data_file", "name"), [("metrics.yaml", "metrics.schema.json"),
                                                 ("data/places.yaml", "places.schema.json")])
def test_editors_accept_the_bundled_files(data_file, name):
    data = _as_json(yaml.safe_load((ROOT / data_file).read_text(encoding="utf-8")))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _validator(name).iter_errors(data)]
    assert errors == []


def test_editors_flag_a_misspelt_field_and_a_number_in_quotes():
    data = _as_json(yaml.safe_load((ROOT / "metrics.yaml").read_text(encoding="utf-8")))
    figure = data["figures"][0]
    figure["valeu"] = figure.pop("value")
    data["figures"][1]["value"] = "1,707"
    flagged = {tuple(e.absolute_path)[:2] for e in _validator("metrics.schema.json").iter_errors(data)}
    assert {("figures", 0), ("figures", 1)} <= flagged


def test_every_pattern_in_the_schema_has_a_plain_words_hint():
    patterns = set()

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                patterns.add(node["pattern"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for model in SCHEMA_FILES.values():
        walk(model.model_json_schema())
    assert patterns and patterns <= set(PATTERN_HINTS), sorted(patterns - set(PATTERN_HINTS))


# ---- the model rules a curator relies on ----------------------------------------------------------------

FIGURE = {"id": "f", "place": "p", "metric": "m", "value": 3, "as_of": "2024-01-01", "source": "s"}


def _errors(model: type[BaseModel], data: dict) -> list[str]:
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return [e["msg"] for e in exc.errors()]
    return []


def test_a_figure_needs_exactly_one_time():
    assert _errors(Figure, FIGURE) == []
    both = {**FIGURE, "period": {"start": "2024-01-01", "end": "2024-02-01"}}
    neither = {k: v for k, v in FIGURE.items() if k != "as_of"}
    for data in (both, neither):
        assert any("exactly one of 'as_of'" in m for m in _errors(Figure, data))
    assert _errors(Figure, {**FIGURE, "as_of": "publication"}) == []


def test_a_stated_rate_needs_its_fraction():
    assert any("needs a 'denominator'" in m for m in _errors(Figure, {**FIGURE, "stated_rate": 50}))
    assert _errors(Figure, {**FIGURE, "denominator": 6, "stated_rate": 50}) == []


@pytest.mark.parametrize("value", ["3", True, None, float("nan"), float("inf"), 10**19, 10**400])
def test_a_value_must_be_a_plain_finite_sensible_number(value):
    assert _errors(Figure, {**FIGURE, "value": value})


@pytest.mark.parametrize("value", [0, 1707, 12.5, 200_000_000_000])
def test_ordinary_values_are_accepted(value):
    assert _errors(Figure, {**FIGURE, "value": value}) == []


def test_an_unknown_field_is_refused():
    assert _errors(Figure, {**FIGURE, "sourse": "s"})


SOURCE = {"id": "s", "publisher": "P", "title": "T", "published": "2024-01-01", "accessed": "2024-02-01",
          "documents": [{"file": "a.txt", "language": "vi"}]}


@pytest.mark.parametrize(("url", "ok"), [
    ("https://baoquangninh.vn/a-1.html", True), ("HTTP://example.org", True), (None, True),
    ("ftp://example.org/a", False), ("javascript:alert(1)", False), ("www.example.org", False),
    ("https://", False), ("http:///path-only", False),
])
def test_a_source_url_must_be_http_or_https_with_a_host(url, ok):
    assert (_errors(Source, {**SOURCE, "url": url}) == []) is ok


PLACE = {"id": "x", "name": "Xã Thử", "short_name": "Thử", "slug": "thu", "level": "ward", "lat": 21.0,
         "lon": 105.0}


@pytest.mark.parametrize(("changes", "ok"), [
    ({}, True),
    ({"level": "group"}, False),                         # a group needs members
    ({"level": "group", "members": ["a", "b"]}, True),
    ({"members": ["a"]}, False),                         # only groups have members
    ({"successor": "y"}, False),                         # a current place has no successor
    ({"status": "former", "successor": "y", "ended": "2025-07-01"}, True),
    ({"slug": "Thử"}, False),                            # slugs are ASCII
    ({"code": "6781"}, True), ({"code": 6781}, False),   # codes are text, keeping leading zeros
])
def test_place_rules(changes, ok):
    assert (_errors(Place, {**PLACE, **changes}) == []) is ok
