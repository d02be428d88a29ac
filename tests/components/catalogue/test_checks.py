"""Checks beyond the schema: each problem in a small bad file is named with its file, line and figure."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from components.catalogue.load import load_catalogue
from components.findings import ERROR, WARNING

CHECKS_DIR = Path(__file__).resolve().parents[2] / "data" / "checks"


def _raw(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _figure(path: Path, figure_id: str) -> dict:
    return next(f for f in _raw(path)["figures"] if f["id"] == figure_id)


def _same_file(finding_file: str, path: Path) -> bool:
    return Path(finding_file).resolve() == path.resolve()


def _only_finding(path: Path):
    findings = load_catalogue(path).findings
    assert len(findings) == 1, "\n".join(f.as_text() for f in findings)
    return findings[0]


def variant(tmp_path: Path, edits: dict[str, str] | None = None, place_edits: dict[str, str] | None = None,
            base: str = "valid.yaml") -> Path:
    """A copy of a fixture catalogue (and its places file) with some text replaced, each exactly once."""
    text = (CHECKS_DIR / base).read_text(encoding="utf-8")
    places = (CHECKS_DIR / "places.yaml").read_text(encoding="utf-8")
    for old, new in (edits or {}).items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    for old, new in (place_edits or {}).items():
        assert places.count(old) == 1, old
        places = places.replace(old, new)
    (tmp_path / "places.yaml").write_text(places, encoding="utf-8")
    path = tmp_path / "catalogue.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_base_fixture_is_valid_so_each_bad_file_has_exactly_its_one_problem():
    catalogue = load_catalogue(CHECKS_DIR / "valid.yaml")
    assert catalogue.findings == []
    assert len(catalogue.figures) == len(_raw(CHECKS_DIR / "valid.yaml")["figures"])


# ---- one bad file per check -------------------------------------------------------------------------

def _unknown_ref(key: str):
    def expect(path: Path, figure_id: str) -> list[str]:
        return [f"unknown {key}", f"'{_figure(path, figure_id)[key]}'"]
    return expect


def _values(*keys: str):
    def expect(path: Path, figure_id: str) -> list[str]:
        figure = _figure(path, figure_id)
        return [f"{figure[k]:,}" for k in keys]
    return expect


def _period(path: Path, figure_id: str) -> list[str]:
    period = _figure(path, figure_id)["period"]
    return ["ends", "before it starts", str(period["end"]), str(period["start"])]


def _child_and_parent(path: Path, figure_id: str) -> list[str]:
    child = _figure(path, figure_id)
    parent = next(f for f in _raw(path)["figures"] if f["id"] != figure_id and f["metric"] == child["metric"]
                  and f.get("period") == child.get("period"))
    return [child["place"], parent["place"], f"{child['value']:,}", f"{parent['value']:,}", "parent"]


BAD_FILES = [
    # file, section, entry id, field the finding points at, words the message must contain
    ("unknown_place.yaml", "figures", "ben-da-patrols-h1", "place", _unknown_ref("place")),
    ("unknown_metric.yaml", "figures", "ben-da-lit-streets", "metric", _unknown_ref("metric")),
    ("unknown_source.yaml", "figures", "ben-da-lit-streets", "source", _unknown_ref("source")),
    ("duplicate_figure.yaml", "figures", "ben-da-patrols-h1-again", None,
     lambda path, fid: ["same figure twice", "'ben-da-patrols-h1'"]),
    ("part_larger_than_whole.yaml", "figures", "song-xanh-cases-h1", "value",
     lambda path, fid: ["larger than its whole", *_values("value", "denominator")(path, fid)]),
    ("negative_count.yaml", "figures", "ben-da-patrols-h1", "value",
     lambda path, fid: ["negative", str(_figure(path, fid)["value"])]),
    ("percent_out_of_range.yaml", "figures", "ben-da-lit-streets", "value",
     lambda path, fid: ["0-100", str(_figure(path, fid)["value"])]),
    ("period_reversed.yaml", "figures", "ben-da-patrols-h1", "period", _period),
    ("url_not_http.yaml", "sources", "gazette-2024", "url", lambda path, sid: ["http://", "https://"]),
    ("child_exceeds_parent.yaml", "figures", "ben-da-patrols-h1", "value", _child_and_parent),
]


@pytest.mark.parametrize(("name", "section", "entry_id", "key", "expect"), BAD_FILES,
                         ids=[row[0].removesuffix(".yaml") for row in BAD_FILES])
def test_each_check_names_the_problem_its_file_and_the_line_of_the_offending_entry(
        name, section, entry_id, key, expect, entry_line):
    path = CHECKS_DIR / name
    finding = _only_finding(path)
    assert finding.severity == ERROR
    assert _same_file(finding.file, path), finding.file
    assert finding.line == entry_line(path, entry_id, key), finding.as_text()
    assert finding.column is not None
    index = [entry["id"] for entry in _raw(path)[section]].index(entry_id)
    assert finding.field == f"{section}[{index}]" + (f".{key}" if key else "")
    for words in expect(path, entry_id):
        assert words in finding.message, finding.message
    if section == "figures":
        assert entry_id in finding.figures


def test_a_stated_rate_that_disagrees_with_its_fraction_is_a_warning_showing_reported_then_computed(entry_line):
    path = CHECKS_DIR / "rate_disagrees.yaml"
    figure = _figure(path, "song-xanh-cases-h1")
    catalogue = load_catalogue(path)
    finding = _only_finding(path)
    assert catalogue.ok, "a disagreeing rate is kept as the source states it: a warning, not an error"
    assert finding.severity == WARNING
    assert _same_file(finding.file, path)
    assert finding.line == entry_line(path, "song-xanh-cases-h1", "stated_rate")
    reported = f"{figure['stated_rate']:.1f}"
    computed = f"{100 * figure['value'] / figure['denominator']:.1f}"
    assert reported != computed
    message = finding.message
    assert reported in message and computed in message, message
    assert message.index(reported) < message.index(computed), "reported first, then computed"
    assert finding.figures == ("song-xanh-cases-h1",)


@pytest.mark.parametrize(("stated", "warns"), [
    ("90", False),     # 45 / 50 is exactly 90 %
    ("90.0", False),
    ("89.9", True),    # one decimal stated: 89.9 is not 90.0
    ("91", True),
])
def test_a_stated_rate_is_compared_at_the_precision_the_source_gives(tmp_path, stated, warns):
    path = variant(tmp_path, {"    stated_rate: 90\n": f"    stated_rate: {stated}\n"})
    assert bool(load_catalogue(path).warnings) is warns


@pytest.mark.parametrize(("value", "denominator", "stated", "warns"), [
    (1707, 1914, "89", False),   # 89.18 % written as a whole percent agrees
    (1707, 1914, "89.2", False),
    (1707, 1914, "89.1", True),  # 89.18 % does not round to 89.1 %
    (294, 314, "93.6", False),
    (294, 314, "94", False),
    (294, 314, "93", True),
])
def test_rounding_of_stated_rates(tmp_path, value, denominator, stated, warns):
    path = variant(tmp_path, {"    value: 45\n    denominator: 50\n    stated_rate: 90\n":
                              f"    value: {value}\n    denominator: {denominator}\n    stated_rate: {stated}\n"})
    findings = load_catalogue(path).findings
    assert [f.severity for f in findings] == ([WARNING] if warns else [])


def test_one_file_with_several_problems_reports_all_of_them_at_once(entry_line):
    path = CHECKS_DIR / "several_errors.yaml"
    catalogue = load_catalogue(path)
    expected = {
        (entry_line(path, "ben-da-patrols-h1", "place"), "unknown place"),
        (entry_line(path, "ben-da-lit-streets", "value"), "outside 0-100"),
        (entry_line(path, "song-xanh-patrols-h1", "value"), "negative"),
        (entry_line(path, "song-xanh-patrols-h1", "period"), "before it starts"),
    }
    found = {(f.line, words) for f in catalogue.errors for _, words in expected if words in f.message}
    assert found == expected, "\n".join(f.as_text() for f in catalogue.findings)
    assert len(catalogue.errors) == len(expected)
    assert all(_same_file(f.file, path) for f in catalogue.findings)


# ---- the same checks on in-memory variants: edges and the checks on sources and places ----------------

def test_a_percentage_below_zero_is_also_out_of_range(tmp_path):
    path = variant(tmp_path, {"    value: 80\n": "    value: -5\n"})
    finding = _only_finding(path)
    assert "outside 0-100" in finding.message and "-5" in finding.message


def test_the_value_may_equal_its_whole(tmp_path):
    path = variant(tmp_path, {"    value: 45\n    denominator: 50\n    stated_rate: 90\n":
                              "    value: 50\n    denominator: 50\n    stated_rate: 100\n"})
    assert load_catalogue(path).findings == []


def test_a_zero_or_negative_whole_is_an_error(tmp_path):
    path = variant(tmp_path, {"    value: 45\n    denominator: 50\n    stated_rate: 90\n":
                              "    value: 0\n    denominator: 0\n"})
    finding = _only_finding(path)
    assert finding.is_error and "denominator" in finding.message and "greater than 0" in finding.message


def test_a_stated_rate_above_100_is_an_error(tmp_path):
    path = variant(tmp_path, {"    stated_rate: 90\n": "    stated_rate: 190\n"})
    assert any(f.is_error and "outside 0-100" in f.message for f in load_catalogue(path).findings)


def test_a_period_ending_at_publication_before_it_starts_is_an_error(tmp_path, entry_line):
    path = variant(tmp_path, {"    value: 30\n    period: {start: 2024-01-01, end: 2024-06-30}\n":
                              "    value: 30\n    period: {start: 2024-09-01, end: publication}\n"})
    finding = _only_finding(path)
    assert "before it starts" in finding.message and "2024-07-15" in finding.message
    assert finding.line == entry_line(path, "ben-da-patrols-h1", "period")


def test_a_child_may_equal_its_parent_and_other_periods_are_not_compared(tmp_path):
    same = variant(tmp_path, {"    value: 30\n    period": "    value: 120\n    period"})
    assert load_catalogue(same).findings == []
    other_period = variant(tmp_path, {"    value: 30\n    period: {start: 2024-01-01, end: 2024-06-30}\n":
                                      "    value: 300\n    period: {start: 2023-01-01, end: 2023-12-31}\n"})
    assert load_catalogue(other_period).findings == []


def test_a_child_larger_than_its_district_is_reported_against_the_district_too(tmp_path):
    district_figure = ("  - id: doi-thong-patrols-h1\n    place: doi-thong\n    metric: patrols\n    value: 100\n"
                       "    period: {start: 2024-01-01, end: 2024-06-30}\n    source: gazette-2024\n")
    path = variant(tmp_path, {"    value: 30\n    period": "    value: 110\n    period",
                              "  - id: ben-da-lit-streets\n": district_figure + "  - id: ben-da-lit-streets\n"})
    findings = load_catalogue(path).errors
    assert len(findings) == 1 and "doi-thong" in findings[0].message
    assert set(findings[0].figures) == {"ben-da-patrols-h1", "doi-thong-patrols-h1"}


def test_percentages_are_not_held_against_the_parent(tmp_path):
    extra = ("  - id: song-xanh-lit-streets\n    place: song-xanh\n    metric: lit-streets\n    value: 40\n"
             "    as_of: publication\n    source: gazette-2024\n")
    path = variant(tmp_path, {"figures:\n": "figures:\n" + extra})
    assert load_catalogue(path).findings == []


def test_a_repeated_figure_id_points_at_the_repeat(tmp_path, entry_line):
    repeat = ("  - id: ben-da-patrols-h1\n    place: ben-da\n    metric: patrols\n    value: 30\n"
              "    period: {start: 2023-01-01, end: 2023-06-30}\n    source: gazette-2024\n")
    path = variant(tmp_path, {"  - id: ben-da-lit-streets\n": repeat + "  - id: ben-da-lit-streets\n"})
    finding = _only_finding(path)
    assert "used twice" in finding.message
    lines = path.read_text(encoding="utf-8").splitlines()
    first, second = [i + 1 for i, line in enumerate(lines) if line == "  - id: ben-da-patrols-h1"]
    assert finding.line == second != first
    assert finding.field == f"figures[{[f['id'] for f in _raw(path)['figures']].index('ben-da-lit-streets') - 1}].id"


def test_a_metric_that_fails_the_schema_is_not_also_reported_as_unknown(tmp_path):
    path = variant(tmp_path, {"    kind: percent\n": "    kind: share\n"})
    finding = _only_finding(path)
    assert finding.field == "metrics[1].kind" and "unknown" not in finding.message


@pytest.mark.parametrize(("edits", "field", "words"), [
    ({"    theme: safety\n    description: Night": "    theme: safty\n    description: Night"},
     "metrics[0].theme", "unknown theme 'safty'"),
    ({"    published: 2024-07-15\n": "    published: {not_before: 2024-07-20, not_after: 2024-07-10, basis: x}\n"},
     "sources[0].published", "reversed"),
    ({"    accessed: 2024-08-01\n": "    accessed: 2024-07-01\n"}, "sources[0].accessed", "before it was published"),
    ({"    publisher: Test Gazette\n": "    publisher: null\n"}, "sources[0].publisher", "publisher_note"),
])
def test_source_and_metric_checks(tmp_path, edits, field, words):
    finding = _only_finding(variant(tmp_path, edits))
    assert finding.is_error and finding.field == field and words in finding.message, finding.as_text()


def test_the_same_document_cited_by_two_sources_is_an_error(tmp_path, entry_line):
    second = ("  - id: gazette-copy\n    publisher: Test Gazette\n    title: The same article again\n"
              "    published: 2024-07-15\n    accessed: 2024-08-01\n    documents:\n"
              "      - file: gazette.txt\n        language: en\n")
    path = variant(tmp_path, {"\nfigures:\n": second + "\nfigures:\n"})
    finding = _only_finding(path)
    assert "gazette.txt" in finding.message and "gazette-2024" in finding.message
    lines = path.read_text(encoding="utf-8").splitlines()
    assert finding.line > entry_line(path, "gazette-copy")
    assert lines[finding.line - 1].strip() == "- file: gazette.txt"


@pytest.mark.parametrize(("place_edits", "place_id", "line_of", "words"), [
    ({"    parent: doi-thong\n": "    parent: doi-thongg\n"}, "ben-da", "parent", "unknown parent"),
    ({"    parent: song-xanh\n": "    parent: ben-da\n"}, "doi-thong", "parent", "needs a province as parent"),
    ({"    lat: 16.2\n": "    status: former\n    successor: nowhere\n    ended: 2025-07-01\n    lat: 16.2\n"},
     "ben-da", "successor", "unknown successor"),
    ({"    lat: 16.2\n": "    status: former\n    lat: 16.2\n"}, "ben-da", None, "'ended'"),
    ({"    lat: 16.1\n    lon: 107.1\n": ""}, "doi-thong", None, "'lat' and 'lon'"),  # missing: the entry
])
def test_places_file_checks_point_into_the_places_file(tmp_path, entry_line, place_edits, place_id, line_of,
                                                       words):
    path = variant(tmp_path, place_edits=place_edits)
    errors = load_catalogue(path).errors
    places = tmp_path / "places.yaml"
    matching = [f for f in errors if words in f.message]
    assert len(matching) == 1, "\n".join(f.as_text() for f in errors)
    finding = matching[0]
    assert _same_file(finding.file, places)
    assert finding.line == entry_line(places, place_id, line_of)


def test_a_group_must_list_provinces(tmp_path):
    group = ("  - id: cluster\n    name: Cụm thử\n    short_name: Cluster\n    slug: cluster\n    level: group\n"
             "    members: [song-xanh, ben-da]\n")
    path = variant(tmp_path, place_edits={"places:\n": "places:\n" + group})
    errors = load_catalogue(path).errors
    assert [f.message for f in errors] == ["member 'ben-da' is not a province"]


def test_parent_links_that_go_round_in_a_circle_are_reported_once(tmp_path):
    path = variant(tmp_path, place_edits={"    level: province\n": "    level: province\n    parent: song-xanh\n"})
    circles = [f for f in load_catalogue(path).errors if "circle" in f.message]
    assert len(circles) == 1 and "song-xanh" in circles[0].message


def test_a_copied_fixture_keeps_its_own_problem(tmp_path):
    """The fixtures are used from any folder: the places file is found next to the catalogue."""
    shutil.copy(CHECKS_DIR / "negative_count.yaml", tmp_path / "bad.yaml")
    shutil.copy(CHECKS_DIR / "places.yaml", tmp_path / "places.yaml")
    finding = _only_finding(tmp_path / "bad.yaml")
    assert "negative" in finding.message and _same_file(finding.file, tmp_path / "bad.yaml")


MERGED = ("  - id: song-lam\n    name: Tỉnh Sông Lam\n    short_name: Sông Lam\n    slug: song-lam\n"
          "    level: province\n    lat: 17.0\n    lon: 106.0\n"
          "  - id: song-xanh-old\n    name: Tỉnh Sông Xanh\n    short_name: Sông Xanh\n    slug: song-xanh\n"
          "    level: province\n    status: former\n    successor: song-lam\n    ended: 2025-07-01\n"
          "    lat: 16.5\n    lon: 106.5\n")


def _group(members: str) -> str:
    return ("  - id: cluster\n    name: Cụm thử\n    short_name: Cluster\n    slug: cluster\n    level: group\n"
            f"    members: [{members}]\n")


def test_a_group_listing_a_merged_province_beside_a_province_it_took_over_is_an_error(tmp_path, entry_line):
    """Phú Thọ (2025) beside Vĩnh Phúc, which it took over, counts Vĩnh Phúc's ground twice."""
    path = variant(tmp_path, place_edits={"places:\n": "places:\n" + MERGED + _group("song-xanh-old, song-lam")})
    errors = load_catalogue(path).errors
    assert [f.message for f in errors] == [
        "members 'song-xanh-old' and 'song-lam' overlap: 'song-lam' took over (and so contains) "
        "'song-xanh-old'; list each unit as "
        "it was when the group met, once (a pre-2025 province, not its merged successor)"]
    assert errors[0].line == entry_line(tmp_path / "places.yaml", "cluster", "members")
    vietnamese = errors[0].as_text("vi")
    assert "'song-lam' đã tiếp nhận (nên bao gồm) 'song-xanh-old'" in vietnamese


