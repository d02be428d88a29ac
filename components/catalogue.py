"""The validated catalogue: reads metrics.yaml and its places file, and gathers every finding at once."""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field, make_dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from components import checks
from components.findings import ERROR, CatalogueUnreadable, Finding
from components.schema import PATTERN_HINTS, ROOT, Figure, Metric, Period, Place, Source, Theme
from components.yaml_source import YamlDocument, display_path, read_yaml

BUNDLED_METRICS = ROOT / "metrics.yaml"

# A validated figure as the catalogue keeps it: the fields of the schema's Figure (and Period) in a frozen slotted
# dataclass. A pydantic model instance takes about 1.8 kB (its field dict and fields-set, and the period's); this
# takes about 150 bytes: some 165 MB less for 100,000 figures. Validation is the schema's, unchanged.
PeriodRecord = make_dataclass("PeriodRecord", list(Period.model_fields), frozen=True, slots=True)
FigureRecord = make_dataclass("FigureRecord", list(Figure.model_fields), frozen=True, slots=True)
_PERIOD_FIELDS, _FIGURE_FIELDS = tuple(Period.model_fields), tuple(Figure.model_fields)


def _record(figure: Figure) -> FigureRecord:
    values = [getattr(figure, name) for name in _FIGURE_FIELDS]
    values = [PeriodRecord(*(getattr(v, name) for name in _PERIOD_FIELDS)) if isinstance(v, Period) else v
              for v in values]
    return FigureRecord(*values)


TOP_LEVEL = {"version": None, "places": None, "themes": Theme, "metrics": Metric, "sources": Source,
             "figures": Figure}


@dataclass
class Catalogue:
    path: Path
    themes: dict[str, Theme] = field(default_factory=dict)
    metrics: dict[str, Metric] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    figures: list[FigureRecord] = field(default_factory=list)  # validated by the schema's Figure
    findings: list[Finding] = field(default_factory=list)
    places_path: Path | None = None  # the places file it refers to, so a cache can watch it too

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


def metrics_path(cli_value: str | os.PathLike | None = None) -> Path:
    """--metrics PATH, else $METRICS_FILE, else the bundled metrics.yaml."""
    if cli_value:
        return Path(cli_value)
    env = os.environ.get("METRICS_FILE")
    return Path(env) if env else BUNDLED_METRICS


