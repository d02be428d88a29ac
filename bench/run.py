"""Scale benchmark: synthetic catalogues of 1k, 10k and 100k figures measured against their floors, in one run.

    .venv/bin/python bench/run.py [--sizes 1000 10000 100000] [--skip-browser] [--skip-export] [--no-write]

Makes the catalogues on first use (bench/make_catalogue.py, into bench/out/N/), writes bench/RESULTS.md (the
table and the command) and prints the same table; exits 1 when a target is missed. Ratios, not absolute times,
are what it judges: the machine is shared and noisy, and two timings taken in turns in the same run share most
of that noise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402
import measure  # noqa: E402

from components.table.index_from_file import CHILD_FROM_BYTES  # noqa: E402

BIG = 100000  # the size at which validation, page and memory targets apply


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(common.SIZES))
    parser.add_argument("--skip-browser", action="store_true", help="no browser time to charts nor server RSS")
    parser.add_argument("--skip-export", action="store_true")
    parser.add_argument("--skip-memory", action="store_true", help="no whole-app memory through a load")
    parser.add_argument("--cold-start", action="store_true", help="also time `streamlit run` to the first page "
                        "drawn vs a bare page (browser; reported, no target)")
    parser.add_argument("--no-write", action="store_true", help="print the table only, leave RESULTS.md")
    args = parser.parse_args()
    targets = common.TARGETS
    rows: list[tuple] = []  # (N, measure, ours, floor, value, target or None)
    started = time.perf_counter()

    def add(size, name, ours, floor, value, target=None):
        rows.append((size, name, ours, floor, value, target))
        print(f"  {name}: {value:.2f} ({ours} vs {floor})", file=sys.stderr, flush=True)

    for size in args.sizes:
        path = common.catalogue_of(size)
        big = size >= BIG
        print(f"N={size:,}: load + validate", file=sys.stderr, flush=True)
        valid = common.validation_ratio(path, repeats=3)
        add(size, f"load + validate ({valid['figures']:,} figures) vs C-loader parse", f"{valid['ours_seconds']:.2f} s",
            f"{valid['floor_seconds']:.2f} s", valid["ratio"], targets["validate"] if big else None)
        add(size, "load + validate vs C-loader parse with GC paused (stricter)", f"{valid['ours_seconds']:.2f} s",
            f"{valid['floor_paused_seconds']:.2f} s", valid["ratio_paused"])
        print(f"N={size:,}: page scripts", file=sys.stderr, flush=True)
        labels = {"province": "province page script (heaviest province) vs bundled",
                  "ward": "ward page script (ward with as many figures) vs bundled",
                  "ward-heaviest": "ward page script (heaviest ward) vs bundled"}
        # the median of 21 turns, so that a few slow ones on a shared machine do not move it. Beside each, the
        # process's CPU time during the rerun (no target): what the page costs, AppTest's handling included,
        # without the waits for a core that move the wall time on a shared machine
        for name, times in measure.page_seconds(path, repeats=21).items():
            target = min(targets.get(name, targets["page"]), targets["page"]) if big else None
            label = labels.get(name, f"{name} page script vs bundled")
            add(size, label, f"{times['ours'] * 1000:.0f} ms", f"{times['base'] * 1000:.0f} ms",
                times["ours"] / times["base"], target)
            add(size, label.replace("page script", "page rerun process CPU", 1), f"{times['ours_cpu'] * 1000:.1f} ms",
                f"{times['base_cpu'] * 1000:.1f} ms", times["ours_cpu"] / times["base_cpu"])
        if not args.skip_browser:
            print(f"N={size:,}: browser", file=sys.stderr, flush=True)
            browser = measure.browser_ratio(path)
            turns = browser["turns"]
            # each ratio is the median of the turns' ratios (measure.paired_ratio); ours and floor are each side's
            # median load
            add(size, f"browser: province page to the {browser['charts']} charts it opens with vs bare page at the "
                f"same address (median of {turns} turns' ratios)", f"{browser['app_seconds']:.2f} s",
                f"{browser['bare_seconds']:.2f} s", browser["ratio"], targets["browser"])
            quartiles = statistics.quantiles(browser["ratios"], n=4)
            add(size, f"browser: the same turns' ratios, lowest / quartiles / highest: {browser['ratios'][0]:.2f} / "
                f"{quartiles[0]:.2f} / {quartiles[2]:.2f} / {browser['ratios'][-1]:.2f} (upper quartile)", "–", "–",
                quartiles[2])
            add(size, "browser main-thread busy time, same loads", f"{browser['app_task_seconds']:.2f} s",
                f"{browser['bare_task_seconds']:.2f} s", browser["task_ratio"])
            add(size, "browser: the same vs bare page at an app's root (no failed first connection)",
                f"{browser['app_seconds']:.2f} s", f"{browser['root_bare_seconds']:.2f} s", browser["root_ratio"])
            add(size, "server peak RSS (MB) after every page", f"{browser['rss_peak_mb']:.0f} MB",
                f"now {browser['rss_mb']:.0f} MB", browser["rss_peak_mb"], targets["rss"] if big else None)
            if path.stat().st_size >= CHILD_FROM_BYTES:  # the server read the file in a child: its peak too
                child = common.child_peak_rss_mb(path)
                add(size, "peak RSS (MB) of the child process that reads the catalogue", f"{child:.0f} MB",
                    "–", child)
        if not args.skip_memory:
            print(f"N={size:,}: memory through a load", file=sys.stderr, flush=True)
            memory = measure.app_memory(path)
            add(size, "app peak RSS (MB): server + child summed, sampled through the load and every page",
                f"{memory['app_peak_mb']:.0f} MB", f"child {memory['child_peak_mb']:.0f} MB", memory["app_peak_mb"],
                targets["app_peak"] if big else None)
            add(size, "server RSS (MB) after every page (both languages)", f"{memory['server_after_mb']:.0f} MB",
                f"peak {memory['server_peak_mb']:.0f} MB", memory["server_after_mb"],
                targets["server_after"] if big else None)
        if args.cold_start:
            print(f"N={size:,}: cold start", file=sys.stderr, flush=True)
            cold = measure.cold_start(path)
            add(size, f"cold start: streamlit run to the overview's {cold['charts']} charts drawn vs bare page",
                f"{cold['app_seconds']:.2f} s", f"{cold['bare_seconds']:.2f} s",
                cold["app_seconds"] / cold["bare_seconds"])
        if not args.skip_export:
            print(f"N={size:,}: export", file=sys.stderr, flush=True)
            export = measure.export_ratio(path)
            add(size, f"export per chart vs kaleido batch ({export['charts']} charts)",
                f"{export['ours_per_chart']:.3f} s", f"{export['floor_per_chart']:.3f} s",
                export["ours_per_chart"] / export["floor_per_chart"], targets["export"])

    table = ["| N | measure | ours | floor | ratio (RSS: MB) | target |", "|---:|---|---:|---:|---:|---|"]
    missed = []
    for size, name, ours, floor, value, target in rows:
        verdict = "–"
        if target is not None:
            verdict = f"≤ {target:g} ok" if value <= target else f"≤ {target:g} **MISS**"
            if value > target:
                missed.append(f"N={size:,} {name}: {value:.2f} > {target:g}")
        table.append(f"| {size:,} | {name} | {ours} | {floor} | {value:.2f} | {verdict} |")
    text = "\n".join(table)
    print(text)
    for line in missed:
        print("MISS:", line, file=sys.stderr)
    command = " ".join([".venv/bin/python bench/run.py", *sys.argv[1:]])
    if not args.no_write:
        (common.ROOT / "bench" / "RESULTS.md").write_text(
            f"# Scale benchmark (issues 5 and 18)\n\nOne run of\n\n```bash\n{command}\n```\n\n"
            f"on {dt.date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores, "
            f"{platform.python_implementation()} {platform.python_version()}, "
            f"{(time.perf_counter() - started) / 60:.0f} minutes. Each ratio divides two timings taken in turns in "
            "this run (medians; the browser's ratios are the medians of the turns' ratios); validation, page and "
            "memory targets apply at N = 100,000, browser and export "
            f"targets at every N.\n\n{text}\n", encoding="utf-8")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