def test_former_provinces_merged_into_one_may_both_be_members(tmp_path):
    """Bắc Ninh and Bắc Giang before 2025 were separate: sharing a successor is no overlap."""
    second = MERGED.replace("song-xanh-old", "song-xanh-other").replace("song-lam\n    name", "x\n    name", 0)
    second = second.split("  - id: song-xanh-other", 1)[1]
    places = MERGED + "  - id: song-xanh-other" + second + _group("song-xanh-old, song-xanh-other, song-xanh")
    path = variant(tmp_path, place_edits={"places:\n": "places:\n" + places})
    assert load_catalogue(path).errors == []


def test_a_member_listed_twice_is_an_error(tmp_path):
    path = variant(tmp_path, place_edits={"places:\n": "places:\n" + _group("song-xanh, song-xanh")})
    assert [f.message for f in load_catalogue(path).errors] == ["member 'song-xanh' is listed twice"]


PART = "    value: 30\n    period: {start: 2024-01-01, end: 2024-06-30}\n    source: gazette-2024\n"


@pytest.mark.parametrize(("whole", "words"), [
    ("song-xanh-patrols-h1", None),
    ("no-such-figure", "no figure of this file"),
    ("song-xanh-cases-h1", "another thing or another period"),
    ("ben-da-lit-streets", "another thing or another period"),
])
def test_a_part_names_a_whole_of_the_same_measure_at_a_place_around_it(tmp_path, whole, words):
    path = variant(tmp_path, {PART: PART + f"    part_of: {whole}\n"})
    findings = load_catalogue(path).findings
    if words is None:
        assert findings == []
    else:
        (finding,) = findings
        assert finding.severity == ERROR and words in finding.message and "ben-da-patrols-h1" in finding.figures
        assert finding.line == (tmp_path / "catalogue.yaml").read_text().splitlines().index(
            f"    part_of: {whole}") + 1


def test_a_part_whose_whole_is_not_around_it_is_an_error(tmp_path):
    province = "    value: 120\n    period: {start: 2024-01-01, end: 2024-06-30}\n    source: gazette-2024\n"
    path = variant(tmp_path, {province: province + "    part_of: ben-da-patrols-h1\n"})
    (finding,) = load_catalogue(path).findings
    assert "does not contain song-xanh" in finding.message and finding.figures == ("song-xanh-patrols-h1",)
