"""The declarative schema of the curated files (pydantic v2); the JSON Schema files are generated from it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from components.catalogue import kinds
from components.words.i18n import t

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "schema"

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", min_length=1, max_length=80,
                          description="Lower-case letters, digits, '-' and '_'.")]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
LARGEST = 10**18  # far above any reported figure (a year of Vietnam's GDP is about 10**16 dong)


def _refused(key: str) -> PydanticCustomError:
    """A schema error whose type is the key of its words in the message catalogues (components/words/locales)."""
    return PydanticCustomError(key, t(key).replace("{", "{{").replace("}", "}}"))


def _not_absurd(value):
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        raise _refused("finding_infinity")
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) > LARGEST:
        raise _refused("finding_number_too_large")
    return value


Number = Annotated[StrictInt | StrictFloat, Field(allow_inf_nan=False), BeforeValidator(_not_absurd)]
PATTERN_HINTS = {  # the message (its key in components/words/locales) saying what each pattern below asks for
    r"^[a-z0-9][a-z0-9_-]*$": "finding_pattern_id",
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "finding_pattern_slug",
    r"^[0-9]{2,5}$": "finding_pattern_code",
    r"^#[0-9a-fA-F]{6}$": "finding_pattern_colour",
    r"^[^/\\]+$": "finding_pattern_file_name",
    r"^[a-z]{2,3}$": "finding_pattern_language",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Theme(_Strict):
    id: Id
    label: Text
    label_vi: Text | None = None
    color: Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")] | None = None


class Metric(_Strict):
    id: Id
    label: Text = Field(description="Short title of the indicator, in English.")
    label_vi: Text | None = None
    unit: Text = Field(description="What one unit of the value is, e.g. 'cameras' or 'percent of households'.")
    unit_vi: Text | None = None
    short_unit: Annotated[str, Field(min_length=1, max_length=30)]
    short_unit_vi: Annotated[str, Field(min_length=1, max_length=30)] | None = None
    kind: Literal[kinds.NAMES] = Field(description=kinds.DESCRIPTION)
    coverage: bool = Field(False, description="True when the figure says how much of a whole is covered.")
    population: bool = Field(False, description="True for the count of residents of a place.")
    per_resident: bool = Field(False, description="True when a count of this metric means something per "
                               "resident (cameras, self-managed groups): it is then also shown per 1,000 residents "
                               "where the place's population for the same time is reported.")
    theme: Id
    decimals: Annotated[int, Field(ge=0, le=6)] = 0
    description: Text
    description_vi: Text | None = None


class Document(_Strict):
    file: Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^/\\]+$")]
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$", description="ISO 639 code, e.g. 'fr'.")]


class PublishedBounds(_Strict):
    """A publication date known only within bounds, with the reason for them."""

    not_before: dt.date
    not_after: dt.date
    basis: Text
    basis_vi: Text | None = None


def _http_url(value: str | None) -> str | None:
    if value is not None and not value.lower().startswith(("http://", "https://")):
        raise _refused("finding_url_scheme")
    if value is not None and not urlsplit(value).hostname:
        raise _refused("finding_url_host")
    return value


class Source(_Strict):
    id: Id
    publisher: Text | None = Field(None, description="The newspaper or body; null when the document does "
                                   "not name it (then say so in publisher_note).")
    publisher_note: Text | None = None
    publisher_note_vi: Text | None = None
    title: Text = Field(description="A short title in your own words.")
    title_vi: Text | None = None
    url: Annotated[str, Field(max_length=2000)] | None = None
    published: dt.date | PublishedBounds
    accessed: dt.date
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$", description="ISO 639 code of the article at `url`, "
                                   "e.g. 'vi'; its figures' locators quote it.")] = "vi"
    documents: list[Document] = Field(default_factory=list, description="The article's text files in the "
                                      "documents folder (translations included); empty for an article read at "
                                      "`url`, whose figures carry quote locators.")

    @model_validator(mode="after")
    def _readable_somewhere(self) -> Source:
        if not self.documents and not self.url:
            raise _refused("finding_source_nowhere")
        return self

    _check_url = field_validator("url")(classmethod(lambda cls, v: _http_url(v)))

    @property
    def published_not_before(self) -> dt.date:
        return self.published if isinstance(self.published, dt.date) else self.published.not_before

    @property
    def published_not_after(self) -> dt.date:
        return self.published if isinstance(self.published, dt.date) else self.published.not_after


class Period(_Strict):
    start: dt.date | None = Field(description="First day; null when the source does not say.")
    end: dt.date | Literal["publication"] = Field(description="Last day, or 'publication' for 'until now'.")


class Locator(_Strict):
    """Where a figure's value stands in one of its source's documents."""

    document: Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^/\\]+$",
                                   description="File name of one of the source's documents.")]
    line: Annotated[int, Field(ge=1, description="Line of the number, from 1.")]
    column: Annotated[int, Field(ge=1, description="Column of the number's first character, from 1, "
                                 "counting characters.")]


class Quote(_Strict):
    """A number of a figure as the article at the source's URL prints it, with at most six words around it."""

    quote: Annotated[str, Field(min_length=1, max_length=120, description="The number as printed, with at most "
                                "six words around it: never a sentence of the article.")]
    paragraph: Annotated[int, Field(ge=1, description="The paragraph it is in (its non-empty line), from 1.")]


