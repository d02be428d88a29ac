"""HTML photographed and printed by the same Chromium the charts are drawn in: the figure sheets as PNG images,
and the finished report as one PDF.

It speaks to the browser through choreographer (the library kaleido drives Chromium with) and the DevTools
protocol's own commands: Page.captureScreenshot for a sheet, Page.printToPDF for the report."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Callable, Sequence
from pathlib import Path

from components.report.rendering import ExportError, find_browser, run_to_completion

STEP_SECONDS = 120  # one sheet or the whole PDF: longer means the browser has stopped answering
CLOSE_SECONDS = 30
PHOTO_TRIES = 3
SETTLE_TRIES = 20  # a new document's script context may not be there yet: ask again, a moment later
_MEASURE = "document.fonts.ready.then(() => Math.ceil(document.documentElement.getBoundingClientRect().height))"
# A report's images are lazy on screen; in print every one must be there before the page is printed (those
# shown on screen only are left alone).
_ALL_IMAGES = """Promise.all(Array.from(document.images).filter((img) => !img.closest(".screen-only")).map((img) => {
  img.loading = "eager";
  return img.complete ? Promise.resolve() : img.decode().catch(() => undefined);
})).then(() => document.fonts.ready)"""
# A link to a file beside the page (an image opened full size) leads nowhere in a PDF sent elsewhere: in print it
# is no link (its element stays, with its class); links to the web and within the document stay.
_LOCAL_LINKS_DROPPED = """for (const link of document.querySelectorAll("a[href]")) {
  const href = link.getAttribute("href");
  if (!/^(https?:|mailto:|#)/i.test(href)) link.removeAttribute("href");
}"""


class _Failed(Exception):
    pass


async def _command(tab, method: str, params: dict | None = None) -> dict:
    response = await tab.send_command(method, params or {})
    if "error" in response:
        raise _Failed(f"{method}: {response['error'].get('message', response['error'])}")
    return response["result"]


async def _evaluate(tab, expression: str):
    """The value of a promise-returning expression in the tab's current document."""
    for attempt in range(SETTLE_TRIES):
        try:
            result = await _command(tab, "Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                               "returnByValue": True})
        except _Failed:
            if attempt == SETTLE_TRIES - 1:
                raise
            await asyncio.sleep(0.05)
            continue
        if "exceptionDetails" in result:
            raise _Failed(f"the page's script failed: {result['exceptionDetails'].get('text', '')}")
        return result["result"].get("value")
    return None


async def _photograph(tab, html: str, width: int) -> bytes:
    """The page as a PNG; asked again when the tab was between two documents (a new window still opening its
    first page answers 'not attached to an active page')."""
    for attempt in range(PHOTO_TRIES):
        try:
            return await _photograph_once(tab, html, width)
        except _Failed:
            if attempt == PHOTO_TRIES - 1:
                raise
            await asyncio.sleep(0.2)
    raise AssertionError("unreachable")


async def _photograph_once(tab, html: str, width: int) -> bytes:
    frame_id = (await _command(tab, "Page.getFrameTree"))["frameTree"]["frame"]["id"]
    await _command(tab, "Page.setDocumentContent", {"frameId": frame_id, "html": html})
    height = max(1, int(await _evaluate(tab, _MEASURE) or 1))
    shot = await _command(tab, "Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    return base64.b64decode(shot["data"])


async def _open_browser(browser: str):
    import choreographer

    return await choreographer.Browser(browser, headless=True)


async def _close(chrome) -> None:
    """Close the browser; one that does not answer is ended (a run must never wait on it for ever)."""
    try:
        await asyncio.wait_for(chrome.close(), CLOSE_SECONDS)
    except TimeoutError:
        process = getattr(chrome, "subprocess", None)
        if process is not None and process.poll() is None:
            process.kill()


async def _pages_async(pages: Sequence[str], browser: str, width: int, scale: float, tabs: int,
                       on_done: Callable[[int], None] | None) -> list[bytes]:
    results: list[bytes | None] = [None] * len(pages)
    chrome = await asyncio.wait_for(_open_browser(browser), STEP_SECONDS)
    try:
        # each tab a window of its own, as kaleido opens its tabs: a tab behind another stops drawing frames,
        # and its screenshots wait for one
        opened = [chrome.get_tab()] + [await chrome.create_tab(window=True) for _ in range(tabs - 1)]

        async def work(tab, indices) -> None:
            await _command(tab, "Emulation.setDeviceMetricsOverride", {
                "width": width, "height": 600, "deviceScaleFactor": scale, "mobile": False})
            for index in indices:
                results[index] = await asyncio.wait_for(_photograph(tab, pages[index], width), STEP_SECONDS)
                if on_done:
                    on_done(index)

        await asyncio.gather(*(work(tab, range(k, len(pages), len(opened))) for k, tab in enumerate(opened)))
    finally:
        await _close(chrome)
    return results  # type: ignore[return-value]


def _failure(browser: str, what: str, exc: Exception) -> ExportError:
    if isinstance(exc, TimeoutError):
        return ExportError(f"the browser at {browser} could not {what}: it stopped answering for {STEP_SECONDS} s")
    detail = " ".join(str(exc).split()) or type(exc).__name__
    return ExportError(f"the browser at {browser} could not {what}: {detail[:300]}")


def render_html_images(pages: Sequence[str], *, width: int, scale: float = 2, browser: str | None = None,
                       tabs: int = 2, on_done: Callable[[int], None] | None = None) -> list[bytes]:
    """Each HTML page (a whole document, no outside resources) as a PNG `width` CSS pixels wide at `scale`, as
    tall as its content, in one browser started once for all of them."""
    if not pages:
        return []
    browser = browser or find_browser()
    try:
        return run_to_completion(_pages_async(pages, browser, width, scale, max(1, min(tabs, len(pages))),
                                               on_done))
    except ExportError:
        raise
    except Exception as exc:  # choreographer or DevTools failures: say which browser and what happened
        raise _failure(browser, "draw the figure sheets", exc) from exc


async def _print(tab, html_file: Path, footer: str) -> bytes:
    await _command(tab, "Page.enable")
    loaded = tab.subscribe_once("Page.loadEventFired")
    await _command(tab, "Page.navigate", {"url": html_file.resolve().as_uri()})
    await loaded
    await _evaluate(tab, _ALL_IMAGES)
    await _evaluate(tab, _LOCAL_LINKS_DROPPED)
    options = {"printBackground": True, "preferCSSPageSize": True, "displayHeaderFooter": bool(footer),
               "headerTemplate": "<span></span>", "footerTemplate": footer or "<span></span>",
               "generateDocumentOutline": True, "generateTaggedPDF": True}
    printed = await _command(tab, "Page.printToPDF", options)
    return base64.b64decode(printed["data"])


async def _pdf_async(html_file: Path, browser: str, footer: str) -> bytes:
    chrome = await asyncio.wait_for(_open_browser(browser), STEP_SECONDS)
    try:
        return await asyncio.wait_for(_print(chrome.get_tab(), html_file, footer), STEP_SECONDS)
    finally:
        await _close(chrome)


def print_pdf(html_file: str | Path, *, browser: str | None = None, footer: str = "") -> bytes:
    """The HTML file printed to PDF as Chromium prints it (its @page size and margins, `break-inside` kept),
    after every image in it has loaded. `footer`: an HTML template of each page's footer (DevTools'
    footerTemplate: <span class="pageNumber"> and <span class="totalPages"> are filled in)."""
    browser = browser or find_browser()
    try:
        return run_to_completion(_pdf_async(Path(html_file), browser, footer))
    except ExportError:
        raise
    except Exception as exc:
        raise _failure(browser, "print the report to PDF", exc) from exc
