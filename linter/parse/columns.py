"""Columns a table's printed header shows to be lost.

Why: an exporter that drops a narrow column drops it from every line, its
header title included.  Most rows then come out one value short (and are
reported so), but a row that gets its count back from anything else -- a
trailing empty tab cell, a page number, an extra value -- would be read with
every value after the gap one column to the left, and nothing in the row
itself shows it.  The header does: when it is readable (most titles are
there) and a column's title is printed fewer times than the form prints it,
that column is gone and the rows that have it cannot be placed.

The titles and how often each is printed come from the template (one
header per block of 表二, one per group of 表四), so no report's wording is
involved.
"""
from __future__ import annotations

from ..templates import TableSpec, squash


def expected_titles(spec: TableSpec) -> dict[str, int]:
    """Column key -> how many times the form prints its title."""
    out: dict[str, int] = {}
    if spec.single_row:
        for r in spec.rows:
            for key in r.cell_keys(spec.name):
                col = key.rsplit(".", 1)[1]
                out[col] = out.get(col, 0) + 1
        return out
    blocks: dict[str, set[str]] = {}
    for r in spec.rows:
        for c in r.columns:
            blocks.setdefault(c, set()).add(getattr(r, "block", None) or "")
    return {c: len(b) for c, b in blocks.items()}


def lost_columns(spec: TableSpec, header_text: str) -> set[str]:
    """Column keys whose title the header prints fewer times than the form
    (a single-row table), or not at all (tables of rows).

    ``header_text`` is the table's text that is no row's label.  Nothing is
    concluded from a header that is mostly absent (an excerpt, a layout that
    lost the header altogether): then no title count is evidence."""
    want = expected_titles(spec)
    titles = {c: squash(spec.columns.get(c, "")) for c in want}
    if not want or not all(titles.values()):
        return set()
    seen = {c: header_text.count(t) for c, t in titles.items()}
    shown = sum(min(seen[c], n) for c, n in want.items())
    if shown * 2 < sum(want.values()):
        return set()
    if spec.single_row:  # 表四: each group prints its titles again
        gone = {c for c, n in want.items() if seen[c] < n}
    else:  # 表二 may print one header for all its blocks: only a title never printed is evidence
        gone = {c for c in want if seen[c] == 0}
    # one title gone is a lost column; more is a header cut or garbled (titles cut
    # to "本年新"), which says nothing about the rows; nor does a title printed
    # cut short ("现行有效件")
    if len(gone) != 1 or any(_cut_short(titles[c], header_text) for c in gone):
        return set()
    return gone


def _cut_short(title: str, header_text: str) -> bool:
    """The title's first half or more is printed: a cell too narrow, not a column gone."""
    least = max(3, (len(title) + 1) // 2)
    return any(title[:n] in header_text for n in range(least, len(title)))
