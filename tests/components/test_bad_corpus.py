"""Every broken or hostile catalogue in tests/data/bad/ is refused by `validate` with its message, file and line.

Each case runs as a curator would run it (`python -m components validate --metrics FILE` from the repository
root) in a child process with a time limit and an address-space limit, so a parser bomb fails this test
instead of taking the machine down. The expected messages are in tests/data/bad/EXPECTED.yaml.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from bad_corpus import (
    BAD_DIR,
    ROOT,
    case_paths,
    expectations,
    expected_for,
    generated_names,
    make_generated,
    shown_path,
)

TIMEOUT_S = 90  # a guard against a hang, not a measure of speed (the bench times validation)
MEMORY_LIMIT = 1536 * 1024 * 1024  # address space of the child: far above a valid catalogue's needs
MARKER = re.compile(r"/tmp/PWNED_\w+")


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def validate(path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "METRICS_FILE"}
    return subprocess.run([sys.executable, "-m", "components", "validate", "--metrics", str(path)], cwd=ROOT,
                          env=env, capture_output=True, text=True, encoding="utf-8", errors="replace",
                          timeout=TIMEOUT_S, preexec_fn=_limit_memory)


def assert_refused_as_expected(path: Path) -> None:
    expected = expected_for(path)
    result = validate(path)
    output = f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr, output
    assert result.returncode in (1, 2), f"{path.name}: killed or crashed instead of refused\n{output}"
    assert result.returncode == expected.exit, output
    where = expected.location(path) + ":"
    findings = [line for line in result.stdout.splitlines() if line.startswith(where)]
    assert findings, f"{path.name}: no message names {where}\n{output}"
    assert any(expected.message in line for line in findings), \
        f"{path.name}: expected {expected.message!r} at {where}\n{output}"


def test_the_corpus_is_complete_and_every_case_has_its_message():
    names = {path.name for path in case_paths()}
    assert len(names) >= 30
    assert set(expectations()) == names, "every case file has an entry in EXPECTED.yaml, and every entry a file"
    for case in expectations().values():
        assert case.exit in (1, 2) and len(case.message) >= 10 and case.what
        if case.file:
            assert (BAD_DIR / case.file).is_file() and case.file.startswith("_")


@pytest.mark.parametrize("path", case_paths(), ids=lambda p: p.name)
def test_a_bad_catalogue_is_refused_with_its_message_file_and_line(path):
    assert_refused_as_expected(path)


@pytest.mark.parametrize("name", generated_names())
def test_a_bad_catalogue_too_big_to_commit_is_refused_with_its_message(tmp_path, name):
    path = make_generated(name, tmp_path)
    assert_refused_as_expected(path)


def test_the_50_mb_file_is_refused_before_it_is_read(tmp_path):
    path = make_generated("too_large_50mb.yaml", tmp_path)
    assert path.stat().st_size > 50 * 1024 * 1024
    result = validate(path)
    assert result.returncode == 2
    assert result.stdout.startswith(shown_path(path) + ":") and "50 MB" in result.stdout, result.stdout


def test_python_tags_are_refused_and_never_run():
    tagged = [path for path in case_paths() if b"!!python/" in path.read_bytes()]
    markers = [Path(m) for path in tagged for m in MARKER.findall(path.read_text(encoding="utf-8"))]
    assert len(tagged) >= 3 and len(markers) >= 2, "the corpus has Python tags that would create marker files"
    for marker in markers:
        marker.unlink(missing_ok=True)
    for path in tagged:
        result = validate(path)
        assert result.returncode == 1 and "plain data only" in result.stdout, result.stdout + result.stderr
    assert not [m for m in markers if m.exists()], "a Python tag in the catalogue ran code"
