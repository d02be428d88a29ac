"""Shared benchmark helpers: synthetic catalogues by size, interleaved timings, and load + validate vs its floor."""

from __future__ import annotations

import gc
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
SIZES = (1000, 10000, 100000)
VALIDATE_TARGET = 1.5  # load + validate vs the C-loader parse, at N = 100,000
for _path in (str(ROOT), str(ROOT / "bench")):
    if _path not in sys.path:
        sys.path.insert(0, _path)


def catalogue_of(size: int, out: Path | None = None) -> Path:
    """metrics.yaml of the synthetic catalogue of about `size` figures, written on first use (bench/out/SIZE/)."""
    import make_catalogue

    target = out or OUT / str(size)
    path = target / "metrics.yaml"
    if not (path.is_file() and (target / "places.yaml").is_file()):
        make_catalogue.make_catalogue(size, target)
    return path


def interleaved(actions: dict[str, Callable[[], object]], repeats: int) -> dict[str, dict[str, float]]:
    """Median wall and CPU seconds of each action, the actions taking turns so that noise hits them alike.

    Garbage from the previous turn is collected before each timing, outside it.
    """
    wall: dict[str, list[float]] = {name: [] for name in actions}
    cpu: dict[str, list[float]] = {name: [] for name in actions}
    for turn in range(repeats):
        names = list(actions) if turn % 2 == 0 else list(reversed(actions))
        for name in names:
            gc.collect()
            started, started_cpu = time.perf_counter(), time.process_time()
            result = actions[name]()
            wall[name].append(time.perf_counter() - started)
            cpu[name].append(time.process_time() - started_cpu)
            del result
    return {name: {"wall": statistics.median(wall[name]), "cpu": statistics.median(cpu[name])} for name in actions}


def validation_ratio(path: Path, repeats: int = 3) -> dict[str, float]:
    """load_catalogue(path) (read + schema + checks) against parsing the same text with PyYAML's C loader alone.

    Two floors: `yaml.load(text, Loader=yaml.CSafeLoader)` as is (the floor of issue 5), and the same with the
    cyclic garbage collector paused (what a parser that pauses it, as load_catalogue does, can at best reach).
    Keys floor_seconds/ours_seconds are wall-clock medians (the same as bench/measure.validation_ratio).
    """
    import yaml

    from components.catalogue import load_catalogue

    text = path.read_text(encoding="utf-8")

    def floor():
        return yaml.load(text, Loader=yaml.CSafeLoader)

    def floor_paused():
        was = gc.isenabled()
        gc.disable()
        try:
            return yaml.load(text, Loader=yaml.CSafeLoader)
        finally:
            if was:
                gc.enable()

    def ours():
        return load_catalogue(path)

    catalogue = ours()
    times = interleaved({"floor": floor, "floor_paused": floor_paused, "ours": ours}, repeats)
    return {
        "figures": len(catalogue.figures), "errors": len(catalogue.errors), "warnings": len(catalogue.warnings),
        "floor_seconds": times["floor"]["wall"], "floor_paused_seconds": times["floor_paused"]["wall"],
        "ours_seconds": times["ours"]["wall"],
        "ratio": times["ours"]["wall"] / times["floor"]["wall"],
        "ratio_paused": times["ours"]["wall"] / times["floor_paused"]["wall"],
        "ratio_cpu": times["ours"]["cpu"] / times["floor"]["cpu"],
        "ratio_paused_cpu": times["ours"]["cpu"] / times["floor_paused"]["cpu"],
    }


_RSS_SCRIPT = """
import json, resource, sys
sys.path.insert(0, sys.argv[1])
import yaml
from components.catalogue import load_catalogue
path, what = sys.argv[2], sys.argv[3]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if what == "floor":
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle.read(), Loader=yaml.CSafeLoader)
else:
    data = load_catalogue(path)
print(json.dumps({"before": before / 1024, "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def peak_rss_mb(path: Path, what: str = "ours") -> dict[str, float]:
    """Peak RSS (MB) of a fresh process that loads the catalogue once ('ours') or only parses it ('floor');
    'before' is its peak after the imports."""
    done = subprocess.run([sys.executable, "-c", _RSS_SCRIPT, str(ROOT), str(path), what], capture_output=True,
                          text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def frame_seconds(path: Path, repeats: int = 3) -> dict[str, float]:
    """Median seconds of components.tidy.figures_frame on the loaded catalogue, and its rows."""
    from components.catalogue import load_catalogue
    from components.tidy import figures_frame

    catalogue = load_catalogue(path)
    rows = len(figures_frame(catalogue))
    times = interleaved({"frame": lambda: figures_frame(catalogue)}, repeats)
    return {"rows": rows, "seconds": times["frame"]["wall"], "cpu_seconds": times["frame"]["cpu"]}
