"""Shared test helpers: the folder of small bad catalogues, and where an entry sits in a YAML file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECKS_DIR = ROOT / "tests" / "data" / "checks"


def find_entry_line(text: str, entry_id: str, key: str | None = None) -> int:
    """1-based line of the list entry `- id: <entry_id>`, or of its `key:` line, found by searching the text."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if re.fullmatch(rf"\s*- id: {re.escape(entry_id)}\s*", line)]
    assert len(starts) == 1, f"expected one entry '{entry_id}', found {len(starts)}"
    start = starts[0]
    if key is None or key == "id":
        return start + 1
    indent = len(lines[start]) - len(lines[start].lstrip())
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break  # the next entry or section
        if re.match(rf"\s+{re.escape(key)}:", line):
            return i + 1
    raise AssertionError(f"entry '{entry_id}' has no '{key}:' line")


@pytest.fixture
def checks_dir() -> Path:
    return CHECKS_DIR


@pytest.fixture
def entry_line():
    """entry_line(path, entry_id, key=None): the line a finding about that entry (or field) must point at."""
    return lambda path, entry_id, key=None: find_entry_line(Path(path).read_text(encoding="utf-8"), entry_id, key)
