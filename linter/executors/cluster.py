"""A Dask cluster: for runs that outgrow one machine (scanned reports at national scale).

``govlint check --executor dask --scheduler tcp://HOST:8786 PATH...`` sends
chunks of files to the cluster's workers (extra ``govlint[dask]``).  The
workers read the files themselves, by absolute path, so the reports (and any
``.govlint.yaml``) must be at the same path on every worker — a shared or
mounted folder — and every worker needs the same govlint and plugins.
Findings name files as they were given, exactly as ``-j 1`` does.

A worker that dies mid-run is the scheduler's to handle: it hands the dead
worker's chunks to another worker, and the client takes each chunk's result
once, in order — so no file is lost and none reported twice.  A chunk that
keeps killing workers (Dask's ``KilledWorker``) is split and, file by file,
given up as a GL905 finding (see :mod:`govlint.executors.schedule`).

May import the foundation, the runner and its own package; imports
``distributed`` only when used.
"""
from __future__ import annotations

import dataclasses
import os
from typing import Any, Optional

from .work import Task, check_chunk


class ClusterUnavailable(RuntimeError):
    """The cluster cannot be used (extra not installed, scheduler unreachable); one line why."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


def connect(address: str, timeout: float = 10.0) -> Any:
    """A ``distributed.Client`` for ``address``, or :class:`ClusterUnavailable`."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterUnavailable("Dask 执行器需要先安装：pip install 'govlint[dask]'",
                                 "the Dask executor needs the extra: pip install 'govlint[dask]'") from None
    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except Exception as e:  # noqa: BLE001 - OSError, TimeoutError, ValueError for a bad address …
        detail = " ".join(str(e).split()) or type(e).__name__
        raise ClusterUnavailable(f"无法连接 Dask 调度器 {address}：{detail}",
                                 f"cannot reach the Dask scheduler at {address}: {detail}") from None


class DaskBackend:
    """Chunks as Dask tasks; ``client`` may be given (tests, notebooks) or is connected to ``address``."""

    def __init__(self, options: Any, level: str, n_files: int, address: Optional[str] = None,
                 client: Any = None):
        from distributed.scheduler import KilledWorker

        self._own = client is None
        self.client = client if client is not None else connect(address or "")
        threads = max(1, sum(self.client.nthreads().values()))
        self.chunk_size = max(1, min(16, n_files // (threads * 8)))
        self.max_in_flight = threads * 3
        self.crash_errors: tuple[type[BaseException], ...] = (KilledWorker,)
        # workers open files by absolute path; an explicit --config too
        config = getattr(options, "config", None)
        self.options = (dataclasses.replace(options, config=os.path.abspath(config))
                        if config and dataclasses.is_dataclass(options) else options)
        self.level = level
        self.base = os.getcwd()
        self._futures: list[Any] = []

    def submit(self, tasks: list[Task]) -> Any:
        """One Dask task per chunk (never cached by Dask: the files may have changed)."""
        f = self.client.submit(check_chunk, tasks, self.options, self.level, None, self.base, pure=False)
        self._futures.append(f)
        if len(self._futures) > 4 * self.max_in_flight:
            self._futures = [x for x in self._futures if not x.done()]
        return f

    def recover(self) -> bool:
        """The scheduler already moved the dead worker's other tasks; nothing in flight is lost."""
        return False

    def close(self, abort: bool) -> None:
        """Cancel what is still queued (on abort), and close the connection if it is ours."""
        try:
            if abort:
                self.client.cancel([f for f in self._futures if not f.done()])
        finally:
            self._futures = []
            if self._own:
                self.client.close()
