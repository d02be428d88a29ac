"""Synthetic catalogue of about N figures over the official 2025 places (34 provinces, 3,321 wards and communes).

    .venv/bin/python bench/make_catalogue.py N [--out DIR] [--seed S]

Writes DIR/metrics.yaml and DIR/places.yaml (default DIR: bench/out/N/). Places come from the
`vietnamadminunits` package (table admin_units), plus two groups of provinces. Metrics, themes and sources
are generic (m01..m12, 'Indicator 01', ...): counts, coverage fractions with stated rates (a few of them
disagreeing with their fraction, so the validator warns), money and percentages, over years, half-years and
as-of dates. A province's figure is never smaller than one of its wards' for the same metric and period, so
the file validates without errors. The same N and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEED = 20250701


# ---- places ----------------------------------------------------------------------------------------------


def slugify(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


@dataclass
class PlaceRow:
    id: str
    name: str
    short_name: str
    level: str
    code: str | None = None
    parent: str | None = None
    lat: float | None = None
    lon: float | None = None
    members: list[str] = field(default_factory=list)
    wards: list[str] = field(default_factory=list)  # provinces only: their wards' ids


def official_places() -> tuple[dict[str, PlaceRow], list[str], list[str], list[str]]:
    """Provinces and wards of 2025 from vietnamadminunits, plus two groups: (places, provinces, wards, groups)."""
    from vietnamadminunits.database import get_data

    fields = ["province", "provinceShort", "provinceCode", "provinceLat", "provinceLon", "ward", "wardShort",
              "wardCode", "wardLat", "wardLon"]
    rows = sorted((tuple(row[f] for f in fields) for row in get_data(fields, "admin_units")),
                  key=lambda row: (row[2], row[7]))  # by province code, then ward code
    places: dict[str, PlaceRow] = {}
    provinces: list[str] = []
    wards: list[str] = []
    by_code: dict[str, str] = {}
    for (province, province_short, province_code, plat, plon, ward, ward_short, ward_code, wlat, wlon) in rows:
        if province_code not in by_code:
            pid = slugify(province_short)
            if pid in places:
                pid = f"{pid}-{province_code}"
            by_code[province_code] = pid
            places[pid] = PlaceRow(pid, province, province_short, "province", province_code,
                                   lat=round(plat, 4), lon=round(plon, 4))
            provinces.append(pid)
        pid = by_code[province_code]
        wid = f"{slugify(ward_short)}-{ward_code}"
        places[wid] = PlaceRow(wid, ward, ward_short, "ward", ward_code, pid, round(wlat, 4), round(wlon, 4))
        places[pid].wards.append(wid)
        wards.append(wid)
    half = len(provinces) // 2
    groups = []
    for number, members in ((1, provinces[:6]), (2, provinces[half:half + 5])):
        gid = f"group-{number}"
        places[gid] = PlaceRow(gid, f"Synthetic group of provinces {number}", f"Group {number}", "group",
                               members=list(members))
        groups.append(gid)
    return places, provinces, wards, groups


# ---- metrics, times, sources --------------------------------------------------------------------------------


@dataclass(frozen=True)
class MetricDef:
    id: str
    theme: str
    kind: str  # count | money | percent
    shape: str  # plain | fraction | coverage | percent | money | population
    stock: bool  # measured at a date (as_of) rather than over a period
    unit: str
    short_unit: str


THEMES = [("t1", "Theme 1", "#c0392b"), ("t2", "Theme 2", "#2e86de"), ("t3", "Theme 3", "#16a085"),
          ("t4", "Theme 4", "#8e44ad")]
METRICS = [
    MetricDef("m01", "t1", "count", "plain", False, "cases", "cases"),
    MetricDef("m02", "t1", "count", "fraction", False, "cases", "cases"),
    MetricDef("m03", "t2", "count", "plain", False, "meetings", "meetings"),
    MetricDef("m04", "t2", "count", "coverage", True, "residential areas", "areas"),
    MetricDef("m05", "t3", "money", "money", False, "Vietnamese dong", "VND"),
    MetricDef("m06", "t3", "money", "money", False, "Vietnamese dong", "VND"),
    MetricDef("m07", "t4", "percent", "percent", False, "percent of households", "%"),
    MetricDef("m08", "t4", "count", "plain", True, "groups", "groups"),
    MetricDef("m09", "t2", "count", "fraction", False, "reports", "reports"),
    MetricDef("m10", "t1", "percent", "percent", False, "percent of cases", "%"),
    MetricDef("m11", "t4", "count", "population", True, "residents", "residents"),
    MetricDef("m12", "t3", "count", "plain", True, "cameras", "cameras"),
]
PERIODS = [  # (code, start, end)
    ("2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
    ("2024h1", dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
    ("2024h2", dt.date(2024, 7, 1), dt.date(2024, 12, 31)),
    ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ("2025h1", dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
]
AS_OF = [("a2023", dt.date(2023, 12, 31)), ("a2024", dt.date(2024, 12, 31)), ("a2025", dt.date(2025, 6, 30))]
ACCESSED = dt.date(2026, 1, 15)


@dataclass(frozen=True)
class Slot:
    metric: MetricDef
    code: str  # period or as-of code
    start: dt.date | None
    end: dt.date  # the as-of date for a stock metric

    @property
    def edition(self) -> str:  # the sources that report this slot: same end date, same theme
        return f"s-{self.metric.theme}-{self.end.isoformat()}"


def all_slots() -> list[Slot]:
    slots = []
    for metric in METRICS:
        if metric.stock:
            slots += [Slot(metric, code, None, date) for code, date in AS_OF]
        else:
            slots += [Slot(metric, code, start, end) for code, start, end in PERIODS]
    return slots


def sources_for(slots: list[Slot], rng: random.Random) -> list[dict]:
    """One source per theme and end date: published two to eight weeks after it (some only within bounds)."""
    found = {}
    for slot in slots:
        if slot.edition in found:
            continue
        number = len(found) + 1
        published = slot.end + dt.timedelta(days=rng.randint(14, 56))
        source = {"id": slot.edition, "publisher": f"Synthetic publisher {number % 5 + 1}",
                  "title": f"Synthetic report {number}: {slot.metric.theme} up to {slot.end.isoformat()}",
                  "url": f"https://example.org/reports/{slot.edition}", "published": published,
                  "documents": [(f"{slot.edition}.txt", "vi"), (f"{slot.edition}-en.txt", "en")][: 1 + number % 2]}
        if number % 4 == 0:
            source["published"] = {"not_before": slot.end + dt.timedelta(days=1),
                                   "not_after": published, "basis": "The report does not print its date."}
        found[slot.edition] = source
    return list(found.values())


# ---- figures ----------------------------------------------------------------------------------------------


def _ward_value(metric: MetricDef, rng: random.Random) -> dict:
    if metric.shape in ("fraction", "coverage"):
        denominator = rng.randint(5, 400)
        return {"value": rng.randint(denominator // 3, denominator), "denominator": denominator}
    if metric.shape == "money":
        return {"value": rng.randint(1, 5000) * 1_000_000}
    if metric.shape == "percent":
        return {"value": round(rng.uniform(20, 100), 1)}
    if metric.shape == "population":
        return {"value": rng.randint(2_000, 80_000)}
    return {"value": rng.randint(0, 600)}


def _sum_value(metric: MetricDef, parts: list[dict], rng: random.Random) -> dict:
    """A parent's figure: at least the sum of its parts (so no part is larger than it)."""
    if metric.shape == "percent":
        return {"value": round(rng.uniform(20, 100), 1)}
    if not parts:
        parts = [_ward_value(metric, rng) for _ in range(rng.randint(20, 120))]
    value = sum(p["value"] for p in parts)
    if metric.shape in ("fraction", "coverage"):
        extra = rng.randint(0, 200)
        denominator = sum(p["denominator"] for p in parts) + extra
        return {"value": value + rng.randint(0, extra), "denominator": denominator}
    return {"value": value + rng.randint(0, max(value // 10, 1))}


class FigureWriter:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.count = 0
        self.fractions = 0
        self.lines: list[str] = []

    def add(self, place: str, slot: Slot, numbers: dict) -> None:
        rng = self.rng
        metric = slot.metric
        out = self.lines
        out.append(f"  - id: {place}-{metric.id}-{slot.code}")
        out.append(f"    place: {place}")
        out.append(f"    metric: {metric.id}")
        out.append(f"    value: {numbers['value']}")
        if "denominator" in numbers:
            out.append(f"    denominator: {numbers['denominator']}")
            self.fractions += 1
            if self.fractions % 3 != 0:  # two in three fractions also state their rate
                rate = 100 * numbers["value"] / numbers["denominator"]
                if self.fractions % 151 == 1:  # a few disagree with their fraction: warnings
                    rate = rate - 7 if rate > 50 else rate + 7
                out.append(f"    stated_rate: {round(rate, 1)}")
        roll = rng.random()
        if roll < 0.02:
            out.append(f"    qualifier: {'about' if roll < 0.01 else 'more_than'}")
        if slot.start is None:
            out.append(f"    as_of: {slot.end.isoformat()}")
        else:
            out.append(f"    period: {{start: {slot.start.isoformat()}, end: {slot.end.isoformat()}}}")
        out.append(f"    source: {slot.edition}")
        if 0.02 <= roll < 0.03:
            out.append("    note: Synthetic note that a reader would see under the figure's table row.")
        self.count += 1


def build_figures(target: int, places: dict[str, PlaceRow], provinces: list[str], wards: list[str],
                  groups: list[str], slots: list[Slot], rng: random.Random) -> FigureWriter:
    writer = FigureWriter(rng)
    province_of = {w: places[w].parent for w in wards}
    for number, slot in enumerate(slots):
        budget = round(target * (number + 1) / len(slots)) - writer.count  # keeps the total close to N
        if budget <= 0:
            continue
        order = list(wards)
        rng.shuffle(order)
        chosen: dict[str, list[str]] = {}
        taken = len(groups)
        for ward in order:
            if taken >= budget:
                break
            province = province_of[ward]
            taken += 1 if province in chosen else 2
            chosen.setdefault(province, []).append(ward)
        province_numbers = {}
        for province in provinces:
            if province not in chosen:
                continue
            ward_numbers = [(w, _ward_value(slot.metric, rng)) for w in sorted(chosen[province])]
            province_numbers[province] = _sum_value(slot.metric, [n for _, n in ward_numbers], rng)
            writer.add(province, slot, province_numbers[province])
            for ward, numbers in ward_numbers:
                writer.add(ward, slot, numbers)
        for group in groups:
            parts = [province_numbers[m] for m in places[group].members if m in province_numbers]
            writer.add(group, slot, _sum_value(slot.metric, parts, rng))
    return writer


# ---- writing ----------------------------------------------------------------------------------------------


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def places_yaml(places: dict[str, PlaceRow]) -> str:
    out = ["# Synthetic benchmark places: the official 2025 list from vietnamadminunits, plus two groups.",
           "places:"]
    for place in places.values():
        out += [f"  - id: {place.id}", f"    name: {q(place.name)}", f"    short_name: {q(place.short_name)}",
                f"    slug: {slugify(place.short_name) or place.id}", f"    level: {place.level}"]
        if place.code:
            out.append(f'    code: "{place.code}"')
        if place.parent:
            out.append(f"    parent: {place.parent}")
        out.append("    status: current")
        if place.lat is not None:
            out += [f"    lat: {place.lat}", f"    lon: {place.lon}"]
        if place.members:
            out.append(f"    members: [{', '.join(place.members)}]")
    return "\n".join(out) + "\n"


def metrics_yaml(sources: list[dict], figures: FigureWriter) -> str:
    out = ["# Synthetic benchmark catalogue written by bench/make_catalogue.py: not real figures.",
           "version: 1", "places: places.yaml", "", "themes:"]
    for theme_id, label, color in THEMES:
        out += [f"  - id: {theme_id}", f"    label: {label}", f'    color: "{color}"']
    out += ["", "metrics:"]
    for metric in METRICS:
        number = metric.id[1:]
        out += [f"  - id: {metric.id}", f"    label: Indicator {number}", f"    unit: {metric.unit}",
                f"    short_unit: {q(metric.short_unit)}", f"    kind: {metric.kind}"]
        if metric.shape == "coverage":
            out.append("    coverage: true")
        if metric.shape == "population":
            out.append("    population: true")
        out += [f"    theme: {metric.theme}", f"    decimals: {1 if metric.kind == 'percent' else 0}",
                f"    description: Synthetic indicator {number} ({metric.shape}, {metric.kind}) for benchmarks."]
    out += ["", "sources:"]
    for source in sources:
        out += [f"  - id: {source['id']}", f"    publisher: {source['publisher']}",
                f"    title: {q(source['title'])}", f"    url: {source['url']}"]
        published = source["published"]
        if isinstance(published, dict):
            out += ["    published:", f"      not_before: {published['not_before'].isoformat()}",
                    f"      not_after: {published['not_after'].isoformat()}", f"      basis: {published['basis']}"]
        else:
            out.append(f"    published: {published.isoformat()}")
        out += [f"    accessed: {ACCESSED.isoformat()}", "    documents:"]
        for file, language in source["documents"]:
            out += [f"      - file: {file}", f"        language: {language}"]
    out += ["", "figures:"]
    return "\n".join(out) + "\n" + "\n".join(figures.lines) + "\n"


def make_catalogue(size: int, out_dir: Path, seed: int = DEFAULT_SEED) -> tuple[Path, int]:
    """Write the catalogue of about `size` figures into out_dir: (path of its metrics.yaml, figures written)."""
    rng = random.Random(seed)
    places, provinces, wards, groups = official_places()
    slots = all_slots()
    capacity = len(slots) * (len(provinces) + len(wards) + len(groups))
    if size > capacity:
        raise ValueError(f"at most {capacity:,} figures fit the distinct place/metric/period combinations")
    figures = build_figures(size, places, provinces, wards, groups, slots, rng)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "places.yaml").write_text(places_yaml(places), encoding="utf-8")
    metrics = out_dir / "metrics.yaml"
    metrics.write_text(metrics_yaml(sources_for(slots, rng), figures), encoding="utf-8")
    return metrics, figures.count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int, help="about how many figures")
    parser.add_argument("--out", type=Path, help="output folder (default bench/out/SIZE)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    out_dir = args.out or ROOT / "bench" / "out" / str(args.size)
    try:
        path, count = make_catalogue(args.size, out_dir, args.seed)
    except ValueError as exc:
        print(f"make_catalogue: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {path} ({count:,} figures, {path.stat().st_size / 1e6:.1f} MB) and {path.parent / 'places.yaml'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
