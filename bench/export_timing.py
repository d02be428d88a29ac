"""How long `python -m components export` takes: median of a few runs, in total and per chart.

    .venv/bin/python bench/export_timing.py [--runs 3] [any `export` option but --out]

Each run is the real command in a fresh process (interpreter start, catalogue, browser start, drawing),
writing into a scratch directory.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUMMARY = re.compile(r"wrote (\d+) charts and \d+ figure sheets of (\d+) pages .* \(([\d.]+) s per chart")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args, export_args = parser.parse_known_args()
    totals, drawing = [], []
    with tempfile.TemporaryDirectory() as scratch:
        command = [sys.executable, "-m", "components", "export", "--out", str(Path(scratch) / "report"),
                   *export_args]
        for run in range(1, args.runs + 1):
            started = time.perf_counter()
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
            totals.append(time.perf_counter() - started)
            found = SUMMARY.search(done.stderr)
            if done.returncode or not found:
                print(done.stderr, file=sys.stderr)
                return done.returncode or 1
            charts, pages, per_chart = int(found[1]), int(found[2]), float(found[3])
            drawing.append(per_chart)
            print(f"run {run}: {totals[-1]:.2f} s for {charts} charts of {pages} pages "
                  f"({totals[-1] / charts:.3f} s per chart all in; {per_chart:.3f} s drawing)")
    total = statistics.median(totals)
    print(f"median of {args.runs} runs: {total:.2f} s total, {total / charts:.3f} s per chart all in, "
          f"{statistics.median(drawing):.3f} s per chart drawing once the browser is up")
    return 0


if __name__ == "__main__":
    sys.exit(main())
