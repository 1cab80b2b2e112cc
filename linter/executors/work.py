"""What a worker runs: a chunk of files through the runner, each cut to what the output needs.

The same function serves the in-process run, the local process pool and
Dask workers, so ``-j 1``, ``-j N`` and a cluster cannot disagree about a
finding.  A worker process is set up once (:func:`init_worker`: signals,
plugins, rule set, templates — all cached per process afterwards), never
per file.

May import the foundation, the runner and its own package.
"""
from __future__ import annotations

import os
import signal
from dataclasses import dataclass
from typing import Any, Optional

from ..model import FileResult
from .slim import slim, widest

# set by init_worker in a pool process: where to store results (None: the parent stores them)
_store_in: Optional[str] = None
CACHE_LEVEL = "excerpt"  # what a cache entry keeps: enough for every output but HTML, and the cross-report stage


@dataclass(frozen=True)
class Task:
    """One file to check: its place in the run, its path, and its cache key (None: do not cache)."""

    index: int
    path: str
    key: Optional[str] = None


def init_worker(options: Any, cache_folder: Optional[str]) -> None:
    """Set a pool process up once: leave Ctrl-C to the parent, load plugins and rules now.

    The terminal sends SIGINT to every process of the group; the parent
    alone decides what an interrupt means (it stops the workers itself), so
    a worker must not print a traceback of its own.
    """
    global _store_in
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _store_in = cache_folder
    warm_up(options)


def warm_up(options: Any) -> None:
    """Load what every file needs (config, plugins, rule set, templates) before the first file."""
    from ..runner import config_for, setup_plugins

    if getattr(options, "parse_only", False):
        return
    try:
        from .. import batch  # noqa: F401 - the cross-report rules are in the rule set, as in the CLI
        from ..engine import rules_for
        from ..templates import builtin_templates

        config = config_for(os.getcwd(), options)
        setup_plugins(config)
        rules_for(config)
        builtin_templates()
    except Exception:  # noqa: BLE001 - the run reports config problems per file, as before
        pass


def output_level(level: str, key: Optional[str], store_here: bool) -> str:
    """The level a worker sends back: the cache's when the parent must still store it."""
    if level != "full" and key is not None and not store_here:
        return widest(level, CACHE_LEVEL)
    return level


def check_chunk(tasks: list[Task], options: Any, level: str, store_in: Optional[str] = None,
                base: Optional[str] = None) -> list[FileResult]:
    """Check ``tasks`` in order; store each result in the cache at ``store_in`` when it has a key.

    ``base``: the folder relative paths are relative to (a cluster worker
    runs elsewhere); results still name each file as the task does.
    """
    from ..runner import check_file
    from .cache import ResultCache
    from .slim import renamed

    folder = store_in or _store_in
    cache = ResultCache(folder) if folder else None
    out = []
    for t in tasks:
        where = os.path.join(base, t.path) if base else t.path
        result = check_file(where, options)
        if level == "full":
            result = renamed(result, where, t.path)
            if cache is not None and t.key is not None:
                cache.put(t.key, slim(result, CACHE_LEVEL))
            out.append(result)
            continue
        kept = renamed(slim(result, widest(level, CACHE_LEVEL)), where, t.path)
        if cache is not None and t.key is not None:
            cache.put(t.key, kept)
        out.append(slim(kept, output_level(level, t.key, cache is not None)))
    return out
