"""The tidy figures table: one row per figure, joined with its place, metric and source."""

from __future__ import annotations

import datetime as dt
import operator

import pandas as pd

from components.catalogue.facts import computed_rate, district_of, province_of, resolved_end
from components.catalogue.load import Catalogue, FigureRecord
from components.catalogue.schema import Source
from components.words.i18n import t
from components.words.languages import TRANSLATED, text_field
from components.words.periods import ISO_WORDS, published_words, time_words

CSV_COLUMNS = [
    "figure_id", "place_id", "place_name", "place_level", "parent_id", "province_id", "metric_id",
    "metric_label", "value", "denominator", "unit", "period_start", "period_end", "as_of", "source_id",
    "source_url", "documents",
]
NOTE_COLUMNS = [text_field("note", code) for code in TRANSLATED]  # a figure's note in each translation
EXTRA_COLUMNS = [
    "place_short_name", "place_status", "place_successor_id", "district_id", "lat", "lon", "metric_theme",
    "metric_kind", "metric_coverage", "short_unit", "decimals", "qualifier", "stated_rate", "computed_rate",
    "time_label", "time_key", "date_is_bound", "time_sort", "source_title", "source_publisher", "source_published",
    "languages", "note", *NOTE_COLUMNS,
]
COLUMNS = CSV_COLUMNS + EXTRA_COLUMNS


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


def figures_frame(catalogue: Catalogue) -> pd.DataFrame:
    """All figures whose place, metric and source are known, as a long-format DataFrame."""
    places, metrics, sources = catalogue.places, catalogue.metrics, catalogue.sources
    as_tuple = operator.itemgetter(*COLUMNS)
    place_columns: dict[str, dict] = {}  # what a place, metric or source contributes, once per id
    source_columns: dict[str, dict] = {}
    columns: list[list] = [[] for _ in COLUMNS]  # one list per column: no object per row kept (100,000 figures)
    appenders = [column.append for column in columns]
    for figure in catalogue.figures:
        place, metric, source = places.get(figure.place), metrics.get(figure.metric), sources.get(figure.source)
        if place is None or metric is None or source is None:
            continue
        if place.id not in place_columns:
            place_columns[place.id] = {
                "place_id": place.id, "place_name": place.name, "place_level": place.level,
                "parent_id": place.parent or "", "province_id": province_of(place.id, places) or "",
                "place_short_name": place.short_name, "place_status": place.status,
                "place_successor_id": place.successor or "", "district_id": district_of(place.id, places) or "",
                "lat": place.lat, "lon": place.lon}
        if source.id not in source_columns:
            source_columns[source.id] = {
                "source_id": source.id, "source_url": source.url or "",
                "documents": ";".join(d.file for d in source.documents), "source_title": source.title,
                "source_publisher": source.publisher or "",
                "source_published": published_words(source.published, ISO_WORDS),
                "languages": ";".join(d.language for d in source.documents)}
        rate = computed_rate(figure.value, figure.denominator) if figure.denominator else None
        row = as_tuple({
            "figure_id": figure.id, **place_columns[place.id], "metric_id": metric.id,
            "metric_label": metric.label, "value": figure.value, "denominator": figure.denominator,
            "unit": metric.unit, **_time_columns(figure, source), **source_columns[source.id],
            "metric_theme": metric.theme, "metric_kind": metric.kind,
            "metric_coverage": metric.coverage, "short_unit": metric.short_unit, "decimals": metric.decimals,
            "qualifier": figure.qualifier or "", "stated_rate": figure.stated_rate, "computed_rate": rate,
            "note": figure.note or "", **{column: getattr(figure, column) or "" for column in NOTE_COLUMNS},
        })
        for append, value in zip(appenders, row, strict=True):
            append(value)
    frame = pd.DataFrame(dict(zip(COLUMNS, columns, strict=True)), columns=COLUMNS) if columns[0] \
        else pd.DataFrame(columns=COLUMNS)
    del columns, appenders
    frame["value"] = pd.to_numeric(frame["value"])
    frame["denominator"] = pd.to_numeric(frame["denominator"])
    return frame


def _plain_number(value) -> str:
    if value is None or pd.isna(value):
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# The CSV's columns after the documented ones; its names are stable identifiers in every language, its texts
# (labels, units, times, titles, notes) are in the reader's language when the rows carry them (views.display_rows)
CSV_CITATION_COLUMNS = ["source_title", "source_publisher", "qualifier", "stated_rate", "computed_rate",
                        "time_label", "note", "page_url"]
# a CSV column and the display column holding its text in the reader's language
WORDED_COLUMNS = {"place_name": "place_name_text", "metric_label": "metric_name", "unit": "unit_name",
                  "time_label": "time_text", "note": "note_text", "source_title": "source_title_text",
                  "source_publisher": "source_publisher_text"}
EXCEL_ENCODING = "utf-8-sig"  # with a byte-order mark: Excel on Windows then reads UTF-8, not cp1252


def csv_frame(frame: pd.DataFrame, lang: str = "en", page_url: str = "") -> pd.DataFrame:
    """The figures CSV: the documented columns first, then the source's title and publisher, qualifier, rates,
    the time as words, the figure's note and the address of the page it was downloaded from. Texts are in
    `lang` where `frame` has display rows' words; a source without a URL says so in words."""
    out = frame[[c for c in CSV_COLUMNS + CSV_CITATION_COLUMNS if c != "page_url"]].copy()
    for column, worded in WORDED_COLUMNS.items():
        if worded in frame.columns:
            out[column] = frame[worded]
    out["source_publisher"] = out["source_publisher"].replace("", t("publisher_not_named", lang))
    out["source_url"] = out["source_url"].replace("", t("csv_no_url", lang))
    for column in ("value", "denominator", "stated_rate"):
        out[column] = out[column].map(_plain_number)
    out["computed_rate"] = out["computed_rate"].map(lambda v: "" if pd.isna(v) else f"{v:.2f}")
    out["page_url"] = page_url
    return out


def csv_bytes(frame: pd.DataFrame, excel: bool = False) -> bytes:
    """A CSV frame as UTF-8 bytes, with the byte-order mark Excel needs to read it as UTF-8 when `excel`."""
    text = frame.to_csv(index=False, lineterminator="\r\n" if excel else "\n")
    return text.encode(EXCEL_ENCODING if excel else "utf-8")
