"""A copy of the small valid catalogue (tests/data/checks) with some of its lines edited."""

from __future__ import annotations

from pathlib import Path

CHECKS_DIR = Path(__file__).resolve().parent / "data" / "checks"


def edited_valid_catalogue(tmp_path: Path, edits: dict[str, str]) -> Path:
    """tests/data/checks/valid.yaml and its places copied into tmp_path, each `old` text replaced by `new`
    (each must occur exactly once); returns the copy's path."""
    text = (CHECKS_DIR / "valid.yaml").read_text(encoding="utf-8")
    for old, new in edits.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    (tmp_path / "places.yaml").write_bytes((CHECKS_DIR / "places.yaml").read_bytes())
    path = tmp_path / "catalogue.yaml"
    path.write_text(text, encoding="utf-8")
    return path
