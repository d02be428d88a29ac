"""Measurements of the app against its floors: page script time (AppTest), browser time to charts vs a bare page,
export cost per chart vs kaleido's own batch, and the server's memory after visiting every page."""

from __future__ import annotations

import asyncio
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from components.catalogue import load_catalogue  # noqa: E402
from components.index import build_index  # noqa: E402
from components.tidy import figures_frame  # noqa: E402

PAGES = {"overview": "components/pages/overview.py", "province": "components/pages/province.py",
         "ward": "components/pages/ward.py", "sources": "components/pages/sources.py",
         "data-quality": "components/pages/quality.py"}
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--mute-audio"]


@contextmanager
def metrics_env(path: Path):
    old = os.environ.get("METRICS_FILE")
    os.environ["METRICS_FILE"] = str(path)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("METRICS_FILE", None)
        else:
            os.environ["METRICS_FILE"] = old


def typical_places(path: Path) -> dict[str, str]:
    """The province and the ward with the most figures (the heaviest page of each kind)."""
    catalogue = load_catalogue(path)
    index = build_index(catalogue, figures_frame(catalogue))
    counts = index.frame.groupby("place_id").size()
    wards = [p for p in counts.index if catalogue.places[p].level == "ward"]
    provinces = [p for p in catalogue.places if catalogue.places[p].level == "province" and index.has_figures(p)]
    return {"ward": max(wards, key=lambda p: counts[p]),
            "province": max(provinces, key=lambda p: len(index.subtree_rows(p)))}


def page_seconds(path: Path, repeats: int = 5) -> dict[str, float]:
    """Median script time of each page (AppTest), after a first run has loaded and cached the catalogue."""
    from streamlit.testing.v1 import AppTest

    places = typical_places(path)
    params = {"province": {"province": places["province"]}, "ward": {"ward": places["ward"]}}
    found = {}
    with metrics_env(path):
        for name, page in PAGES.items():
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
            for key, value in params.get(name, {}).items():
                at.query_params[key] = value
            at.run()
            at.switch_page(page).run()
            if at.exception:
                raise RuntimeError(f"{name} page failed on {path}: {at.exception[0].value}")
            times = []
            for _ in range(repeats):
                started = time.perf_counter()
                at.run()
                times.append(time.perf_counter() - started)
            found[name] = statistics.median(times)
    return found


# ---- browser --------------------------------------------------------------------------------------------

BARE_PAGE = '''
import pickle, sys
import streamlit as st
figures = pickle.load(open(sys.argv[1], "rb"))
for i, figure in enumerate(figures):
    st.plotly_chart(figure, key=f"bare-{i}", width="stretch")
'''


