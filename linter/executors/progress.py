"""A progress bar on the terminal for long runs; nothing at all otherwise.

click's own progress bar (click is already the command line's library, so no
new dependency), on stderr, and only when stderr is a terminal, ``CI`` is not
set, and the run is still going after two seconds: a quick check or a piped,
logged or CI run prints no bar.  When the findings stream to the same
terminal, the bar is wiped before each piece of output and drawn again after
it, so the two never share a line.

May import the foundation only (and click).
"""
from __future__ import annotations

import os
import sys
import time
from typing import Any, Optional, TextIO

DELAY = 2.0  # seconds before a bar appears


def wanted(stream: TextIO) -> bool:
    """A terminal, not a CI log, not TERM=dumb."""
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class Progress:
    """``update(done, total)`` after each file; ``clear()``/``redraw()`` around other output."""

    def __init__(self, stream: Optional[TextIO] = None, label: str = "", delay: float = DELAY):
        self.stream = stream or sys.stderr
        self.label = label
        self.delay = delay
        self.enabled = wanted(self.stream)
        self._start = time.monotonic()
        self._bar: Any = None
        self._done = 0

    def update(self, done: int, total: int) -> None:
        """Record ``done`` of ``total``; the bar appears once the run has taken ``delay`` seconds."""
        if not self.enabled:
            return
        if self._bar is None:
            if time.monotonic() - self._start < self.delay or done >= total:
                self._done = done
                return
            import click

            self._bar = click.progressbar(length=total, label=self.label, file=self.stream,
                                          show_pos=True, show_eta=True, width=30)
        self._bar.update(done - self._done)
        self._done = done

    def clear(self) -> None:
        """Wipe the bar's line (before other output goes to the same terminal)."""
        if self._bar is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def redraw(self) -> None:
        """Draw the bar again after other output."""
        if self._bar is not None:
            self._bar.render_progress()

    def close(self) -> None:
        """Remove the bar and give the cursor back (click hides it while drawing)."""
        if self._bar is not None:
            self.stream.write("\r\x1b[K\x1b[?25h")
            self.stream.flush()
            self._bar = None
            self.enabled = False
