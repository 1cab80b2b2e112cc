"""Which rows' numbers are placed for certain, once the table parser has dealt them out.

The table parser gives a row the numbers that follow its label.  That is
right when the layout puts numbers on or after their label, and silently
wrong when it does not: a PDF whose number cells sit above their wrapped
label, a bare page number or a running header between two rows, a number
wrapped inside its cell ("2" over "0").  Then counts still fit and a value
lands in the neighbouring row, and every arithmetic rule reports an
imbalance the report does not have.

This module re-checks the dealt rows against the evidence of the layout and
marks a row *uncertain* when its numbers could just as well belong
elsewhere; the parser then leaves its cells missing.  A missing cell is
honest; a shifted one is a false finding.  The rules, each about the layout
only (no report's wording):

* numbers before the table's first label -> the numbers-before-labels
  layout cannot be excluded, so numbers not on a row's own label lines are
  not placed;
* a row overflowing across lines, or a found row left without numbers while
  numbers follow -> the after-the-label reading fails somewhere, so rows
  placed by position alone (no number on their own label lines) are not read;
* a row whose numbers come from more lines than its own and overflow it ->
  which of them is the stray (a page number, the lower half of a wrapped
  number) cannot be told;
* a number on a line whose text is no row's label (a running header) -> it
  is not the row's;
* a lone number on an undelimited line, where other rows are short or the
  table is tab/pipe delimited -> a page number fits as well as a cell;
* a count reached only by an empty trailing cell where other rows are short,
  or a column whose header title is gone (:mod:`.columns`) -> every value
  after the gap may sit a column off;
* a row found above the table's first recognised row (:func:`anchor_before`)
  -> only numbers on its own label line are its own.

Moves between neighbouring rows are only made at line breaks
(:func:`splits_at_line`).
"""
from __future__ import annotations

from typing import Callable, Optional, Protocol, Sequence

from ..templates import TableSpec
from .columns import lost_columns
from .tokens import Token


class RowSpecLike(Protocol):
    columns: list[str]
    match: list[str]


class Dealt(Protocol):
    """What this module reads of a table parser row."""

    token: Optional[int]
    hit: Optional[tuple[int, int]]
    values: list[Token]
    recovered: bool
    spec: "RowSpecLike"
    early: bool

    @property
    def expected(self) -> int: ...


def anchor_before(rows: Sequence[Dealt], tokens: list[Token], stream: str, owner: list[int],
                  find: "Callable[[str, list[str], int], Optional[tuple[int, int]]]") -> None:
    """Rows printed above the table's first recognised row (a 表二 block put
    before the block the form starts with): their labels are looked for, in
    template order, in the text before that row.  Such rows are ``early``: a
    label there counts only with numbers on its own line (a header word that
    looks like a label does not), and only those numbers are the row's."""
    hits = [r.hit for r in rows if r.hit is not None]
    if not hits:
        return
    limit = min(h[0] for h in hits)
    numbered = {t.line for t in tokens if t.kind == "N"}
    pos = 0
    for r in rows:
        if r.hit is not None or getattr(r.spec, "group", False):
            continue
        hit = find(stream[:limit], r.spec.match, pos)
        if hit and tokens[owner[hit[1] - 1]].line in numbered:
            r.token, r.hit, r.early = owner[hit[0]], hit, True
            pos = hit[1]


def splits_at_line(left: list[Token], right: list[Token]) -> bool:
    """``left`` + ``right`` parted at a line break: no line has values on both sides.

    Moving numbers between neighbouring rows is only certain where the layout
    put a break: "（二）部分公开 7" then "1 2 3 …" hands the 7 back to the row above,
    but "行政事业性收费 30 36" parted after 30 would split one row's line."""
    return not ({v.line for v in left} & {v.line for v in right})