def start_server(script: Path, port: int, env: dict, args: list[str] = ()) -> subprocess.Popen:
    import urllib.request

    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
               "--server.address", "127.0.0.1", "--server.port", str(port), "--server.fileWatcherType", "none",
               "--browser.gatherUsageStats", "false", *(["--", *args] if args else [])]
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError(f"streamlit {script} did not start")


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _time_to_charts(url: str, expected: int, repeats: int) -> float:
    from playwright.async_api import async_playwright

    from components.export import find_browser

    times = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=find_browser(), args=BROWSER_ARGS)
        for attempt in range(repeats + 1):
            context = await browser.new_context(viewport={"width": 1280, "height": 900})
            page = await context.new_page()
            started = time.perf_counter()
            await page.goto(url, wait_until="commit")
            await page.wait_for_function(
                "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n"
                " && document.querySelector('" + IDLE.replace("'", "\\'") + "') !== null",
                arg=expected, timeout=180_000, polling=50)
            if attempt:  # the first load warms the server's caches
                times.append(time.perf_counter() - started)
            await context.close()
        await browser.close()
    return statistics.median(times)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def browser_ratio(path: Path, repeats: int = 3) -> dict[str, float]:
    """Time until every chart of the province page is drawn, in the app vs a bare page of the same figures;
    and the server's RSS after visiting every page once."""
    from components import views

    places = typical_places(path)
    catalogue = load_catalogue(path)
    index = build_index(catalogue, figures_frame(catalogue))
    charts = views.province_charts(index, places["province"])
    figures = [chart.figure for chart in charts]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "figures.pkl").write_bytes(pickle.dumps(figures))
        (tmp / "bare.py").write_text(BARE_PAGE)
        app_port, bare_port = free_port(), free_port()
        app = start_server(ROOT / "dashboard.py", app_port, {"METRICS_FILE": str(path)})
        bare = start_server(tmp / "bare.py", bare_port, {}, [str(tmp / "figures.pkl")])
        try:
            app_url = f"http://127.0.0.1:{app_port}/province?province={places['province']}"
            app_seconds = asyncio.run(_time_to_charts(app_url, len(figures), repeats))
            bare_seconds = asyncio.run(_time_to_charts(f"http://127.0.0.1:{bare_port}/", len(figures), repeats))
            urls = [f"http://127.0.0.1:{app_port}/{p}" for p in ("", "sources", "data-quality")]
            urls.append(f"http://127.0.0.1:{app_port}/ward?ward={places['ward']}")
            asyncio.run(_visit(urls))
            rss = rss_mb(app.pid)
        finally:
            for server in (app, bare):
                server.terminate()
                server.wait(timeout=20)
    return {"app_seconds": app_seconds, "bare_seconds": bare_seconds, "charts": len(figures), "rss_mb": rss}


async def _visit(urls: list[str]) -> None:
    from playwright.async_api import async_playwright

    from components.export import find_browser

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=find_browser(), args=BROWSER_ARGS)
        page = await browser.new_page()
        for url in urls:
            await page.goto(url)
            await page.wait_for_selector(IDLE, timeout=180_000)
            await page.wait_for_timeout(300)
        await browser.close()


# ---- export ---------------------------------------------------------------------------------------------


def export_ratio(path: Path, max_charts: int = 24) -> dict[str, float]:
    """Seconds per chart of our export (pages of the catalogue, up to `max_charts` charts) vs kaleido's own
    batch for the same figures, both excluding the browser's start."""
    import kaleido

    from components import export
    from components.export import find_browser, image_options

    catalogue = load_catalogue(path)
    pages = export.report_pages(catalogue, figures_frame(catalogue), "png")
    chosen, count = [], 0
    for page in pages:
        if count >= max_charts:
            break
        keep = page.charts[: max_charts - count]
        chosen.append(export.ReportPage(page.slug, page.title, page.subtitle, keep))
        count += len(keep)
    figures = [item.chart.figure for page in chosen for item in page.charts]
    browser = find_browser()
    with tempfile.TemporaryDirectory() as tmp:
        result = export.write_report(chosen, Path(tmp) / "out", fmt="png", scale=2, browser=browser, tabs=2)
    ours = (result.seconds - result.browser_start_seconds) / max(count, 1)

    async def floor() -> float:
        async with kaleido.Kaleido(n=2, path=browser) as k:
            started = time.perf_counter()
            await asyncio.gather(*(k.calc_fig(f, opts=image_options(f, "png", 2)) for f in figures))
            return (time.perf_counter() - started) / max(len(figures), 1)

    return {"charts": count, "ours_per_chart": ours, "floor_per_chart": asyncio.run(floor())}


# ---- validation ------------------------------------------------------------------------------------------


def validation_ratio(path: Path, repeats: int = 3) -> dict[str, float]:
    """Median seconds of load + validate (components.catalogue.load_catalogue) vs parsing the same YAML with
    PyYAML's C loader alone (the floor)."""
    import yaml

    text = path.read_text(encoding="utf-8")

    def floor() -> None:
        yaml.load(text, Loader=yaml.CSafeLoader)

    def ours() -> None:
        load_catalogue(path)

    return {"floor_seconds": _median_seconds(floor, repeats), "ours_seconds": _median_seconds(ours, repeats)}


def _median_seconds(action, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)
