"""One file's time budget over the whole pipeline: load, parse and every rule.

Why a module of its own in the foundation: the runner (stage 7) opens a
file's budget and the engine (stage 4) bounds each rule by it, and the
loaders' own loop checks (``limits.max_seconds``) are not enough — a
quadratic parser step or a rule doing ``while True: pass`` never reaches
such a check.  The only thing that stops pure-Python code from outside is a
signal: ``signal.setitimer`` raises :class:`OverBudget` in the running frame.

Signals reach the main thread only.  That is where every file is checked by
``govlint check`` (the main process for ``-j 1``, each pool worker's main
thread for ``-j N``).  Elsewhere (the serve app's worker threads) a limit is
a no-op and the caller keeps its own fallback: the serve app answers a file
past ``max_seconds`` with GL908 and abandons the thread.

After the budget is spent each further rule still gets a short grace slice
(:data:`GRACE_SHARE` of the budget): one rule that hangs must not silence the
file's other rules, which take milliseconds.

May import nothing of govlint: it is the foundation.
"""
from __future__ import annotations

import math
import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator, Optional

GRACE_SHARE = 0.1  # of the budget, for each rule run once the budget is spent
_current: Optional["Budget"] = None


class OverBudget(BaseException):
    """Raised in the stage that ran past the budget.

    A ``BaseException``: a rule's own ``except Exception`` must not swallow it.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(f"over the {seconds:g} s budget")
        self.seconds = seconds


class Budget:
    """The wall-clock seconds one file may take, from when it is opened."""

    def __init__(self, seconds: float) -> None:
        self.seconds = float(seconds)
        self.end = time.monotonic() + self.seconds

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def slice(self) -> float:
        """What the next stage may take: what is left, or the grace slice once nothing is."""
        if not math.isfinite(self.seconds):
            return math.inf
        return max(self.remaining(), self.seconds * GRACE_SHARE, 0.01)


def current() -> Optional[Budget]:
    """The budget of the file being checked in this process (None outside :func:`for_file`)."""
    return _current


@contextmanager
def for_file(seconds: float) -> Iterator[Budget]:
    """Open one file's budget; stages inside bound themselves with :func:`limit`."""
    global _current
    previous, _current = _current, Budget(seconds)
    try:
        yield _current
    finally:
        _current = previous


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def limit(seconds: Optional[float] = None) -> Iterator[None]:
    """Raise :class:`OverBudget` in the body once ``seconds`` (default: the file's slice) pass.

    No-op without a finite limit or outside the main thread.  Not nested: an
    inner limit would cancel the outer timer, so the runner bounds load and
    parse and the engine bounds each rule, one at a time.
    """
    budget = _current
    if seconds is None:
        seconds = budget.slice() if budget is not None else math.inf
    if not math.isfinite(seconds) or not _can_interrupt():
        yield
        return
    total = budget.seconds if budget is not None else seconds

    def stop(signum: int, frame: object) -> None:
        raise OverBudget(total)

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
