"""Numbers and dates as readers expect them in English or Vietnamese (babel), and text made inert."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from urllib.parse import quote

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from components.words.languages import BY_CODE

LOCALES = {code: language.babel_locale for code, language in BY_CODE.items()}
DATE_PATTERNS = {code: language.date_pattern for code, language in BY_CODE.items()}
DATE_TIME_PATTERNS = {code: language.date_time_pattern for code, language in BY_CODE.items()}
DATE_AXIS_FORMATS = {code: language.date_axis_format for code, language in BY_CODE.items()}
NBSP = "\u00a0"  # a space a line never breaks at: between a number and its unit or hedge
MINUS = "\u2212"  # the minus sign ('−'), not the hyphen a keyboard types
QUALIFIER_SIGNS = {"about": "≈", "more_than": ">", "less_than": "<", "at_least": "≥", "at_most": "≤"}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["en"])


def number(value: float | None, decimals: int = 0, lang: str = "en") -> str:
    """2500 -> '2,500' (en) or '2.500' (vi); `decimals` fixed digits after the separator."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale(lang))


def percent(value: float | None, lang: str = "en", decimals: int = 1) -> str:
    """45.67 -> '45.7 %' / '45,7 %': a rate already in percent, to `decimals` places."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{number(value, decimals, lang)}{NBSP}%"


def signed(value: float, decimals: int = 0, lang: str = "en") -> str:
    """A change with its sign: '+12', '−380' (a minus sign, not a hyphen), '0'."""
    text = number(abs(value), decimals, lang)
    if text.strip("0.,") == "":  # nothing left after rounding: no direction to show
        return text
    return ("+" if value > 0 else MINUS) + text


def quantity(value: float, short_unit: str = "", decimals: int = 0, qualifier: str = "",
             lang: str = "en", *, with_sign: bool = False) -> str:
    """A reported value as a reader should see it: '≈ 12,000 people', '> 300,000,000 VND', '100 %',
    'nearly 12,000 people' ('gần 12.000 người'); with `with_sign`, a change: '+12 cases', '−28.2 %'.
    The spaces around the number do not break (NBSP): its unit never starts a line of its own, nor is the
    number parted from its hedge."""
    text = signed(value, decimals, lang) if with_sign else number(value, decimals, lang)
    sign = QUALIFIER_SIGNS.get(qualifier or "")
    if sign:
        text = f"{sign}{NBSP}{text}"
    if short_unit:
        text = f"{text}{NBSP}{short_unit}"
    if qualifier == "nearly":  # just under: no sign says it ('≈' is either side, '<' not how close)
        from components.words.i18n import t

        text = t("qualifier_nearly", lang, value=text)
    return text


def date(value: dt.date | str | None, lang: str = "en") -> str:
    """An ISO date (or date) as '17 Jul 2024' (en) or '17/07/2024' (vi)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return format_date(value, DATE_PATTERNS.get(lang, DATE_PATTERNS["en"]), locale=_locale(lang))


def date_time(value: dt.datetime, lang: str = "en") -> str:
    """A moment as '24 Nov 2026, 01:02' (en) or '01:02, 24/11/2026' (vi)."""
    return format_datetime(value, DATE_TIME_PATTERNS.get(lang, DATE_TIME_PATTERNS["en"]), locale=_locale(lang))


def plotly_separators(lang: str = "en") -> str:
    """Plotly's `separators` layout property: the locale's decimal then group symbol ('.,' en, ',.' vi)."""
    return get_decimal_symbol(_locale(lang)) + get_group_symbol(_locale(lang))


def date_axis_format(lang: str = "en") -> str:
    """The tick format of a date axis in `lang` ('' for Plotly's own)."""
    return DATE_AXIS_FORMATS.get(lang, "")


_HTML_SAFE = str.maketrans({"<": "&lt;", ">": "&gt;", "&": "&amp;"})
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


