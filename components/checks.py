"""Checks beyond the schema: references, duplicates, impossible values, hierarchy and stated rates."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from components.findings import ERROR, WARNING, Finding
from components.yaml_source import YamlDocument, display_path

if TYPE_CHECKING:
    from components.catalogue import Catalogue
    from components.schema import Figure, Place, Source

NON_NEGATIVE_KINDS = {"count", "money", "years"}


def fmt_number(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}"


def computed_rate(value: float, denominator: float) -> float | None:
    return None if not denominator else 100.0 * value / denominator


def stated_decimals(rate: float) -> int:
    """Decimals the source wrote: 89 -> 0, 89.1 -> 1 (YAML keeps 89 an int and 89.0 a float)."""
    if isinstance(rate, int):
        return 0
    text = repr(float(rate))
    return 6 if "e" in text else min(len(text.partition(".")[2]), 6)


def rate_agrees(stated: float, computed: float) -> bool:
    """The computed rate rounds to the stated one at the stated precision (89 % for 89.18 % agrees; 89.1 does not)."""
    return abs(computed - stated) <= 0.5 * 10 ** -stated_decimals(stated) + 1e-9


def resolved_end(end, source: Source | None) -> dt.date | None:
    """A date, or for 'publication' the latest date the source can have been published."""
    if isinstance(end, dt.date):
        return end
    return source.published_not_after if source else None


def figure_time_key(figure: Figure, source: Source | None) -> tuple:
    """What 'the same period' means when comparing figures: resolved start and end."""
    if figure.as_of is not None:
        return ("as_of", resolved_end(figure.as_of, source))
    return ("period", figure.period.start, resolved_end(figure.period.end, source))


def ancestors(place_id: str, places: dict[str, Place]) -> list[str]:
    chain, seen = [], {place_id}
    parent = places[place_id].parent if place_id in places else None
    while parent and parent in places and parent not in seen:
        chain.append(parent)
        seen.add(parent)
        parent = places[parent].parent
    return chain


class _Reporter:
    def __init__(self, doc: YamlDocument):
        self.doc = doc
        self.name = display_path(doc.path)
        self.findings: list[Finding] = []
        self._index: dict[str, list[int]] | None = None

    def index_of(self, section: str, item_id: str, occurrence: int = 0) -> int | None:
        """Position in the file's list of the entry with this id (its n-th occurrence when repeated)."""
        if self._index is None:
            self._index = {}
            for sec in ("figures", "sources", "metrics", "themes", "places"):
                entries = self.doc.data.get(sec)
                for i, entry in enumerate(entries if isinstance(entries, list) else ()):
                    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                        self._index.setdefault(f"{sec}/{entry['id']}", []).append(i)
        found = self._index.get(f"{section}/{item_id}", [])
        return found[min(occurrence, len(found) - 1)] if found else None

    def defined(self, section: str, item_id: str) -> bool:
        """The file has an entry with this id, even if it failed the schema (and is reported for that)."""
        return self.index_of(section, item_id) is not None

    def add(self, severity: str, message: str, section: str, item_id: str, key: str | None = None,
            figures: tuple[str, ...] = (), occurrence: int = 0, message_key: str = "",
            numbers: tuple[tuple[str, float, int], ...] = ()):
        index = self.index_of(section, item_id, occurrence)
        path = (section, index) + ((key,) if key else ()) if index is not None else (section,)
        line, col = self.doc.position(path)
        field_path = f"{section}[{index}]" + (f".{key}" if key else "") if index is not None else section
        self.findings.append(Finding(severity, message, self.name, line, col, field_path, figures, message_key,
                                     numbers))


def run_all(catalogue: Catalogue, doc: YamlDocument) -> list[Finding]:
    report = _Reporter(doc)
    _check_references(catalogue, report)
    _check_sources(catalogue, report)
    _check_figure_values(catalogue, report)
    _check_duplicates(catalogue, report)
    _check_children_within_parents(catalogue, report)
    return report.findings


