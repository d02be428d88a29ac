"""Numbers as documents write them: every number in a text, each way it can be read, and where it stands."""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DIGITS = {**{chr(0x06F0 + i): str(i) for i in range(10)},   # Persian ۰-۹
          **{chr(0x0660 + i): str(i) for i in range(10)},   # Arabic-Indic ٠-٩
          **{chr(0x0966 + i): str(i) for i in range(10)}}   # Devanagari ०-९
SEPARATORS = " \u00a0\u202f\u2009,.'\u066c\u066b"  # space, no-break, narrow no-break, thin, comma, dot, Arabic
DECIMAL_MARKS = ".,\u066b"
GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[" + SEPARATORS + r"]\d{3})+(?:[.,\u066b]\d+)?(?![\d])")
LAKH = re.compile(r"(?<![\d.,])\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?![\d])")  # Indian grouping: 1,00,000
PLAIN = re.compile(r"(?<![\d])\d+(?:[.,\u066b]\d+)?(?![\d])")

# How each language groups thousands and marks decimals, to choose the reading the document means
# (every reading is still kept: translations do not always follow their language's convention).
CONVENTIONS = {  # language: (thousands separators, decimal marks)
    "vi": (". \u00a0", ","), "fr": (" \u00a0\u202f\u2009.", ","), "ru": (" \u00a0\u202f\u2009", ",."),
    "hi": (",", "."), "en": (",", "."), "fa": ("\u066c,", "\u066b./"), "ar": ("\u066c,", "\u066b."),
}

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
    re.compile(r"^[^\W\d][^\d\n()]{0,30}\(\d+\)\s*$", re.MULTILINE),  # the comment counter: "Comment (0)"
]
PERCENT = re.compile(r"[\s\u00a0\u202f]*(?:%|٪|phần trăm|pour ?cent|процент\w*|प्रतिशत|درصد)", re.IGNORECASE)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@functools.cache
def _scale_pattern() -> tuple[re.Pattern, dict[str, int]]:
    scale_of = {nfc(w).lower(): factor for factor, words in SCALE_WORDS.items() for w in words}
    alternatives = "|".join(re.escape(w) for w in sorted(scale_of, key=len, reverse=True))
    return re.compile(r"[\s\u00a0\u202f]*(" + alternatives + r")(?!\w)", re.IGNORECASE), scale_of


@functools.cache
def _word_pattern() -> tuple[re.Pattern, dict[str, int]]:
    value_of = {nfc(w).lower(): value for value, words in NUMBER_WORDS.items() for w in words}
    alternatives = "|".join(re.escape(w) for w in sorted(value_of, key=len, reverse=True))
    return re.compile(r"(?<!\w)(" + alternatives + r")(?!\w)", re.IGNORECASE), value_of


@dataclass(frozen=True)
class Mention:
    """One number as the document writes it: in digits (with its scale word) or in words."""

    written: str                   # as written, digits in their own script, scale word included
    readings: tuple[float, ...]    # every value the writing can mean
    value: float                   # the reading the document's language means
    start: int                     # offset in the text read (NFC, furniture blanked)
    end: int
    line: int                      # 1-based, in the file as written
    column: int                    # 1-based, counting characters, in the file as written
    in_words: bool = False
    percent: bool = False          # followed by a percent sign or word

    def states(self, number: float) -> bool:
        return any(_same(reading, number) for reading in self.readings)

    def covers(self, line: int, column: int) -> bool:
        """Whether (line, column) falls on this number as written (its first character to its last)."""
        return line == self.line and self.column <= column < self.column + max(len(self.written), 1)


def _same(a: float, b: float) -> bool:
    return abs(a - b) < 1e-9 * max(1.0, abs(b))


def _readings(token: str) -> list[float]:
    """'2,345' -> [2345, 2.345]; '6 789' -> [6789]; '12,5' -> [12.5]; '45.600' -> [45600, 45.6]."""
    values = []
    digits_only = re.sub(r"[^\d]", "", token)
    if re.fullmatch(r"\d{1,3}(?:[" + SEPARATORS + r"]\d{3})+", token) or LAKH.fullmatch(token):
        values.append(float(digits_only))  # every separator groups digits
    last = max(token.rfind(c) for c in DECIMAL_MARKS)
    if last > 0:
        whole, fraction = re.sub(r"[^\d]", "", token[:last]), token[last + 1:]
        if fraction.isdigit():
            values.append(float(f"{whole}.{fraction}"))  # the last mark is the decimal one
    else:
        values.append(float(digits_only))
    return list(dict.fromkeys(values))


