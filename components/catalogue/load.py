"""The validated catalogue: reads metrics.yaml and its places file, and gathers every finding at once."""

from __future__ import annotations

import gc
import os
import re
from dataclasses import dataclass, field, make_dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from components.catalogue import changes, checks
from components.catalogue.schema import PATTERN_HINTS, ROOT, Figure, Metric, Period, Place, Source, Theme
from components.findings import ERROR, CatalogueUnreadable, Finding
from components.reading.positions import YamlDocument, dotted
from components.reading.yaml_source import display_path, read_yaml
from components.words.i18n import Phrase, phrase

BUNDLED_METRICS = ROOT / "metrics.yaml"

# A validated figure as the catalogue keeps it: the fields of the schema's Figure (and Period) in a frozen slotted
# dataclass, a fraction of a pydantic model instance's memory, which counts at a national catalogue's size
# (bench/RESULTS.md, code comments). Validation is the schema's, unchanged.
PeriodRecord = make_dataclass("PeriodRecord", list(Period.model_fields), frozen=True, slots=True)
FigureRecord = make_dataclass("FigureRecord", list(Figure.model_fields), frozen=True, slots=True)
_PERIOD_FIELDS, _FIGURE_FIELDS = tuple(Period.model_fields), tuple(Figure.model_fields)


def _record(figure: Figure) -> FigureRecord:
    values = [getattr(figure, name) for name in _FIGURE_FIELDS]
    values = [PeriodRecord(*(getattr(v, name) for name in _PERIOD_FIELDS)) if isinstance(v, Period) else v
              for v in values]
    return FigureRecord(*values)


TOP_LEVEL = {"version": None, "places": None, "themes": Theme, "metrics": Metric, "sources": Source,
             "figures": Figure, "documents": None}
OPTIONAL_TOP_LEVEL = {"documents"}


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
    documents_path: Path | None = None  # the folder of the sources' documents it names, if it names one

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
        catalogue.findings.append(Finding(ERROR, phrase("finding_top_not_mapping", keys=", ".join(TOP_LEVEL)),
                                          display_path(path), *doc.position(())))
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
    documents_ref = doc.data.get("documents")
    if isinstance(documents_ref, str) and documents_ref:
        catalogue.documents_path = path.parent / documents_ref
    catalogue.findings += checks.change_and_quote_findings(catalogue, doc)
    catalogue.figures, derived = changes.expand(catalogue.figures, catalogue.metrics)
    catalogue.metrics.update(derived)
    catalogue.findings += checks.run_all(catalogue, doc)
    return catalogue


def _top_level_findings(doc: YamlDocument) -> list[Finding]:
    name = display_path(doc.path)
    findings = []
    for key in doc.data:
        if key not in TOP_LEVEL:
            line, col = doc.position((key,))
            findings.append(Finding(ERROR, phrase("finding_unknown_top_key", key=key, keys=", ".join(TOP_LEVEL)),
                                    name, line, col, str(key)))
    for key in TOP_LEVEL:
        if key not in doc.data and key not in OPTIONAL_TOP_LEVEL:
            findings.append(Finding(ERROR, phrase("finding_missing_top_key", key=key), name, 1, 1, key))
    if "version" in doc.data and doc.data["version"] != 1:
        line, col = doc.position(("version",))
        findings.append(Finding(ERROR, phrase("finding_version"), name, line, col, "version"))
    if "places" in doc.data and not (isinstance(doc.data["places"], str) and doc.data["places"]):
        line, col = doc.position(("places",))
        findings.append(Finding(ERROR, phrase("finding_places_not_a_path"), name, line, col, "places"))
    if "documents" in doc.data and not (isinstance(doc.data["documents"], str) and doc.data["documents"]):
        line, col = doc.position(("documents",))
        findings.append(Finding(ERROR, phrase("finding_documents_not_a_path"), name, line, col, "documents"))
    return findings


