"""Progress of a command over many files, on stderr: a line redrawn in place that names
the file being worked on when stderr is a terminal; nothing (no frames, no carriage
returns) when it is a pipe or a log file, where -v gives one plain line per file."""
from __future__ import annotations

import shutil
import sys


class Progress:
    def __init__(self, total: int, quiet: bool = False, verbose: int = 0, what: str = "working on", stream=None):
        self.total, self.what, self.done = total, what, 0
        self.stream = stream or sys.stderr
        self.live = not quiet and total > 1 and _is_terminal(self.stream)
        self.lines = bool(verbose) and not quiet and not self.live
        self._drawn = False

    def step(self, name) -> None:
        """Say that work on `name` starts."""
        self.done += 1
        text = f"{self.what} {self.done}/{self.total}: {name}"
        if self.live:
            width = shutil.get_terminal_size((80, 20)).columns - 1
            self.stream.write("\r\x1b[K" + (text if len(text) <= width else "…" + text[-(width - 1):]))
            self.stream.flush()
            self._drawn = True
        elif self.lines:
            print(f"kehoach: {text}", file=self.stream, flush=True)

    def message(self, line: str) -> None:
        """A line that stays (an error about one file), printed above the progress line."""
        self._clear()
        print(line, file=self.stream, flush=True)

    def _clear(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._clear()


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
