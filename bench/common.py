"""Shared benchmark helpers: synthetic catalogues by size, interleaved timings, load + validate vs its floor,
Streamlit servers and their memory."""

from __future__ import annotations

import gc
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
SIZES = (1000, 10000, 100000)
# Targets: ratios to the floor (RSS in MB). Validation, pages and memory apply at N = 100,000; browser and export
# at every N. Issue 5: validate, ward, province, browser, export, rss. Issue 18: every page script (overview,
# province, both wards, sources, data quality) ≤ 1.5× the same page on the bundled catalogue; the whole app (server
# and the child that reads the catalogue, summed through the load) ≤ 450 MB; the server after every page ≤ 350 MB.
TARGETS = {"validate": 1.5, "ward": 1.2, "province": 2.0, "browser": 1.3, "export": 1.2, "rss": 400.0,
           "page": 1.5, "app_peak": 450.0, "server_after": 350.0}
VALIDATE_TARGET = TARGETS["validate"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--mute-audio"]
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
    """load_catalogue(path) (read both files + schema + checks) against parsing the same YAML with PyYAML's C
    loader alone: metrics.yaml and the places file it names, each read and `yaml.load(text, Loader=CSafeLoader)`.

    Two floors: the C loader as is (the floor of issue 5), and the same with the cyclic garbage collector paused
    (load_catalogue pauses it, so this is the stricter comparison). Times are wall-clock medians of interleaved
    turns; the CPU-time ratios beside them are steadier on a shared machine.
    """
    import yaml

    from components.catalogue.load import load_catalogue

    catalogue = load_catalogue(path)
    files = [path, *([catalogue.places_path] if catalogue.places_path else [])]

    def floor():
        return [yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for file in files]

    def floor_paused():
        was = gc.isenabled()
        gc.disable()
        try:
            return floor()
        finally:
            if was:
                gc.enable()

    def ours():
        return load_catalogue(path)

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
import json, os, resource, sys
sys.path.insert(0, sys.argv[1])
import yaml
from components.catalogue.load import load_catalogue
path, what = sys.argv[2], sys.argv[3]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if what == "floor":  # the same YAML: metrics.yaml and the places file it names
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle.read(), Loader=yaml.CSafeLoader)
    places = os.path.join(os.path.dirname(path), data["places"])
    with open(places, encoding="utf-8") as handle:
        data = (data, yaml.load(handle.read(), Loader=yaml.CSafeLoader))
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


_CHILD_RSS_SCRIPT = """
import resource, subprocess, sys, tempfile
with tempfile.TemporaryDirectory() as folder:
    subprocess.run([sys.executable, "-m", "components.table.index_from_file", sys.argv[1], folder + "/prepared.pickle"],
                   check=True, cwd=sys.argv[2])
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


def child_peak_rss_mb(path: Path) -> float:
    """Peak RSS (MB) of the child process the app reads a large catalogue in (components/table/index_from_file.py)."""
    done = subprocess.run([sys.executable, "-c", _CHILD_RSS_SCRIPT, str(path), str(ROOT)], capture_output=True,
                          text=True, check=True, cwd=ROOT)
    return float(done.stdout.strip().splitlines()[-1])


def frame_seconds(path: Path, repeats: int = 3) -> dict[str, float]:
    """Median seconds of components.table.tidy.figures_frame on the loaded catalogue, and its rows."""
    from components.catalogue.load import load_catalogue
    from components.table.tidy import figures_frame

    catalogue = load_catalogue(path)
    rows = len(figures_frame(catalogue))
    times = interleaved({"frame": lambda: figures_frame(catalogue)}, repeats)
    return {"rows": rows, "seconds": times["frame"]["wall"], "cpu_seconds": times["frame"]["cpu"]}


# ---- servers -------------------------------------------------------------------------------------------


@contextmanager
def profiled_in_new_threads(profile):
    """`profile` (a cProfile.Profile) enabled in every thread started for the duration: the page script runs in
    a thread of its own (AppTest's too), and a profiler sees only the thread it is enabled in. The standard
    library's hook for new threads (threading.setprofile) enables it there, at the thread's first call."""
    threading.setprofile(lambda *_: profile.enable())
    try:
        yield
    finally:
        threading.setprofile(None)


@contextmanager
def metrics_env(path: Path):
    """$METRICS_FILE set to `path` for the duration (the app reads it at every run)."""
    old = os.environ.get("METRICS_FILE")
    os.environ["METRICS_FILE"] = str(path)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("METRICS_FILE", None)
        else:
            os.environ["METRICS_FILE"] = old


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(script: Path, port: int, env: dict | None = None, args: list[str] = (),
                 timeout: float = 120) -> subprocess.Popen:
    """`streamlit run script` headless on 127.0.0.1:port, returned once /_stcore/health answers."""
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
               "--server.address", "127.0.0.1", "--server.port", str(port), "--server.fileWatcherType", "none",
               "--browser.gatherUsageStats", "false", *(["--", *args] if args else [])]
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError(f"streamlit {script} did not become healthy in {timeout:.0f} s")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    """A process's resident memory in MB from /proc: VmRSS (now) or VmHWM (its peak so far)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def descendants(pid: int) -> list[int]:
    """The process's children, their children, … (from /proc/<pid>/task/*/children)."""
    found, queue = [], [pid]
    while queue:
        parent = queue.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                kids = [int(k) for k in (task / "children").read_text().split()]
            except OSError:
                continue
            found += kids
            queue += kids
    return found


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and of all its descendants, summed (MB): what a container is charged."""
    total = 0.0
    for each in [pid, *descendants(pid)]:
        try:
            total += rss_mb(each)
        except OSError:  # a child that just exited
            continue
    return total
