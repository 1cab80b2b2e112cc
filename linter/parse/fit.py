"""Cut a row's collected values down to the cells its template expects, in linear time.

Why a module of its own: the first version re-scanned the whole value list
for every cell it dropped, which is cubic in the values one row collects; a
table of 20,000 repeated rows whose labels are not recognised gives one row
all their values, and parsing took minutes.  What gets dropped is decided by
facts that dropping never changes (which values are merged copies, and
whether a blank has a number after or before it on its line: only blanks are
dropped), so each kind is found in one pass.
"""
from __future__ import annotations

from .tokens import Token


def fit(values: list[Token], expected: int) -> list[Token]:
    """Drop layout blanks while there are more cells than expected.

    Copies of a number merged across columns go first (a number over two
    columns counts for each only if the row needs it), from the end.  Then a
    blank cell after the last number of its line (trailing tabs, "| ||"),
    from the end; then a blank before the first number of its line (a row
    shifted right by a cell), from the start.  Blank cells between numbers
    are data and stay.
    """
    vals = list(values)
    if len(vals) <= expected:
        return vals
    vals = _drop(vals, [i for i in range(len(vals) - 1, -1, -1) if vals[i].dup], len(vals) - expected)
    if len(vals) > expected:
        vals = _drop(vals, _trailing_blanks(vals), len(vals) - expected)
    if len(vals) > expected:
        vals = _drop(vals, _leading_blanks(vals), len(vals) - expected)
    return vals


def _drop(vals: list[Token], candidates: list[int], count: int) -> list[Token]:
    """``vals`` without the first ``count`` of ``candidates`` (indices, in the order they go)."""
    gone = set(candidates[:max(count, 0)])
    return [v for i, v in enumerate(vals) if i not in gone] if gone else vals


def _trailing_blanks(vals: list[Token]) -> list[int]:
    """Blanks with no number after them on their line, last first."""
    lines_with_number: set[int] = set()
    out = []
    for i in range(len(vals) - 1, -1, -1):
        v = vals[i]
        if v.kind == "N":
            lines_with_number.add(v.line)
        elif v.kind == "B" and v.line not in lines_with_number:
            out.append(i)
    return out


def _leading_blanks(vals: list[Token]) -> list[int]:
    """Blanks with no number before them on their line, first first."""
    lines_with_number: set[int] = set()
    out = []
    for i, v in enumerate(vals):
        if v.kind == "N":
            lines_with_number.add(v.line)
        elif v.kind == "B" and v.line not in lines_with_number:
            out.append(i)
    return out
