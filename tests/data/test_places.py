"""data/places.yaml held against the official catalogue of the `vietnamadminunits` package.

Current provinces and wards are looked up in its 2025 table (34 provinces, wards without districts), former
provinces, districts and wards in its legacy table (63 provinces). A former ward's successor is what the
package's `convert_address` makes of the ward's full legacy address; a former province's successor is the
2025 province the package maps it into; districts were abolished on 1 July 2025 and have none.
"""

from __future__ import annotations

import copy
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from vietnamadminunits import convert_address  # the official catalogue (requirements-dev.txt)
from vietnamadminunits.converter.converter_2025 import DICT_PROVINCE
from vietnamadminunits.database import query

ROOT = Path(__file__).resolve().parents[2]
PLACES_FILE = ROOT / "data" / "places.yaml"
COORDINATE_TOLERANCE = 1e-3  # degrees, about 100 m


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    short: str
    lat: float
    lon: float
    parent_code: str = ""          # province of a ward or district; district of a legacy ward
    province_code: str = ""
    address: str = ""              # full legacy address, for convert_address


@dataclass(frozen=True)
class Official:
    provinces: dict[str, Unit]          # 2025
    wards: dict[str, Unit]              # 2025
    legacy_provinces: dict[str, Unit]
    legacy_districts: dict[str, Unit]
    legacy_wards: dict[str, Unit]
    province_successor: dict[str, str]  # legacy province code -> 2025 province code


@functools.cache
def official() -> Official:
    provinces, wards = {}, {}
    for r in query("SELECT province, provinceShort, provinceCode, provinceLat, provinceLon, ward, wardShort, "
                   "wardCode, wardLat, wardLon FROM admin_units"):
        provinces[r["provinceCode"]] = Unit(r["provinceCode"], r["province"], r["provinceShort"], r["provinceLat"],
                                            r["provinceLon"])
        wards[r["wardCode"]] = Unit(r["wardCode"], r["ward"], r["wardShort"], r["wardLat"], r["wardLon"],
                                    r["provinceCode"], r["provinceCode"])
    legacy_provinces, districts, legacy_wards = {}, {}, {}
    for r in query("SELECT province, provinceShort, provinceCode, provinceLat, provinceLon, district, "
                   "districtShort, districtCode, districtLat, districtLon, ward, wardShort, wardCode, wardLat, "
                   "wardLon FROM admin_units_legacy"):
        legacy_provinces[r["provinceCode"]] = Unit(r["provinceCode"], r["province"], r["provinceShort"],
                                                   r["provinceLat"], r["provinceLon"])
        districts[r["districtCode"]] = Unit(r["districtCode"], r["district"], r["districtShort"], r["districtLat"],
                                            r["districtLon"], r["provinceCode"], r["provinceCode"])
        if r["wardCode"]:
            legacy_wards[r["wardCode"]] = Unit(r["wardCode"], r["ward"], r["wardShort"], r["wardLat"], r["wardLon"],
                                               r["districtCode"], r["provinceCode"],
                                               f"{r['ward']}, {r['district']}, {r['province']}")
    new_code_by_key = {r["provinceKey"]: r["provinceCode"]
                       for r in query("SELECT DISTINCT provinceKey, provinceCode FROM admin_units")}
    old_code_by_key = {r["provinceKey"]: r["provinceCode"]
                       for r in query("SELECT DISTINCT provinceKey, provinceCode FROM admin_units_legacy")}
    successor = {old_code_by_key[old]: new_code_by_key[new] for new, olds in DICT_PROVINCE.items() for old in olds}
    return Official(provinces, wards, legacy_provinces, districts, legacy_wards, successor)


