"""Hand work out in chunks, get results back in the order the files were given.

Why chunks: one task per file spends more on scheduling and pickling than a
text report takes to check; one task per worker leaves a core idle while
the last slow PDF finishes.  Why in order: output is streamed as files
finish, and it must be byte-identical to ``-j 1`` whatever finished first.
Only a bounded window of chunks is in flight, so memory does not grow with
the batch.

A chunk is a run of consecutive files; those with a cached result travel
with it and are never sent.  When a worker dies (killed, out of memory, a
crash in a native library) its chunk is sent again; a chunk that fails
twice is split into single files, and a single file that kills its worker
twice becomes a GL905 finding for that file — never a hang, never a lost or
repeated file.

May import the foundation and the runner.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Optional, Protocol

from ..model import FileResult
from .work import Task

RETRIES = 2  # times a chunk is sent before it is split, and a single file before it is given up


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
    tries: int = 0

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
                while not exhausted and self._in_flight() < self.backend.max_in_flight \
                        and len(self._pending) < 2 * self.backend.max_in_flight + 2:
                    chunk = self._next_chunk(source)
                    if chunk is None:
                        exhausted = True
                    else:
                        self._start(chunk)
                if not self._pending:
                    break
                yield from self._finish(self._pending.popleft())
            finished = True
        finally:
            self.backend.close(abort=not finished)

    # ------------------------------------------------------------ chunks
    def _in_flight(self) -> int:
        return sum(1 for c in self._pending if c.future is not None)

    def _next_chunk(self, source: Iterator[Item]) -> Optional[_Chunk]:
        items: list[Item] = []
        misses = 0
        for it in source:
            items.append(it)
            misses += it.result is None
            if misses >= self.backend.chunk_size or len(items) >= self.max_items:
                break
        return _Chunk(items) if items else None

    def _start(self, chunk: _Chunk) -> None:
        todo = chunk.todo
        chunk.future = self.backend.submit(todo) if todo else None
        self._pending.append(chunk)

    def _finish(self, chunk: _Chunk) -> Iterator[Item]:
        if chunk.future is not None:
            try:
                results = chunk.future.result()
            except self.backend.crash_errors as e:
                yield from self._retry(chunk, e)
                return
            for it, r in zip([it for it in chunk.items if it.result is None], results):
                it.result = r
            chunk.future = None
        yield from chunk.items

    def _retry(self, chunk: _Chunk, error: BaseException) -> Iterator[Item]:
        """The worker running ``chunk`` died: retry it, split it, or give its one file up."""
        if self.backend.recover():
            for other in self._pending:
                if other.future is not None and not _succeeded(other.future):
                    other.future = self.backend.submit(other.todo)
        chunk.tries += 1
        todo = chunk.todo
        if chunk.tries < RETRIES:
            chunk.future = self.backend.submit(todo)
            yield from self._finish(chunk)
        elif len(todo) == 1:
            for it in chunk.items:
                if it.result is None:
                    it.result = self.crashed(it.task, error)
                yield it
        else:  # each file of the chunk on its own, in order, each with fresh tries
            for it in chunk.items:
                if it.result is not None:
                    yield it
                else:
                    yield from self._finish(_Chunk([it], self.backend.submit([it.task])))


def _succeeded(future: Any) -> bool:
    """Done with a result (a chunk that finished before its pool broke need not run again)."""
    try:
        return bool(future.done()) and not future.cancelled() and future.exception() is None
    except Exception:  # noqa: BLE001 - a future that cannot say is run again
        return False