class QuoteLocator(Quote):
    """Where a figure's numbers stand in a web article: the value's quote, and one quote for each other number
    (denominator, stated rate, change) that is not within the value's six words."""

    more: list[Quote] | None = None


class Comparison(_Strict):
    start: dt.date
    end: dt.date


class Change(_Strict):
    """How the figure moved against an earlier period, as the source states it: by an amount of the metric's
    unit, by a percentage, or both. A decrease is negative."""

    by: Number | None = None
    percent: Number | None = None
    qualifier: Literal["about", "nearly", "more_than", "less_than", "at_least", "at_most"] | None = None
    compared_with: Comparison

    @model_validator(mode="after")
    def _some_change(self) -> Change:
        if self.by is None and self.percent is None:
            raise _refused("finding_change_empty")
        if self.compared_with.end < self.compared_with.start:
            raise _refused("finding_change_period_order")
        return self


class AlsoIn(_Strict):
    """Another source reporting the same figure."""

    source: Id
    locator: Locator | QuoteLocator | None = None


class Figure(_Strict):
    id: Id
    place: Id
    metric: Id
    value: Number | None = Field(None, description="The figure; may be left out only when the source states "
                                 "just its change (then `change` is required).")
    denominator: Number | None = Field(None, description="The whole, for 'value of denominator' figures.")
    stated_rate: Number | None = Field(None, description="The rate in percent as the source states it.")
    qualifier: Literal["about", "nearly", "more_than", "less_than", "at_least", "at_most"] | None = Field(
        None, description="How the source hedges the value: 'nearly' is just under it, 'about' either side.")
    as_of: dt.date | Literal["publication"] | None = None
    period: Period | None = None
    source: Id
    note: Text | None = Field(None, description="What a reader needs beside the figure; shown with it.")
    note_vi: Text | None = None
    locator: Locator | QuoteLocator | None = Field(
        None, description="Where the value stands: in a document of the source (document, line, column, written by "
        "`python -m components draft`), or in the web article (quote, paragraph); checked by `trace`.")
    change: Change | None = Field(None, description="The change against an earlier period, as the source states "
                                  "it: drawn as a change, never added to or compared with counts.")
    also_in: list[AlsoIn] | None = Field(None, description="Other sources that report the same figure.")
    part_of: Id | None = Field(None, description="The figure of a place around this one that the source says "
                               "includes this one ('among them', 'such as'): only then is it drawn as a part of it.")

    @model_validator(mode="after")
    def _one_time(self) -> Figure:
        if (self.as_of is None) == (self.period is None):
            raise _refused("finding_one_time")
        if self.value is None and self.change is None:
            raise _refused("finding_value_missing")
        if self.value is None and self.denominator is not None:
            raise _refused("finding_whole_without_value")
        if self.stated_rate is not None and self.denominator is None:
            raise _refused("finding_rate_without_whole")
        return self


class Catalogue(_Strict):
    """Top level of metrics.yaml."""

    version: Literal[1]
    places: Annotated[str, Field(min_length=1, description="Path of the places file, relative to this file.")]
    documents: Annotated[str, Field(min_length=1, description="Folder of the sources' documents, relative to "
                                    "this file (read by `python -m components trace`).")] | None = None
    themes: list[Theme]
    metrics: Annotated[list[Metric], Field(min_length=1)]
    sources: Annotated[list[Source], Field(min_length=1)]
    figures: list[Figure]


class Place(_Strict):
    id: Id
    name: Text = Field(description="Official Vietnamese name with diacritics.")
    short_name: Text
    name_en: Text | None = None
    transliterations: list[Text] | None = Field(None, description="The name as the documents write it in "
                                                "other scripts or without diacritics, for `draft` to find it.")
    slug: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    level: Literal["province", "district", "ward", "group"]
    code: Annotated[str, Field(pattern=r"^[0-9]{2,5}$")] | None = None
    parent: Id | None = None
    status: Literal["current", "former"] = "current"
    successor: Id | None = None
    ended: dt.date | None = None
    note: Text | None = None
    note_vi: Text | None = None
    lat: Annotated[float, Field(ge=8.0, le=24.0)] | None = None
    lon: Annotated[float, Field(ge=102.0, le=118.0)] | None = None
    members: list[Id] | None = None

    @model_validator(mode="after")
    def _level_rules(self) -> Place:
        if self.level == "group":
            if not self.members:
                raise _refused("finding_group_without_members")
        elif self.members:
            raise _refused("finding_members_not_group")
        if self.status == "current" and (self.successor or self.ended):
            raise _refused("finding_current_with_end")
        return self


class Places(_Strict):
    """Top level of data/places.yaml."""

    places: Annotated[list[Place], Field(min_length=1)]


SCHEMA_FILES = {"metrics.schema.json": Catalogue, "places.schema.json": Places}


def json_schema_text(model: type[BaseModel]) -> str:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_json_schemas(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMA_FILES.items():
        target = directory / name
        target.write_text(json_schema_text(model), encoding="utf-8")
        written.append(target)
    return written
