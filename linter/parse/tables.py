"""Align a table's token stream against its template and map cells to keys.

The template says which rows come in which order and how many numbers each
holds.  So the parser (1) finds each row's label in the squashed label text
of the table region, in template order, (2) gives every row the numbers
and blank cells between its label and the next recognised label, and (3)
repairs what real layouts break: numbers of a row whose label was not
recognised (handed on when the count fits exactly), the last number of a row
pushed past the next label (re-flowed between neighbours when the surplus and
deficit cancel), layout blanks before and after a row's values, and extra
values.  Whatever cannot be assigned for certain is left missing and
recorded as a ParseNote: a missing cell is honest, a mis-assigned one makes
every arithmetic rule lie.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..document import Document
from ..model import Cell, ParseNote, Span, Table
from ..templates import RowSpec, TableSpec, squash
from .align import anchor_before, splits_at_line, uncertain_rows
from .fit import fit as _fit
from .tokens import Token


@dataclass
class _Row:
    spec: RowSpec
    token: Optional[int] = None  # index of the token where the label starts
    hit: Optional[tuple[int, int]] = None  # label position in the squashed label stream
    fuzzy: bool = False  # label recognised only approximately (a typo)
    values: list[Token] = field(default_factory=list)
    recovered: bool = False  # values handed on from the row above
    early: bool = False  # printed above the table's first recognised row (see align.anchor_before)
    traded: Optional["_Row"] = None  # the neighbour _reflow moved numbers to or from

    @property
    def expected(self) -> int:
        return 0 if self.spec.group else len(self.spec.cell_keys("x"))


def _label_stream(tokens: list[Token]) -> tuple[str, list[int]]:
    """Concatenated squashed label text, and for each character its token index."""
    chars: list[str] = []
    owner: list[int] = []
    for i, t in enumerate(tokens):
        if t.kind == "T":
            sq = squash(t.text)
            chars.append(sq)
            owner.extend([i] * len(sq))
    return "".join(chars), owner


def _find(stream: str, variants: list[str], pos: int) -> Optional[tuple[int, int]]:
    best: Optional[tuple[int, int]] = None
    for v in variants:  # longest first; the earliest hit wins, ties to the longest
        k = stream.find(v, pos)
        if k >= 0 and (best is None or k < best[0]):
            best = (k, k + len(v))
    return best


def _pure(vals: list[Token]) -> bool:
    return all(v.kind == "N" for v in vals)


def _anchor(rows: list[_Row], tokens: list[Token], single_row: bool) -> tuple[str, list[int]]:
    """Find the rows' labels; returns the label stream and its owners for the later checks."""
    stream, owner = _label_stream(tokens)
    pos = 0
    for r in rows:
        hit = _find(stream, r.spec.match, pos)
        if hit:
            r.token, r.hit = owner[hit[0]], hit
            pos = hit[1]
            if single_row:
                break
    if not single_row:
        _anchor_fuzzy(rows, stream, owner)
        anchor_before(rows, tokens, stream, owner, _find)
    return stream, owner


def _anchor_fuzzy(rows: list[_Row], stream: str, owner: list[int]) -> None:
    """Labels with typos ("三类内容事务信息"): approximate match, only in the gap
    between two recognised neighbours, so a typo can never pull a row out of
    order."""
    from difflib import SequenceMatcher

    i = 0
    while i < len(rows):
        if rows[i].hit is None:
            i += 1
            continue
        j = i + 1
        while j < len(rows) and rows[j].hit is None:
            j += 1
        if j == i + 1:
            i = j
            continue
        lo = rows[i].hit[1]
        hi = rows[j].hit[0] if j < len(rows) else min(len(stream), lo + 120)
        if hi - lo > 300:
            i = j
            continue
        cursor = lo
        for r in rows[i + 1:j]:
            label = r.spec.match[0]
            best, best_at = 0.0, None
            for length in range(max(2, len(label) - 2), len(label) + 3):
                for k in range(cursor, hi - length + 1):
                    sm = SequenceMatcher(None, stream[k:k + length], label, autojunk=False)
                    if sm.real_quick_ratio() < 0.75 or sm.quick_ratio() < 0.75:
                        continue
                    ratio = sm.ratio()
                    if ratio > best:
                        best, best_at = ratio, (k, k + length)
            if best >= 0.75 and best_at:
                r.token, r.hit, r.fuzzy = owner[best_at[0]], best_at, True
                cursor = best_at[1]
        i = j


def _collect(rows: list[_Row], tokens: list[Token]) -> None:
    found = sorted((r for r in rows if r.token is not None), key=lambda r: r.token or 0)
    for k, r in enumerate(found):
        end = found[k + 1].token if k + 1 < len(found) else len(tokens)
        r.values = [t for t in tokens[r.token:end] if t.kind in "NB"]


