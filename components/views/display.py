"""Figures made display-ready in a language: the words of a view (places, periods, sources, values as
reported, notes) and the words around every chart (title, footer, the page's address)."""

from __future__ import annotations

import collections
import datetime as dt
import functools

import pandas as pd
from babel import Locale

from components.catalogue import kinds
from components.catalogue.load import Catalogue
from components.catalogue.schema import Document, Place, Source
from components.views import charts
from components.words import fmt
from components.words.i18n import DEFAULT_LANG, localized, t, written_decimals
from components.words.languages import BY_CODE, text_field
from components.words.periods import published_words, reader_words, time_words

# Okabe-Ito's blue, vermillion, bluish green and reddish purple, with Tol's wine, indigo and green and a slate
# grey: each at least 3:1 on white (WCAG 1.4.11) and apart from the others under protanopia, deuteranopia and
# tritanopia (tests/components/test_contrast.py); a bar's colour is never its only label
PALETTE = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#882255", "#5f6b77", "#332288", "#117733"]


def chart_text(lang: str, title: str, subtitle: str = "", value_axis: str = "", *, footer: str = "",
               address: str = "", width: int = charts.IMAGE_WIDTH) -> charts.ChartText:
    return charts.ChartText(
        title=title, subtitle=subtitle, value_axis=value_axis, source_word=t("source", lang),
        sources_word=t("sources", lang), period_word=t("period", lang), periods_word=t("periods", lang),
        hover_period=t("period", lang), hover_source=t("source", lang), remainder=t("remainder", lang),
        separators=fmt.plotly_separators(lang), date_format=fmt.date_axis_format(lang), footer=footer,
        credit=credit_line(lang, address), width=width)


MAX_NAMED_SOURCES = 3


def credit_line(lang: str, address: str = "") -> str:
    """The last line of every image: the dashboard's name, and the page's full address when it is known."""
    return f"{t('app_title', lang)} · {address}" if address else t("app_title", lang)


def short_source(source: Source, lang: str) -> str:
    """'Publisher, “Title”, 17 Jul 2024' for a footer (titles are short: curators write them in their words)."""
    title = localized(source, "title", lang)
    return f"{source.publisher or t('publisher_not_named', lang)}, “{title}”, {published_text(source, lang)}"


def sources_line(catalogue: Catalogue, source_ids, lang: str) -> str:
    """'Sources: A; B; C and 4 more': every source of a chart named, the first few in full."""
    ids = list(dict.fromkeys(source_ids))
    if not ids:
        return ""
    named = "; ".join(short_source(catalogue.sources[s], lang) for s in ids[:MAX_NAMED_SOURCES])
    if len(ids) > MAX_NAMED_SOURCES:
        named = t("and_more", lang, named=named, count=fmt.number(len(ids) - MAX_NAMED_SOURCES, 0, lang))
    return f"{t('source' if len(ids) == 1 else 'sources', lang)}: {named}"


def published_text(source: Source, lang: str) -> str:
    return published_words(source.published, reader_words(lang))


def published_phrase(source: Source, lang: str) -> str:
    """'published 17 Jul 2024', or 'published between 1 Jan 2024 and 30 Jun 2025' when only bounds are known."""
    if isinstance(source.published, dt.date):
        return t("published_on", lang, date=fmt.date(source.published, lang))
    return t("published_between", lang, start=fmt.date(source.published.not_before, lang),
             end=fmt.date(source.published.not_after, lang))


def source_text(source: Source, lang: str) -> str:
    """'Publisher, “Title”, published 17 Jul 2024' in `lang`."""
    title = localized(source, "title", lang)
    published = published_phrase(source, lang)
    publisher = source.publisher or t("publisher_not_named", lang)
    return f"{publisher}, “{title}”, {published}"


def publisher_line(source: Source, lang: str) -> str:
    """'Publisher: Báo Quảng Ninh', or 'Publisher: not named' (said once)."""
    if source.publisher:
        return f"{t('publisher', lang)}: {source.publisher}"
    return t("publisher_unnamed_line", lang)


def document_text(source: Source, document: Document, lang: str) -> str:
    """A source's document as what it is: 'the article in Vietnamese', 'Hindi translation of the article'."""
    language = language_name(document.language, lang)
    if BY_CODE.get(lang) and BY_CODE[lang].lower_case_language_names:
        language = language[:1].lower() + language[1:]
    if document.language == source.language:
        return t("document_original", lang, language=language)
    return t("document_translation", lang, language=language)