def _label_lines(rows: Sequence[Dealt], owner: list[int], tokens: list[Token]) -> dict[int, set[int]]:
    """For each anchored row, the lines its label text is on."""
    out: dict[int, set[int]] = {}
    for k, r in enumerate(rows):
        if r.hit is None:
            continue
        idx = {owner[p] for p in range(r.hit[0], r.hit[1])}
        out[k] = {tokens[i].line for i in idx}
    return out


def _lone_number(line_tokens: list[Token]) -> bool:
    """A line holding one number and at most dashes or slashes: a page number's shape."""
    return sum(1 for t in line_tokens if t.kind == "N") == 1 and all(t.kind in "NB" for t in line_tokens)


def _lone_before_a_run(vals: list[Token], by_line: dict[int, list[Token]], label: set[int]) -> bool:
    """A lone number on a line of its own ahead of a line of several of the
    row's numbers: a page number between a label and its row fits as well as
    a cell (a wrapped last number comes after the run, not before it)."""
    order = sorted({v.line for v in vals})
    for n, ln in enumerate(order):
        if ln in label or not _lone_number(by_line[ln]):
            continue
        if any(sum(1 for t in by_line[later] if t.kind == "N") >= 2 for later in order[n + 1:]):
            return True
    return False


def _has_delimiter(text: str) -> bool:
    return "\t" in text or "|" in text


def _delimited(rows: Sequence[Dealt], tokens: list[Token], by_line: dict[int, list[Token]],
               lines_text: dict[int, str]) -> bool:
    """Most value lines of the table are tab or pipe rows: a bare number on an
    undelimited line of its own is then not one of its cells but furniture."""
    value_lines = {t.line for t in tokens if t.kind in "NB"}
    if not value_lines:
        return False
    return sum(1 for ln in value_lines if _has_delimiter(lines_text.get(ln, "\t"))) * 2 >= len(value_lines)


def _filled_by_layout_blank(values: list[Token], expected: int) -> bool:
    """The row reaches its count only with empty cells after its last number
    (a trailing tab, the next line's leading one, a "无" that starts the next
    label): with a column lost, those would shift every value."""
    if len(values) != expected or not values or values[-1].kind != "B":
        return False
    last_n = max((i for i, v in enumerate(values) if v.kind == "N"), default=None)
    if last_n is None:
        return False
    line = values[last_n].line
    return all(v.kind == "B" and (not v.text or v.line != line) for v in values[last_n + 1:])


def _inside(lines: set[int]) -> set[int]:
    """A label's lines and every line between its first and last fragment
    (numbers printed in the middle of a wrapped label are the row's own)."""
    return set(range(min(lines), max(lines) + 1)) if lines else set()


def _overflows(r: Dealt) -> bool:
    """More numbers than cells, gathered from more than one line."""
    vals = [v for v in r.values if v.kind == "N"]
    return bool(r.expected) and len(vals) > r.expected and len({v.line for v in vals}) > 1


def _headers(rows: Sequence[Dealt], stream: str, owner: list[int],
             single_row: bool) -> dict[str, str]:
    """Block -> the text that is no row's label and comes before the block's
    first row (its column titles; page furniture too).  A single-row table
    (表四) is anchored on its first header word, so all its text counts."""
    in_label: set[int] = set()
    starts: list[tuple[int, str]] = []
    for r in rows:
        if r.hit is not None and r.token is not None:
            in_label.update(range(r.hit[0], r.hit[1]))
            starts.append((r.token, getattr(r.spec, "block", None) or ""))
    starts.sort()
    parts: dict[str, list[str]] = {}
    k = 0
    for p, ch in enumerate(stream):
        i = owner[p]
        while k < len(starts) and starts[k][0] <= i:
            k += 1
        if p not in in_label and (k < len(starts) or single_row):
            parts.setdefault(starts[min(k, len(starts) - 1)][1], []).append(ch)
    return {b: "".join(chs) for b, chs in parts.items()}


