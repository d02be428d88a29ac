"""The tidy figures table: one row per figure, joined with its place, metric and source."""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.catalogue.load import Catalogue
from components.table.rows import (
    CATEGORICAL_COLUMNS,
    COLUMNS,
    CSV_COLUMNS,
    FIGURE_PART,
    SHARED_PARTS,
    EncodedRows,
    encode_rows,
)
from components.words.i18n import t


def figures_frame(catalogue: Catalogue) -> pd.DataFrame:
    """All figures whose place, metric and source are known, as a long-format DataFrame."""
    return frame_of(encode_rows(catalogue))


def frame_of(encoded: EncodedRows) -> pd.DataFrame:
    """The tidy frame of rows encoded by components.table.rows.encode_rows (in this process or in the child that
    read the catalogue): a shared part's column is its distinct values taken at the rows' positions, so no
    Python object per row is made for it."""
    if not encoded.rows:
        frame = pd.DataFrame(columns=COLUMNS)
    else:
        columns: dict = dict(zip(FIGURE_PART, encoded.own, strict=True))
        for names, parts, positions in zip(SHARED_PARTS, encoded.parts, encoded.positions, strict=True):
            at = np.frombuffer(positions, dtype=np.intc)
            for column, name in enumerate(names):
                values = [part[column] for part in parts]
                if name in CATEGORICAL_COLUMNS:  # as .astype("category") of the whole column: sorted categories
                    distinct = pd.Categorical(values)
                    columns[name] = pd.Categorical.from_codes(distinct.codes[at], dtype=distinct.dtype)
                else:
                    columns[name] = pd.Series(values).array.take(at)
        frame = pd.DataFrame(columns, columns=COLUMNS)
        del columns
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
    for column in out.columns:  # categorical text (CATEGORICAL_COLUMNS) as plain text, which `replace` below edits
        if isinstance(out[column].dtype, pd.CategoricalDtype):
            out[column] = out[column].astype(out[column].cat.categories.dtype)
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
