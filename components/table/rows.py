"""The tidy table's rows without pandas: what each figure's row holds, and those rows in a compact form.

The child process that reads a large catalogue (components/table/index_from_file.py) imports this and not pandas (with
pyarrow and numpy, much of a process's memory before it reads anything). It hands the rows back as each
column's distinct values and, per row, the position of its value in them: places, metrics, sources and times
repeat on thousands of rows, so this is far smaller than the frame. The server makes the frame
from them (components.table.tidy.frame_of).
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from components.catalogue.changes import CHANGE_KINDS
from components.catalogue.facts import computed_rate, district_of, province_of, resolved_end
from components.words.languages import TRANSLATED, text_field
from components.words.periods import ISO_WORDS, published_words, time_words

if TYPE_CHECKING:
    from components.catalogue.load import Catalogue, FigureRecord
    from components.catalogue.schema import Source

CSV_COLUMNS = [
    "figure_id", "place_id", "place_name", "place_level", "parent_id", "province_id", "metric_id",
    "metric_label", "value", "denominator", "unit", "period_start", "period_end", "as_of", "source_id",
    "source_url", "documents",
]
NOTE_COLUMNS = [text_field("note", code) for code in TRANSLATED]  # a figure's note in each translation
EXTRA_COLUMNS = [
    "place_short_name", "place_status", "place_successor_id", "district_id", "lat", "lon", "metric_theme",
    "metric_kind", "metric_coverage", "short_unit", "decimals", "qualifier", "stated_rate", "computed_rate",
    "part_of", "time_label", "time_key", "date_is_bound", "time_sort", "source_title", "source_publisher",
    "source_published", "languages", "note", *NOTE_COLUMNS, "also_in", "compared_start", "compared_end",
]
COLUMNS = CSV_COLUMNS + EXTRA_COLUMNS

# A row is made of parts: the figure's own values, then what its place, metric, time and source contribute. The
# last four are the same tuple for every row that shares them, so they are stored once each.
# `also_in`: the other sources that report the figure, their ids joined by ';'; `compared_*`: for a change
# (components/catalogue/changes.py), the ISO dates of the period it is measured against
FIGURE_PART = ["figure_id", "value", "denominator", "qualifier", "stated_rate", "computed_rate", "part_of", "note",
               *NOTE_COLUMNS, "also_in", "compared_start", "compared_end"]
PLACE_PART = ["place_id", "place_name", "place_level", "parent_id", "province_id", "place_short_name",
              "place_status", "place_successor_id", "district_id", "lat", "lon"]
METRIC_PART = ["metric_id", "metric_label", "unit", "metric_theme", "metric_kind", "metric_coverage",
               "short_unit", "decimals"]
TIME_PART = ["period_start", "period_end", "as_of", "time_label", "time_key", "date_is_bound", "time_sort"]
SOURCE_PART = ["source_id", "source_url", "documents", "source_title", "source_publisher", "source_published",
               "languages"]


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else ""


def _date_text(value, source: Source) -> tuple[str, bool]:
    """ISO date, or for a publication date known only within bounds the ISO interval 'start/end'."""
    if value == "publication" and not isinstance(source.published, dt.date):
        bounds = source.published
        return f"{bounds.not_before.isoformat()}/{bounds.not_after.isoformat()}", True
    return resolved_end(value, source).isoformat(), False


def _time_columns(figure: FigureRecord, source: Source) -> dict:
    if figure.as_of is not None:
        as_of, is_bound = _date_text(figure.as_of, source)
        return {"period_start": "", "period_end": "", "as_of": as_of,
                "time_label": time_words(as_of, "", "", is_bound, ISO_WORDS),
                "time_key": f"as of {as_of}", "date_is_bound": is_bound,
                "time_sort": resolved_end(figure.as_of, source).isoformat()}
    start = figure.period.start
    end, is_bound = _date_text(figure.period.end, source)
    return {"period_start": _iso(start), "period_end": end, "as_of": "",
            "time_label": time_words("", _iso(start), end, is_bound, ISO_WORDS), "time_key": f"{_iso(start)}..{end}",
            "date_is_bound": is_bound, "time_sort": resolved_end(figure.period.end, source).isoformat()}


def row_parts(catalogue: Catalogue) -> Iterator[tuple[tuple, tuple, tuple, tuple, tuple]]:
    """Per figure whose place, metric and source are known, in catalogue order: its own values and the parts its
    place, metric, time and source contribute (in the order of FIGURE_PART, …, SOURCE_PART). A shared part is
    the same tuple object for every row it is in."""
    places, metrics, sources = catalogue.places, catalogue.metrics, catalogue.sources
    place_parts: dict[str, tuple] = {}
    metric_parts: dict[str, tuple] = {}
    source_parts: dict[str, tuple] = {}
    time_parts: dict[tuple, tuple] = {}
    for figure in catalogue.figures:
        place, metric, source = places.get(figure.place), metrics.get(figure.metric), sources.get(figure.source)
        if place is None or metric is None or source is None:
            continue
        place_part = place_parts.get(place.id)
        if place_part is None:
            place_part = place_parts[place.id] = (
                place.id, place.name, place.level, place.parent or "", province_of(place.id, places) or "",
                place.short_name, place.status, place.successor or "", district_of(place.id, places) or "",
                place.lat, place.lon)
        metric_part = metric_parts.get(metric.id)
        if metric_part is None:
            metric_part = metric_parts[metric.id] = (
                metric.id, metric.label, metric.unit, metric.theme, metric.kind, metric.coverage,
                metric.short_unit, metric.decimals)
        source_part = source_parts.get(source.id)
        if source_part is None:
            source_part = source_parts[source.id] = (
                source.id, source.url or "", ";".join(d.file for d in source.documents), source.title,
                source.publisher or "", published_words(source.published, ISO_WORDS),
                ";".join(d.language for d in source.documents))
        time_of = (figure.as_of, figure.period, source.id)
        time_part = time_parts.get(time_of)
        if time_part is None:
            time_part = time_parts[time_of] = tuple(_time_columns(figure, source)[c] for c in TIME_PART)
        rate = computed_rate(figure.value, figure.denominator) if figure.denominator else None
        also_in = ";".join(a.source for a in figure.also_in or () if a.source in sources and a.source != source.id)
        compared = figure.change.compared_with if figure.change is not None and metric.kind in CHANGE_KINDS else None
        own = (figure.id, figure.value, figure.denominator, figure.qualifier or "", figure.stated_rate, rate,
               figure.part_of or "", figure.note or "", *(getattr(figure, column) or "" for column in NOTE_COLUMNS),
               also_in, _iso(compared.start) if compared else "", _iso(compared.end) if compared else "")
        yield own, place_part, metric_part, time_part, source_part


SHARED_PARTS = (PLACE_PART, METRIC_PART, TIME_PART, SOURCE_PART)
# Text columns of the shared parts that the pages only read (a value, an `isin`, the CSV): categorical in the frame,
# a small code per row instead of the text. Columns the pages group, sort or
# compare by stay text.
CATEGORICAL_COLUMNS = frozenset({
    "place_status", "place_successor_id", "district_id", "metric_label", "unit", "metric_kind", "short_unit",
    "period_end", "time_label", "source_url", "documents", "source_title", "source_publisher", "source_published",
    "languages"})


@dataclass(frozen=True)
class EncodedRows:
    """The tidy table in a compact form: the figures' own columns (FIGURE_PART) as one list of values each, and
    for each shared part (place, metric, time, source) its distinct tuples and, per row, the position of the
    row's tuple among them (C ints)."""

    rows: int
    own: tuple[list, ...]
    parts: tuple[list[tuple], ...]
    positions: tuple[array, ...]


def encode_rows(catalogue: Catalogue) -> EncodedRows:
    """Every figure's row (row_parts), its shared parts stored once each."""
    own: list[list] = [[] for _ in FIGURE_PART]
    appenders = [column.append for column in own]
    parts: list[list[tuple]] = [[] for _ in SHARED_PARTS]
    positions = [array("i") for _ in SHARED_PARTS]
    position_of: list[dict[int, int]] = [{} for _ in SHARED_PARTS]  # id of a part tuple -> its position
    rows = 0
    for values, *shared in row_parts(catalogue):
        for append, value in zip(appenders, values, strict=True):
            append(value)
        for kind, part in enumerate(shared):
            found = position_of[kind].get(id(part))
            if found is None:  # a new part: kept in `parts`, so its id stays its own while we encode
                found = position_of[kind][id(part)] = len(parts[kind])
                parts[kind].append(part)
            positions[kind].append(found)
        rows += 1
    return EncodedRows(rows, tuple(own), tuple(parts), tuple(positions))
