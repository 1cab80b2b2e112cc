"""Stage 7, beside the runner: where and how the files of a run are checked.

``run_files(files, options, plan)`` yields one result per file, in the order
given, whichever executor does the work: in this process (``-j 1``), a local
pool of worker processes (``-j N``, ``-j 0`` = every core), or a Dask cluster
(``--executor dask``).  Unchanged files are answered from the result cache
(:mod:`.cache`) without being read by a worker; every result is cut to what
the output needs (:mod:`.slim`).  ``emit`` streams the findings to the
terminal or an ``-o`` file as files finish.

May import every stage below (the runner's per-file check, the output
formats) and nothing above it (the command line).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Optional

from ..model import FileResult
from .cluster import ClusterUnavailable
from .schedule import Item, Scheduler
from .work import CACHE_LEVEL, Task

__all__ = ["Plan", "run_files", "ClusterUnavailable"]


@dataclass
class Plan:
    """How to run: the executor, its size, the cache, what the output needs of each report."""

    jobs: int = 1  # local: 1 in-process, N workers (capped at the cores), 0 = every core
    executor: str = "local"  # "local" or "dask"
    scheduler: Optional[str] = None  # dask: tcp://HOST:8786
    cache: bool = True  # read and write the result cache (GOVLINT_NO_CACHE also turns it off)
    level: str = "full"  # what each result keeps: meta, excerpt or full (see .slim)
    client: Any = None  # dask: an existing distributed.Client instead of --scheduler


def _crashed(lang: str) -> Callable[[Task, BaseException], FileResult]:
    """The finding for a file whose worker died twice while checking it."""
    def make(task: Task, error: BaseException) -> FileResult:
        from ..runner import input_diagnostic

        why = " ".join(str(error).split()) or type(error).__name__
        msg = (f"the worker process checking this file died twice ({why}); the file was skipped, "
               "the others were checked" if lang == "en" else
               f"检查此文件的工作进程两次意外退出（{why}），已跳过此文件；其余文件照常检查")
        return FileResult(task.path, None, [input_diagnostic(task.path, "GL905", msg)])
    return make


def _backend(plan: Plan, options: Any, level: str, cache_folder: Optional[str], n: int) -> Any:
    if plan.executor == "dask":
        from .cluster import DaskBackend

        return DaskBackend(options, level, n, address=plan.scheduler, client=plan.client)
    from .local import PoolBackend, SerialBackend, workers_for

    workers = workers_for(plan.jobs)
    if workers <= 1 or n < 4:
        return SerialBackend(options, level, cache_folder)
    return PoolBackend(workers, options, level, cache_folder, n)


class _Keys:
    """Cache keys of the run's files: one run fingerprint per folder (configs are found per folder)."""

    def __init__(self, cache: Any, options: Any):
        self.cache = cache
        self.options = options
        self.by_dir: dict[str, Optional[str]] = {}
        self.max_size = getattr(getattr(options, "limits", None), "max_bytes", 20 * 1024 * 1024)

    def key(self, path: str) -> Optional[str]:
        from ..runner import config_for
        from .fingerprint import run_key

        folder = os.path.dirname(os.path.abspath(path))
        if folder not in self.by_dir:
            try:
                self.by_dir[folder] = run_key(config_for(path, self.options), self.options)
            except Exception:  # noqa: BLE001 - a config the run cannot read: never cached
                self.by_dir[folder] = None
        rk = self.by_dir[folder]
        return self.cache.key_for(path, rk, self.max_size) if rk is not None else None


def run_files(files: list[str], options: Any, plan: Optional[Plan] = None,
              progress: Optional[Callable[[int, int], None]] = None,
              cache: Any = None) -> Iterator[FileResult]:
    """Check ``files``; yield each result in order, cut to ``plan.level``.

    ``cache``: a :class:`~govlint.executors.cache.ResultCache` (default: the
    user's, unless ``plan.cache`` is off or ``GOVLINT_NO_CACHE`` is set).
    The backend is shut down when the iteration ends — and its workers
    killed if it ends early (Ctrl-C, or the caller stops reading).
    """
    from .cache import ResultCache
    from .slim import slim

    plan = plan or Plan()
    level = plan.level
    if cache is None and plan.cache and not getattr(options, "parse_only", False):
        cache = ResultCache.default()
    keys = _Keys(cache, options) if cache is not None else None
    backend = _backend(plan, options, level, str(cache.folder) if cache is not None else None, len(files))
    parent_stores = keys is not None and plan.executor == "dask"

    def items() -> Iterator[Item]:
        for i, f in enumerate(files):
            key = keys.key(f) if keys is not None else None
            hit = cache.get(key) if key is not None and level != "full" else None
            if hit is not None:
                yield Item(Task(i, f, key), slim(hit, level), cached=True)
            else:
                yield Item(Task(i, f, key))

    computed_with_key = 0
    scheduler = Scheduler(backend, _crashed(getattr(options, "lang", "zh")))
    for n, item in enumerate(scheduler.run(items()), 1):
        result = item.result
        if item.task.key is not None and not item.cached:
            computed_with_key += 1
            if parent_stores:
                cache.put(item.task.key, slim(result, CACHE_LEVEL))
                result = slim(result, level)
        if progress:
            progress(n, len(files))
        yield result  # type: ignore[misc]
    if computed_with_key:
        cache.prune()
