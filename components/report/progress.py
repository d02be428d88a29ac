"""The export's progress: images done and left, for a terminal or a log."""

from __future__ import annotations

import sys
import time


class ProgressBar:
    """Images (charts, figure sheets, the PDF) done and left on one line of a terminal; a line at every tenth
    when not a terminal."""

    def __init__(self, total: int, stream=None, width: int = 30):
        self.total, self.done, self.width = total, 0, width
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.perf_counter()
        self._last_tenth = -1

    def line(self) -> str:
        filled = int(self.width * self.done / self.total) if self.total else self.width
        bar = "#" * filled + "-" * (self.width - filled)
        return f"[{bar}] {self.done}/{self.total} images, {self.total - self.done} left"

    def advance(self, _index: int | None = None) -> None:
        self.done += 1
        if self.tty:
            self.stream.write("\r" + self.line())
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()
            return
        tenth = 10 * self.done // self.total if self.total else 10
        if tenth != self._last_tenth:
            self._last_tenth = tenth
            print(self.line(), file=self.stream, flush=True)
