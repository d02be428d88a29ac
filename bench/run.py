"""Scale benchmark: synthetic catalogues of 1k, 10k and 100k figures measured against their floors, in one run.

    .venv/bin/python bench/run.py [--sizes 1000 10000 100000] [--skip-browser] [--skip-export]

Writes bench/RESULTS.md (the table and the command) and prints the same table. Ratios, not absolute times,
are what it reports: this machine is shared and noisy, and a ratio measured in one run cancels most of that.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import measure  # noqa: E402

OUT = ROOT / "bench" / "out"
TARGETS = {"validate": 1.5, "ward": 1.2, "province": 2.0, "browser": 1.3, "export": 1.2, "rss": 400.0}


def catalogue_of(size: int) -> Path:
    target = OUT / str(size)
    if not (target / "metrics.yaml").is_file():
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_catalogue.py"), str(size), "--out", str(target)],
                       check=True, cwd=ROOT)
    return target / "metrics.yaml"


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else f"MISS (target ≤ {target:g})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-export", action="store_true")
    args = parser.parse_args()

    bundled = (ROOT / "metrics.yaml").resolve()
    base_pages = measure.page_seconds(bundled)
    rows = []
    for size in args.sizes:
        path = catalogue_of(size)
        print(f"N={size}: validating", file=sys.stderr)
        valid = measure.validation_ratio(path, repeats=3 if size < 100000 else 2)
        rows.append((size, "load + validate vs C-loader parse", valid["ours_seconds"] / valid["floor_seconds"],
                     f"{valid['ours_seconds']:.2f} s vs {valid['floor_seconds']:.2f} s", TARGETS["validate"]
                     if size == 100000 else None))
        print(f"N={size}: pages", file=sys.stderr)
        pages = measure.page_seconds(path)
        for name, seconds in pages.items():
            target = TARGETS.get(name) if size == 100000 and name in ("ward", "province") else None
            rows.append((size, f"{name} page script vs bundled", seconds / base_pages[name],
                         f"{seconds * 1000:.0f} ms vs {base_pages[name] * 1000:.0f} ms", target))
        if not args.skip_browser:
            print(f"N={size}: browser", file=sys.stderr)
            browser = measure.browser_ratio(path)
            rows.append((size, f"browser: province page to {browser['charts']} charts vs bare page",
                         browser["app_seconds"] / browser["bare_seconds"],
                         f"{browser['app_seconds']:.2f} s vs {browser['bare_seconds']:.2f} s", TARGETS["browser"]))
            rows.append((size, "server RSS after every page (MB)", browser["rss_mb"], f"{browser['rss_mb']:.0f} MB",
                         TARGETS["rss"] if size == 100000 else None))
        if not args.skip_export:
            print(f"N={size}: export", file=sys.stderr)
            export = measure.export_ratio(path)
            rows.append((size, f"export per chart vs kaleido batch ({export['charts']} charts)",
                         export["ours_per_chart"] / export["floor_per_chart"],
                         f"{export['ours_per_chart']:.3f} s vs {export['floor_per_chart']:.3f} s", TARGETS["export"]))
    table = ["| N | measure | ratio (or MB) | times | target |", "|---|---|---|---|---|"]
    for size, name, ratio, detail, target in rows:
        table.append(f"| {size:,} | {name} | {ratio:.2f} | {detail} | {verdict(ratio, target) if target else '–'} |")
    text = "\n".join(table)
    print(text)
    command = "python bench/run.py " + " ".join(sys.argv[1:])
    (ROOT / "bench" / "RESULTS.md").write_text(
        f"# Scale benchmark\n\nMeasured {dt.date.today().isoformat()} on {platform.machine()} "
        f"({platform.python_implementation()} {platform.python_version()}), one run:\n\n"
        f"```bash\n.venv/bin/{command.strip()}\n```\n\n{text}\n\n"
        "Ratios compare two timings taken in the same run; targets apply at N = 100,000 "
        "(browser and export: at every N).\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