def _hand_on(rows: list[_Row]) -> None:
    """Numbers under a recognised label that exactly fill the unrecognised rows after it."""
    i = 0
    while i < len(rows):
        r = rows[i]
        if r.token is None or r.early:
            i += 1
            continue
        j = i + 1
        gap: list[_Row] = []
        while j < len(rows) and rows[j].token is None:
            if not rows[j].spec.group:
                gap.append(rows[j])
            j += 1
        if gap and r.expected:
            need = r.expected + sum(g.expected for g in gap)
            vals = _fit(r.values, need)
            shares, pos = [], r.expected
            for g in gap:
                shares.append(vals[pos:pos + g.expected])
                pos += g.expected
            # only numbers prove a row is there: filler blanks ("||") of a
            # table cut off after this row must not conjure the next one
            if len(vals) == need and all(any(v.kind == "N" for v in sh) for sh in shares):
                r.values = vals[:r.expected]
                for g, sh in zip(gap, shares):
                    g.values = sh
                    g.recovered = True
        i = j


def _reflow(rows: list[_Row]) -> None:
    """Move numbers between neighbours whose surplus and deficit cancel."""
    live = [r for r in rows if r.token is not None or r.recovered]
    for a, b in zip(live, live[1:]):
        if a.early or b.early:  # not neighbours on the page
            continue
        va, vb = _fit(a.values, a.expected), _fit(b.values, b.expected)
        if not (_pure(va) and _pure(vb)):
            continue
        da, db = len(va) - a.expected, len(vb) - b.expected
        if da > 0 and db == -da and splits_at_line(va[:a.expected], va[a.expected:]):
            a.values, b.values = va[:a.expected], va[a.expected:] + vb
            a.traded, b.traded = b, a
        elif da < 0 and db == -da and splits_at_line(vb[:-da], vb[-da:]):
            a.values, b.values = va + vb[:-da], vb[-da:]
            a.traded, b.traded = b, a


def _leading_missing(rows: list[_Row]) -> int:
    """Data rows missing before the first data row found (group labels, which
    a drawn table may keep, do not end the run)."""
    n = 0
    for r in rows:
        if r.spec.group:
            continue
        if r.token is not None or r.recovered:
            break
        n += 1
    return n


def _redistribute(rows: list[_Row]) -> None:
    """Labels first, numbers after (column-wise PDF text): when most rows got
    no numbers and all numbers together fill the rows exactly, deal them out
    in template order."""
    live = [r for r in rows if (r.token is not None or r.recovered) and not r.spec.group]
    if len(live) < 2:
        return
    empty = sum(1 for r in live if not [v for v in r.values if v.kind == "N"])
    if empty * 2 < len(live):
        return
    vals = [v for r in rows if r.token is not None or r.recovered for v in r.values if v.kind == "N"]
    if len(vals) != sum(r.expected for r in live):
        return
    pos = 0
    for r in rows:
        if r.spec.group:
            r.values = []
        elif r in live:
            r.values, pos = vals[pos:pos + r.expected], pos + r.expected


