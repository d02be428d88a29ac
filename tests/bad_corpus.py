"""The corpus of broken and hostile catalogues (tests/data/bad/) and the message each must produce.

Shared by the CLI test (tests/components/test_bad_corpus.py) and any app test that shows the same messages:

    from bad_corpus import case_paths, expected_for, make_generated
    for path in case_paths():
        expected = expected_for(path)   # .exit, .line, .message (fragment), .named_file, .location()
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BAD_DIR = ROOT / "tests" / "data" / "bad"
EXPECTED_FILE = BAD_DIR / "EXPECTED.yaml"


@dataclass(frozen=True)
class Expected:
    case: str  # file name of the case
    what: str  # what is wrong with it, in words
    exit: int  # exit status of `validate`: 1 errors, 2 unreadable
    line: int | None  # line the message names (None: the whole file)
    message: str  # fragment of the message the curator must read
    file: str | None = None  # the file the message names when it is not the case (its places file)

    def named_file(self, case_path: Path) -> Path:
        """The file the message must name: the case itself, or the places file next to it."""
        return case_path.parent / self.file if self.file else case_path

    def location(self, case_path: Path) -> str:
        """'tests/data/bad/x.yaml:12' as the validator prints it (paths under the repository are relative)."""
        where = shown_path(self.named_file(case_path))
        return f"{where}:{self.line}" if self.line is not None else where


def shown_path(path: Path) -> str:
    """A path as the validator shows it when run from the repository root."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


@cache
def _expectations() -> tuple[dict[str, Expected], dict[str, Expected]]:
    raw = yaml.safe_load(EXPECTED_FILE.read_text(encoding="utf-8"))
    return tuple({name: Expected(case=name, **entry) for name, entry in raw[part].items()}
                 for part in ("cases", "generated"))


def expectations() -> dict[str, Expected]:
    """The expectation of every committed case, by file name."""
    return dict(_expectations()[0])


def case_paths() -> list[Path]:
    """The committed cases: every .yaml file here except EXPECTED.yaml and the shared '_' places files."""
    return sorted(p for p in BAD_DIR.glob("*.yaml") if not p.name.startswith("_") and p != EXPECTED_FILE)


def expected_for(path: Path | str) -> Expected:
    """The expectation of a committed or generated case, by its file name."""
    name = Path(path).name
    committed, generated = _expectations()
    return committed.get(name) or generated[name]


def expected_fragment(path: Path | str) -> str:
    return expected_for(path).message


def generated_names() -> list[str]:
    return sorted(_expectations()[1])


def make_generated(name: str, directory: Path) -> Path:
    """Write a case too big to commit into `directory` (e.g. pytest's tmp_path) and return its path."""
    path = Path(directory) / name
    if name == "too_large_50mb.yaml":
        valid_start = (BAD_DIR / "negative_count.yaml").read_text(encoding="utf-8").split("figures:")[0]
        with path.open("w", encoding="utf-8") as out:
            out.write(valid_start + "figures:\n")
            line = "  # " + "padding " * 15 + "\n"
            out.write(line * (50 * 1024 * 1024 // len(line) + 1))
    elif name == "values_bomb.yaml":
        path.write_text("version: 1\nextra: [" + "1," * 3_100_000 + "1]\n", encoding="utf-8")
    else:
        raise KeyError(f"no generated case {name!r}: see 'generated' in {EXPECTED_FILE.name}")
    return path
