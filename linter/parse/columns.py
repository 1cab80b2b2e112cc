"""Columns a table's printed header shows to be lost.

Why: an exporter that drops a narrow column drops it from every line, its
header title included.  Most rows then come out one value short (and are
reported so), but a row that gets its count back from anything else -- a
trailing empty tab cell, a page number, an extra value -- would be read with
every value after the gap one column to the left, and nothing in the row
itself shows it.  The header does: when it is readable (most titles are
there) and a column's title is printed fewer times than the form prints it,
that column is gone and the rows that have it cannot be placed.

The titles and how often each is printed come from the template (a header
per block of 表二, the titles once per group of 表四), so no report's
wording is involved.
"""
from __future__ import annotations

from ..templates import TableSpec, squash


def expected_titles(spec: TableSpec, block: str) -> dict[str, int]:
    """Column key -> how many times the header of ``block`` prints its title
    (表四's single row prints each title once per group)."""
    out: dict[str, int] = {}
    for r in spec.rows:
        if r.group or (r.block or "") != block:
            continue
        if spec.single_row:
            for key in r.cell_keys(spec.name):
                col = key.rsplit(".", 1)[1]
                out[col] = out.get(col, 0) + 1
        else:
            for c in r.columns:
                out[c] = 1
    return out


def lost_columns(spec: TableSpec, headers: dict[str, str]) -> dict[str, set[str]]:
    """Block -> the column keys whose title that block's header prints fewer
    times than the form.

    ``headers`` maps a block ("" for tables without blocks) to its text that is
    no row's label, read before the block's rows.  Nothing is concluded from a
    header that is mostly absent (an excerpt, one header printed for all of
    表二's blocks, a layout that lost the header): then no title count is
    evidence."""
    out: dict[str, set[str]] = {}
    whole = "".join(headers.values())
    blocks = {r.block or "" for r in spec.rows if not r.group}
    for block in blocks:
        want = expected_titles(spec, block)
        titles = {c: squash(spec.columns.get(c, "")) for c in want}
        if not want or not all(titles.values()):
            continue
        text = headers.get(block, "")
        if not _readable(want, titles, text):
            # one header printed over all of 表二's blocks: judge the block by it
            text, want = whole, {c: 1 for c in want}
            if not _readable(want, titles, text):
                continue
        seen = {c: text.count(t) for c, t in titles.items()}
        gone = {c for c, n in want.items() if seen[c] < n}
        # a title printed cut short ("本年新", "现行有效件") is a cell too narrow
        # for its header, which says nothing about the rows
        if gone and not any(_cut_short(titles[c], text, titles.values()) for c in gone):
            out[block] = gone
    return out


def _readable(want: dict[str, int], titles: dict[str, str], text: str) -> bool:
    """At least half the titles the header should print are there."""
    return sum(min(text.count(titles[c]), n) for c, n in want.items()) * 2 >= sum(want.values())


def _cut_short(title: str, header_text: str, titles) -> bool:  # type: ignore[no-untyped-def]
    """The title's first half or more is printed more often than the whole
    title: a cell too narrow for it, not a column gone.  Other titles are
    taken out first ("本年新公开数量" is not cut short because "本年新制作数量" is there)."""
    for other in sorted(titles, key=len, reverse=True):
        if other != title:
            header_text = header_text.replace(other, "|")
    least = max(3, len(title) // 2)
    full = header_text.count(title)
    return any(header_text.count(title[:n]) > full for n in range(least, len(title)))
