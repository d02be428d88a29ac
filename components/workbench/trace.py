"""Each figure's numbers found in its source's documents: where they stand, or why they were not found."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from components.catalogue.changes import SEPARATOR
from components.catalogue.load import Catalogue, FigureRecord
from components.catalogue.schema import Locator, QuoteLocator, Source
from components.findings import ERROR, SEVERITY_KEYS, WARNING
from components.words.i18n import Phrase, phrase, t
from components.workbench.draft import load_lexicon
from components.workbench.numbers import DocumentText, Mention, read_document

OK = "ok"
AT_LOCATOR, FOUND, DRIFTED, MISMATCH, UNREAD, NOT_FOUND = (
    "at_locator", "found", "drifted", "mismatch", "unread", "not_found")
DOCUMENT_ABSENT, UNCITED = "document_absent", "uncited"
IN_QUOTE, NOT_IN_QUOTE, HEDGE = "in_quote", "not_in_quote", "hedge"
SEVERITY = {AT_LOCATOR: OK, FOUND: OK, DRIFTED: ERROR, MISMATCH: ERROR, NOT_FOUND: ERROR, UNREAD: WARNING,
            DOCUMENT_ABSENT: ERROR, UNCITED: WARNING, IN_QUOTE: OK, NOT_IN_QUOTE: ERROR, HEDGE: ERROR}
NUMBER_FIELDS = ("value", "denominator", "stated_rate")

# where an entry of the catalogue is: (section, id, key) -> (file, line, column)
Positions = Callable[[str, str, str], tuple[str, int | None, int | None]]


@dataclass(frozen=True)
class Traced:
    """One number of a figure looked for in its documents (or one document of a source, for `uncited`)."""

    status: str
    said: Phrase
    figure: str | None = None          # figure id; None for a line about a document
    field: str = ""                    # value, denominator, stated_rate; documents for a document line
    document: str | None = None        # where the number stands, when found
    line: int | None = None
    column: int | None = None
    where: tuple[str, int | None, int | None] = ("", None, None)  # the entry in the catalogue

    @property
    def severity(self) -> str:
        return SEVERITY[self.status]

    def as_text(self, lang: str = "en") -> str:
        file, line, column = self.where
        location = file + "".join(f":{n}" for n in (line, column) if n is not None)
        subject = f"{self.figure}.{self.field}" if self.figure else self.field
        severity = t("trace_severity_ok", lang) if self.severity == OK else t(SEVERITY_KEYS[self.severity], lang)
        return f"{location}: {severity} [{subject}]: {self.said.text(lang)}"

    def as_dict(self, lang: str = "en") -> dict:
        file, line, column = self.where
        return {"status": self.status, "severity": self.severity, "figure": self.figure, "field": self.field,
                "message": self.said.text(lang), "document": self.document, "document_line": self.line,
                "document_column": self.column, "file": file, "line": line, "column": column}


@dataclass
class TraceReport:
    folder: Path
    traced: list[Traced] = field(default_factory=list)

    @property
    def errors(self) -> list[Traced]:
        return [r for r in self.traced if r.severity == ERROR]

    @property
    def warnings(self) -> list[Traced]:
        return [r for r in self.traced if r.severity == WARNING]


def documents_folder(catalogue: Catalogue, given: str | os.PathLike | None = None) -> Path | None:
    """--documents DIR when given, else the catalogue's own `documents:` folder (relative to it), else None."""
    if given:
        return Path(given)
    return catalogue.documents_path


def _no_positions(section: str, item_id: str, key: str) -> tuple[str, None, None]:
    return ("", None, None)


def trace_catalogue(catalogue: Catalogue, folder: Path, positions: Positions = _no_positions,
                    sources: set[str] | None = None) -> TraceReport:
    """Every figure's value, denominator and stated rate looked for in its source's documents under `folder`
    (only the sources in `sources`, when given)."""
    report = TraceReport(folder)
    texts: dict[str, DocumentText | None] = {}
    for source in catalogue.sources.values():
        if sources is not None and source.id not in sources:
            continue
        for document in source.documents:
            path = folder / document.file
            texts[document.file] = read_document(path, document.language) if path.is_file() else None
            if texts[document.file] is None:
                report.traced.append(Traced(DOCUMENT_ABSENT, phrase("trace_document_absent", source=source.id,
                                                                    document=document.file, folder=str(folder)),
                                            None, "documents", where=positions("sources", source.id, "documents")))
    cited: set[str] = set()
    for figure in catalogue.figures:
        source = catalogue.sources.get(figure.source)
        if source is None or (sources is not None and source.id not in sources):
            continue
        for result in _trace_quotes(figure, catalogue):
            report.traced.append(_placed(result, positions("figures", figure.id.partition(SEPARATOR)[0], "locator")))
        if not source.documents:
            continue
        for result in _trace_figure(figure, source, texts, folder):
            report.traced.append(_placed(result, positions("figures", figure.id, result.field)))
            if result.status in (AT_LOCATOR, FOUND, DRIFTED) and result.field == "value":
                cited.add(result.document)
        if isinstance(figure.locator, Locator):
            cited.add(figure.locator.document)
    for source in catalogue.sources.values():
        if sources is not None and source.id not in sources:
            continue
        for document in source.documents:
            if texts.get(document.file) is not None and document.file not in cited:
                report.traced.append(Traced(UNCITED, phrase("trace_uncited", source=source.id,
                                                            document=document.file),
                                            None, "documents", where=positions("sources", source.id, "documents")))
    return report


