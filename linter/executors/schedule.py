"""Hand work out in chunks, get results back in the order the files were given.

Why chunks: one task per file spends more on scheduling and pickling than a
text report takes to check; one task per worker leaves a core idle while
the last slow PDF finishes.  Why in order: output is streamed as files
finish, and it must be byte-identical to ``-j 1`` whatever finished first.
Only a bounded window of chunks is in flight, so memory does not grow with
the batch.

A chunk is a run of consecutive files; those with a cached result travel
with it and are never sent.  When a worker dies (killed, out of memory, a
crash in a native library) the chunks it may have been running are sent
again, alone, until the one that kills its worker is found; that chunk's
files are then run one by one, and a file that kills its worker once more
becomes a GL905 finding for that file — never a hang, never a lost or
repeated file.

May import the foundation and the runner.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Optional, Protocol

from ..model import FileResult
from .work import Task

class Backend(Protocol):
    """Where chunks run: in this process, a local pool, a cluster."""

    chunk_size: int
    max_in_flight: int
    crash_errors: tuple[type[BaseException], ...]

    def submit(self, tasks: list[Task]) -> Any:
        """Start checking ``tasks``; return something with ``.result()`` → list[FileResult]."""

    def recover(self) -> bool:
        """Make the backend usable after a worker died; True when every chunk in flight was lost
        with it (a local pool breaks as a whole; a cluster reschedules by itself)."""

    def close(self, abort: bool) -> None:
        """Release the workers; ``abort``: stop them now (Ctrl-C), leaving none behind."""


@dataclass
class Item:
    """One file of the run: a cached result, or a task to send."""

    task: Task
    result: Optional[FileResult] = None  # set when the cache had it (or once computed)
    cached: bool = False  # the result came from the cache


@dataclass
class _Chunk:
    items: list[Item]
    future: Any = None
    suspect: bool = False  # in flight when a worker died: runs again alone, to find the culprit

    @property
    def todo(self) -> list[Task]:
        return [it.task for it in self.items if it.result is None]


@dataclass
class Scheduler:
    """Runs items through a backend; iterate :meth:`run` for results in input order."""

    backend: Backend
    crashed: Callable[[Task, BaseException], FileResult]
    max_items: int = 64  # items per chunk, hits included, so an all-cached stretch still streams
    _pending: deque = field(default_factory=deque)

    def run(self, items: Iterable[Item]) -> Iterator[Item]:
        """``items`` in order, each with its result; on any exit before the end the backend is aborted."""
        source = iter(items)
        exhausted = finished = False
        try:
            while True:
                while not exhausted and not self._careful() and self._in_flight() < self.backend.max_in_flight \
                        and len(self._pending) < 2 * self.backend.max_in_flight + 2:
                    chunk = self._next_chunk(source)
                    if chunk is None:
                        exhausted = True
                    else:
                        self._pending.append(chunk)
                        if chunk.todo:
                            chunk.future = self.backend.submit(chunk.todo)
                if not self._pending:
                    break
                head = self._pending.popleft()
                self._complete(head)
                yield from head.items
            finished = True
        finally:
            self.backend.close(abort=not finished)

    # ------------------------------------------------------------ chunks
    def _in_flight(self) -> int:
        return sum(1 for c in self._pending if c.future is not None)

    def _careful(self) -> bool:
        """Suspects are waiting to run alone: send nothing new until they have."""
        return any(c.suspect for c in self._pending)

    def _next_chunk(self, source: Iterator[Item]) -> Optional[_Chunk]:
        items: list[Item] = []
        misses = 0
        for it in source:
            items.append(it)
            misses += it.result is None
            if misses >= self.backend.chunk_size or len(items) >= self.max_items:
                break
        return _Chunk(items) if items else None

    def _complete(self, chunk: _Chunk) -> None:
        """Fill in every result of ``chunk``, surviving workers that die on the way."""
        while chunk.todo:
            if chunk.future is None:  # a suspect: nothing else is in flight now
                chunk.future = self.backend.submit(chunk.todo)
            try:
                results = chunk.future.result()
            except self.backend.crash_errors as e:
                self._crash(chunk, e)
                continue
            for it, r in zip([it for it in chunk.items if it.result is None], results):
                it.result = r
            chunk.future = None

    def _crash(self, chunk: _Chunk, error: BaseException) -> None:
        """A worker died while ``chunk`` was in flight.

        A local pool breaks as a whole and cannot say which chunk killed it:
        every chunk that was in flight runs again alone, one after another.
        A chunk that breaks the pool while alone (or that a cluster names,
        with ``KilledWorker``) is the culprit: its files run one by one, and
        the one that kills its worker again becomes a GL905 finding.
        """
        lost_all = self.backend.recover()
        chunk.future = None
        culprit = chunk.suspect or not lost_all
        if lost_all:
            for other in self._pending:
                if other.future is not None and not _succeeded(other.future):
                    other.future, other.suspect = None, True
        if not culprit:
            chunk.suspect = True
            return
        todo = [it for it in chunk.items if it.result is None]
        if len(todo) == 1:
            todo[0].result = self.crashed(todo[0].task, error)
            return
        for it in todo:  # one by one, each alone
            self._complete(_Chunk([it], suspect=True))


def _succeeded(future: Any) -> bool:
    """Done with a result (a chunk that finished before its pool broke need not run again)."""
    try:
        return bool(future.done()) and not future.cancelled() and future.exception() is None
    except Exception:  # noqa: BLE001 - a future that cannot say is run again
        return False