def _validated_items(doc: YamlDocument, section: str, model: type[BaseModel],
                     findings: list[Finding]) -> list:
    raw = doc.data.get(section)
    if raw is None:
        return []
    if not isinstance(raw, list):
        line, col = doc.position((section,))
        findings.append(Finding(ERROR, phrase("finding_section_not_a_list", section=section),
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
            findings.append(Finding(ERROR, phrase("finding_id_defined_twice", id=item.id, section=section),
                                    display_path(doc.path), line, col, f"{section}[{index}].id"))
        result[item.id] = item
    return result


def _load_places(doc: YamlDocument, ref: str, findings: list[Finding]) -> dict[str, Place]:
    places_path = (doc.path.parent / ref)
    try:
        places_doc, place_findings = read_yaml(places_path)
    except CatalogueUnreadable as exc:
        line, col = doc.position(("places",))
        findings.append(Finding(ERROR, phrase("finding_places_file", where=exc.finding.location(),
                                                detail=exc.finding.said), display_path(doc.path), line, col, "places"))
        return {}
    findings += place_findings
    if places_doc is None:
        return {}
    if not isinstance(places_doc.data, dict) or "places" not in places_doc.data:
        findings.append(Finding(ERROR, phrase("finding_places_no_list"), display_path(places_path), 1, 1))
        return {}
    extra = [k for k in places_doc.data if k != "places"]
    for key in extra:
        line, col = places_doc.position((key,))
        findings.append(Finding(ERROR, phrase("finding_places_unknown_key", key=key),
                                display_path(places_path), line, col, str(key)))
    items = _validated_items(places_doc, "places", Place, findings)
    places = _by_id(places_doc, "places", items, findings)
    findings += checks.place_findings(places, places_doc)
    return places


_PLAIN = {  # pydantic's error types -> the key of the validator's words for them
    "extra_forbidden": "finding_unknown_field",
    "missing": "finding_missing_field",
    "int_type": "finding_not_a_number",
    "float_type": "finding_not_a_number",
    "int_parsing": "finding_not_a_number",
    "float_parsing": "finding_not_a_number",
    "int_from_float": "finding_not_whole",
    "finite_number": "finding_not_finite",
    "date_from_datetime_parsing": "finding_not_a_date",
    "date_from_datetime_inexact": "finding_not_a_date",
    "date_parsing": "finding_not_a_date",
    "date_type": "finding_not_a_date",
    "model_type": "finding_not_an_entry",
    "dict_type": "finding_not_an_entry",
    "model_attributes_type": "finding_not_an_entry",
    "string_type": "finding_not_text",
    "string_too_short": "finding_empty_text",
    "list_type": "finding_not_a_list",
    "bool_type": "finding_not_true_false",
    "bool_parsing": "finding_not_true_false",
    "invalid_key": "finding_key_not_a_word",
}
_LIMITS = {  # pydantic's error types with a limit -> (key, the limit's name in the error's context)
    "string_too_long": ("finding_text_too_long", "max_length"),
    "too_short": ("finding_list_too_short", "min_length"),
    "too_long": ("finding_list_too_long", "max_length"),
    "greater_than_equal": ("finding_at_least", "ge"),
    "less_than_equal": ("finding_at_most", "le"),
    "greater_than": ("finding_more_than", "gt"),
    "less_than": ("finding_less_than", "lt"),
}


def _schema_phrase(error: dict) -> Phrase:
    """The validator's words for one pydantic error."""
    kind, context = error["type"], error.get("ctx") or {}
    if kind.startswith("finding_"):  # raised by components/catalogue/schema.py with its message's key as the type
        return phrase(kind)
    if kind == "string_pattern_mismatch" and context.get("pattern") in PATTERN_HINTS:
        return phrase(PATTERN_HINTS[context["pattern"]])
    if kind in ("int_type", "float_type") and isinstance(error.get("input"), str):
        return phrase("finding_number_as_text", text=repr(error["input"]))
    if kind == "literal_error":
        return phrase("finding_one_of", allowed=", ".join(re.findall(r"'[^']*'", context.get("expected", ""))))
    if kind in _LIMITS and _LIMITS[kind][1] in context:
        key, limit = _LIMITS[kind]
        return phrase(key, limit=context[limit])
    if kind in _PLAIN:
        return phrase(_PLAIN[kind])
    return phrase("finding_schema_says", detail=error["msg"])


def _schema_findings(doc: YamlDocument, base: tuple, exc: ValidationError, entry: Any) -> list[Finding]:
    name = display_path(doc.path)
    findings = []
    seen: set[tuple] = set()
    entry_id = entry.get("id") if isinstance(entry, dict) else None
    figures = (str(entry_id),) if base[0] == "figures" and entry_id else ()
    for error in exc.errors():
        loc = _data_loc(entry, error["loc"])
        said = _schema_phrase(error)
        if (loc, said) in seen:  # a union reports one error per alternative: one message is enough
            continue
        seen.add((loc, said))
        path = base + loc
        line, col = doc.position(path)
        findings.append(Finding(ERROR, said, name, line, col, dotted(path), figures))
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
