"""The regular expressions of rule packs and ``when:`` gates: one place compiles and runs them.

Why not ``re``: a pack's pattern is written by a user, and ``(a+)+$`` over a
long line backtracks for ever inside C code that no signal interrupts, so
the file's time budget (:mod:`govlint.budget`) could not stop it.  The
``regex`` package understands the same syntax and takes a ``timeout=`` on
every search: a pattern is given what is left of the file's budget (or
:data:`DEFAULT_SECONDS` outside a run, e.g. ``govlint test``), and past it
raises :class:`~govlint.budget.OverBudget`, which the engine reports as GL908
naming the rule.  Built-in patterns are written to be linear and stay ``re``.
"""
from __future__ import annotations

import functools
import math
from typing import Any, Callable, Iterator, Union

from ..budget import OverBudget, current

DEFAULT_SECONDS = 10.0


def _engine() -> Any:
    import regex  # lazily: only packs with patterns need it

    return regex


def error_types() -> tuple[type[BaseException], ...]:
    """What compiling a bad pattern raises (for the rule-file loader's one-line message)."""
    return (_engine().error,)


def _seconds() -> float:
    budget = current()
    seconds = budget.slice() if budget is not None else DEFAULT_SECONDS
    return seconds if math.isfinite(seconds) else DEFAULT_SECONDS * 360


class UserPattern:
    """A compiled user pattern whose every search is bounded by the time budget."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled = _engine().compile(pattern)

    @property
    def groups(self) -> int:
        return self._compiled.groups

    def _bounded(self, call: Callable[..., Any], *args: Any) -> Any:
        seconds = _seconds()
        try:
            return call(*args, timeout=seconds)
        except TimeoutError:
            raise OverBudget(seconds) from None

    def search(self, text: str) -> Any:
        return self._bounded(self._compiled.search, text)

    def finditer(self, text: str) -> Iterator[Any]:
        # findall-like in one bounded call, so the timeout covers the whole scan
        return iter(self._bounded(lambda t, timeout: list(self._compiled.finditer(t, timeout=timeout)), text))

    def sub(self, repl: Union[str, Callable[[Any], str]], text: str) -> str:
        return self._bounded(lambda t, timeout: self._compiled.sub(repl, t, timeout=timeout), text)


@functools.lru_cache(maxsize=1024)
def compile_user(pattern: str) -> UserPattern:
    """The pattern compiled once per process (packs reuse their patterns on every file)."""
    return UserPattern(pattern)


def search(pattern: str, text: str) -> Any:
    """``re.search`` for a user pattern, bounded by the time budget."""
    return compile_user(pattern).search(text)


def sub(pattern: str, repl: str, text: str) -> str:
    """``re.sub`` for a user pattern, bounded by the time budget."""
    return compile_user(pattern).sub(repl, text)