def time_text(row, lang: str, *, publication_dates: bool = True) -> str:
    """The time a figure refers to, in words: 'as of 17 Jul 2024', '1 Jan 2024 – 30 Jun 2024', …
    Without `publication_dates`, 'publication' is not followed by the dates it falls between: for a card under
    its source's citation, which says them once."""
    return time_words(row.as_of, row.period_start, row.period_end, row.date_is_bound,
                      reader_words(lang, publication_dates))


def language_name(code: str, lang: str) -> str:
    """'fa' -> 'Persian' (en) / 'Tiếng Ba Tư' (vi), from the locale data; the code itself if unknown."""
    return Locale.parse(fmt.LOCALES.get(lang, "en_GB")).languages.get(code, code)


def theme_colors(catalogue: Catalogue) -> dict[str, str]:
    """Each theme's colour: its own, else the next palette colour no theme has taken (in catalogue order)."""
    taken = {theme.color.lower() for theme in catalogue.themes.values() if theme.color}
    free = [color for color in PALETTE if color.lower() not in taken] or PALETTE
    colors, used = {}, 0
    for theme_id, theme in catalogue.themes.items():
        if theme.color:
            colors[theme_id] = theme.color
        else:
            colors[theme_id] = free[used % len(free)]
            used += 1
    return colors


def place_name(place: Place, lang: str, short: bool = True) -> str:
    """A place's name for a reader of `lang`: units keep their Vietnamese names; a place with an English name
    (`name_en`, a group such as an emulation cluster) is called by it in the English view."""
    if lang == DEFAULT_LANG and place.name_en:
        return place.name_en
    return place.short_name if short else place.name


def place_label(catalogue: Catalogue, place_id: str, lang: str) -> str:
    place = catalogue.places[place_id]
    name = place_name(place, lang)
    return t("former_place", lang, name=name) if place.status == "former" else name


def note_text(english: str | None, translated: str | None, lang: str) -> str:
    """A figure's or place's note in `lang` ('' without one): its translation, else the English marked as such."""
    if not isinstance(english, str) or not english:
        return ""
    if lang == DEFAULT_LANG:
        return english
    return translated if isinstance(translated, str) and translated else t("fallback_marked", lang, text=english)


def place_note(place: Place, lang: str) -> str:
    return note_text(place.note, getattr(place, text_field("note", lang), None), lang)


def full_place_label(catalogue: Catalogue, place_id: str, lang: str) -> str:
    """The official name, which says the level ('Phường Cẩm Thịnh', 'Thành phố Hạ Long'), marked when former:
    what a title needs, since a ward and a former city may share a short name."""
    place = catalogue.places[place_id]
    name = place_name(place, lang, short=False)
    return t("former_place", lang, name=name) if place.status == "former" else name


# A national source or province can hold thousands of figures: a page's table shows this many, its CSV all.
TABLE_ROWS = 500


def rows_of(frame: pd.DataFrame) -> list:
    """The frame's rows as `DataFrame.itertuples()` gives them (named tuples, the index first), taken column by
    column: pandas' own takes each column out with `.iloc` on every call, slow on display rows' many columns."""
    if frame.columns.has_duplicates:
        return list(frame.itertuples())
    row = _row_type(("Index", *map(str, frame.columns)))
    return list(map(row._make, zip(frame.index, *(frame[c].tolist() for c in frame.columns), strict=True)))


@functools.lru_cache(maxsize=64)
def _row_type(fields: tuple[str, ...]) -> type:
    return collections.namedtuple("Pandas", fields, rename=True)


def display_rows(rows: pd.DataFrame, catalogue: Catalogue, lang: str) -> pd.DataFrame:
    """The figures with the words a reader sees: place, metric, value as reported, time and source."""
    out = rows.copy()
    if out.empty:
        for column in ("place_label", "place_full_label", "metric_name", "unit_name", "short_unit_name",
                       "metric_description", "value_text", "fraction_text", "time_text", "source_text", "color",
                       *CITATION_COLUMNS):
            out[column] = pd.Series(dtype=object)
        return out
    colors = theme_colors(catalogue)
    metrics, sources = catalogue.metrics, catalogue.sources
    labels = {p: (place_label(catalogue, p, lang), full_place_label(catalogue, p, lang))
              for p in out["place_id"].unique()}
    out["place_label"] = out["place_id"].map({p: short for p, (short, _) in labels.items()})
    # as chart titles name it ('Phường Cẩm Thịnh'): a card naming its place says it the same way
    out["place_full_label"] = out["place_id"].map({p: full for p, (_, full) in labels.items()})
    out["metric_name"] = [localized(metrics[m], "label", lang) for m in out["metric_id"]]
    out["unit_name"] = [localized(metrics[m], "unit", lang) for m in out["metric_id"]]
    out["short_unit_name"] = [localized(metrics[m], "short_unit", lang) for m in out["metric_id"]]
    out["metric_description"] = [localized(metrics[m], "description", lang) for m in out["metric_id"]]
    records = rows_of(out)  # what the three texts read is all in out by now
    out["value_text"] = [
        fmt.quantity(r.value, kinds.unit_sign(r.metric_kind) or r.short_unit_name, written_decimals(r.value),
                     r.qualifier, lang, with_sign=kinds.is_signed(r.metric_kind)) for r in records]
    out["fraction_text"] = [fraction_text(r, lang) for r in records]
    out["time_text"] = [time_text(r, lang) for r in records]
    texts = {sid: source_text(source, lang) for sid, source in sources.items()}
    out["source_text"] = [texts[s] for s in out["source_id"]]
    out["color"] = [colors.get(theme, PALETTE[0]) for theme in out["metric_theme"]]
    return add_citations(out, catalogue, lang)


