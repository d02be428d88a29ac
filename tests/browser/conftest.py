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

from components.export import BrowserMissing, find_browser

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


@pytest.fixture(scope="session")
def start_app(chromium_executable, tmp_path_factory) -> Iterator:
    """start_app(metrics_file): the URL of an app serving that catalogue (None: the bundled one); one server per
    catalogue for the whole session."""
    servers: dict[Path | None, str] = {}
    with ExitStack() as stack:
        def start(metrics_file: Path | None = None) -> str:
            if metrics_file not in servers:
                servers[metrics_file] = stack.enter_context(serve(metrics_file, tmp_path_factory.mktemp("streamlit")))
            return servers[metrics_file]

        yield start


@pytest.fixture(scope="session")
def app_url(start_app) -> str:
    """The app on the bundled catalogue."""
    return start_app(None)


@pytest.fixture(scope="session")
def hostile_app_url(start_app) -> str:
    """The app on tests/data/hostile/metrics.yaml (markup, Markdown, directives and bidi controls in its text)."""
    return start_app(HOSTILE_METRICS)


@pytest.fixture(scope="session")
def browser(chromium_executable):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def _contexts(browser):
    """One browser context per app URL for the session: its HTTP cache keeps the app's JavaScript, so a test
    does not download it again. Each tab still has its own Streamlit session (its own websocket)."""
    contexts = {}

    def context_for(base_url: str):
        if base_url not in contexts:
            contexts[base_url] = browser.new_context(viewport={"width": 1280, "height": 900},
                                                     accept_downloads=True, base_url=base_url)
        return contexts[base_url]

    yield context_for
    for context in contexts.values():
        context.close()


@pytest.fixture
def open_tab(_contexts):
    """open_tab(base_url): a fresh tab on that app (its own Streamlit session) that records page errors
    (`tab.page_errors`) and dialogs (`tab.dialogs`, each dismissed); closed after the test."""
    tabs = []

    def opener(base_url: str):
        tab = _contexts(base_url).new_page()
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
