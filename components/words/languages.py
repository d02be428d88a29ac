"""The languages of the interface, in one registry: each one's name in itself, its babel locale and how its
readers write dates. i18n (messages) and fmt (numbers, dates) read it; a language also needs its message
catalogue (locales/<code>.yaml) and, for the catalogue's own texts, `*_<code>` fields in the schema."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself, as the language switch offers it
    babel_locale: str  # numbers, plural forms, month names
    date_pattern: str  # CLDR pattern of a date
    date_time_pattern: str  # CLDR pattern of a moment
    date_axis_format: str  # Plotly's d3 format for date axis ticks; '' keeps Plotly's own ('Jan 2024')
    # a language's name inside a sentence starts in lower case ('bản dịch tiếng Hindi'), where the locale data
    # gives it capitalised for a list ('Tiếng Hindi'); English keeps 'Hindi'
    lower_case_language_names: bool = False


REGISTRY = (
    Language("en", "English", "en_GB", "d MMM y", "d MMM y, HH:mm", ""),
    # readers who do not read English month names get digits on date axes ('01/2024')
    Language("vi", "Tiếng Việt", "vi_VN", "dd/MM/yyyy", "HH:mm, dd/MM/yyyy", "%m/%Y", lower_case_language_names=True),
)
BY_CODE = {language.code: language for language in REGISTRY}
DEFAULT_LANG = "en"
TRANSLATED = tuple(language.code for language in REGISTRY if language.code != DEFAULT_LANG)


def text_field(field: str, code: str) -> str:
    """The catalogue's field holding `field`'s text in language `code` (`note`, `note_vi`): the one place that
    names a translation's field, so code that carries catalogue texts finds every language's from the registry."""
    return field if code == DEFAULT_LANG else f"{field}_{code}"
