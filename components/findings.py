"""Findings: one problem or warning about a curated file, with where it is and what to fix."""

from __future__ import annotations

import dataclasses
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    severity: str
    message: str
    file: str
    line: int | None = None
    column: int | None = None
    field: str = ""
    figures: tuple[str, ...] = dataclasses.field(default_factory=tuple)
    # For the dashboard in other languages: the message catalogue's key of this message and its numbers
    # as (placeholder, value, decimals); the English `message` stays what the command line prints.
    message_key: str = ""
    numbers: tuple[tuple[str, float, int], ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def location(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def as_text(self) -> str:
        field_part = f" [{self.field}]" if self.field else ""
        return f"{self.location()}: {self.severity}{field_part}: {self.message}"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["figures"] = list(self.figures)
        del data["message_key"], data["numbers"]
        return data


class CatalogueUnreadable(Exception):
    """The file could not be read at all (missing, too large, not UTF-8)."""

    def __init__(self, finding: Finding):
        super().__init__(finding.as_text())
        self.finding = finding
