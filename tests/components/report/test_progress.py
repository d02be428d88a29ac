"""The export's progress bar."""

from __future__ import annotations

import io

from components.report.progress import ProgressBar


def test_progress_bar_counts_done_and_left():
    stream = io.StringIO()
    bar = ProgressBar(4, stream)
    for _ in range(4):
        bar.advance()
    lines = stream.getvalue().splitlines()
    assert lines[0].endswith("1/4 images, 3 left") and lines[-1].endswith("4/4 images, 0 left")
