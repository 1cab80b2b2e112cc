"""Helpers shared by the structured loaders (HTML, DOCX, PDF).

Structured sources do not give text as ready-made lines: a paragraph of an
HTML page is assembled from several text nodes on different source lines, a
table cell's text is gathered from its runs.  These helpers keep a source
position for every character while the text is assembled, collapse
whitespace the way a browser does, and only at the end NFKC-normalise it into
a :class:`~govlint.document.Line` (so spans still point at the original).
"""
from __future__ import annotations

import time
import unicodedata
from typing import TYPE_CHECKING, Callable, Optional

from ..document import Document, Line
from ..errors import LoadError

if TYPE_CHECKING:
    from . import Limits, Loader

# whitespace a browser (and Word) renders as a single space; includes NBSP
# and the ideographic space, which reports use for indentation
_SPACES = frozenset(" \t\n\r\f\v\u00a0\u2002\u2003\u2009\u200b\u3000\u2028\u2029\ufeff")


class Builder:
    """Characters with their (line, column) source positions."""

    __slots__ = ("chars", "lines", "cols")

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.lines: list[int] = []
        self.cols: list[int] = []

    def add(self, text: str, line: int, col: int, step: int = 1) -> None:
        """Append ``text`` whose first character sits at (line, col).

        ``step`` is 1 when consecutive characters sit in consecutive source
        columns (a found text) and 0 when their exact place is unknown.
        """
        for i, ch in enumerate(text):
            self.chars.append(ch)
            self.lines.append(line)
            self.cols.append(col + i * step)

    def __len__(self) -> int:
        return len(self.chars)

    def has_text(self) -> bool:
        """Whether anything but whitespace was collected (an empty paragraph or cell adds no line)."""
        return any(ch not in _SPACES for ch in self.chars)

    def collapsed(self) -> "Builder":
        """Whitespace runs → one space, trimmed at both ends (no tabs left)."""
        out = Builder()
        pending: Optional[int] = None
        for i, ch in enumerate(self.chars):
            if ch in _SPACES or unicodedata.category(ch) == "Cc":
                if out.chars and pending is None:
                    pending = i
                continue
            if pending is not None:
                out.chars.append(" ")
                out.lines.append(self.lines[pending])
                out.cols.append(self.cols[pending])
                pending = None
            out.chars.append(ch)
            out.lines.append(self.lines[i])
            out.cols.append(self.cols[i])
        return out

    def to_line(self, page: Optional[int] = None, where: Optional[str] = None,
                end: Optional[tuple[int, int]] = None,
                fallback: tuple[int, int] = (1, 1)) -> Line:
        """NFKC-normalise into a Line; ``end`` is the position after the text."""
        return make_line("".join(self.chars), self.lines, self.cols, page, where,
                         end, fallback)


def make_line(text: str, lines: list[int], cols: list[int], page: Optional[int] = None,
              where: Optional[str] = None, end: Optional[tuple[int, int]] = None,
              fallback: tuple[int, int] = (1, 1)) -> Line:
    """Build a normalised Line from text with one source position per character."""
    if end is None:
        end = (lines[-1], cols[-1] + 1) if text else fallback
    if unicodedata.is_normalized("NFKC", text):
        return Line(text, list(lines[:len(text)]) + [end[0]],
                    list(cols[:len(text)]) + [end[1]], page, None, where)
    out: list[str] = []
    ls: list[int] = []
    cs: list[int] = []
    for ch, ln, co in zip(text, lines, cols):
        norm = unicodedata.normalize("NFKC", ch) if not ch.isascii() else ch
        out.append(norm)
        ls.extend([ln] * len(norm))
        cs.extend([co] * len(norm))
    ls.append(end[0])
    cs.append(end[1])
    return Line("".join(out), ls, cs, page, None, where)


def empty_cell(line: int, col: int, page: Optional[int] = None) -> Line:
    """An explicit empty grid cell (merged-away or blank) at a source position."""
    return Line("", [line], [col], page)


class Deadline:
    """Wall-clock budget for one file (``Limits.max_seconds``)."""

    def __init__(self, seconds: float, what_zh: str, what_en: str) -> None:
        self.end = time.monotonic() + seconds
        self.seconds = seconds
        self.what_zh = what_zh
        self.what_en = what_en

    def check(self) -> None:
        """Raise GL908 once the budget is spent; loaders call it in loops so one file cannot hang a run."""
        if time.monotonic() > self.end:
            raise LoadError(
                "GL908",
                f"读取{self.what_zh}超过时间上限 {self.seconds:.0f} 秒，已停止",
                f"reading the {self.what_en} took longer than the {self.seconds:.0f} s limit")


def guarded(what_zh: str, what_en: str) -> Callable[[Loader], Loader]:
    """Decorator: a loader raises LoadError and nothing else.

    Third-party parsers (lxml, PDFium, zipfile) can fail in ways no one
    lists; an officer must get a one-line GL9xx message, not a traceback,
    and the other files of the run must still be checked.
    """
    import functools

    def wrap(fn: Loader) -> Loader:
        @functools.wraps(fn)
        def loader(path: str, data: bytes, limits: Limits) -> Document:
            try:
                return fn(path, data, limits)
            except LoadError:
                raise
            except RecursionError:
                raise LoadError("GL908", f"{what_zh}嵌套过深，无法读取",
                                f"the {what_en} is nested too deeply to read")
            except MemoryError:
                raise LoadError("GL908", f"{what_zh}过大，内存不足", f"out of memory reading the {what_en}")
            except Exception as e:
                raise LoadError("GL905", f"{what_zh}解析失败：{type(e).__name__}: {e}",
                                f"cannot parse the {what_en}: {type(e).__name__}: {e}")
        return loader
    return wrap