def _meant(token: str, readings: list[float], lang: str | None) -> float:
    """The reading the document's language gives `token`: '2.345' is 2345 in Vietnamese, 2.345 in Hindi."""
    thousands, decimals = CONVENTIONS.get(lang or "", ("", ""))
    marks = [c for c in token if not c.isdigit()]
    if not marks:
        return readings[0]
    grouped = re.fullmatch(r"\d{1,3}(?:[" + SEPARATORS + r"]\d{3})+", token) or LAKH.fullmatch(token)
    if grouped and all(c in thousands for c in marks):
        return readings[0]
    if marks[-1] in decimals and all(c in thousands for c in marks[:-1]):
        return readings[-1]
    return readings[0]


class DocumentText:
    """A document read for numbers: its text, where its lines start, and every number in it."""

    def __init__(self, raw: str, lang: str | None = None, name: str = ""):
        self.name = name
        self.lang = lang
        self.raw_lines = raw.split("\n")
        self.text = nfc(raw).translate(str.maketrans(DIGITS))  # one character for one: offsets keep
        self.visible = nfc(raw)
        self.read = _blank_furniture(self.text)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self.mentions = self._find_mentions()

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset of the text read, in the file as written."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        column = offset - self.line_starts[index]
        raw_line = self.raw_lines[index] if index < len(self.raw_lines) else ""
        if nfc(raw_line) != raw_line:  # composed characters: count the file's own characters
            column = next((c for c in range(len(raw_line) + 1) if len(nfc(raw_line[:c])) >= column), column)
        return index + 1, column + 1

    def line(self, number: int) -> str:
        """Line `number` (1-based) as the reader sees it (NFC), page furniture included."""
        starts = self.line_starts
        if not 1 <= number <= len(starts):
            return ""
        end = starts[number] - 1 if number < len(starts) else len(self.visible)
        return self.visible[starts[number - 1]:end]

    def mentions_at(self, line: int, column: int) -> list[Mention]:
        return [m for m in self.mentions if m.covers(line, column)]

    def mentions_of(self, number: float) -> list[Mention]:
        return [m for m in self.mentions if m.states(number)]

    def _find_mentions(self) -> list[Mention]:
        taken: list[tuple[int, int]] = []
        mentions = []
        for pattern in (LAKH, GROUPED, PLAIN):
            for match in pattern.finditer(self.read):
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue
                taken.append(match.span())
                mentions.append(self._digits_mention(match))
        words, value_of = _word_pattern()
        for match in words.finditer(self.read):
            value = float(value_of[match.group(1).lower()])
            mentions.append(self._mention(match.start(), match.end(), (value,), value, in_words=True))
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _digits_mention(self, match: re.Match) -> Mention:
        token = match.group()
        readings = _readings(token)
        value = _meant(token, readings, self.lang)
        end = match.end()
        scale, scale_of = _scale_pattern()
        after = scale.match(self.read, end)
        if after:
            factor = scale_of[after.group(1).lower()]
            readings = readings + [r * factor for r in readings]
            value, end = value * factor, after.end()
        return self._mention(match.start(), end, tuple(readings), value)

    def _mention(self, start: int, end: int, readings: tuple, value: float, in_words: bool = False) -> Mention:
        line, column = self.position(start)
        percent = bool(PERCENT.match(self.read, end))
        return Mention(self.visible[start:end], readings, value, start, end, line, column, in_words, percent)


def _blank_furniture(text: str) -> str:
    """The text with page furniture (addresses, placeholders, comment counters) blanked, offsets kept."""
    for pattern in PAGE_FURNITURE:
        text = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    return text


def read_document(path: Path, lang: str | None = None) -> DocumentText:
    return DocumentText(path.read_text(encoding="utf-8"), lang, path.name)


def states(text: str, number: float) -> bool:
    return any(m.states(number) for m in DocumentText(text).mentions)
