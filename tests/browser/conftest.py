"""Browser-test fixtures: Debian's Chromium driven by Playwright against `streamlit run dashboard.py`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from app_tab import screenshot  # noqa: F401  (kept importable from here)

from components.report.rendering import BrowserMissing, find_browser

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_METRICS = ROOT / "tests" / "data" / "hostile" / "metrics.yaml"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--mute-audio",
                 "--disable-dev-shm-usage"]
SERVER_START_SECONDS = 90


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """$BROWSER_PATH, else Debian's /usr/bin/chromium, else one on PATH; Playwright downloads none."""
    try:
        return find_browser()
    except BrowserMissing as exc:
        if _in_ci():
            pytest.fail(f"CI=true but the browser tests cannot run: {exc}")
        pytest.skip(f"browser tests need Chromium: {exc}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def serve(metrics_file: Path | None, log_dir: Path) -> Iterator[str]:
    """`streamlit run dashboard.py` on a free loopback port for one catalogue (None: the bundled one), with
    the file watcher off (edits take effect on the next rerun through the content-keyed cache); yields its URL
    once the health endpoint answers and stops the server afterwards."""
    port = _free_port()
    log_path = log_dir / "server.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("METRICS_FILE", None)
    if metrics_file is not None:
        env["METRICS_FILE"] = str(metrics_file)
    command = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
               "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats",
               "false", "--server.fileWatcherType", "none", "--server.runOnSave", "false"]
    with log_path.open("w") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while not _healthy(url):
            if server.poll() is not None:
                pytest.fail(f"streamlit exited with {server.returncode}:\n{log_path.read_text()[-3000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit not healthy after {SERVER_START_SECONDS} s:\n"
                            f"{log_path.read_text()[-3000:]}")
            time.sleep(0.25)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


PHONE_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 "
               "Mobile Safari/537.36")
PHONE_MAX_WIDTH = 600


class _Shared:
    """The servers (one per catalogue) and the Chromium that all browser tests share. Started on first use and
    stopped as soon as the run leaves tests/browser (see pytest_runtest_teardown): Playwright's sync API keeps an
    event loop running while it is open, and tests elsewhere (kaleido's export) need asyncio.run()."""

    def __init__(self):
        self.stack = ExitStack()
        self.servers: dict[Path | None, str] = {}
        self.playwright = None
        self.browser = None
        self.contexts: dict[tuple[str, tuple[int, int]], object] = {}

    def server(self, metrics_file: Path | None, log_dir: Path) -> str:
        if metrics_file not in self.servers:
            self.servers[metrics_file] = self.stack.enter_context(serve(metrics_file, log_dir))
        return self.servers[metrics_file]

    def context(self, executable: str, base_url: str, viewport: tuple[int, int] = (1280, 900)):
        """One browser context per app URL and window size: its HTTP cache keeps the app's JavaScript, so a
        test does not download it again; each tab still has its own Streamlit session (its own websocket)."""
        if self.browser is None:
            self.browser = self.launch(executable)
        key = (base_url, viewport)
        if key not in self.contexts:
            width, height = viewport
            # a window as narrow as a phone's is a phone's browser, which says so (the dashboard's first guess of
            # its charts' width, components.app.screen); test_readable checks a narrow desktop window too
            agent = {"user_agent": PHONE_AGENT} if width < PHONE_MAX_WIDTH else {}
            context = self.browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True,
                                               base_url=base_url, **agent)
            self.stack.callback(context.close)
            self.contexts[key] = context
        return self.contexts[key]

    def launch(self, executable: str, env: dict[str, str] | None = None):
        """A Chromium of its own, started with `env` as its environment when given (a test's fonts); closed
        with the others."""
        if self.playwright is None:
            from playwright.sync_api import sync_playwright

            self.playwright = self.stack.enter_context(sync_playwright())
        browser = self.playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, env=env)
        self.stack.callback(browser.close)
        return browser

    def stop(self) -> None:
        try:
            self.stack.close()
        finally:
            self.__init__()


_SHARED = _Shared()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    here = Path(__file__).parent
    if nextitem is None or here not in Path(nextitem.path).parents:
        _SHARED.stop()
    return result


@pytest.fixture
def start_app(chromium_executable, tmp_path_factory):
    """start_app(metrics_file): the URL of an app serving that catalogue (None: the bundled one); one server per
    catalogue for all the browser tests."""
    return lambda metrics_file=None: _SHARED.server(metrics_file, tmp_path_factory.mktemp("streamlit"))


@pytest.fixture
def app_url(start_app) -> str:
    """The app on the bundled catalogue."""
    return start_app(None)


@pytest.fixture
def hostile_app_url(start_app) -> str:
    """The app on tests/data/hostile/metrics.yaml (markup, Markdown, directives and bidi controls in its text)."""
    return start_app(HOSTILE_METRICS)


@pytest.fixture
def launch_chromium(chromium_executable):
    """launch_chromium(env): a Chromium started with that environment, for a test that changes what the browser
    finds (its fonts); closed when the run leaves tests/browser."""
    return lambda env: _SHARED.launch(chromium_executable, env)


@pytest.fixture
def _contexts(chromium_executable):
    return lambda base_url, viewport=(1280, 900): _SHARED.context(chromium_executable, base_url, viewport)


@pytest.fixture
def open_tab(_contexts):
    """open_tab(base_url, viewport=(width, height)): a fresh tab on that app (its own Streamlit session) in a
    window of that size, that records page errors (`tab.page_errors`) and dialogs (`tab.dialogs`, each
    dismissed); closed after the test."""
    tabs = []

    def opener(base_url: str, viewport: tuple[int, int] = (1280, 900)):
        tab = _contexts(base_url, viewport).new_page()
        tabs.append(tab)
        tab.page_errors = []
        tab.dialogs = []
        tab.on("pageerror", lambda error: tab.page_errors.append(str(error)))

        def on_dialog(dialog):
            tab.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        tab.on("dialog", on_dialog)
        tab.set_default_timeout(30_000)
        return tab

    yield opener
    for tab in tabs:
        tab.close()


@pytest.fixture
def page(open_tab, app_url):
    """A fresh tab on the app with the bundled catalogue."""
    return open_tab(app_url)