def visible_controls(text: str) -> str:
    """Unicode direction controls made visible ('⟨U+202E⟩') so they cannot reorder what a reader sees."""
    if text.isascii():  # no control to show (a constant-time check): the common case in tables of figures
        return text
    return _BIDI.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)


def plot_text(text: object) -> str:
    """Catalogue text for a Plotly string (titles, hovers, footers): shown as typed, never as markup."""
    return visible_controls(str(text)).translate(_HTML_SAFE)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&\"'])")
WORD_JOINER = "\u2060"
# Found in the text after the Markdown escapes are undone, so escaping cannot stop them: Streamlit's icons
# (':material/warning:') and GFM's bare links ('https://…', 'www.…', 'a@b.org'). An invisible word joiner
# after that colon, after 'www' and after that '@' breaks each pattern; the text reads the same.
_FOUND_AFTER_ESCAPES = re.compile(r"\\:(?=(?i:material)/|//)|(?i:\bwww)(?=\\\.)|(?<=[\w.+\\-])@(?=\w)")
_ICON_AFTER_ESCAPES = re.compile(r"\\:(?=(?i:material)/)")


def md_text(text: object) -> str:
    """Catalogue text for Streamlit Markdown (captions, headings): every markup character escaped, icons and
    bare links broken by an invisible word joiner."""
    cleaned = visible_controls(str(text)).replace("\r", " ").replace("\n", " ")
    escaped = _MD_SPECIAL.sub(r"\\\1", cleaned)
    return _FOUND_AFTER_ESCAPES.sub(lambda match: match.group() + WORD_JOINER, escaped)


def shortened(text: str, limit: int = 40) -> str:
    """`text` cut to at most `limit` characters, the last one an ellipsis when it is cut."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def md_link(url: str) -> str:
    """A Markdown link to an http(s) URL whose text is the URL exactly as a reader copies it: escaped, with no
    word joiner (GFM finds no bare link inside a link's text, so only a Streamlit icon needs breaking there)."""
    cleaned = visible_controls(url).replace("\r", " ").replace("\n", " ")
    text = _ICON_AFTER_ESCAPES.sub(lambda match: match.group() + WORD_JOINER, _MD_SPECIAL.sub(r"\\\1", cleaned))
    return f"[{text}]({md_url(url)})"


def md_url(url: str) -> str:
    """An http(s) URL as a Markdown link target: characters that would end or break the link escaped."""
    return quote(url, safe=":/?#[]@!$&'*+,;=%-._~")




def sort_key_vi(text: str) -> tuple:
    """Vietnamese alphabetical order (a ă â b c d đ e ê …, word by word, then tones), not byte order."""
    base_order = "aăâbcdđeêfghiklmnoôơpqrstuưvxyz"
    tone_marks = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
    letters, tones = [], []
    for char in text.lower():
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        tone = next((tone_marks[m] for m in marks if m in tone_marks), 0)
        kept = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in tone_marks))
        if kept in base_order:
            letters.append((base_order.index(kept), kept))
        else:  # a space or punctuation before any letter ('Hà Giang' before 'Hải Dương'), other letters after
            letters.append((len(base_order) if kept.isalpha() else -1, kept))
        tones.append(tone)
    return tuple(letters), tuple(tones)


def plotly_format(lang: str = "en") -> dict:
    """Plotly's locale `format` (numbers and dates on the browser's side: axes, the date picker) from the
    locale data: decimal and group symbols, month and day names."""
    locale = Locale.parse(_locale(lang))
    months, days = locale.months["format"], locale.days["format"]
    sunday_first = [6, 0, 1, 2, 3, 4, 5]  # d3 lists days from Sunday
    return {"decimal": get_decimal_symbol(locale), "thousands": get_group_symbol(locale),
            "months": [months["wide"][m] for m in range(1, 13)],
            "shortMonths": [months["abbreviated"][m] for m in range(1, 13)],
            "days": [days["wide"][d] for d in sunday_first],
            "shortDays": [days["abbreviated"][d] for d in sunday_first],
            "date": DATE_AXIS_FORMATS.get(lang) or "%x"}
