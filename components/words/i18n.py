"""The interface's words: one message catalogue per language (locales/<lang>.yaml), looked up by key."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from babel import Locale

from components.words import fmt
from components.words.languages import DEFAULT_LANG, REGISTRY, text_field

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
LANGUAGES = {language.code: language.name for language in REGISTRY}


@functools.cache
def messages(lang: str) -> dict[str, str]:
    """All messages of one language, flat: key -> text with {placeholders} (none yet for a language without a
    file: `t` then falls back to English)."""
    path = LOCALES_DIR / f"{lang}.yaml"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def normal_lang(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, /, **values) -> str:
    """The message `key` in `lang`, with {placeholders} filled from `values`."""
    text = messages(normal_lang(lang)).get(key)
    if text is None:
        text = messages(DEFAULT_LANG)[key]
    return text.format(**values)


def t_count(key: str, lang: str, count: int, /, **values) -> str:
    """`t` for a message about `count` things: '<key>_one' where the language says 'one' for it (1 chart),
    else '<key>' (2 charts); `count` is passed as the placeholder {count}, formatted for the locale."""
    lang = normal_lang(lang)
    form = Locale.parse(fmt.LOCALES[lang]).plural_form(count)
    chosen = f"{key}_one" if form == "one" and f"{key}_one" in messages(lang) else key
    return t(chosen, lang, count=fmt.number(count, 0, lang), **values)


# Plotly's own words (its chart toolbar and notices): en.yaml holds them as Plotly writes them, the other
# catalogues their translation; `plotly_config` hands Plotly the pairs.
PLOTLY_KEYS = ("plotly_download_png", "plotly_download", "plotly_zoom", "plotly_pan", "plotly_box_select",
               "plotly_lasso_select", "plotly_zoom_in", "plotly_zoom_out", "plotly_autoscale", "plotly_reset_axes",
               "plotly_reset_view", "plotly_reset", "plotly_closest", "plotly_compare", "plotly_spikes",
               "plotly_double_click", "plotly_snapshot", "plotly_snapshot_done", "plotly_download_failed")


def plotly_config(lang: str) -> dict:
    """Plotly config entries that put its toolbar, notices, numbers and dates in `lang` ({} for English)."""
    lang = normal_lang(lang)
    if lang == DEFAULT_LANG:
        return {}
    dictionary = {t(key, DEFAULT_LANG): t(key, lang) for key in PLOTLY_KEYS}
    return {"locale": lang, "locales": {lang: {"dictionary": dictionary, "format": fmt.plotly_format(lang)}}}


def localized(item, field: str, lang: str) -> str:
    """A catalogue text in `lang`: `<field>_<lang>` when given, else the English text, visibly marked as such."""
    english = getattr(item, field)
    if lang == DEFAULT_LANG or english is None:
        return english
    translated = getattr(item, text_field(field, lang), None)
    return translated if translated else t("fallback_marked", lang, text=english)


@dataclass(frozen=True)
class Number:
    """A number to write with a fixed count of decimals, grouped as the reader's language groups digits."""
    value: float
    decimals: int = 0


@dataclass(frozen=True)
class Phrase:
    """A message by its key in the message catalogues (components/words/locales) and the values of its placeholders.

    A value is shown as it is when it is text (ids, file names, what the file says), grouped for the language
    when a number, written for the language when a date (as the file writes it in English), and translated when
    it is itself a Phrase."""
    key: str
    params: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str = "en") -> str:
        return t(self.key, lang, **{name: _shown(value, lang) for name, value in self.params})


def phrase(key: str, /, **params: Any) -> Phrase:
    return Phrase(key, tuple(params.items()))


def _shown(value: Any, lang: str) -> str:
    if isinstance(value, Phrase):
        return value.text(lang)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = Number(value, written_decimals(value))
    if isinstance(value, Number):
        return fmt.number(value.value, value.decimals, lang)
    if isinstance(value, dt.date):
        return value.isoformat() if lang == "en" else fmt.date(value, lang)
    return str(value)


def written_decimals(value: float) -> int:
    """The decimals a number was written with: 120 -> 0, 62.5 -> 1 (at most 6)."""
    if isinstance(value, int):
        return 0
    text = repr(float(value))
    return 6 if "e" in text else min(len(text.partition(".")[2].rstrip("0")), 6)
