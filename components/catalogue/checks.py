"""Checks beyond the schema: references, duplicates, impossible values, hierarchy and stated rates."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from components.catalogue import changes
from components.catalogue.facts import ancestors, computed_rate, resolved_end
from components.catalogue.kinds import KINDS
from components.catalogue.schema import Locator, QuoteLocator
from components.findings import ERROR, WARNING, Finding
from components.reading.positions import YamlDocument
from components.reading.yaml_source import display_path
from components.words.i18n import Number, Phrase, phrase

if TYPE_CHECKING:
    from components.catalogue.load import Catalogue, FigureRecord
    from components.catalogue.schema import Place, Source

MAX_QUOTE_WORDS = 6  # a locator quotes the number with at most this many words: never a sentence of the article

# what each level of place may have above it: the rule, and the message when a place breaks it
PARENT_LEVELS = {"province": {None}, "district": {"province"}, "ward": {"district", "province"}, "group": {None}}
WRONG_PARENT_KEYS = {"province": "finding_province_has_parent", "district": "finding_district_parent",
                     "ward": "finding_ward_parent", "group": "finding_group_has_parent"}
CYCLE_KEYS = {"parent": "finding_parent_cycle", "successor": "finding_successor_cycle"}


def stated_decimals(rate: float) -> int:
    """Decimals the source wrote: 45 -> 0, 45.6 -> 1 (YAML keeps 89 an int and 89.0 a float)."""
    if isinstance(rate, int):
        return 0
    text = repr(float(rate))
    return 6 if "e" in text else min(len(text.partition(".")[2]), 6)


def rate_agrees(stated: float, computed: float) -> bool:
    """The computed rate rounds to the stated one at the stated precision (45 % for 45.18 % agrees; 45.1 does not)."""
    return abs(computed - stated) <= 0.5 * 10 ** -stated_decimals(stated) + 1e-9


def figure_time_key(figure: FigureRecord, source: Source | None) -> tuple:
    """What 'the same period' means when comparing figures: resolved start and end."""
    if figure.as_of is not None:
        return ("as_of", resolved_end(figure.as_of, source))
    return ("period", figure.period.start, resolved_end(figure.period.end, source))


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
        item_id = item_id.partition(changes.SEPARATOR)[0]  # a derived change is reported on its figure
        found = self._index.get(f"{section}/{item_id}", [])
        return found[min(occurrence, len(found) - 1)] if found else None

    def defined(self, section: str, item_id: str) -> bool:
        """The file has an entry with this id, even if it failed the schema (and is reported for that)."""
        return self.index_of(section, item_id) is not None

    def add(self, severity: str, said: Phrase, section: str, item_id: str, key: str | None = None,
            figures: tuple[str, ...] = (), occurrence: int = 0):
        index = self.index_of(section, item_id, occurrence)
        path = (section, index) + ((key,) if key else ()) if index is not None else (section,)
        line, col = self.doc.position(path)
        field_path = f"{section}[{index}]" + (f".{key}" if key else "") if index is not None else section
        self.findings.append(Finding(severity, said, self.name, line, col, field_path, figures))


def run_all(catalogue: Catalogue, doc: YamlDocument) -> list[Finding]:
    report = _Reporter(doc)
    _check_references(catalogue, report)
    _check_sources(catalogue, report)
    _check_figure_values(catalogue, report)
    _check_duplicates(catalogue, report)
    _check_children_within_parents(catalogue, report)
    _check_parts(catalogue, report)
    return report.findings


def _check_references(catalogue: Catalogue, report: _Reporter) -> None:
    for metric in catalogue.metrics.values():
        if catalogue.themes and metric.theme not in catalogue.themes and not report.defined("themes", metric.theme):
            report.add(ERROR, phrase("finding_unknown_theme", id=metric.theme),
                       "metrics", metric.id, "theme")
    for figure in catalogue.figures:
        for key, known, unknown, section in (("place", catalogue.places, "finding_unknown_place", None),
                                             ("metric", catalogue.metrics, "finding_unknown_metric", "metrics"),
                                             ("source", catalogue.sources, "finding_unknown_source", "sources")):
            ref = getattr(figure, key)
            if ref not in known and not (section and report.defined(section, ref)):
                report.add(ERROR, phrase(unknown, id=ref), "figures", figure.id, key, (figure.id,))
        source = catalogue.sources.get(figure.source)
        if source and figure.locator and _wrong_locator_kind(figure.locator, source):
            report.add(ERROR, phrase("finding_locator_kind"), "figures", figure.id, "locator", (figure.id,))
        elif figure.locator and source and isinstance(figure.locator, Locator) \
                and figure.locator.document not in {d.file for d in source.documents}:
            report.add(ERROR, phrase("finding_locator_document", file=figure.locator.document, source=source.id,
                                     files=", ".join(d.file for d in source.documents)),
                       "figures", figure.id, "locator", (figure.id,))


def _wrong_locator_kind(locator, source: Source) -> bool:
    return isinstance(locator, Locator) == (not source.documents)


def quote_words(quote: str) -> int:
    """Words of a quote besides its numbers ('hơn 55.000 mắt camera' has three)."""
    return sum(1 for word in quote.split() if not any(c.isdigit() for c in word) and any(c.isalpha() for c in word))


def _quotes(locator) -> list:
    return [locator, *(locator.more or [])] if isinstance(locator, QuoteLocator) else []


def change_and_quote_findings(catalogue: Catalogue, doc: YamlDocument) -> list[Finding]:
    """A change must be over a period and against the same period a year earlier; a quote holds at most six words."""
    report = _Reporter(doc)
    for figure in catalogue.figures:
        ids = (figure.id,)
        for entry in [figure.locator, *(a.locator for a in figure.also_in or ())]:
            for quote in _quotes(entry):
                if quote_words(quote.quote) > MAX_QUOTE_WORDS:
                    report.add(ERROR, phrase("finding_quote_too_long", words=quote_words(quote.quote)),
                               "figures", figure.id, "locator", ids)
        if figure.change is None:
            continue
        if figure.period is None:
            report.add(ERROR, phrase("finding_change_needs_period"), "figures", figure.id, "change", ids)
        elif not changes.is_year_on_year(figure):
            start, end = changes.expected_comparison(figure)
            expected = "..".join(d.isoformat() for d in (start, end) if d) if start else "?"
            report.add(ERROR, phrase("finding_change_not_a_year_earlier", expected=expected),
                       "figures", figure.id, "change", ids)
    return report.findings


def _check_sources(catalogue: Catalogue, report: _Reporter) -> None:
    files: dict[str, str] = {}
    for source in catalogue.sources.values():
        if source.published_not_before > source.published_not_after:
            report.add(ERROR, phrase("finding_bounds_reversed"),
                       "sources", source.id, "published")
        if source.accessed < source.published_not_before:
            report.add(ERROR, phrase("finding_accessed_before_published"), "sources", source.id, "accessed")
        if source.publisher is None and source.publisher_note is None:
            report.add(ERROR, phrase("finding_no_publisher"),
                       "sources", source.id, "publisher")
        for document in source.documents:
            if document.file in files and files[document.file] != source.id:
                report.add(ERROR, phrase("finding_document_cited_twice", file=document.file,
                                         source=files[document.file]), "sources", source.id, "documents")
            files[document.file] = source.id


def _check_figure_values(catalogue: Catalogue, report: _Reporter) -> None:
    for figure in catalogue.figures:
        metric = catalogue.metrics.get(figure.metric)
        kind = KINDS[metric.kind] if metric else None
        source = catalogue.sources.get(figure.source)
        ids = (figure.id,)
        if kind and kind.non_negative and figure.value < 0:
            report.add(ERROR, phrase("finding_negative", value=figure.value, kind=phrase(kind.name_key)),
                       "figures", figure.id, "value", ids)
        if kind and kind.whole_numbers and metric.decimals == 0:
            for key in ("value", "denominator"):
                number = getattr(figure, key)
                if number is not None and number != int(number):
                    text = repr(number)
                    said = (phrase("finding_count_with_thousands_dot", field=key, text=text,
                                   whole=text.replace(".", "")) if len(text.partition(".")[2]) == 3
                            else phrase("finding_count_with_decimals", field=key, text=text))
                    report.add(ERROR, said, "figures", figure.id, key, ids)
        if kind and kind.value_range and not kind.value_range[0] <= figure.value <= kind.value_range[1]:
            report.add(ERROR, phrase("finding_percent_out_of_range", value=figure.value), "figures", figure.id,
                       "value", ids)
        if figure.stated_rate is not None and not 0 <= figure.stated_rate <= 100:
            report.add(ERROR, phrase("finding_rate_out_of_range", rate=figure.stated_rate), "figures", figure.id,
                       "stated_rate", ids)
        if figure.denominator is not None:
            _check_fraction(figure, report)
        if figure.period is not None and figure.period.start is not None:
            end = resolved_end(figure.period.end, source)
            if end is not None and end < figure.period.start:
                reversed_key = ("finding_period_reversed" if isinstance(figure.period.end, dt.date)
                                else "finding_period_ends_at_publication_before_start")
                report.add(ERROR, phrase(reversed_key, end=end, start=figure.period.start),
                           "figures", figure.id, "period", ids)


def _check_fraction(figure: FigureRecord, report: _Reporter) -> None:
    ids = (figure.id,)
    if figure.denominator <= 0:
        report.add(ERROR, phrase("finding_whole_not_positive", whole=figure.denominator), "figures", figure.id,
                   "denominator", ids)
        return
    if figure.value > figure.denominator:
        report.add(ERROR, phrase("finding_part_larger_than_whole", part=Number(figure.value),
                                 whole=Number(figure.denominator)), "figures", figure.id, "value", ids)
    if figure.stated_rate is not None:
        rate = computed_rate(figure.value, figure.denominator)
        if not rate_agrees(figure.stated_rate, rate):
            report.add(WARNING, phrase("finding_rate_disagrees", stated=Number(figure.stated_rate, 1),
                                       part=Number(figure.value), whole=Number(figure.denominator),
                                       rate=Number(rate, 1)), "figures", figure.id, "stated_rate", ids)


def _check_duplicates(catalogue: Catalogue, report: _Reporter) -> None:
    seen_ids: dict[str, int] = {}
    seen_keys: dict[tuple, str] = {}
    by_id: dict[str, FigureRecord] = {}
    for figure in catalogue.figures:
        occurrence = seen_ids.get(figure.id, 0)  # a repeated id is reported where it is repeated
        if occurrence:
            report.add(ERROR, phrase("finding_figure_id_twice", id=figure.id), "figures", figure.id, "id", (figure.id,),
                       occurrence=occurrence)
        seen_ids[figure.id] = occurrence + 1
        key = (figure.place, figure.metric,
               figure_time_key(figure, catalogue.sources.get(figure.source)))
        if key in seen_keys:
            first = seen_keys[key]
            other = by_id.get(first)
            if other is not None and other.source != figure.source and other.value != figure.value:
                # two articles disagree: both stay, and the Data quality page shows the pair with its sources
                value, other_value = (Number(v, stated_decimals(v)) for v in (figure.value, other.value))
                report.add(WARNING, phrase("finding_same_figure_other_value", place=figure.place,
                                           metric=figure.metric, time=_time_text(key[2]), value=value,
                                           other=other_value, other_id=first, other_source=other.source),
                           "figures", figure.id, "value", (first, figure.id), occurrence=occurrence)
            else:
                report.add(ERROR, phrase("finding_same_figure_twice", first=first, metric=figure.metric,
                                         place=figure.place), "figures", figure.id, None, (first, figure.id),
                           occurrence=occurrence)
        else:
            seen_keys[key] = figure.id
            by_id[figure.id] = figure


def _check_parts(catalogue: Catalogue, report: _Reporter) -> None:
    """A figure said to be part of another: that one exists, measures the same thing over the same time, and
    its place contains this figure's place."""
    by_id = {figure.id: figure for figure in catalogue.figures}
    for figure in catalogue.figures:
        if figure.part_of is None:
            continue
        whole = by_id.get(figure.part_of)
        if whole is None:
            said = phrase("finding_part_of_unknown", id=figure.part_of)
        elif (whole.metric, figure_time_key(whole, catalogue.sources.get(whole.source))) != \
                (figure.metric, figure_time_key(figure, catalogue.sources.get(figure.source))):
            said = phrase("finding_part_of_other_measure", id=whole.id)
        elif figure.place in catalogue.places and whole.place not in ancestors(figure.place, catalogue.places):
            said = phrase("finding_part_of_not_around", id=whole.id, place=whole.place, part=figure.place)
        else:
            continue
        report.add(ERROR, said, "figures", figure.id, "part_of", (figure.id,))