def _check_references(catalogue: Catalogue, report: _Reporter) -> None:
    for metric in catalogue.metrics.values():
        if catalogue.themes and metric.theme not in catalogue.themes and not report.defined("themes", metric.theme):
            report.add(ERROR, f"unknown theme '{metric.theme}': add it under 'themes' or fix the id",
                       "metrics", metric.id, "theme")
    for figure in catalogue.figures:
        for key, known, what, section in (("place", catalogue.places, "place (see the places file)", None),
                                          ("metric", catalogue.metrics, "metric", "metrics"),
                                          ("source", catalogue.sources, "source", "sources")):
            ref = getattr(figure, key)
            if ref not in known and not (section and report.defined(section, ref)):
                report.add(ERROR, f"unknown {what} '{ref}'", "figures", figure.id, key, (figure.id,))


def _check_sources(catalogue: Catalogue, report: _Reporter) -> None:
    files: dict[str, str] = {}
    for source in catalogue.sources.values():
        if source.published_not_before > source.published_not_after:
            report.add(ERROR, "publication bounds are reversed: not_before is after not_after",
                       "sources", source.id, "published")
        if source.accessed < source.published_not_before:
            report.add(ERROR, "accessed before it was published", "sources", source.id, "accessed")
        if source.publisher is None and source.publisher_note is None:
            report.add(ERROR, "no publisher: name it, or say in 'publisher_note' why it is unknown",
                       "sources", source.id, "publisher")
        for document in source.documents:
            if document.file in files and files[document.file] != source.id:
                report.add(ERROR, f"document {document.file} is already cited by source "
                           f"'{files[document.file]}': one article is one source", "sources", source.id,
                           "documents")
            files[document.file] = source.id


def _check_figure_values(catalogue: Catalogue, report: _Reporter) -> None:
    for figure in catalogue.figures:
        metric = catalogue.metrics.get(figure.metric)
        source = catalogue.sources.get(figure.source)
        ids = (figure.id,)
        if metric and metric.kind in NON_NEGATIVE_KINDS and figure.value < 0:
            report.add(ERROR, f"negative value {figure.value} for a {metric.kind}", "figures", figure.id,
                       "value", ids)
        if metric and metric.kind == "count" and metric.decimals == 0:
            for key in ("value", "denominator"):
                number = getattr(figure, key)
                if number is not None and number != int(number):
                    text = repr(number)
                    hint = (f"if the source writes {text} with a dot between thousands, write {text.replace('.', '')}"
                            if len(text.partition(".")[2]) == 3 else "check the source")
                    report.add(ERROR, f"a count is a whole number, but {key} {text} has decimals: {hint}",
                               "figures", figure.id, key, ids)
        if metric and metric.kind == "percent" and not 0 <= figure.value <= 100:
            report.add(ERROR, f"percentage {figure.value} is outside 0-100", "figures", figure.id, "value", ids)
        if figure.stated_rate is not None and not 0 <= figure.stated_rate <= 100:
            report.add(ERROR, f"stated rate {figure.stated_rate} % is outside 0-100", "figures", figure.id,
                       "stated_rate", ids)
        if figure.denominator is not None:
            _check_fraction(figure, report)
        if figure.period is not None and figure.period.start is not None:
            end = resolved_end(figure.period.end, source)
            if end is not None and end < figure.period.start:
                what = "ends" if isinstance(figure.period.end, dt.date) else "ends (at the source's publication)"
                report.add(ERROR, f"the period {what} on {end} before it starts on {figure.period.start}",
                           "figures", figure.id, "period", ids)


def _check_fraction(figure: Figure, report: _Reporter) -> None:
    ids = (figure.id,)
    if figure.denominator <= 0:
        report.add(ERROR, f"denominator {figure.denominator} must be greater than 0", "figures", figure.id,
                   "denominator", ids)
        return
    if figure.value > figure.denominator:
        report.add(ERROR, f"the part ({fmt_number(figure.value)}) is larger than its whole "
                   f"({fmt_number(figure.denominator)})", "figures", figure.id, "value", ids)
    if figure.stated_rate is not None:
        rate = computed_rate(figure.value, figure.denominator)
        if not rate_agrees(figure.stated_rate, rate):
            report.add(WARNING, f"stated rate {figure.stated_rate:.1f} % disagrees with its fraction: "
                       f"{fmt_number(figure.value)} / {fmt_number(figure.denominator)} = {rate:.1f} % "
                       "(reported vs computed; keep the source's number, it is shown with both)",
                       "figures", figure.id, "stated_rate", ids, message_key="finding_rate_disagrees",
                       numbers=(("stated", figure.stated_rate, 1), ("part", figure.value, 0),
                                ("whole", figure.denominator, 0), ("rate", rate, 1)))


