"""Bounded load test: N concurrent browser sessions switch pages, provinces and wards against one local server
for a fixed time; every page must load without an exception, and the server's memory must stay flat.

    .venv/bin/python bench/load_test.py [--sessions 20] [--seconds 120] [--metrics PATH]

Prints a table (loads, errors, p50/p95 time to idle, server RSS at start, after warm-up and at the end) and
exits 1 when a page failed. Chromium: $BROWSER_PATH or /usr/bin/chromium (never downloaded).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BROWSER_ARGS as ARGS  # noqa: E402
from common import IDLE, ROOT, free_port, rss_mb, stop_server  # noqa: E402
from common import start_server as _start_server  # noqa: E402

from components.catalogue.load import load_catalogue, metrics_path  # noqa: E402
from components.report.rendering import find_browser  # noqa: E402


def start_server(metrics: Path, port: int):
    return _start_server(ROOT / "dashboard.py", port, {"METRICS_FILE": str(metrics)}, timeout=90)


def page_urls(metrics: Path) -> list[str]:
    """Every page, and the province and ward pages once per place (ids from the catalogue)."""
    catalogue = load_catalogue(metrics)
    urls = ["/", "/sources", "/data-quality", "/?lang=vi"]
    urls += [f"/province?province={p.id}" for p in catalogue.places.values() if p.level == "province"]
    urls += [f"/ward?ward={p.id}" for p in catalogue.places.values() if p.level == "ward"]
    return urls


async def session(browser, base: str, urls: list[str], until: float, seed: int, results: list) -> None:
    rng = random.Random(seed)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        while time.monotonic() < until:
            url = rng.choice(urls)
            started = time.perf_counter()
            ok, detail = True, ""
            try:
                await page.goto(base + url, wait_until="domcontentloaded", timeout=90_000)
                await page.wait_for_selector(IDLE, timeout=90_000)
                await page.wait_for_selector('[data-testid="stMain"]', timeout=90_000)
                if await page.locator('[data-testid="stException"]').count():
                    ok, detail = False, "exception element"
            except Exception as exc:  # a timeout or a closed page is a failed load, reported below
                ok, detail = False, f"{type(exc).__name__}: {str(exc)[:120]}"
            if errors:
                ok, detail = False, errors.pop()
            results.append((url, ok, time.perf_counter() - started, detail))
    finally:
        await context.close()


async def run(sessions: int, seconds: float, metrics: Path, warmup: float) -> int:
    from playwright.async_api import async_playwright

    port = free_port()
    server = start_server(metrics, port)
    base = f"http://127.0.0.1:{port}"
    urls = page_urls(metrics)
    results: list = []
    try:
        rss_start = rss_mb(server.pid)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=find_browser(), args=ARGS)
            # Warm-up: a few sessions for a short while, so the "after warm-up" memory includes caches.
            await asyncio.gather(*(session(browser, base, urls, time.monotonic() + warmup, 1000 + i, [])
                                   for i in range(min(sessions, 4))))
            rss_warm = rss_mb(server.pid)
            until = time.monotonic() + seconds
            samples = []

            async def sample_memory() -> None:
                while time.monotonic() < until:
                    samples.append(rss_mb(server.pid))
                    await asyncio.sleep(5)

            await asyncio.gather(sample_memory(), *(session(browser, base, urls, until, i, results)
                                                    for i in range(sessions)))
            await browser.close()
        await asyncio.sleep(3)
        rss_end = rss_mb(server.pid)
    finally:
        stop_server(server)
    times = sorted(r[2] for r in results)
    failures = [r for r in results if not r[1]]
    p95 = times[int(0.95 * (len(times) - 1))] if times else float("nan")
    print(f"| sessions | seconds | page loads | failed | p50 to idle | p95 to idle | RSS start | RSS warm | "
          f"RSS peak | RSS end |\n|---|---|---|---|---|---|---|---|---|---|\n"
          f"| {sessions} | {seconds:.0f} | {len(results)} | {len(failures)} | "
          f"{statistics.median(times) if times else float('nan'):.2f} s | {p95:.2f} s | {rss_start:.0f} MB | "
          f"{rss_warm:.0f} MB | {max(samples, default=rss_end):.0f} MB | {rss_end:.0f} MB |")
    for url, _ok, _seconds, detail in failures[:10]:
        print(f"failed: {url}: {detail}")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--warmup", type=float, default=20)
    parser.add_argument("--metrics", help="catalogue (default: $METRICS_FILE or metrics.yaml)")
    args = parser.parse_args()
    return asyncio.run(run(args.sessions, args.seconds, metrics_path(args.metrics).resolve(), args.warmup))


if __name__ == "__main__":
    sys.exit(main())
