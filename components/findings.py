"""Findings: one problem or warning about a curated file, with where it is and what to fix, in any language."""

from __future__ import annotations

from dataclasses import dataclass

from components.words.i18n import Phrase, messages, t

ERROR = "error"
WARNING = "warning"
SEVERITY_KEYS = {ERROR: "finding_severity_error", WARNING: "finding_severity_warning"}


@dataclass(frozen=True)
class Finding:
    severity: str
    said: Phrase
    file: str
    line: int | None = None
    column: int | None = None
    field: str = ""
    figures: tuple[str, ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def message(self) -> str:
        """The message in English, as the command line prints it."""
        return self.said.text("en")

    def text(self, lang: str = "en") -> str:
        return self.said.text(lang)

    def for_readers(self, lang: str = "en") -> str:
        """What the finding means for a reader of the dashboard: its 'reader_' wording when the locales have one
        (the validator's own words tell a curator what to fix), else the validator's, as a sentence."""
        key = f"reader_{self.said.key}"
        if key in messages(lang):
            return Phrase(key, self.said.params).text(lang)
        text = self.text(lang)
        return text[:1].upper() + text[1:]

    def location(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def as_text(self, lang: str = "en") -> str:
        field_part = f" [{self.field}]" if self.field else ""
        return f"{self.location()}: {t(SEVERITY_KEYS[self.severity], lang)}{field_part}: {self.text(lang)}"

    def as_dict(self, lang: str = "en") -> dict:
        return {"severity": self.severity, "message": self.text(lang), "file": self.file, "line": self.line,
                "column": self.column, "field": self.field, "figures": list(self.figures)}


class CatalogueUnreadable(Exception):
    """The file could not be read at all (missing, too large, not UTF-8)."""

    def __init__(self, finding: Finding):
        super().__init__(finding.as_text())
        self.finding = finding