def _check_duplicates(catalogue: Catalogue, report: _Reporter) -> None:
    seen_ids: dict[str, int] = {}
    seen_keys: dict[tuple, str] = {}
    for figure in catalogue.figures:
        occurrence = seen_ids.get(figure.id, 0)  # a repeated id is reported where it is repeated
        if occurrence:
            report.add(ERROR, f"figure id '{figure.id}' is used twice", "figures", figure.id, "id", (figure.id,),
                       occurrence=occurrence)
        seen_ids[figure.id] = occurrence + 1
        key = (figure.place, figure.metric,
               figure_time_key(figure, catalogue.sources.get(figure.source)))
        if key in seen_keys:
            first = seen_keys[key]
            report.add(ERROR, f"the same figure twice: '{first}' already gives {figure.metric} for "
                       f"{figure.place} in the same period", "figures", figure.id, None, (first, figure.id),
                       occurrence=occurrence)
        else:
            seen_keys[key] = figure.id


def _check_children_within_parents(catalogue: Catalogue, report: _Reporter) -> None:
    by_key: dict[tuple, Figure] = {}
    for figure in catalogue.figures:
        metric = catalogue.metrics.get(figure.metric)
        if metric is None or metric.kind not in ("count", "money") or figure.place not in catalogue.places:
            continue
        by_key[(figure.place, figure.metric,
                figure_time_key(figure, catalogue.sources.get(figure.source)))] = figure
    for (place, metric_id, time_key), figure in by_key.items():
        for ancestor in ancestors(place, catalogue.places):
            parent_figure = by_key.get((ancestor, metric_id, time_key))
            if parent_figure is not None and figure.value > parent_figure.value:
                report.add(ERROR, f"{place} reports {fmt_number(figure.value)} but its parent {ancestor} "
                           f"reports only {fmt_number(parent_figure.value)} for {metric_id} in the same "
                           "period", "figures", figure.id, "value", (figure.id, parent_figure.id))


def place_findings(places: dict[str, Place], doc: YamlDocument) -> list[Finding]:
    """Checks on the places file: references, hierarchy cycles and level rules."""
    report = _Reporter(doc)
    parent_levels = {"province": {None}, "district": {"province"}, "ward": {"district", "province"},
                     "group": {None}}
    for place in places.values():
        if place.parent is not None and place.parent not in places:
            report.add(ERROR, f"unknown parent '{place.parent}'", "places", place.id, "parent")
        elif (places[place.parent].level if place.parent else None) not in parent_levels[place.level]:
            wanted = " or ".join(sorted(str(lv) for lv in parent_levels[place.level] if lv)) or "no parent"
            report.add(ERROR, f"a {place.level} needs {wanted} as parent", "places", place.id, "parent")
        if place.successor is not None and place.successor not in places:
            report.add(ERROR, f"unknown successor '{place.successor}'", "places", place.id, "successor")
        if place.status == "former" and place.ended is None:
            report.add(ERROR, "a former place needs 'ended' (the date it stopped existing)", "places",
                       place.id, "ended")
        for member in place.members or ():
            if member not in places:
                report.add(ERROR, f"unknown member '{member}'", "places", place.id, "members")
            elif places[member].level != "province":
                report.add(ERROR, f"member '{member}' is not a province", "places", place.id, "members")
        if place.level != "group" and (place.lat is None or place.lon is None):
            report.add(ERROR, "needs 'lat' and 'lon' for the map", "places", place.id, "lat")
    report.findings += _cycle_findings(places, report)
    return report.findings


def _cycle_findings(places: dict[str, Place], report: _Reporter) -> list[Finding]:
    found = []
    for link in ("parent", "successor"):
        reported: set[str] = set()
        for start in places:
            path, node = [], start
            while node in places and node not in path:
                path.append(node)
                node = getattr(places[node], link)
            if node in path and node not in reported:
                cycle = path[path.index(node):]
                reported.update(cycle)
                before = len(report.findings)
                report.add(ERROR, f"{link} links go round in a circle: " + " -> ".join(cycle + [node]),
                           "places", node, link)
                found.append(report.findings.pop(before))
    return found