def load_catalogue(path: str | os.PathLike) -> Catalogue:
    """Read and check a catalogue. Raises CatalogueUnreadable when a file cannot be read at all.

    The cyclic garbage collector is paused meanwhile: reading creates millions of objects and no cycles, and
    its collections would otherwise take most of the time on a large catalogue.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _load_catalogue(Path(path))
    finally:
        if paused:
            gc.enable()


def _load_catalogue(path: Path) -> Catalogue:
    catalogue = Catalogue(path=path)
    doc, catalogue.findings = read_yaml(path)
    if doc is None:
        return catalogue
    if not isinstance(doc.data, dict):
        catalogue.findings.append(Finding(ERROR, "the top level must be a mapping with the keys "
                                          + ", ".join(TOP_LEVEL), display_path(path), *doc.position(())))
        return catalogue
    catalogue.findings += _top_level_findings(doc)
    for section in ("themes", "metrics", "sources", "figures"):
        items = _validated_items(doc, section, TOP_LEVEL[section], catalogue.findings)
        if section == "figures":
            catalogue.figures = items
        else:
            setattr(catalogue, section, _by_id(doc, section, items, catalogue.findings))
    places_ref = doc.data.get("places")
    if isinstance(places_ref, str) and places_ref:
        catalogue.places_path = path.parent / places_ref
        catalogue.places = _load_places(doc, places_ref, catalogue.findings)
    catalogue.findings += checks.run_all(catalogue, doc)
    return catalogue


def _top_level_findings(doc: YamlDocument) -> list[Finding]:
    name = display_path(doc.path)
    findings = []
    for key in doc.data:
        if key not in TOP_LEVEL:
            line, col = doc.position((key,))
            findings.append(Finding(ERROR, f"unknown top-level key '{key}': expected one of "
                                    + ", ".join(TOP_LEVEL), name, line, col, str(key)))
    for key in TOP_LEVEL:
        if key not in doc.data:
            findings.append(Finding(ERROR, f"missing top-level key '{key}'", name, 1, 1, key))
    if "version" in doc.data and doc.data["version"] != 1:
        line, col = doc.position(("version",))
        findings.append(Finding(ERROR, "'version' must be 1", name, line, col, "version"))
    if "places" in doc.data and not (isinstance(doc.data["places"], str) and doc.data["places"]):
        line, col = doc.position(("places",))
        findings.append(Finding(ERROR, "'places' must be the path of the places file, e.g. data/places.yaml",
                                name, line, col, "places"))
    return findings


def _validated_items(doc: YamlDocument, section: str, model: type[BaseModel],
                     findings: list[Finding]) -> list:
    raw = doc.data.get(section)
    if raw is None:
        return []
    if not isinstance(raw, list):
        line, col = doc.position((section,))
        findings.append(Finding(ERROR, f"'{section}' must be a list of entries (each starting with '- ')",
                                display_path(doc.path), line, col, section))
        return []
    items = []
    compact = _record if model is Figure else None
    for index, entry in enumerate(raw):
        try:
            item = model.model_validate(entry)
            items.append(compact(item) if compact else item)
        except ValidationError as exc:
            findings += _schema_findings(doc, (section, index), exc, entry)
        else:  # the entry lives on as its model: keep only the id the checks look entries up by, so that the
            raw[index] = {"id": entry.get("id")}  # parsed data is freed as the models are made, not after
    return items


def _by_id(doc: YamlDocument, section: str, items: list, findings: list[Finding]) -> dict:
    result: dict = {}
    for index, item in enumerate(items):
        if item.id in result:  # point at the repeat in the file (entries that failed the schema are not in items)
            raw = [i for i, e in enumerate(doc.data[section]) if isinstance(e, dict) and e.get("id") == item.id]
            index = raw[min(sum(o.id == item.id for o in items[:index]), len(raw) - 1)] if raw else index
            line, col = doc.position((section, index, "id"))
            findings.append(Finding(ERROR, f"{section[:-1]} id '{item.id}' is defined twice",
                                    display_path(doc.path), line, col, f"{section}[{index}].id"))
        result[item.id] = item
    return result


def _load_places(doc: YamlDocument, ref: str, findings: list[Finding]) -> dict[str, Place]:
    places_path = (doc.path.parent / ref)
    try:
        places_doc, place_findings = read_yaml(places_path)
    except CatalogueUnreadable as exc:
        line, col = doc.position(("places",))
        findings.append(Finding(ERROR, f"the places file {exc.finding.location()}: {exc.finding.message}",
                                display_path(doc.path), line, col, "places"))
        return {}
    findings += place_findings
    if places_doc is None:
        return {}
    if not isinstance(places_doc.data, dict) or "places" not in places_doc.data:
        findings.append(Finding(ERROR, "the places file must have a top-level 'places' list",
                                display_path(places_path), 1, 1))
        return {}
    extra = [k for k in places_doc.data if k != "places"]
    for key in extra:
        line, col = places_doc.position((key,))
        findings.append(Finding(ERROR, f"unknown top-level key '{key}' in the places file",
                                display_path(places_path), line, col, str(key)))
    items = _validated_items(places_doc, "places", Place, findings)
    places = _by_id(places_doc, "places", items, findings)
    findings += checks.place_findings(places, places_doc)
    return places


_PLAIN = {
    "extra_forbidden": "unknown field: check its spelling against the schema",
    "missing": "required field is missing",
    "int_type": "must be a number written without quotes or separators (e.g. 2500, not \"2,500\")",
    "float_type": "must be a number written without quotes or separators (e.g. 2500, not \"2,500\")",
    "finite_number": "must be a finite number (not NaN or infinity)",
    "date_from_datetime_parsing": "must be a date written YYYY-MM-DD",
    "date_parsing": "must be a date written YYYY-MM-DD",
    "date_type": "must be a date written YYYY-MM-DD",
    "model_type": "must be a set of 'key: value' lines (an entry), not a single value",
}


def _schema_findings(doc: YamlDocument, base: tuple, exc: ValidationError, entry: Any) -> list[Finding]:
    name = display_path(doc.path)
    findings = []
    seen: set[tuple] = set()
    entry_id = entry.get("id") if isinstance(entry, dict) else None
    figures = (str(entry_id),) if base[0] == "figures" and entry_id else ()
    for error in exc.errors():
        loc = _data_loc(entry, error["loc"])
        message = _PLAIN.get(error["type"], error["msg"].removeprefix("Value error, "))
        if error["type"] == "string_pattern_mismatch":
            message = PATTERN_HINTS.get(error["ctx"]["pattern"], message)
        if error["type"] in ("int_type", "float_type") and isinstance(error.get("input"), str):
            message = f"{message}; found the text {error['input']!r}"
        if (loc, message) in seen:  # a union reports one error per alternative: one message is enough
            continue
        seen.add((loc, message))
        path = base + loc
        line, col = doc.position(path)
        findings.append(Finding(ERROR, message, name, line, col, _dotted(path), figures))
    return findings


def _data_loc(entry: Any, loc: tuple) -> tuple:
    """Drop pydantic's union-branch tags from an error location, keeping the keys that are in the data."""
    kept = []
    data = entry
    for index, part in enumerate(loc):
        in_dict = isinstance(data, dict) and part in data
        if in_dict or (isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)):
            data = data[part]
            kept.append(part)
        elif isinstance(data, dict) and index == len(loc) - 1 and isinstance(part, str) \
                and not part[:1].isupper() and "[" not in part and part not in ("int", "float", "date"):
            kept.append(part)  # a missing key: name it
    return tuple(kept)


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
