"""Characters a curator types per Trì Quang figure, by hand and from the `draft` skeleton; draft and trace times.

    .venv/bin/python bench/workbench_typing.py [--runs 5]

A proxy for "how long adding the article took", since no stopwatch was run on a person:

* by hand: the figure's whole entry as it stands in metrics.yaml, indentation removed, one character per line end;
* with the workbench: the characters of that entry that the skeleton `python -m components draft` writes does
  not already hold, by difflib on the same text (a match shorter than MIN_BLOCK characters counts as typed: no
  one reuses a stray letter). Figures with no skeleton entry (the zeros said in words the reader does not know)
  are typed from nothing. Deleting the skeleton's comments and its entries that are not figures is counted
  apart, in characters deleted and entries deleted.

Times are wall-clock medians of --runs runs: each whole command in a fresh interpreter (draft on the article,
trace on the bundled catalogue: the command has no per-source option), and in-process draft_document and
trace_catalogue restricted to the article's source.
"""

from __future__ import annotations

import argparse
import difflib
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

METRICS = ROOT / "metrics.yaml"
SOURCE = "tri-quang-model-commune"
MIN_BLOCK = 4
LOCATOR = re.compile(r"locator: \{document: (\S+), line: (\d+), column: (\d+)\}")


def entries(text: str) -> dict[str, list[str]]:
    """Each figure entry of a `figures:` list, by id, as its lines without indentation (comments kept)."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("  - id: "):
            current = found.setdefault(line.split(": ", 1)[1].strip(), [])
        elif not line.startswith("    ") or not line.strip():
            current = None
        if current is not None:
            current.append(line.strip())
    return found


def as_typed(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def locator_of(lines: list[str]) -> tuple[str, int, int] | None:
    for line in lines:
        m = LOCATOR.fullmatch(line)
        if m:
            return m.group(1), int(m.group(2)), int(m.group(3))
    return None


def typed_and_deleted(skeleton: str, final: str) -> tuple[int, int]:
    """Characters of `final` not taken from `skeleton` (matches under MIN_BLOCK count as typed), and characters
    of `skeleton` left out."""
    blocks = difflib.SequenceMatcher(None, skeleton, final, autojunk=False).get_matching_blocks()
    kept = sum(b.size for b in blocks if b.size >= MIN_BLOCK)
    return len(final) - kept, len(skeleton) - kept


def median_time(run, runs: int) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from components.catalogue.load import load_catalogue
    from components.workbench.draft import draft_document
    from components.workbench.trace import trace_catalogue

    text = METRICS.read_text(encoding="utf-8")
    catalogue_yaml = yaml.safe_load(text)
    (source,) = [s for s in catalogue_yaml["sources"] if s["id"] == SOURCE]
    (document_entry,) = source["documents"]
    document = (METRICS.parent / catalogue_yaml["documents"] / document_entry["file"]).resolve()
    ids = [f["id"] for f in catalogue_yaml["figures"] if f["source"] == SOURCE]
    final = {i: e for i, e in entries(text).items() if i in ids}

    command = [sys.executable, "-m", "components", "draft", str(document), "--source", SOURCE]
    drafted = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    skeleton = {locator_of(e): e for e in entries(drafted).values()}

    rows, used = [], set()
    for figure_id in ids:
        mine = as_typed(final[figure_id])
        where = locator_of(final[figure_id])
        start = skeleton.get(where) if where else None
        if start is None:
            typed, deleted = len(mine), 0
        else:
            used.add(where)
            typed, deleted = typed_and_deleted(as_typed(start), mine)
        rows.append((figure_id, len(mine), typed, deleted, start is not None))
    unused = [k for k in skeleton if k not in used]
    unused_chars = sum(len(as_typed(skeleton[k])) for k in unused)

    print(f"{document.name}: {len(ids)} figures, {len(skeleton)} skeleton entries "
          f"({len(unused)} not figures: {unused_chars} characters to delete)")
    print(f"{'figure':<46} {'by hand':>8} {'workbench':>10} {'deleted':>8}  from")
    for figure_id, hand, typed, deleted, drafted_entry in rows:
        print(f"{figure_id:<46} {hand:>8} {typed:>10} {deleted:>8}  {'skeleton' if drafted_entry else 'nothing'}")
    hand_total, typed_total = sum(r[1] for r in rows), sum(r[2] for r in rows)
    print(f"{'total':<46} {hand_total:>8} {typed_total:>10} {sum(r[3] for r in rows) + unused_chars:>8}")
    print(f"typed with the workbench: {typed_total / hand_total:.0%} of typing by hand")
    locator_chars = sum(len(line) + 1 for i in ids for line in final[i] if line.startswith("locator:"))
    print(f"locator lines in the final entries: {locator_chars} characters "
          f"(by hand without them: {hand_total - locator_chars})")

    catalogue = load_catalogue(METRICS)
    folder = catalogue.documents_path
    trace_command = [sys.executable, "-m", "components", "trace"]
    # a 2,000-word article, this one repeated (tests/components/workbench/test_workbench.py drafts one that long)
    article = document.read_text(encoding="utf-8")
    long_article = ROOT / "bench" / "out" / "article-2000-words.txt"
    long_article.parent.mkdir(parents=True, exist_ok=True)
    long_article.write_text("\n".join([article] * (2000 // len(article.split()) + 1)), encoding="utf-8")
    timings = {
        "draft, whole command": lambda: subprocess.run(command, cwd=ROOT, capture_output=True, check=True),
        "trace, whole command (bundled catalogue)": lambda: subprocess.run(trace_command, cwd=ROOT,
                                                                          capture_output=True, check=True),
        "draft_document, in-process": lambda: draft_document(document, SOURCE, METRICS),
        "draft_document, 2,000 words, in-process": lambda: draft_document(long_article, SOURCE, METRICS),
        "trace_catalogue of this source, in-process": lambda: trace_catalogue(catalogue, folder, sources={SOURCE}),
    }
    for name, run in timings.items():
        median, low, high = median_time(run, args.runs)
        print(f"{name:<44} median {median:.3f} s (min {low:.3f}, max {high:.3f}, {args.runs} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
