"""Drawing charts as images: finding a Chrome/Chromium, and kaleido rendering many figures in one browser
started once (starting it costs more than drawing a chart)."""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from components.words.i18n import Phrase, phrase

if TYPE_CHECKING:
    import plotly.graph_objects as go

DEFAULT_WIDTH, DEFAULT_HEIGHT = 720, 560  # pixels, for a figure that sets no size of its own: charts.IMAGE_WIDTH
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
DEBIAN_CHROMIUM = "/usr/bin/chromium"
# Flags for a headless browser that may run as root in a container; kaleido adds --headless, --no-sandbox,
# --disable-gpu, --no-first-run, --disable-component-update and --disable-sync itself.
EXTRA_BROWSER_FLAGS = ("--disable-background-networking", "--disable-default-apps", "--mute-audio")


class ExportError(Exception):
    """An export that cannot be done; the message is one line saying why and what to do."""


class BrowserMissing(ExportError):
    """No Chrome/Chromium to render with; `said` gives the reason in any language (str() in English)."""

    def __init__(self, said: Phrase):
        super().__init__(said.text("en"))
        self.said = said



def _executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def find_browser() -> str:
    """The Chrome/Chromium to render with: $BROWSER_PATH if set, else Debian's chromium or one on PATH.

    Raises BrowserMissing with a one-line reason and how to install one.
    """
    wanted = os.environ.get("BROWSER_PATH", "").strip()
    if wanted:
        found = wanted if _executable(wanted) else shutil.which(wanted)
        if not found:
            raise BrowserMissing(phrase("export_browser_path_bad", path=repr(wanted),
                                        hint=phrase("export_install_hint")))
        return found
    if _executable(DEBIAN_CHROMIUM):
        return DEBIAN_CHROMIUM
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserMissing(phrase("export_no_browser", hint=phrase("export_install_hint")))


def browser_unavailable_reason(lang: str = "en") -> str | None:
    """None when charts can be rendered to images here, else one sentence in `lang` saying why not."""
    try:
        find_browser()
    except BrowserMissing as exc:
        return exc.said.text(lang)
    return None


def _browser_class():
    from choreographer.browsers.chromium import Chromium

    class _QuietChromium(Chromium):
        def get_cli(self):
            cli = list(super().get_cli())
            return cli + [flag for flag in EXTRA_BROWSER_FLAGS if flag not in cli]

    return _QuietChromium


def image_options(figure: go.Figure, image_format: str, scale: float) -> dict:
    """kaleido's layout options: the figure's own size when it sets one, else the report size."""
    return {"format": image_format, "scale": scale,
            "width": figure.layout.width or DEFAULT_WIDTH, "height": figure.layout.height or DEFAULT_HEIGHT}


async def _render_async(jobs: Sequence[tuple[go.Figure, dict]], browser: str, tabs: int,
                        on_done: Callable[[int], None] | None, stats: dict) -> list[bytes]:
    import kaleido

    results: list[bytes | None] = [None] * len(jobs)
    started = time.perf_counter()
    async with kaleido.Kaleido(n=tabs, path=browser, mathjax=False, timeout=120,
                               browser_cls=_browser_class()) as k:
        stats["browser_start_seconds"] = time.perf_counter() - started
        async def one(index: int) -> None:
            figure, opts = jobs[index]
            results[index] = await k.calc_fig(figure, opts=opts)
            if on_done:
                on_done(index)

        tasks = [asyncio.create_task(one(i)) for i in range(len(jobs))]
        try:
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
    return results  # type: ignore[return-value]


def _run_to_completion(coroutine):
    """asyncio.run, also where this thread already runs an event loop (a notebook, Playwright's sync API): then
    the coroutine gets a loop of its own in a worker thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, coroutine).result()


def render_images(jobs: Sequence[tuple[go.Figure, dict]], *, browser: str | None = None, tabs: int = 2,
                  on_done: Callable[[int], None] | None = None, stats: dict | None = None) -> list[bytes]:
    """Render (figure, options) pairs to image bytes in one browser started once for all of them.

    `stats`, when given, receives `browser_start_seconds`.
    """
    if not jobs:
        return []
    browser = browser or find_browser()
    try:
        return _run_to_completion(_render_async(jobs, browser, max(1, min(tabs, len(jobs))), on_done,
                                         stats if stats is not None else {}))
    except ExportError:
        raise
    except Exception as exc:  # kaleido / choreographer failures: say which browser and what happened
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise ExportError(f"the browser at {browser} could not draw the charts: {detail[:300]}") from exc