def _time_text(key: tuple) -> str:
    return ("as of " if key[0] == "as_of" else "") + "..".join(d.isoformat() if d else "?" for d in key[1:])


def _check_children_within_parents(catalogue: Catalogue, report: _Reporter) -> None:
    by_key: dict[tuple, FigureRecord] = {}
    for figure in catalogue.figures:
        metric = catalogue.metrics.get(figure.metric)
        if metric is None or not KINDS[metric.kind].summable or figure.place not in catalogue.places:
            continue
        by_key[(figure.place, figure.metric,
                figure_time_key(figure, catalogue.sources.get(figure.source)))] = figure
    for (place, metric_id, time_key), figure in by_key.items():
        for ancestor in ancestors(place, catalogue.places):
            parent_figure = by_key.get((ancestor, metric_id, time_key))
            if parent_figure is not None and figure.value > parent_figure.value:
                report.add(ERROR, phrase("finding_child_above_parent", place=place, value=Number(figure.value),
                                         parent=ancestor, parent_value=Number(parent_figure.value),
                                         metric=metric_id), "figures", figure.id, "value",
                           (figure.id, parent_figure.id))


def place_findings(places: dict[str, Place], doc: YamlDocument) -> list[Finding]:
    """Checks on the places file: references, hierarchy cycles and level rules."""
    report = _Reporter(doc)
    for place in places.values():
        if place.parent is not None and place.parent not in places:
            report.add(ERROR, phrase("finding_unknown_parent", id=place.parent), "places", place.id, "parent")
        elif (places[place.parent].level if place.parent else None) not in PARENT_LEVELS[place.level]:
            report.add(ERROR, phrase(WRONG_PARENT_KEYS[place.level]), "places", place.id, "parent")
        if place.successor is not None and place.successor not in places:
            report.add(ERROR, phrase("finding_unknown_successor", id=place.successor), "places", place.id,
                       "successor")
        if place.status == "former" and place.ended is None:
            report.add(ERROR, phrase("finding_former_without_end"), "places",
                       place.id, "ended")
        for member in place.members or ():
            if member not in places:
                report.add(ERROR, phrase("finding_unknown_member", id=member), "places", place.id, "members")
            elif places[member].level != "province":
                report.add(ERROR, phrase("finding_member_not_province", id=member), "places", place.id, "members")
        if place.level != "group" and (place.lat is None or place.lon is None):
            report.add(ERROR, phrase("finding_no_coordinates"), "places", place.id, "lat")
        for said in _member_overlaps(place.members or [], places):
            report.add(ERROR, said, "places", place.id, "members")
    report.findings += _cycle_findings(places, report)
    return report.findings


def _successors(place_id: str, places: dict[str, Place]) -> list[str]:
    """The unit that took a place over, the one that took that over, … (stops at a cycle)."""
    chain, node = [], places[place_id].successor if place_id in places else None
    while node and node in places and node not in chain and node != place_id:
        chain.append(node)
        node = places[node].successor
    return chain


def _member_overlaps(members: list[str], places: dict[str, Place]) -> list[Phrase]:
    """A group's members that count the same ground twice: listed twice, or one the 2025 successor of another
    (Phú Thọ beside Vĩnh Phúc, which it took over and so contains). Members are provinces, which have no
    parent: succession is the only way one holds another."""
    found = [phrase("finding_member_twice", id=m) for i, m in enumerate(members) if m in members[:i]]
    for member in dict.fromkeys(members):
        took_over = _successors(member, places)
        found += [phrase("finding_members_overlap", member=member, other=other)
                  for other in dict.fromkeys(members) if other in took_over]
    return found


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
                report.add(ERROR, phrase(CYCLE_KEYS[link], chain=" -> ".join(cycle + [node])),
                           "places", node, link)
                found.append(report.findings.pop(before))
    return found
