"""What one rerun costs the server: one viewer over Streamlit's websocket protocol reruns the same page back to
back, and the server's CPU time (from /proc) and the viewer's wait are divided by the reruns.

    .venv/bin/python bench/rerun_cpu.py [--metrics PATH | --size 100000] [--page ''] [--query ''] [--runs 20]
        [--script PATH]

`--script` runs another Streamlit script instead of the dashboard (a one-line app shows Streamlit's own cost).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402
from common import ROOT, free_port, start_server, stop_server  # noqa: E402
from protocol_load import Viewer  # noqa: E402


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measure(script: Path, metrics: Path, page: str, query: str, runs: int) -> dict:
    port = free_port()
    server = start_server(script, port, {"METRICS_FILE": str(metrics)}, timeout=300)
    try:
        viewer = Viewer(f"ws://127.0.0.1:{port}/_stcore/stream", f"http://127.0.0.1:{port}")
        await viewer.open()
        for _ in range(3):  # the first runs build the page and fill the caches
            await viewer.view(page, query)
        cpu_before, started = cpu_seconds(server.pid), time.perf_counter()
        waits = [await viewer.view(page, query) for _ in range(runs)]
        cpu_after, elapsed = cpu_seconds(server.pid), time.perf_counter() - started
        await viewer.close()
        if viewer.errors:
            raise SystemExit(f"the page failed: {viewer.errors[0]}")
    finally:
        stop_server(server)
    return {"wait_ms": statistics.median(waits) * 1000, "cpu_ms": (cpu_after - cpu_before) / runs * 1000,
            "wall_ms": elapsed / runs * 1000}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--metrics", help="a catalogue (default: the bundled metrics.yaml)")
    parser.add_argument("--size", type=int, help="a synthetic catalogue of this many figures instead")
    parser.add_argument("--page", default="", help="the page's URL path ('' is the overview)")
    parser.add_argument("--query", default="", help="its query string, e.g. province=quang-ninh")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--script", help="another Streamlit script instead of dashboard.py")
    args = parser.parse_args()
    metrics = common.catalogue_of(args.size) if args.size else Path(args.metrics or ROOT / "metrics.yaml").resolve()
    script = Path(args.script).resolve() if args.script else ROOT / "dashboard.py"
    found = asyncio.run(measure(script, metrics, args.page, args.query, args.runs))
    print(f"{script.name} on {metrics.name if not args.size else args.size}, page '{args.page}' {args.query}, "
          f"{args.runs} reruns, median wait {found['wait_ms']:.1f} ms, "
          f"server CPU {found['cpu_ms']:.1f} ms per rerun")
    return 0


if __name__ == "__main__":
    sys.exit(main())
