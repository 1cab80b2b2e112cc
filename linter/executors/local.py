"""This machine: checking in-process (``-j 1``) or in a pool of worker processes (``-j N``).

The pool's workers are started once per run and set up once
(:func:`govlint.executors.work.init_worker`); on Linux they are forked from
the parent after it has loaded the plugins and the rule set, so they start
warm.  Ctrl-C is the parent's: workers ignore SIGINT, and on any early exit
the parent kills them and removes the temporary files of cache writes they
were in the middle of, so an interrupted run leaves no process and no
half-written entry behind.

May import the foundation, the runner and its own package.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
from concurrent.futures import Future
from typing import Any, Optional

from .work import Task, check_chunk, init_worker


def cpu_count() -> int:
    """Cores this process may use (the affinity mask, which containers and ``taskset`` narrow)."""
    try:
        return len(os.sched_getaffinity(0)) or 1  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def workers_for(jobs: int) -> int:
    """``-j 0`` = every core; ``-j N`` is capped at the cores there are (more only compete)."""
    cores = cpu_count()
    return cores if jobs <= 0 else max(1, min(jobs, cores))


class SerialBackend:
    """Checks each chunk when it is submitted, in this process."""

    chunk_size = 1
    max_in_flight = 1
    crash_errors: tuple[type[BaseException], ...] = ()

    def __init__(self, options: Any, level: str, cache_folder: Optional[str]):
        self.options = options
        self.level = level
        self.cache_folder = cache_folder

    def submit(self, tasks: list[Task]) -> Future:
        """Run now; the returned future is already done."""
        f: Future = Future()
        f.set_result(check_chunk(tasks, self.options, self.level, self.cache_folder))
        return f

    def recover(self) -> bool:
        """Nothing can die here but this process."""
        return False

    def close(self, abort: bool) -> None:
        """Nothing to release."""


class PoolBackend:
    """A ``ProcessPoolExecutor`` of ``workers`` processes, started on the first submit."""

    def __init__(self, workers: int, options: Any, level: str, cache_folder: Optional[str],
                 n_files: int):
        from concurrent.futures.process import BrokenProcessPool

        self.workers = workers
        self.options = options
        self.level = level
        self.cache_folder = cache_folder
        # about eight chunks per worker over the run, 1–16 files each: big enough that
        # scheduling costs nothing, small enough that the last chunk does not leave a core idle
        self.chunk_size = max(1, min(16, n_files // (workers * 8)))
        self.max_in_flight = workers * 3
        self.crash_errors = (BrokenProcessPool,)
        self._pool: Any = None
        self._pids: set[int] = set()

    def _context(self) -> Any:
        import multiprocessing

        # fork: workers inherit the loaded rules and start at once; not with threads about
        if sys.platform == "linux" and threading.active_count() == 1:
            return multiprocessing.get_context("fork")
        return multiprocessing.get_context()

    def _start(self) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=self._context(),
                                         initializer=init_worker,
                                         initargs=(self.options, self.cache_folder))

    def submit(self, tasks: list[Task]) -> Future:
        """Queue a chunk; a pool that broke meanwhile gives a failed future (retried by the scheduler)."""
        first = self._pool is None
        if first:
            self._start()
        blocked = first and hasattr(signal, "pthread_sigmask")
        if blocked:  # a Ctrl-C while workers start must reach the parent only
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            f = self._pool.submit(check_chunk, tasks, self.options, self.level)
        except self.crash_errors as e:
            f = Future()
            f.set_exception(e)
        finally:
            if blocked:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        self._pids.update(getattr(self._pool, "_processes", None) or {})
        return f

    def recover(self) -> bool:
        """A dead worker breaks the whole pool: stop what is left of it and start a new one."""
        self._stop(kill=True)
        return True

    def close(self, abort: bool) -> None:
        """Wait for the workers to exit, or (``abort``) kill them now."""
        self._stop(kill=abort)
        if abort and self.cache_folder:
            from .cache import ResultCache

            ResultCache(self.cache_folder).remove_temp(self._pids)

    def _stop(self, kill: bool) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if not kill:
            pool.shutdown(wait=True)
            return
        procs = list((getattr(pool, "_processes", None) or {}).values())
        for p in procs:
            try:
                p.kill()
            except (OSError, ValueError, AttributeError):
                pass
        pool.shutdown(wait=False, cancel_futures=True)
        for p in procs:
            try:
                p.join(5)
            except (OSError, ValueError, AssertionError):
                pass
