"""The command line as a curator and an analyst run it: exit codes, text and JSON findings, the figures CSV."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CHECKS_DIR = ROOT / "tests" / "data" / "checks"
BUNDLED = ROOT / "metrics.yaml"
CSV_HEADER = ["figure_id", "place_id", "place_name", "place_level", "parent_id", "province_id", "metric_id",
              "metric_label", "value", "denominator", "unit", "period_start", "period_end", "as_of", "source_id",
              "source_url", "documents"]
FINDING_KEYS = {"severity", "message", "file", "line", "figures"}


def run(*args: str, metrics_file: str | None = None) -> subprocess.CompletedProcess:
    """`python -m components ...` from the repository root, with METRICS_FILE set only when asked."""
    env = {k: v for k, v in os.environ.items() if k != "METRICS_FILE"}
    if metrics_file is not None:
        env["METRICS_FILE"] = metrics_file
    result = subprocess.run([sys.executable, "-m", "components", *args], cwd=ROOT, env=env, capture_output=True,
                            text=True, encoding="utf-8", timeout=120)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
    return result


def _raw(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _json_findings(result: subprocess.CompletedProcess) -> list[dict]:
    findings = json.loads(result.stdout)
    assert isinstance(findings, list)
    for finding in findings:
        assert set(finding) >= FINDING_KEYS, finding
        assert finding["severity"] in ("error", "warning") and isinstance(finding["figures"], list)
    return findings


def _disagreeing_rates(path: Path) -> dict[str, tuple[float, float]]:
    """Figures whose stated rate does not round to value / denominator at the precision it is written with."""
    found = {}
    for figure in _raw(path)["figures"]:
        stated = figure.get("stated_rate")
        if stated is None:
            continue
        decimals = 0 if isinstance(stated, int) else len(repr(float(stated)).partition(".")[2])
        computed = 100 * figure["value"] / figure["denominator"]
        if abs(computed - stated) > 0.5 * 10 ** -decimals + 1e-9:
            found[figure["id"]] = (stated, computed)
    return found


# ---- validate ---------------------------------------------------------------------------------------------

def test_validate_passes_the_bundled_catalogue_and_prints_its_rate_warning():
    expected = _disagreeing_rates(BUNDLED)
    assert expected, "the bundled sources state one rate that disagrees with its own fraction"
    text = run("validate")
    assert text.returncode == 0, text.stdout + text.stderr
    warnings = [line for line in text.stdout.splitlines() if ": warning" in line and "stated rate" in line]
    assert len(warnings) == len(expected), text.stdout
    for stated, computed in expected.values():
        assert any(f"{stated:.1f}" in line and f"{computed:.1f}" in line for line in warnings), text.stdout
    assert all(line.startswith("metrics.yaml:") for line in warnings)
    as_json = run("validate", "--format", "json")
    assert as_json.returncode == 0
    findings = _json_findings(as_json)
    rates = [f for f in findings if len(f["figures"]) == 1]  # the others name the two figures of articles that disagree
    assert {tuple(f["figures"]) for f in rates} == {(figure_id,) for figure_id in expected}
    assert all(f["severity"] == "warning" and f["file"] == "metrics.yaml" for f in findings)


BAD_FILES = sorted(p.name for p in CHECKS_DIR.glob("*.yaml") if p.name not in ("valid.yaml", "places.yaml",
                                                                                   "rate_disagrees.yaml"))


@pytest.mark.parametrize("name", BAD_FILES)
def test_validate_exits_1_and_lists_the_errors_of_each_bad_file_as_json(name):
    path = CHECKS_DIR / name
    result = run("validate", "--metrics", _rel(path), "--format", "json")
    assert result.returncode == 1
    errors = [f for f in _json_findings(result) if f["severity"] == "error"]
    assert errors
    assert all(Path(ROOT / f["file"]).resolve() == path.resolve() and isinstance(f["line"], int) for f in errors)


def test_several_problems_are_all_printed_in_one_run():
    path = CHECKS_DIR / "several_errors.yaml"
    result = run("validate", "--metrics", _rel(path))
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if ": error" in line]
    assert len(lines) >= 4
    assert all(line.startswith(f"{_rel(path)}:") for line in lines)
    assert "INVALID" in result.stderr


def test_a_rate_warning_alone_exits_0_with_the_warning_printed():
    path = CHECKS_DIR / "rate_disagrees.yaml"
    [(figure_id, (stated, computed))] = _disagreeing_rates(path).items()
    result = run("validate", "--metrics", _rel(path), "--format", "json")
    assert result.returncode == 0
    [finding] = _json_findings(result)
    assert finding["severity"] == "warning" and finding["figures"] == [figure_id]
    assert f"{stated:.1f}" in finding["message"] and f"{computed:.1f}" in finding["message"]
    text = run("validate", "--metrics", _rel(path))
    assert text.returncode == 0 and "warning" in text.stdout and f"{computed:.1f}" in text.stdout


@pytest.mark.parametrize("case", ["missing", "not-utf8", "folder"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_validate_exits_2_when_the_file_cannot_be_read(tmp_path, case, fmt):
    path = tmp_path / "catalogue.yaml"
    if case == "not-utf8":
        path.write_bytes((CHECKS_DIR / "valid.yaml").read_text(encoding="utf-8").encode("utf-16"))
    elif case == "folder":
        path.mkdir()
    result = run("validate", "--metrics", str(path), "--format", fmt)
    assert result.returncode == 2
    if fmt == "json":
        [finding] = _json_findings(result)
        assert finding["file"] == str(path) and finding["severity"] == "error"
    else:
        assert str(path) in result.stdout


# ---- figures ----------------------------------------------------------------------------------------------

def _csv_rows(result: subprocess.CompletedProcess) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(result.stdout))
    return list(reader.fieldnames or []), list(reader)


def test_figures_writes_one_csv_row_per_figure_with_the_documented_columns():
    result = run("figures")
    assert result.returncode == 0, result.stderr
    header, rows = _csv_rows(result)
    assert set(CSV_HEADER) <= set(header)
    raw = _raw(BUNDLED)
    rows = [row for row in rows if "~" not in row["figure_id"]]  # a stated change is a row of its own
    figures = [f for f in raw["figures"] if "value" in f]
    assert [row["figure_id"] for row in rows] == [f["id"] for f in figures]
    sources = {s["id"]: s for s in raw["sources"]}
    metrics = {m["id"]: m for m in raw["metrics"]}
    for row, figure in zip(rows, figures, strict=True):
        source = sources[figure["source"]]
        assert row["documents"] == ";".join(d["file"] for d in source.get("documents", []))
        assert row["source_url"] == (source.get("url") or "no URL: the source gives no address")
        assert row["source_title"] == source["title"]
        assert row["source_publisher"] == (source["publisher"] or "publisher not named")
        assert row["note"] == (figure.get("note") or "")
        assert row["place_id"] == figure["place"] and row["metric_id"] == figure["metric"]
        assert row["metric_label"] == metrics[figure["metric"]]["label"]
        assert float(row["value"]) == figure["value"]
        assert row["denominator"] == ("" if figure.get("denominator") is None else str(figure["denominator"]))
        assert bool(row["as_of"]) != bool(row["period_end"]), "either a date or a period"


def test_figures_in_vietnamese_word_labels_units_times_and_notes_in_vietnamese():
    result = run("figures", "--lang", "vi")
    assert result.returncode == 0, result.stderr
    header, rows = _csv_rows(result)
    assert header == _csv_rows(run("figures"))[0], "column names are stable identifiers in every language"
    raw = _raw(BUNDLED)
    metrics = {m["id"]: m for m in raw["metrics"]}
    rows = [row for row in rows if "~" not in row["figure_id"]]
    for row, figure in zip(rows, [f for f in raw["figures"] if "value" in f], strict=True):
        assert row["metric_label"] == metrics[figure["metric"]]["label_vi"]
        assert row["unit"] == metrics[figure["metric"]]["unit_vi"]
        assert row["note"] == (figure.get("note_vi") or "")
    addicts = next(row for row in rows if row["metric_id"] == "drug-addicts")
    assert addicts["time_label"].startswith("tính đến") and "(tiếng Anh)" not in addicts["note"]


def test_figures_is_plain_utf8_unless_asked_for_excel():
    plain = subprocess.run([sys.executable, "-m", "components", "figures"], cwd=ROOT, capture_output=True)
    excel = subprocess.run([sys.executable, "-m", "components", "figures", "--excel"], cwd=ROOT,
                           capture_output=True)
    assert not plain.stdout.startswith(b"\xef\xbb\xbf") and b"\r\n" not in plain.stdout
    assert excel.stdout.startswith(b"\xef\xbb\xbf")
    assert excel.stdout.decode("utf-8-sig").replace("\r\n", "\n") == plain.stdout.decode("utf-8")


def test_figures_refuses_a_catalogue_with_errors_and_writes_no_partial_csv():
    result = run("figures", "--metrics", _rel(CHECKS_DIR / "negative_count.yaml"))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "negative" in result.stderr and "negative_count.yaml" in result.stderr


def test_figures_exits_2_when_the_file_cannot_be_read(tmp_path):
    result = run("figures", "--metrics", str(tmp_path / "absent.yaml"))
    assert result.returncode == 2 and result.stdout == "" and "absent.yaml" in result.stderr


# ---- which file: --metrics, then METRICS_FILE, then the bundled metrics.yaml ---------------------------------

def _figure_ids(result: subprocess.CompletedProcess) -> list[str]:
    assert result.returncode == 0, result.stderr
    return [row["figure_id"] for row in _csv_rows(result)[1]]


def test_the_option_beats_the_environment_which_beats_the_bundled_file():
    fixture = CHECKS_DIR / "valid.yaml"
    fixture_ids = [f["id"] for f in _raw(fixture)["figures"]]
    from components.catalogue.load import load_catalogue

    bundled_ids = [f.id for f in load_catalogue(BUNDLED).figures]
    assert fixture_ids != bundled_ids
    assert _figure_ids(run("figures")) == bundled_ids
    assert _figure_ids(run("figures", metrics_file=_rel(fixture))) == fixture_ids
    assert _figure_ids(run("figures", "--metrics", "metrics.yaml", metrics_file=_rel(fixture))) == bundled_ids
    bad = _rel(CHECKS_DIR / "negative_count.yaml")
    assert run("validate", metrics_file=bad).returncode == 1
    assert run("validate", "--metrics", _rel(fixture), metrics_file=bad).returncode == 0


# ---- no traceback, whatever the input -------------------------------------------------------------------------

def _hostile_inputs() -> dict[str, bytes]:
    valid = (CHECKS_DIR / "valid.yaml").read_text(encoding="utf-8")
    return {
        "list-as-key": b"version: 1\n? [a, b]\n: 1\n",
        "impossible-date": valid.replace("published: 2024-07-15", "published: 2024-02-30").encode(),
        "huge-number": valid.replace("value: 120", "value: 1" + "0" * 400).encode(),
        "sections-not-lists": valid.replace("sources:\n", "sources: 5\nold_sources:\n").encode(),
        "tab": valid.replace("    value: 30", "\tvalue: 30").encode(),
        "binary": bytes(range(256)),
        "empty": b"",
        "deep": b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n",
        "top-level-list": b"- 1\n- 2\n",
        "scalar": b"just words\n",
        "missing-places": valid.replace("places: places.yaml", "places: nowhere.yaml").encode(),
        "places-is-a-folder": valid.replace("places: places.yaml", "places: .").encode(),
        "python-tag": b"version: !!python/object/apply:os.getcwd []\n",
    }


@pytest.mark.parametrize("name", sorted(_hostile_inputs()))
def test_no_traceback_for_any_bad_input(tmp_path, name):
    path = tmp_path / "catalogue.yaml"
    path.write_bytes(_hostile_inputs()[name])
    (tmp_path / "places.yaml").write_bytes((CHECKS_DIR / "places.yaml").read_bytes())
    for args in (("validate",), ("validate", "--format", "json"), ("figures",)):
        result = run(*args, "--metrics", str(path))  # run() asserts there is no traceback
        assert result.returncode in (1, 2), (args, result.stdout, result.stderr)
        assert str(path) in result.stdout + result.stderr, "the message names the file"


@pytest.mark.parametrize("case", ["negative_count.yaml", "syntax_unclosed_bracket.yaml", "latin1.yaml"])
def test_validate_speaks_vietnamese_when_asked(case):
    """`validate --lang vi` prints the same findings, at the same places and with the same exit status, in
    Vietnamese; the JSON keeps its fields and severities and carries the Vietnamese message."""
    from components.catalogue.load import load_catalogue
    from components.findings import CatalogueUnreadable
    from components.words.i18n import t

    path = ROOT / "tests" / "data" / "bad" / case
    try:
        catalogue = load_catalogue(path)
        findings = catalogue.findings
    except CatalogueUnreadable as exc:
        catalogue, findings = None, [exc.finding]
    english = run("validate", "--metrics", str(path))
    vietnamese = run("validate", "--lang", "vi", "--metrics", str(path))
    assert vietnamese.returncode == english.returncode != 0
    assert vietnamese.stdout.splitlines() == [f.as_text("vi") for f in findings]
    assert english.stdout.splitlines() == [f.as_text() for f in findings] != vietnamese.stdout.splitlines()
    if catalogue is not None:
        verdict = t("cli_invalid", "vi", file=str(path), figures=str(len(catalogue.figures)),
                    errors=str(len(catalogue.errors)), warnings=str(len(catalogue.warnings)))
        assert vietnamese.stderr.strip() == verdict
    as_json = _json_findings(run("validate", "--lang", "vi", "--format", "json", "--metrics", str(path)))
    assert [f["message"] for f in as_json] == [f.text("vi") for f in findings]
    assert [f["severity"] for f in as_json] == [f.severity for f in findings]


@pytest.mark.parametrize("url", ["antq.streamlit.app", "ftp://antq.example.org"])
def test_export_refuses_a_url_that_is_not_the_dashboards_address_and_says_why(tmp_path, url):
    result = run("export", "--out", str(tmp_path / "report"), "--url", url)
    assert result.returncode == 2 and not (tmp_path / "report").exists()
    assert f"argument --url: DASHBOARD_URL is '{url}', which is not a web address" in result.stderr