# what a figure is cited with beyond the display columns, in the reader's language: its note (tiles, hovers,
# tables, the CSV and the export show it), the place's full name, the source's title and publisher (the CSV),
# the other sources that report it, and for a change the period it is compared with (cards and tables)
CITATION_COLUMNS = ("note_text", "place_name_text", "source_title_text", "source_publisher_text", "also_in_text",
                    "compared_text")


def also_in_text(source_ids: str, catalogue: Catalogue, lang: str) -> str:
    """The other sources reporting a figure ('A; B', each as a footer cites it) from its `also_in` column
    (their ids joined by ';'); '' without any."""
    return "; ".join(short_source(catalogue.sources[s], lang) for s in source_ids.split(";") if s)


def compared_text(start: str, end: str, lang: str) -> str:
    """'compared with 1 Jan 2024 – 30 Jun 2024' for a change's period of comparison (ISO dates), else ''."""
    if not end:
        return ""
    return t("compared_with", lang, period=time_words("", start, end, False, reader_words(lang)))


def add_citations(out: pd.DataFrame, catalogue: Catalogue, lang: str) -> pd.DataFrame:
    places, sources = catalogue.places, catalogue.sources
    also_in = out["also_in"] if "also_in" in out.columns else pd.Series([""] * len(out), index=out.index)
    out["also_in_text"] = also_in.map({ids: also_in_text(ids, catalogue, lang) for ids in set(also_in)})
    if "compared_end" in out.columns:
        periods = list(zip(out["compared_start"], out["compared_end"], strict=True))
        worded = {period: compared_text(*period, lang) for period in set(periods)}
        out["compared_text"] = [worded[period] for period in periods]
        # a change's time says what it is measured against, wherever its time is shown (tables, hovers, footers)
        changed = out["compared_text"].astype(bool)
        if changed.any():
            out.loc[changed, "time_text"] = [t("time_compared", lang, time=time, compared=compared) for time, compared
                                             in zip(out.loc[changed, "time_text"], out.loc[changed, "compared_text"],
                                                    strict=True)]
    else:
        out["compared_text"] = ""
    column = text_field("note", lang)
    translated = out[column] if column in out.columns else [None] * len(out)
    out["note_text"] = [note_text(en, tr, lang) for en, tr in zip(out["note"], translated, strict=True)]
    names = {pid: place_name(places[pid], lang, short=False) for pid in out["place_id"].unique()}
    out["place_name_text"] = out["place_id"].map(names)
    titles = {sid: localized(sources[sid], "title", lang) for sid in out["source_id"].unique()}
    out["source_title_text"] = out["source_id"].map(titles)
    publishers = {sid: sources[sid].publisher or t("publisher_not_named", lang) for sid in titles}
    out["source_publisher_text"] = out["source_id"].map(publishers)
    return out


def fraction_text(row, lang: str) -> str:
    """'1,800 of 2,000 cases (90.0 %; reported 89.0 %)' for a figure with a denominator, else ''."""
    if pd.isna(row.denominator) or not row.denominator:
        return ""
    text = t("x_of_y", lang, part=fmt.quantity(row.value, "", written_decimals(row.value), row.qualifier, lang),
             whole=fmt.number(row.denominator, written_decimals(row.denominator), lang), unit=row.short_unit_name,
             rate=fmt.percent(row.computed_rate, lang))
    if not pd.isna(row.stated_rate):
        text += " " + t("reported_rate", lang, rate=fmt.percent(row.stated_rate, lang))
    return text
