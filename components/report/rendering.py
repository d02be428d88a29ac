"""Drawing charts as images: finding a Chrome/Chromium, and kaleido rendering many figures in one browser
started once (starting it costs more than drawing a chart), given the bundled fonts."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from components.views.fonts import FONT_DIR
from components.words.i18n import Phrase, phrase

if TYPE_CHECKING:
    import plotly.graph_objects as go

DEFAULT_WIDTH, DEFAULT_HEIGHT = 720, 560  # pixels, for a figure that sets no size of its own: charts.IMAGE_WIDTH
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
DEBIAN_CHROMIUM = "/usr/bin/chromium"
SYSTEM_FONTCONFIG = "/etc/fonts/fonts.conf"  # fontconfig's own configuration when FONTCONFIG_FILE is not set


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


def fontconfig_file(machine: str | None = None) -> Path:
    """A fontconfig configuration holding the machine's fonts (`machine`, its configuration file) and the
    bundled ones (components.views.fonts), written once to the temporary directory."""
    text = (f'<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
            f'  <include ignore_missing="yes">{escape(machine or SYSTEM_FONTCONFIG)}</include>\n'
            f'  <dir>{escape(str(FONT_DIR))}</dir>\n</fontconfig>\n')
    path = Path(tempfile.gettempdir()) / f"antq-fonts-{hashlib.sha256(text.encode()).hexdigest()[:16]}.conf"
    if not path.is_file():
        with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".conf", delete=False) as out:
            out.write(text)
        os.replace(out.name, path)  # whole or not at all: another export may read it at the same time
    return path


_ENVIRONMENT = threading.Lock()


@contextlib.contextmanager
def bundled_fonts() -> Iterator[None]:
    """A browser started inside this block draws with the bundled fonts as well as the machine's: Chromium on
    Linux finds fonts through fontconfig, which reads FONTCONFIG_FILE when the browser starts, and the browser
    takes this process's environment. So an image is drawn in the font the charts name on a machine without
    it. The variable is put back afterwards; the lock keeps two exports from putting back each other's."""
    with _ENVIRONMENT:
        before = os.environ.get("FONTCONFIG_FILE")
        os.environ["FONTCONFIG_FILE"] = str(fontconfig_file(before))
        try:
            yield
        finally:
            if before is None:
                os.environ.pop("FONTCONFIG_FILE", None)
            else:
                os.environ["FONTCONFIG_FILE"] = before


def image_options(figure: go.Figure, image_format: str, scale: float) -> dict:
    """kaleido's layout options: the figure's own size when it sets one, else the report size."""
    return {"format": image_format, "scale": scale,
            "width": figure.layout.width or DEFAULT_WIDTH, "height": figure.layout.height or DEFAULT_HEIGHT}


async def _render_async(jobs: Sequence[tuple[go.Figure, dict]], browser: str, tabs: int,
                        on_done: Callable[[int], None] | None, stats: dict) -> list[bytes]:
    import kaleido

    results: list[bytes | None] = [None] * len(jobs)
    started = time.perf_counter()
    async with contextlib.AsyncExitStack() as stack:
        with bundled_fonts():
            k = await stack.enter_async_context(kaleido.Kaleido(n=tabs, path=browser, mathjax=False, timeout=120))
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


def run_to_completion(coroutine):
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
        return run_to_completion(_render_async(jobs, browser, max(1, min(tabs, len(jobs))), on_done,
                                         stats if stats is not None else {}))
    except ExportError:
        raise
    except Exception as exc:  # kaleido / choreographer failures: say which browser and what happened
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise ExportError(f"the browser at {browser} could not draw the charts: {detail[:300]}") from exc
