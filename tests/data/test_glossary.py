"""Every Vietnamese text of the catalogue uses data/glossary.yaml's term for each concept its English names."""

from __future__ import annotations

import copy
import unicodedata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


CATALOGUE = _load(ROOT / "metrics.yaml")
PLACES = _load(ROOT / "data" / "places.yaml")
GLOSSARY = _load(ROOT / "data" / "glossary.yaml")["terms"]
FIELDS = {"themes": ["label"], "metrics": ["label", "unit", "short_unit", "description"],
          "sources": ["title", "publisher_note"], "figures": ["note"]}


def _folded(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def text_pairs(catalogue: dict, places: dict) -> list[tuple[str, str, str]]:
    """(where, English, Vietnamese) for every catalogue text given in both languages."""
    pairs = []
    for section, fields in FIELDS.items():
        for item in catalogue.get(section) or []:
            for name in fields:
                pairs.append((f"{section}/{item['id']}.{name}", item.get(name), item.get(f"{name}_vi")))
            published = item.get("published") if section == "sources" else None
            if isinstance(published, dict):
                pairs.append((f"sources/{item['id']}.published.basis", published.get("basis"),
                              published.get("basis_vi")))
    for place in places["places"]:
        pairs.append((f"places/{place['id']}.name_en", place.get("name_en"), place["name"]))
        pairs.append((f"places/{place['id']}.note", place.get("note"), place.get("note_vi")))
    return [(where, en, vi) for where, en, vi in pairs if en and vi]


def glossary_problems(catalogue: dict, places: dict, terms: list[dict]) -> list[str]:
    """One line per Vietnamese text that misses the glossary's term for a concept its English names, or uses
    a wording the glossary says to avoid."""
    problems = []
    for where, english, vietnamese in text_pairs(catalogue, places):
        for term in terms:
            named = any(_folded(form) in _folded(english) for form in term["en"])
            if named and _folded(term["vi"]) not in _folded(vietnamese):
                problems.append(f"{where}: the English says {term['en'][0]!r}, the Vietnamese lacks {term['vi']!r}")
            others = _folded(vietnamese)  # a wording to avoid inside another term of the glossary is that term
            for other in terms:
                others = others.replace(_folded(other["vi"]), " ") if other is not term else others
            problems += [f"{where}: avoid {wrong!r} (say {term['vi']!r})" for wrong in term.get("avoid", ())
                         if _folded(wrong) in others]
    return problems


def test_every_vietnamese_text_uses_the_glossary_terms():
    problems = glossary_problems(CATALOGUE, PLACES, GLOSSARY)
    assert problems == [], "\n".join(problems)


def test_the_glossary_is_well_formed():
    for term in GLOSSARY:
        assert set(term) <= {"en", "vi", "avoid"} and term["en"] and term["vi"], term
        assert all(_folded(wrong) not in _folded(term["vi"]) for wrong in term.get("avoid", ())), term


def test_the_check_sees_the_catalogue_texts():
    """Only as good as the texts it reads: labels, descriptions, titles, bases, notes and place names."""
    wheres = {where.rsplit(".", 1)[1] for where, _, _ in text_pairs(CATALOGUE, PLACES)}
    assert {"label", "description", "title", "basis", "note", "name_en"} <= wheres


@pytest.mark.parametrize(("section", "item_id", "field", "old", "new", "words"), [
    ("metrics", "trained-team-leaders", "label_vi", "tổ bảo vệ an ninh, trật tự ở cơ sở", "tổ an ninh",
     "lacks 'tổ bảo vệ an ninh, trật tự ở cơ sở'"),
    ("metrics", "complex-order-hotspots", "label_vi", "trật tự xã hội", "trật tự công cộng", "avoid"),
    ("sources", "cluster4-first-half-2024", "title_vi", "“Vì an ninh Tổ quốc”", "bảo vệ an ninh Tổ quốc",
     "lacks 'Vì an ninh Tổ quốc'"),
])
def test_a_wrong_or_missing_term_fails(section, item_id, field, old, new, words):
    changed = copy.deepcopy(CATALOGUE)
    item = next(i for i in changed[section] if i["id"] == item_id)
    assert old in item[field]
    item[field] = item[field].replace(old, new)
    problems = glossary_problems(changed, PLACES, GLOSSARY)
    assert any(p.startswith(f"{section}/{item_id}.") and words in p for p in problems), problems