def _trace_quotes(figure: FigureRecord, catalogue: Catalogue) -> list[Traced]:
    """Each number of a figure read in its web article's quotes: its source's, and each other source's that
    reports it too (`also_in`)."""
    results = []
    cited = [(figure.source, figure.locator)] + [(a.source, a.locator) for a in figure.also_in or ()]
    for source_id, locator in cited:
        source = catalogue.sources.get(source_id)
        if not isinstance(locator, QuoteLocator) or source is None:
            continue
        quotes = [locator, *(locator.more or [])]
        for key, number in _numbers(figure):
            found = next(((q, mention) for q in quotes
                          for mention in DocumentText(q.quote, source.language).mentions_of(abs(number))), None)
            place = {"number": number, "source": source_id}
            if found is None:
                said = phrase("trace_not_in_quote", quotes=" | ".join(q.quote for q in quotes), **place)
                results.append(Traced(NOT_IN_QUOTE, said, figure.id, key))
                continue
            quote, mention = found
            results.append(Traced(IN_QUOTE, phrase("trace_in_quote", paragraph=quote.paragraph, **place),
                                  figure.id, key))
            if key == "value":
                hedge = hedge_before(quote.quote[:mention.column - 1], source.language)
                if hedge != figure.qualifier:
                    said = phrase("trace_hedge", quoted=hedge or "-", catalogued=figure.qualifier or "-", **place)
                    results.append(Traced(HEDGE, said, figure.id, "qualifier"))
    return results


def hedge_before(text: str, lang: str) -> str | None:
    """The qualifier that the words ending `text` mean ('có hơn' -> 'more_than'; data/lexicon.yaml), else None."""
    words = text.lower().split()
    hedges = [(hedge.split(), qualifier) for qualifier, hedges in load_lexicon().qualifiers.get(lang, {}).items()
              for hedge in hedges]
    return next((qualifier for hedge, qualifier in sorted(hedges, key=lambda h: -len(h[0]))
                 if words[-len(hedge):] == hedge), None)


def _placed(result: Traced, where: tuple) -> Traced:
    return Traced(result.status, result.said, result.figure, result.field, result.document, result.line,
                  result.column, where)


def _numbers(figure: FigureRecord) -> list[tuple[str, float]]:
    return [(key, getattr(figure, key)) for key in NUMBER_FIELDS if getattr(figure, key) is not None]


def _trace_figure(figure: FigureRecord, source: Source, texts: dict[str, DocumentText | None],
                  folder: Path) -> list[Traced]:
    own = [texts[d.file] for d in source.documents if texts.get(d.file) is not None]
    locator = figure.locator
    if locator is not None and texts.get(locator.document) is None:
        said = phrase("trace_locator_document_absent", document=locator.document, folder=str(folder))
        return [Traced(DOCUMENT_ABSENT, said, figure.id, "value")]
    results = []
    for key, number in _numbers(figure):
        if locator is not None and key == "value":
            results.append(_at_locator(figure.id, number, texts[locator.document], locator, own))
        elif locator is not None:
            results.append(_nearest(figure.id, key, number, [texts[locator.document], *own], source,
                                    (locator.line, locator.column)))
        else:
            results.append(_nearest(figure.id, key, number, own, source, None))
    return results


def _at_locator(figure_id: str, number: float, text: DocumentText, locator, own: list[DocumentText]) -> Traced:
    here = text.mentions_at(locator.line, locator.column)
    place = {"document": text.name, "line": locator.line, "column": locator.column}
    if any(m.states(number) for m in here):
        return Traced(AT_LOCATOR, phrase("trace_at_locator", number=number, **place), figure_id, "value",
                      text.name, locator.line, locator.column)
    if not here and number == 0:
        # a zero is said in words ("no more addicts"); one "there were none" elsewhere does not mean this
        # locator drifted, so words the reader cannot read here are left to the curator's eye
        return Traced(UNREAD, phrase("trace_unread_zero", **place), figure_id, "value",
                      text.name, locator.line, locator.column)
    elsewhere = _closest(number, [text, *own], (locator.line, locator.column))
    there = here[0].written if here else t("trace_no_number")
    if elsewhere:
        doc, mention = elsewhere
        return Traced(DRIFTED, phrase("trace_drifted", number=number, there=there, found_document=doc.name,
                                      found_line=mention.line, found_column=mention.column, **place),
                      figure_id, "value", doc.name, mention.line, mention.column)
    if here:
        return Traced(MISMATCH, phrase("trace_mismatch", number=number, there=there, **place),
                      figure_id, "value", text.name, locator.line, locator.column)
    return Traced(UNREAD, phrase("trace_unread", number=number, **place), figure_id, "value",
                  text.name, locator.line, locator.column)


def _nearest(figure_id: str, key: str, number: float, texts: list[DocumentText], source: Source,
             near: tuple[int, int] | None) -> Traced:
    found = _closest(number, texts, near)
    if found is None:
        said = phrase("trace_not_found", number=number, source=source.id,
                      documents=", ".join(d.file for d in source.documents))
        return Traced(NOT_FOUND, said, figure_id, key)
    doc, mention = found
    place = {"number": number, "document": doc.name, "line": mention.line, "column": mention.column}
    said = phrase("trace_found_no_locator", **place) if near is None and key == "value" else \
        phrase("trace_found", **place)
    return Traced(FOUND, said, figure_id, key, doc.name, mention.line, mention.column)


def _closest(number: float, texts: list[DocumentText], near: tuple[int, int] | None
             ) -> tuple[DocumentText, Mention] | None:
    """Where `number` stands: nearest to `near` in the first document that states it (its first mention when
    there is no `near`)."""
    for text in dict.fromkeys(texts):
        mentions = text.mentions_of(number)
        if mentions:
            if near is None:
                return text, mentions[0]
            return text, min(mentions, key=lambda m: (abs(m.line - near[0]), abs(m.column - near[1])))
    return None
