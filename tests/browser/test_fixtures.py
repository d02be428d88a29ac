"""The browser fixtures' promise: without a Chromium the browser tests skip with the reason locally and fail
in CI (CI=true), rather than pass or hide."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ONE_TEST = "tests/browser/test_pages.py::test_unknown_id_in_a_link_gives_a_notice_and_the_default_view"


def _pytest(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key != "CI"}
    environment.update(BROWSER_PATH=str(tmp_path / "no-such-chromium"), **env)
    return subprocess.run([sys.executable, "-m", "pytest", ONE_TEST, "-q", "-rsE", "-p", "no:cacheprovider"],
                          cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)


def test_without_chromium_the_browser_tests_skip_locally_with_the_reason(tmp_path):
    done = _pytest(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 skipped" in done.stdout and "browser tests need Chromium" in done.stdout
    assert "apt-get install chromium" in done.stdout


def test_without_chromium_the_browser_tests_fail_in_ci(tmp_path):
    done = _pytest(tmp_path, CI="true")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "CI=true but the browser tests cannot run" in done.stdout and "1 error" in done.stdout
