"""Load + validate vs the C-loader parse floor, peak memory and the tidy frame, for N = 1k, 10k, 100k in one run.

    .venv/bin/python bench/validate_bench.py [--sizes 1000 10000 100000] [--repeats R] [--no-rss] [--no-frame]

Prints a Markdown table. Times are medians of interleaved repetitions (wall clock; the CPU-time ratio beside
it is steadier on a shared machine). The target (issue 5): load + validate <= 1.5x the floor at N = 100,000.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(common.SIZES))
    parser.add_argument("--repeats", type=int, help="repetitions per measure (default 5, 3 from 100k on)")
    parser.add_argument("--no-rss", action="store_true", help="skip the peak-memory subprocesses")
    parser.add_argument("--no-frame", action="store_true", help="skip timing components.table.tidy.figures_frame")
    args = parser.parse_args()

    rows = ["| N | figures | floor (C loader) | floor, GC paused | load + validate | ratio | ratio vs paused "
            "| CPU ratio | peak RSS floor / ours | figures_frame | target |",
            "|---|---|---|---|---|---|---|---|---|---|---|"]
    missed = False
    for size in args.sizes:
        path = common.catalogue_of(size)
        repeats = args.repeats or (3 if size >= 100000 else 5)
        print(f"N={size}: timing ({repeats} turns)", file=sys.stderr, flush=True)
        found = common.validation_ratio(path, repeats)
        rss = "–"
        if not args.no_rss:
            floor, ours = common.peak_rss_mb(path, "floor"), common.peak_rss_mb(path, "ours")
            rss = f"{floor['peak']:.0f} / {ours['peak']:.0f} MB"
        frame = "–"
        if not args.no_frame:
            timed = common.frame_seconds(path)
            frame = f"{timed['seconds']:.2f} s"
        target = "–"
        if size >= 100000:
            ok = found["ratio"] <= common.VALIDATE_TARGET
            missed |= not ok
            target = "ok" if ok else f"MISS (≤ {common.VALIDATE_TARGET})"
        rows.append(f"| {size:,} | {found['figures']:,} ({found['errors']} errors, {found['warnings']} warnings) "
                    f"| {found['floor_seconds']:.2f} s | {found['floor_paused_seconds']:.2f} s "
                    f"| {found['ours_seconds']:.2f} s | {found['ratio']:.2f} | {found['ratio_paused']:.2f} "
                    f"| {found['ratio_cpu']:.2f} | {rss} | {frame} | {target} |")
    print("\n".join(rows))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