def slug_of(name: str) -> str:
    """'Cẩm Phả' -> 'cam-pha' (đ -> d, other marks dropped)."""
    ascii_name = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_name = "".join(c for c in ascii_name if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _official_unit(place: dict, data: Official) -> tuple[Unit | None, str]:
    current = place.get("status", "current") == "current"
    tables = {
        ("province", True): (data.provinces, "2025 provinces"),
        ("province", False): (data.legacy_provinces, "legacy provinces"),
        ("district", False): (data.legacy_districts, "legacy districts"),
        ("ward", True): (data.wards, "2025 wards"),
        ("ward", False): (data.legacy_wards, "legacy wards"),
    }
    if (place["level"], current) not in tables:
        return None, f"a {'current' if current else 'former'} {place['level']} has no official table"
    table, label = tables[(place["level"], current)]
    unit = table.get(place["code"])
    return unit, "" if unit else f"code {place['code']} is not in the package's {label}"


def official_problems(places: list[dict]) -> list[str]:
    """Every way the places differ from the official catalogue, one line each ('' when they agree)."""
    data = official()
    by_id = {p["id"]: p for p in places}
    problems = []
    for place in places:
        pid = place["id"]
        say = problems.append
        if not place["slug"].isascii():
            say(f"{pid}: slug {place['slug']!r} is not ASCII")
        if place["name"].isascii() or not unicodedata.is_normalized("NFC", place["name"]):
            say(f"{pid}: name {place['name']!r} must keep its Vietnamese diacritics (NFC)")
        if place["level"] == "group":
            continue
        if not place.get("code"):
            say(f"{pid}: no official code")
            continue
        unit, missing = _official_unit(place, data)
        if unit is None:
            say(f"{pid}: {missing}")
            continue
        if place["name"] != unit.name:
            say(f"{pid}: name {place['name']!r} but code {unit.code} is {unit.name!r}")
        if place["slug"] != slug_of(unit.short):
            say(f"{pid}: slug {place['slug']!r}, expected {slug_of(unit.short)!r} from {unit.short!r}")
        if abs(place["lat"] - unit.lat) > COORDINATE_TOLERANCE or abs(place["lon"] - unit.lon) > COORDINATE_TOLERANCE:
            say(f"{pid}: at {place['lat']}, {place['lon']} but the package has {unit.lat}, {unit.lon}")
        parent = by_id.get(place.get("parent") or "")
        if unit.parent_code and (parent is None or parent.get("code") != unit.parent_code):
            say(f"{pid}: parent {place.get('parent')!r} should be the unit with code {unit.parent_code}")
        if parent is not None and place["level"] in ("district", "ward") and place.get("status") == "former" \
                and parent["level"] == "province" and parent["name"] != data.legacy_provinces[unit.province_code].name:
            say(f"{pid}: parent {parent['id']!r} is not its legacy province")
        problems.extend(f"{pid}: {p}" for p in _successor_problems(place, unit, by_id, data))
    return problems


def _successor_problems(place: dict, unit: Unit, by_id: dict, data: Official) -> list[str]:
    successor = by_id.get(place.get("successor") or "")
    if place.get("status", "current") == "current":
        return []
    if place["level"] == "district":
        return [] if place.get("successor") is None else ["districts were abolished in 2025: no successor"]
    if place["level"] == "province":
        expected_code = data.province_successor[unit.code]
        expected = data.provinces[expected_code]
    else:
        converted = convert_address(unit.address)
        if converted.OldAdminUnit.ward_code != unit.code:
            return [f"the package could not convert {unit.address!r}"]
        expected_code = converted.ward_code
        expected = data.wards[expected_code]
    if successor is None or successor.get("status", "current") != "current" \
            or successor["level"] != place["level"] or successor.get("code") != expected_code:
        return [f"successor {place.get('successor')!r}, but the package says {expected.name} (code {expected_code})"]
    return []


@pytest.fixture(scope="module")
def places() -> list[dict]:
    return yaml.safe_load(PLACES_FILE.read_text(encoding="utf-8"))["places"]


def test_the_package_holds_both_catalogues():
    data = official()
    assert len(data.legacy_provinces) == 63 and len(data.provinces) == 34
    assert set(data.province_successor) == set(data.legacy_provinces)
    assert set(data.province_successor.values()) == set(data.provinces)


def test_the_places_file_agrees_with_the_official_catalogue(places):
    problems = official_problems(places)
    assert problems == [], "data/places.yaml differs from vietnamadminunits:\n" + "\n".join(problems)


def test_every_level_and_status_is_covered_by_the_check(places):
    """The check above is only as good as the places it sees: make sure each kind is there."""
    kinds = {(p["level"], p.get("status", "current")) for p in places}
    assert {("province", "current"), ("province", "former"), ("district", "former"), ("ward", "current"),
            ("ward", "former")} <= kinds


def test_slugs_are_ascii_and_names_keep_diacritics(places):
    for place in places:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", place["slug"]), place["id"]
        assert not place["name"].isascii(), place["id"]
        official_unit, _ = _official_unit(place, official()) if place["level"] != "group" else (None, "")
        spelled_plain = official_unit is not None and official_unit.short.isascii()  # An Giang has no diacritics
        assert not place["short_name"].isascii() or place["level"] == "group" or spelled_plain, place["id"]


# ---- the check catches mistakes: modified copies, never the real file ------------------------------------------

def _first(places: list[dict], level: str, status: str) -> dict:
    return next(p for p in places if p["level"] == level and p.get("status", "current") == status)


def _mentions(problems: list[str], place_id: str, words: str) -> bool:
    return any(p.startswith(f"{place_id}:") and words in p for p in problems)


def test_a_wrong_ward_code_fails(places):
    changed = copy.deepcopy(places)
    ward = _first(changed, "ward", "current")
    other = next(code for code, unit in official().wards.items()
                 if code != ward["code"] and unit.parent_code == official().wards[ward["code"]].parent_code)
    ward["code"] = other
    assert _mentions(official_problems(changed), ward["id"], "name")


def test_a_code_that_does_not_exist_fails(places):
    changed = copy.deepcopy(places)
    province = _first(changed, "province", "former")
    province["code"] = "99"
    assert _mentions(official_problems(changed), province["id"], "not in the package's legacy provinces")


def test_a_wrong_ward_successor_fails(places):
    changed = copy.deepcopy(places)
    former = _first(changed, "ward", "former")
    wrong = next(p for p in changed if p["level"] == "ward" and p.get("status", "current") == "current"
                 and p["id"] != former["successor"])
    former["successor"] = wrong["id"]
    assert _mentions(official_problems(changed), former["id"], "successor")


def test_a_wrong_province_successor_fails(places):
    changed = copy.deepcopy(places)
    former = _first(changed, "province", "former")
    wrong = next(p for p in changed if p["level"] == "province" and p.get("status", "current") == "current"
                 and p["id"] != former["successor"])
    former["successor"] = wrong["id"]
    assert _mentions(official_problems(changed), former["id"], "successor")


def test_a_district_with_a_successor_fails(places):
    changed = copy.deepcopy(places)
    district = _first(changed, "district", "former")
    district["successor"] = _first(changed, "ward", "current")["id"]
    assert _mentions(official_problems(changed), district["id"], "abolished")


def test_a_ward_under_the_wrong_district_fails(places):
    changed = copy.deepcopy(places)
    former = _first(changed, "ward", "former")
    other = next(p for p in changed if p["level"] == "district" and p["id"] != former["parent"])
    former["parent"] = other["id"]
    assert _mentions(official_problems(changed), former["id"], "parent")


def test_a_name_without_diacritics_or_a_slug_with_them_fails(places):
    changed = copy.deepcopy(places)
    ward = _first(changed, "ward", "current")
    ward["name"] = slug_of(ward["name"]).replace("-", " ").title()
    ward["slug"] = ward["short_name"].lower().replace(" ", "-")
    problems = official_problems(changed)
    assert _mentions(problems, ward["id"], "diacritics") and _mentions(problems, ward["id"], "not ASCII")


def test_slug_of_folds_vietnamese_letters():
    assert slug_of("Đồi Thông") == "doi-thong"
    assert slug_of("Cửa Ông") == "cua-ong"