def uncertain_rows(spec: TableSpec, rows: Sequence[Dealt], tokens: list[Token], stream: str,
                   owner: list[int], lines_text: dict[int, str], at_eof: bool = False) -> set[int]:
    """Indices of the rows whose numbers may belong to another row.

    ``lines_text`` holds the text of the token lines that are not native table
    rows: cells of a Word/HTML row are certain and never re-checked."""
    label_lines = _label_lines(rows, owner, tokens)
    any_label_line = set().union(*label_lines.values()) if label_lines else set()
    text_lines = {t.line for t in tokens if t.kind == "T"}
    by_line: dict[int, list[Token]] = {}
    for t in tokens:
        by_line.setdefault(t.line, []).append(t)
    anchored = [r.token for r in rows if r.token is not None]
    first = min(anchored) if anchored else len(tokens)
    before = any(t.kind == "N" and not t.dup for t in tokens[:first])
    short = any(r.expected and r.token is not None and not r.recovered
                and any(v.kind == "N" for v in r.values) and len(r.values) < r.expected for r in rows)
    delimited = _delimited(rows, tokens, by_line, lines_text)
    own_lines = {k: _inside(lines_) for k, lines_ in label_lines.items()}
    overflow = any(_overflows(r) for r in rows if not r.recovered)
    last_number = max((i for i, t in enumerate(tokens) if t.kind == "N"), default=-1)
    # a found row with no numbers, numbers or more of the document coming after
    # it (a row whose label ends the file is cut off, which says nothing about the order)
    empty = any(r.token is not None and not r.recovered and r.expected
                and (r.token < last_number or not at_eof)
                and not any(v.kind == "N" for v in r.values) for r in rows)
    broken = before or overflow or empty  # the after-the-label reading fails somewhere
    lost = lost_columns(spec, _headers(rows, stream, owner, spec.single_row))
    out: set[int] = set()
    for k, r in enumerate(rows):
        vals = [v for v in r.values if v.kind == "N"]
        if not vals or not r.expected or all(v.line not in lines_text for v in r.values):
            continue  # nothing dealt, or cells of a native table row (certain)
        cols = r.spec.columns or [key.rsplit(".", 1)[1] for key in r.spec.cell_keys(spec.name)]
        if lost.get(getattr(r.spec, "block", None) or "", set()) & set(cols):
            out.add(k)  # the header shows one of its columns gone: values may sit a column off
            continue
        if r.recovered:
            # handed on under an unrecognised label, by position alone: as sure as
            # the row it was handed from, and never where position misleads
            donor = max((j for j in range(k) if rows[j].token is not None), default=None)
            if broken or donor is None or donor in out:
                out.add(k)
            continue
        own = own_lines.get(k, set())
        lines = {v.line for v in vals}
        if r.early and not lines <= label_lines.get(k, set()):
            out.add(k)  # printed above the table's first row: only its own line is its own
            continue
        bare = {ln for ln in lines if ln not in text_lines}
        foreign = {ln for ln in lines if ln in text_lines and ln not in own}
        if before and (bare or foreign):
            out.add(k)
        elif broken and not lines & own:  # placed by position only, in a table where position misleads
            out.add(k)
        elif foreign and not lines & own:  # all of them under other labels
            out.add(k)
        elif len(vals) > r.expected and len(lines) > 1:
            out.add(k)
        elif any(ln in text_lines and ln not in any_label_line for ln in lines):
            out.add(k)
        elif (short or delimited) and any(_lone_number(by_line[ln]) and ln not in label_lines.get(k, ())
                                          and not _has_delimiter(lines_text.get(ln, "\t")) for ln in bare):
            out.add(k)
        elif short and (len(lines) > 1 or lines == bare or _filled_by_layout_blank(r.values, r.expected)):
            out.add(k)  # other rows short (a column lost?): a full row gathered from lines may hide it
        elif _lone_before_a_run(vals, by_line, label_lines.get(k, set())):
            out.add(k)
    # numbers moved between two rows are as sure as the less sure of the two
    index = {id(r): k for k, r in enumerate(rows)}
    for k, r in enumerate(rows):
        other = getattr(r, "traded", None)
        if other is not None and index.get(id(other)) in out:
            out.add(k)
    return out
