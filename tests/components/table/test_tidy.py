"""The tidy figures table: one row per figure with its place, province, metric, period and source."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
import yaml
from checks_helpers import edited_valid_catalogue

from components.catalogue.load import BUNDLED_METRICS, load_catalogue
from components.table.tidy import COLUMNS, CSV_COLUMNS, csv_frame, figures_frame

ROOT = Path(__file__).resolve().parents[3]
CHECKS_DIR = ROOT / "tests" / "data" / "checks"
ISSUE_COLUMNS = ["figure_id", "place_id", "place_name", "place_level", "parent_id", "province_id", "metric_id",
                 "metric_label", "value", "denominator", "unit", "period_start", "period_end", "as_of",
                 "source_id", "source_url", "documents"]


@pytest.fixture(scope="module")
def fixture_frame() -> pd.DataFrame:
    return figures_frame(load_catalogue(CHECKS_DIR / "valid.yaml")).set_index("figure_id", drop=False)


def test_the_documented_columns_come_first():
    assert CSV_COLUMNS[: len(ISSUE_COLUMNS)] == ISSUE_COLUMNS
    assert COLUMNS[: len(CSV_COLUMNS)] == CSV_COLUMNS and len(set(COLUMNS)) == len(COLUMNS)


def test_one_row_per_figure_with_its_value(fixture_frame):
    raw = yaml.safe_load((CHECKS_DIR / "valid.yaml").read_text(encoding="utf-8"))["figures"]
    assert list(fixture_frame["figure_id"]) == [f["id"] for f in raw]
    for figure in raw:
        assert fixture_frame.loc[figure["id"], "value"] == figure["value"]
        assert fixture_frame.loc[figure["id"], "metric_id"] == figure["metric"]


def test_a_commune_row_knows_its_district_and_province(fixture_frame):
    row = fixture_frame.loc["ben-da-patrols-h1"]
    assert (row.place_id, row.place_name, row.place_level) == ("ben-da", "Xã Bến Đá", "ward")
    assert (row.parent_id, row.district_id, row.province_id) == ("doi-thong", "doi-thong", "song-xanh")
    province = fixture_frame.loc["song-xanh-patrols-h1"]
    assert (province.parent_id, province.province_id, province.district_id) == ("", "song-xanh", "")


def test_fractions_carry_the_computed_rate_and_other_figures_do_not(fixture_frame):
    row = fixture_frame.loc["song-xanh-cases-h1"]
    assert row.computed_rate == pytest.approx(100 * row.value / row.denominator)
    assert row.stated_rate == 90
    assert pd.isna(fixture_frame.loc["ben-da-patrols-h1", "computed_rate"])
    assert pd.isna(fixture_frame.loc["ben-da-patrols-h1", "denominator"])


def test_the_same_period_has_the_same_time_key(fixture_frame):
    assert fixture_frame.loc["song-xanh-patrols-h1", "time_key"] == fixture_frame.loc["ben-da-patrols-h1",
                                                                                       "time_key"]
    row = fixture_frame.loc["ben-da-patrols-h1"]
    assert (row.period_start, row.period_end, row.as_of) == ("2024-01-01", "2024-06-30", "")
    assert fixture_frame.loc["ben-da-lit-streets", "time_key"] != row.time_key


def test_as_of_publication_is_the_publication_date(fixture_frame):
    source = yaml.safe_load((CHECKS_DIR / "valid.yaml").read_text(encoding="utf-8"))["sources"][0]
    row = fixture_frame.loc["ben-da-lit-streets"]
    assert row.as_of == source["published"].isoformat()
    assert not row.date_is_bound and row.time_sort == row.as_of


def test_a_publication_date_known_within_bounds_is_written_as_an_interval(tmp_path):
    path = edited_valid_catalogue(tmp_path, {"    published: 2024-07-15\n":
                            "    published: {not_before: 2024-07-01, not_after: 2024-07-31, basis: the text}\n"})
    frame = figures_frame(load_catalogue(path)).set_index("figure_id")
    row = frame.loc["ben-da-lit-streets"]
    assert row.as_of == "2024-07-01/2024-07-31" and row.date_is_bound
    assert "2024-07-01" in row.time_label and "2024-07-31" in row.time_label
    assert row.time_sort == "2024-07-31"


def test_documents_are_the_file_names_joined_by_semicolons(tmp_path):
    path = edited_valid_catalogue(tmp_path, {"      - file: gazette.txt\n        language: vi\n":
                            "      - file: gazette.txt\n        language: vi\n"
                            "      - file: gazette-en.txt\n        language: en\n"})
    frame = figures_frame(load_catalogue(path))
    assert set(frame["documents"]) == {"gazette.txt;gazette-en.txt"}
    assert set(frame["languages"]) == {"vi;en"}
    assert set(frame["source_url"]) == {"https://example.org/gazette/2024"}


def test_the_csv_writes_plain_numbers_and_blanks(fixture_frame):
    out = csv_frame(fixture_frame.reset_index(drop=True)).set_index("figure_id", drop=False)
    assert list(out.columns[: len(CSV_COLUMNS)]) == CSV_COLUMNS
    assert out.loc["ben-da-patrols-h1", "value"] == "30"
    assert out.loc["ben-da-patrols-h1", "denominator"] == ""
    assert out.loc["song-xanh-cases-h1", "denominator"] == "50"


def test_large_and_decimal_values_keep_every_digit_in_the_csv(tmp_path):
    path = edited_valid_catalogue(tmp_path, {"    value: 120\n": "    value: 200000000\n",
                                             "    value: 30\n": "    value: 12.5\n"})
    out = csv_frame(figures_frame(load_catalogue(path))).set_index("figure_id")
    assert out.loc["song-xanh-patrols-h1", "value"] == "200000000"
    assert out.loc["ben-da-patrols-h1", "value"] == "12.5"


def test_the_bundled_catalogue_gives_one_row_per_figure_with_its_source_documents():
    raw = yaml.safe_load(BUNDLED_METRICS.read_text(encoding="utf-8"))
    documents = {s["id"]: ";".join(d["file"] for d in s.get("documents", [])) for s in raw["sources"]}
    catalogue = load_catalogue(BUNDLED_METRICS)
    frame = figures_frame(catalogue).set_index("figure_id", drop=False)
    assert list(frame["figure_id"]) == [f.id for f in catalogue.figures]  # a stated change is a row of its own
    for figure in (f for f in raw["figures"] if "value" in f):
        row = frame.loc[figure["id"]]
        assert row.value == figure["value"] and row.documents == documents[figure["source"]]
        if isinstance(figure.get("as_of"), dt.date):
            assert row.as_of == figure["as_of"].isoformat()
    assert (frame["province_id"] != "").sum() == sum(frame["place_level"] != "group")


# ---- the CSV a reader downloads (issue 14) ------------------------------------------------------------------


def _bundled_csv(lang: str, page_url: str = "") -> pd.DataFrame:
    from components.views.display import display_rows

    catalogue = load_catalogue(BUNDLED_METRICS)
    return csv_frame(display_rows(figures_frame(catalogue), catalogue, lang), lang, page_url)


def test_the_excel_csv_keeps_vietnamese_names_when_read_as_excel_does():
    """Excel on Windows reads a file without a byte-order mark as cp1252 ('XÃ£ TrÃ¬ Quang'); with one, UTF-8."""
    import io

    from components.table.tidy import csv_bytes

    data = csv_bytes(_bundled_csv("en"), excel=True)
    assert data.startswith("\ufeff".encode())
    naive = data.decode("cp1252", errors="replace")
    assert "XÃ£ TrÃ¬ Quang" in naive, "the bytes are UTF-8, as cp1252 would misread them without the mark"
    read = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert "Xã Trì Quang" in set(read["place_name"]) and read.columns[0] == "figure_id"
    assert not csv_bytes(_bundled_csv("en")).startswith("\ufeff".encode())


def test_the_csv_cites_title_publisher_note_and_page_and_says_when_there_is_no_url():
    out = _bundled_csv("en", "http://localhost:8501/ward?ward=tri-quang-commune").set_index("figure_id")
    row = out.loc["cam-thinh-camera-cost"]
    assert row["source_url"] == "no URL: the source gives no address"
    assert row["source_publisher"] == "publisher not named"
    assert row["source_title"].startswith("Quảng Ninh police build")
    assert row["note"].startswith("Paid from residents' own money")
    assert set(out["page_url"]) == {"http://localhost:8501/ward?ward=tri-quang-commune"}
    cluster = out.loc["cluster4-cases-solved-h1-2024"]
    assert cluster["source_url"].startswith("https://") and cluster["source_publisher"] == "Báo Phú Thọ"
    assert cluster["place_name"] == "Emulation Cluster No. 4 (Ministry of Public Security)"


def test_the_vietnamese_csv_has_vietnamese_words_and_the_same_column_names():
    english, vietnamese = _bundled_csv("en"), _bundled_csv("vi")
    assert list(english.columns) == list(vietnamese.columns)
    row = vietnamese.set_index("figure_id").loc["ha-long-ward-population"]
    assert (row["metric_label"], row["unit"]) == ("Dân số", "người")
    assert row["time_label"].startswith("tính đến") and row["qualifier"] == "nearly"
    assert row["note"].startswith("Nguồn cho biết") and row["place_name"] == "Phường Hạ Long"
    assert vietnamese.set_index("figure_id").loc["cam-thinh-cameras", "source_url"] == (
        "không có URL: nguồn không cho địa chỉ")


# ---- the compact rows the child hands back (issue 18) -------------------------------------------------------


def _plain_frame(catalogue) -> pd.DataFrame:
    """The tidy frame made the plain way, one list of values per column (as figures_frame made it before the
    rows were encoded): the compact form must give exactly this."""
    from components.table.rows import CATEGORICAL_COLUMNS, FIGURE_PART, SHARED_PARTS, row_parts

    names = FIGURE_PART + [name for part in SHARED_PARTS for name in part]
    rows = [dict(zip(names, (value for part in parts for value in part), strict=True))
            for parts in row_parts(catalogue)]
    frame = pd.DataFrame({c: [row[c] for row in rows] for c in COLUMNS}, columns=COLUMNS) if rows \
        else pd.DataFrame(columns=COLUMNS)
    frame["value"] = pd.to_numeric(frame["value"])
    frame["denominator"] = pd.to_numeric(frame["denominator"])
    return frame.astype({name: "category" for name in CATEGORICAL_COLUMNS}) if rows else frame


EDITS = {
    "bounded publication": {"    published: 2024-07-15\n":
                            "    published: {not_before: 2024-07-01, not_after: 2024-07-31, basis: the text}\n"},
    "whole and decimal values": {"    value: 120\n": "    value: 200000000\n", "    value: 30\n": "    value: 12.5\n"},
    "two documents": {"      - file: gazette.txt\n        language: vi\n":
                      "      - file: gazette.txt\n        language: vi\n"
                      "      - file: gazette-en.txt\n        language: en\n"},
}


@pytest.mark.parametrize("edits", [None, *EDITS.values()], ids=["checks fixture", *EDITS])
def test_the_compact_rows_give_the_plain_frame(tmp_path, edits):
    from components.table.rows import encode_rows
    from components.table.tidy import frame_of

    catalogue = load_catalogue(edited_valid_catalogue(tmp_path, edits) if edits else CHECKS_DIR / "valid.yaml")
    pd.testing.assert_frame_equal(frame_of(encode_rows(catalogue)), _plain_frame(catalogue))


def test_the_bundled_catalogue_s_compact_rows_give_the_plain_frame_with_each_shared_part_once():
    from components.table.rows import encode_rows
    from components.table.tidy import frame_of

    catalogue = load_catalogue(BUNDLED_METRICS)
    encoded = encode_rows(catalogue)
    frame = frame_of(encoded)
    pd.testing.assert_frame_equal(frame, _plain_frame(catalogue))
    assert encoded.rows == len(frame) == len(catalogue.figures)
    places, metrics, times, sources = encoded.parts
    assert len(places) == frame["place_id"].nunique() and len(metrics) == frame["metric_id"].nunique()
    assert len(sources) == frame["source_id"].nunique()
    assert len(times) == len(frame[["time_key", "time_label", "source_id"]].drop_duplicates())


def test_a_catalogue_without_figures_gives_the_empty_frame(tmp_path):
    import dataclasses

    from components.table.rows import encode_rows
    from components.table.tidy import frame_of

    catalogue = dataclasses.replace(load_catalogue(CHECKS_DIR / "valid.yaml"), figures=[])
    encoded = encode_rows(catalogue)
    assert encoded.rows == 0
    pd.testing.assert_frame_equal(frame_of(encoded), _plain_frame(catalogue))
    assert list(frame_of(encoded).columns) == COLUMNS