def parse_table(doc: Document, spec: TableSpec, tokens: list[Token], path: str,
                region_span: Optional[Span], at_eof: bool) -> tuple[Table, list[ParseNote]]:
    """Map one table region's tokens to canonical cells, with notes on what is wrong."""
    table = Table(name=spec.name, found=False, span=region_span, expected=spec.expected_keys)
    notes: list[ParseNote] = []
    rows = [_Row(s) for s in spec.rows]
    stream, owner = _anchor(rows, tokens, spec.single_row)
    if not any(r.token is not None for r in rows):
        notes.append(ParseNote("table_missing", region_span, spec.name,
                               data={"title": spec.title, "label": spec.label}))
        return table, notes
    table.found = True
    _collect(rows, tokens)
    if not spec.single_row:
        _hand_on(rows)
        _reflow(rows)
        _redistribute(rows)
    for r in rows:
        if r.fuzzy and not any(v.kind == "N" for v in r.values):
            # a label only approximately there and no number under it is no
            # evidence of the row ("…不计其他" of a cut-off excerpt is not "3.其他")
            r.token, r.hit, r.fuzzy, r.values = None, None, False, []
    unsure = uncertain_rows(spec, rows, tokens, stream, owner,
                            {t.line: doc.lines[t.line].text for t in tokens if not doc.lines[t.line].cells},
                            at_eof)
    def tok_span(t: Token) -> Span:
        return doc.lines[t.line].span(path, t.start, t.end)

    first = next(r for r in rows if r.token is not None)
    table.span = tok_span(tokens[first.token])
    live_idx = [i for i, r in enumerate(rows)
                if (r.token is not None or r.recovered) and not r.spec.group] or \
        [i for i, r in enumerate(rows) if r.token is not None]
    last_live = live_idx[-1]
    for i, r in enumerate(rows):
        label_span = tok_span(tokens[r.token]) if r.token is not None else None
        if r.spec.group:
            vals = _fit(r.values, 0)
            kids = [x for x in rows if x.spec.key.startswith(r.spec.key + ".")]
            if r.spec.fallback_key and len(vals) == 7 and kids and all(
                    k.token is None and not k.recovered for k in kids):
                # a 2021 report that kept the 2019 single row (六)其他处理
                cols = spec.rows[i + 1].columns or []
                for key_col, t in zip(cols, vals):
                    key = f"{spec.name}.{r.spec.fallback_key}.{key_col}"
                    table.cells[key] = Cell(key, t.value, t.text, tok_span(t).with_cell(
                        spec.name, r.spec.fallback_key, key_col))
                for k in kids:
                    k.recovered = True  # reported once as subrows_missing, not row by row
                notes.append(ParseNote("subrows_missing", label_span, spec.name, r.spec.key,
                                       {"rows": [k.spec.key for k in kids],
                                        "labels": [k.spec.label for k in kids]}))
            continue
        keys = r.spec.cell_keys(spec.name)
        if r.token is None and not r.recovered:
            cut = (i > last_live and at_eof) or (i < live_idx[0] and _leading_missing(rows) >= 2)
            kind = "rows_cut_off" if cut else "row_missing"
            notes.append(ParseNote(kind, None, spec.name, r.spec.key,
                                   {"label": r.spec.label}))
            continue
        if r.recovered and not r.values:
            continue
        if i in unsure:  # its numbers could be another row's: missing, never shifted
            notes.append(ParseNote("order_uncertain", tok_span(r.values[0]) if r.values else label_span,
                                   spec.name, r.spec.key, {"label": r.spec.label,
                                                           "found": len(r.values),
                                                           "expected": len(keys)}))
            continue
        if r.fuzzy:
            notes.append(ParseNote("label_typo", label_span, spec.name, r.spec.key,
                                   {"label": r.spec.label,
                                    "found": tokens[r.token].text}))
        if r.recovered:
            notes.append(ParseNote("label_unrecognised", tok_span(r.values[0]), spec.name,
                                   r.spec.key, {"label": r.spec.label}))
        vals = _fit(r.values, len(keys))
        if len(vals) > len(keys):
            extra = vals[len(keys):]
            notes.append(ParseNote("extra_values", tok_span(extra[0]), spec.name, r.spec.key,
                                   {"found": len(vals), "expected": len(keys), "label": r.spec.label,
                                    "extra": [t.text for t in extra]}))
            vals = vals[:len(keys)]
        if len(vals) < len(keys):
            where = tok_span(vals[0]) if vals else label_span
            if not vals and i == last_live and at_eof and r.token is not None and \
                    not any(t.kind in "NB" for t in tokens[r.token:]):
                # the file stops at this row's label: cut off, not blank
                notes.append(ParseNote("rows_cut_off", where, spec.name, r.spec.key,
                                       {"label": r.spec.label, "found": 0, "expected": len(keys)}))
            elif not [v for v in vals if v.kind == "N"]:
                notes.append(ParseNote("cell_blank", where, spec.name, r.spec.key,
                                       {"keys": keys, "label": r.spec.label}))
            elif i == last_live and at_eof:
                notes.append(ParseNote("rows_cut_off", where, spec.name, r.spec.key,
                                       {"label": r.spec.label, "found": len(vals),
                                        "expected": len(keys)}))
            else:
                notes.append(ParseNote("value_count", where, spec.name, r.spec.key,
                                       {"found": len(vals), "expected": len(keys),
                                        "label": r.spec.label}))
            continue
        blanks = []
        for key, t in zip(keys, vals):
            row_key, col = key.split(".", 1)[1].rsplit(".", 1)
            span = tok_span(t).with_cell(spec.name, row_key, col)
            table.cells[key] = Cell(key, t.value if t.kind == "N" else None, t.text, span)
            if t.not_number:  # missing, and said so once: not a blank, not a shift
                notes.append(ParseNote("cell_not_number", span, spec.name, r.spec.key,
                                       {"keys": [key], "column": col, "raw": t.text,
                                        "label": r.spec.label}))
            elif t.kind == "B":
                blanks.append(key)
        if blanks:
            notes.append(ParseNote("cell_blank", table.cells[blanks[0]].span, spec.name,
                                   r.spec.key, {"keys": blanks, "label": r.spec.label}))
    return table, notes
