"""metrics.yaml against its documents: each cited file exists, is cited once, and states each number it gives."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SOURCES_DIR = ROOT.parent / "shared" / "sources"
CATALOGUE = yaml.safe_load((ROOT / "metrics.yaml").read_text(encoding="utf-8"))
SOURCES = {source["id"]: source for source in CATALOGUE["sources"]}

needs_documents = pytest.mark.skipif(not SOURCES_DIR.is_dir(), reason=f"the source documents are not here: "
                                     f"{SOURCES_DIR} is absent (they live next to the repository)")

# ---- reading numbers the way the documents write them ------------------------------------------------------

DIGITS = {**{chr(0x06F0 + i): str(i) for i in range(10)},   # Persian ۰-۹
          **{chr(0x0660 + i): str(i) for i in range(10)},   # Arabic-Indic ٠-٩
          **{chr(0x0966 + i): str(i) for i in range(10)}}   # Devanagari ०-९
SEPARATORS = " \u00a0\u202f\u2009,.'\u066c\u066b"  # space, no-break, narrow no-break, thin, comma, dot, Arabic
GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[" + SEPARATORS + r"]\d{3})+(?:[.,\u066b]\d+)?(?![\d])")
PLAIN = re.compile(r"(?<![\d])\d+(?:[.,\u066b]\d+)?(?![\d])")

SCALE_WORDS = {  # a number followed by one of these is multiplied by it
    10**3: ["thousand", "thousands", "mille", "milliers", "тысяча", "тысячи", "тысяч", "हज़ार", "हजार", "هزار",
            "nghìn", "ngàn"],
    10**5: ["lakh", "lakhs", "लाख"],
    10**6: ["million", "millions", "миллион", "миллиона", "миллионов", "मिलियन", "میلیون", "triệu"],
    10**7: ["crore", "crores", "करोड़", "करोड"],
    10**9: ["billion", "billions", "milliard", "milliards", "миллиард", "миллиарда", "миллиардов", "बिलियन",
            "میلیارد", "tỷ"],
}
NUMBER_WORDS = {  # small numbers written out; words that also mean something common are left out (Vietnamese
    # 'năm' is also 'year' and 'không' 'not', Persian 'ده' is also 'village' and 'نه' 'no', Hindi 'दो' also
    # 'give', French 'neuf' also 'new'), so such a number must be found written in digits
    0: ["zero", "zéro", "ноль", "शून्य", "صفر",
        "none", "aucun", "aucune", "не было", "ни одного", "कोई नहीं", "هیچ"],  # "there were none"
    2: ["two", "deux", "два", "две", "دو"],
    3: ["three", "trois", "три", "तीन", "سه"],
    4: ["four", "quatre", "четыре", "चार", "چهار"],
    5: ["five", "cinq", "пять", "पांच", "पाँच", "پنج"],
    6: ["six", "шесть", "छह", "شش"],
    7: ["seven", "sept", "семь", "सात", "هفت"],
    8: ["eight", "huit", "восемь", "आठ", "هشت"],
    9: ["nine", "девять", "नौ"],
    10: ["ten", "dix", "десять", "दस"],
}
PAGE_FURNITURE = [
    re.compile(r"https?://\S+"),                         # the source line's address
    re.compile(r"\[[^\]\n]*_\d+\]"),                     # placeholders such as [advertisement_2]
    re.compile(r"^\S+\s*\(\d+\)\s*$", re.MULTILINE),     # the comment counter, e.g. "Comment (0)"
]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def normalise(text: str) -> str:
    text = _nfc(text).translate(str.maketrans(DIGITS))
    for pattern in PAGE_FURNITURE:
        text = pattern.sub(" ", text)
    return text


def _readings(token: str) -> set[float]:
    """'1,707' -> {1707, 1.707}; '1 163' -> {1163}; '89,1' -> {89.1}; '13.260' -> {13260, 13.26}."""
    values = set()
    digits_only = re.sub(r"[^\d]", "", token)
    if re.fullmatch(r"\d{1,3}(?:[" + SEPARATORS + r"]\d{3})+", token):
        values.add(float(digits_only))  # every separator groups thousands
    last = max(token.rfind(c) for c in ".,\u066b")
    if last > 0:
        whole, fraction = re.sub(r"[^\d]", "", token[:last]), token[last + 1:]
        if fraction.isdigit():
            values.add(float(f"{whole}.{fraction}"))  # the last mark is the decimal one
    else:
        values.add(float(digits_only))
    return values


def numbers_in(text: str) -> set[float]:
    """Every number the text states, in each way its writing can be read, with scale words applied."""
    text = normalise(text)
    found: set[float] = set()
    scale_of = {_nfc(w).lower(): factor for factor, words in SCALE_WORDS.items() for w in words}
    scale_pattern = "|".join(re.escape(w) for w in sorted(scale_of, key=len, reverse=True))
    for pattern in (GROUPED, PLAIN):
        for match in pattern.finditer(text):
            readings = _readings(match.group())
            found |= readings
            after = re.match(r"[\s\u00a0\u202f]*(" + scale_pattern + r")(?!\w)", text[match.end():], re.IGNORECASE)
            if after:
                found |= {value * scale_of[after.group(1).lower()] for value in readings}
    for value, words in NUMBER_WORDS.items():
        if any(re.search(rf"(?<!\w){re.escape(_nfc(word))}(?!\w)", text, re.IGNORECASE) for word in words):
            found.add(float(value))
    return found


def states(text: str, number: float) -> bool:
    return any(abs(found - number) < 1e-9 * max(1.0, abs(number)) for found in numbers_in(text))


@pytest.mark.parametrize(("text", "number"), [
    ("1707", 1707), ("1,707", 1707), ("1.707", 1707), ("1 707", 1707), ("1\u00a0707", 1707), ("1\u202f707", 1707),
    ("89,1 %", 89.1), ("89.1%", 89.1), ("۵۳۰۰۰ نفر", 53000), ("۱۰۰٪", 100), ("٣٤١٠", 3410), ("१,६५०", 1650),
    ("200 मिलियन से अधिक", 200_000_000), ("plus de 200 millions de VND", 200_000_000), ("3 लाख", 300_000),
    ("5 हज़ार", 5000), ("5 \u0939\u091c\u093c\u093e\u0930", 5000), ("5 \u0939\u095b\u093e\u0930", 5000),
    ("2 миллиона", 2_000_000), ("12 тысяч", 12000), ("Quatre formations", 4),
    ("уже три года подряд", 3), ("1,707/1,914", 1914), ("11/11", 11),
    ("С 2022 года не было инцидентов", 0), ("aucun incident", 0),
])
def test_numbers_are_read_in_their_usual_writings(text, number):
    assert states(text, number)


@pytest.mark.parametrize(("text", "number"), [
    ("1707", 170), ("17 07", 1707), ("1,7070", 17070), ("2024", 202), ("Комментарий (0)", 0),
    ("[विज्ञापन_2]", 2), ("https://example.org/a-215571.htm", 215571), ("un dos", 1),
    ("Trong năm 2024 không có vụ nào", 5), ("Trong năm 2024 không có vụ nào", 0), ("ده کوچک", 10),
])
def test_parts_of_numbers_page_furniture_and_look_alikes_are_not_read(text, number):
    assert not states(text, number)


# ---- the catalogue against its documents -------------------------------------------------------------------

@needs_documents
@pytest.mark.parametrize("source_id", sorted(SOURCES))
def test_every_document_a_source_cites_exists(source_id):
    missing = [d["file"] for d in SOURCES[source_id]["documents"] if not (SOURCES_DIR / d["file"]).is_file()]
    assert missing == [], f"{source_id} cites documents that are not in {SOURCES_DIR}"


def test_no_document_is_cited_by_two_sources():
    cited: dict[str, list[str]] = {}
    for source in CATALOGUE["sources"]:
        for document in source["documents"]:
            cited.setdefault(document["file"], []).append(source["id"])
    assert {f: s for f, s in cited.items() if len(s) > 1} == {}


SCRIPTS = {"hi": "DEVANAGARI", "fa": "ARABIC", "ar": "ARABIC", "ru": "CYRILLIC", "fr": "LATIN", "en": "LATIN",
           "vi": "LATIN"}


@needs_documents
@pytest.mark.parametrize("document", [d for s in CATALOGUE["sources"] for d in s["documents"]],
                         ids=lambda d: d["file"])
def test_each_document_is_in_the_language_it_is_said_to_be(document):
    if document["language"] not in SCRIPTS:
        pytest.fail(f"add the script of language {document['language']!r} to SCRIPTS")
    text = (SOURCES_DIR / document["file"]).read_text(encoding="utf-8")
    letters = [unicodedata.name(c, "").split(" ")[0] for c in text if c.isalpha()]
    dominant = max(set(letters), key=letters.count)
    assert dominant == SCRIPTS[document["language"]]


def _documents_text(source_id: str) -> dict[str, str]:
    return {d["file"]: (SOURCES_DIR / d["file"]).read_text(encoding="utf-8")
            for d in SOURCES[source_id]["documents"]}


@needs_documents
@pytest.mark.parametrize("figure", CATALOGUE["figures"], ids=lambda f: f["id"])
def test_every_number_of_a_figure_is_stated_in_a_document_of_its_source(figure):
    texts = _documents_text(figure["source"])
    for key in ("value", "denominator", "stated_rate"):
        number = figure.get(key)
        if number is None:
            continue
        assert any(states(text, number) for text in texts.values()), (
            f"figure {figure['id']}: {key} {number} is not stated in any of {sorted(texts)} (source "
            f"{figure['source']}); check the figure against the document, or, if the document writes it in "
            "words this test does not read, tell the lead with the exact phrase")
