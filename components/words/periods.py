"""A figure's time and a source's publication date in words: the one home of the rules that word them (a date,
a period with or without its start, a date known only within bounds, a period ending at publication).

Two audiences read these words, each with its own `TimeWords`: the tidy frame's label, in English with ISO
dates so that it reads the same on every machine and in every locale (`ISO_WORDS`), and a reader of the
interface, in their language with dates as they write them (`reader_words`)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass

from components.words import fmt
from components.words.i18n import t


@dataclass(frozen=True)
class TimeWords:
    """How one audience words a time: a date, and templates with {placeholders}."""

    date: Callable[[str], str]  # an ISO date in words
    between: str  # a date known only within bounds: {start}, {end}
    as_of: str  # {date}
    as_of_publication: str  # {date}: the bounds of the publication date (a template without it leaves them out)
    publication: str  # the end of a period at publication: {dates}
    until: str  # a period without a stated start: {end}
    from_to: str  # {start}, {end}


ISO_WORDS = TimeWords(str, "between {start} and {end}", "as of {date}", "as of publication ({date})",
                      "publication ({dates})", "an unstated start to {end}", "{start} to {end}")


@functools.cache
def reader_words(lang: str, publication_dates: bool = True) -> TimeWords:
    """The words of `lang`'s readers. Without `publication_dates`, 'publication' is not followed by the dates it
    falls between: for a card under its source's citation, which says them once."""
    return TimeWords(
        functools.partial(fmt.date, lang=lang),
        t("between_dates", lang, start="{start}", end="{end}"),
        t("as_of", lang, date="{date}"),
        t("as_of_publication", lang, date="{date}") if publication_dates else t("as_of_publication_cited", lang),
        t("publication_between", lang, dates="{dates}") if publication_dates else t("publication_cited", lang),
        t("until", lang, end="{end}"),
        t("from_to", lang, start="{start}", end="{end}"))


def date_or_bounds(text: str, words: TimeWords) -> str:
    """'2024-07-17' -> a date; '2024-01-01/2025-06-30' (a publication date known within bounds) -> words."""
    if "/" in text:
        start, end = text.split("/", 1)
        return words.between.format(start=words.date(start), end=words.date(end))
    return words.date(text)


def published_words(published, words: TimeWords) -> str:
    """A source's publication date (a date, or bounds with `not_before` and `not_after`) in words."""
    if isinstance(published, dt.date):
        return words.date(published.isoformat())
    return date_or_bounds(f"{published.not_before.isoformat()}/{published.not_after.isoformat()}", words)


def time_words(as_of: str, start: str, end: str, is_bound: bool, words: TimeWords) -> str:
    """A figure's time in words: 'as of <date>' when `as_of` is given, else the period from `start` (ISO, or ''
    when the source states none) to `end`; `is_bound` when that date is the publication date, known within
    bounds ('<start>/<end>')."""
    if as_of:
        when = date_or_bounds(as_of, words)
        return words.as_of_publication.format(date=when) if is_bound else words.as_of.format(date=when)
    end_text = date_or_bounds(end, words)
    if is_bound:
        end_text = words.publication.format(dates=end_text)
    if not start:
        return words.until.format(end=end_text)
    return words.from_to.format(start=words.date(start), end=end_text)
