"""Lines → a stream of label fragments, numbers and blank cells.

Real tables arrive broken (labels wrapped over lines, numbers in the middle
of a label, the last number of a row on the next line, rows shifted by a
cell).  Instead of trusting line breaks, the table parser aligns this token
stream against the template.  Three token kinds:

* ``T`` – a fragment of label text (list markers such as "1." included);
* ``N`` – a number (with an optional unit: "6874.6408 万元");
* ``B`` – an explicitly empty cell: an empty tab/pipe cell on a line that
  also holds numbers (or a line that is nothing but cell separators), or a
  "/" placeholder.  Empty cells in header lines are layout, not data, and
  are dropped.  A delimited or native cell among a row's numbers that holds
  something else ("五", "1e308", "nan") is a ``B`` too, flagged ``not_number``:
  it fills its column as a missing value instead of vanishing into the label
  text and shifting every number after it one column to the left.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..document import Line

_NUM = re.compile(r"^[-−–+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|元|件|个|项|条|次|%)?$")
_UNIT = re.compile(r"^(?:万元|元|件|个|项|条|次|%)$")
_BLANK_MARK = {"/", "／", "-", "—", "－", "--", "——", "\\", "无", "□"}  # □: a number OCR could not read for certain (load.ocr_page)
_SEPARATOR_LINE = re.compile(r"^[\s|:+]*[-=—]{3,}[\s|:+\-=—]*$")
_ONLY_PIPES = re.compile(r"^\s*\|[\s|]*$")
# page furniture that PDF text puts between table rows: "- 2 -", "第2页 共5页", "2/5"
_PAGE_NO = re.compile(r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d+\s*页(?:\s*[,/]?\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$")
# a running header with its page number: "某区2020年政府信息公开工作年度报告 - 12 -"
_TRAILING_PAGE_NO = re.compile(r"^(.*[\u3400-\u9fff][^\d]*?)\s+[-—–]\s*\d{1,4}\s*[-—–]\s*$")
# a running header: the report's name (no table row ends in 报告), with or
# without its page number, on a line of its own
_RUNNING_HEADER = re.compile(r"^[^|\t。]*报告\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d+\s*页(?:\s*[,/]?\s*共\s*\d+\s*页)?"
                             r"|\d{1,3}\s*/\s*\d{1,3}|\d{1,4})?\s*$")
_CJK = re.compile(r"[\u3400-\u9fff]")
_CHUNK = re.compile(r"[^\s]+")
_NUM_PREFIX = re.compile(r"^[-−–+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_DIGIT = re.compile(r"\d")
# what a cell among a row's numbers may hold without being a label: Chinese
# numerals ("五", "十二") or a word or numeral in Latin script ("nan", "1e308", "N/A")
_VALUE_LIKE = re.compile(r"^(?:[零〇一二两三四五六七八九十百千万亿]+|[A-Za-z0-9.,+\-−/]+)$")
# the start of a row label: "一、", "（三）", "1.", "(2)"; never a misplaced value
_LABEL_START = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])")


@dataclass
class Token:
    kind: str  # "T", "N" or "B"
    text: str
    line: int  # index into Document.lines
    start: int
    end: int
    value: Optional[float] = None
    dup: bool = False  # a copy of a number merged across columns (colspan)
    not_number: bool = False  # a "B" cell that holds text which is not a number

    def __repr__(self) -> str:  # compact, for debugging alignments
        return f"{self.kind}:{self.text}@{self.line}"


# a number with a counting word ("2 件", "1600余条", "〔2021〕30 号"): narrative,
# never a table cell written on an undelimited line
_COUNTED = re.compile(r"\d\s*余?\s*(?:件|条|个|项|次|篇|期|人次|号|家|份|起|宗|批)")


def is_prose(text: str) -> bool:
    """A narrative sentence, never part of a table.

    Tables carry no 。; and a line that counts things ("制发规章 0 件,") is a
    sentence wrapped by PDF extraction even when its 。 is on another line.
    Delimited lines (tabs, pipes) are table rows and never prose by counting.
    """
    if "。" in text or len(text) > 120:
        return True
    return "\t" not in text and "|" not in text and bool(_COUNTED.search(text))


def parse_number(raw: str) -> Optional[float]:
    """The leading number of ``raw`` (thousands commas and typographic minus signs allowed); None if none.

    Only the prefix is read, so a cell such as "12件" still yields 12.
    """
    m = _NUM_PREFIX.match(raw)
    if not m:
        return None
    s = m.group(0).replace(",", "").replace("−", "-").replace("–", "-").lstrip("+")
    if "." not in s and len(s) <= 40:
        return int(s)  # whole numbers stay exact: 99999999999999999999 is not 1e20
    return float(s)


def _cells(text: str) -> list[tuple[int, int]]:
    """Split a delimited line (tabs or pipes) into (start, end) cell ranges."""
    if _ONLY_PIPES.match(text):
        # one empty cell per pipe: the "one cell per line" web layout
        return [(i, i) for i, ch in enumerate(text) if ch == "|"]
    bounds: list[tuple[int, int]] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in "\t|":
            bounds.append((start, i))
            start = i + 1
    bounds.append((start, len(text)))
    stripped = text.strip()
    if stripped.startswith("|") and bounds and not text[bounds[0][0]:bounds[0][1]].strip():
        bounds = bounds[1:]  # markdown "| a | b |": nothing before the first pipe
    if bounds and not text[bounds[-1][0]:bounds[-1][1]].strip() and text.rstrip(" ").endswith("|"):
        bounds = bounds[:-1]  # "56 |": the pipe ends the cell, not a new one
    return bounds


def _chunk_tokens(text: str, lo: int, hi: int, li: int, in_cell: bool) -> list[Token]:
    """Tokens of text[lo:hi] (one cell, or a whole undelimited line)."""
    out: list[Token] = []
    chunks = [(m.start() + lo, m.end() + lo) for m in _CHUNK.finditer(text[lo:hi])]
    for k, (s, e) in enumerate(chunks):
        raw = text[s:e]
        if _NUM.match(raw):
            nxt = text[chunks[k + 1][0]:chunks[k + 1][1]] if k + 1 < len(chunks) else ""
            # "1 属于国家秘密": a bare small integer opening a cell/line before a
            # label is a list marker, not a value
            if k == 0 and nxt and _CJK.match(nxt) and _DIGIT.fullmatch(raw) and not _UNIT.match(nxt):
                out.append(Token("T", raw, li, s, e))
                continue
            if nxt[:1] in ("年", "月", "日", "号"):  # "2022 年", "30 号": a date or document number
                out.append(Token("T", raw, li, s, e))
                continue
            out.append(Token("N", raw, li, s, e, parse_number(raw)))
        elif _UNIT.match(raw) and out and out[-1].kind == "N" and out[-1].line == li:
            prev = out[-1]
            prev.text = text[prev.start:e]
            prev.end = e
        elif raw in _BLANK_MARK and (in_cell or len(chunks) > 1):
            out.append(Token("B", raw, li, s, e))
        else:
            out.append(Token("T", raw, li, s, e))
    if in_cell and not chunks:
        out.append(Token("B", "", li, lo, hi))
    return out


def _mark_not_numbers(cells: list[list[Token]]) -> None:
    """Flag the cells of one row that stand among its numbers but hold something else.

    A cell qualifies when it is one text chunk that does not start a label and
    either follows a number cell of the row (labels come before the numbers)
    or looks like a value ("五", "nan") and a number cell follows it.  Such a
    cell is turned into a ``B`` token flagged ``not_number`` in place.
    """
    has_n = [any(t.kind == "N" for t in c) for c in cells]
    for k, c in enumerate(cells):
        if len(c) != 1 or c[0].kind != "T" or _LABEL_START.match(c[0].text) or len(c[0].text) > 12:
            continue
        before, after = any(has_n[:k]), any(has_n[k + 1:])
        if before or (after and _VALUE_LIKE.match(c[0].text)):
            t = c[0]
            c[0] = Token("B", t.text, t.line, t.start, t.end, not_number=True)


def _native_row(line: Line, li: int) -> list[Token]:
    """Tokens of a native table row: covered grid positions are skipped, except
    that a number merged across columns counts for every column it spans."""
    cells: list[list[Token]] = []
    last: list[Token] = []
    for c in line.cells or []:
        if c.covered == "left":
            if len(last) == 1 and last[0].kind == "N":
                cells.append([Token("N", last[0].text, li, last[0].start, last[0].end, last[0].value,
                                    dup=True)])
            continue
        if c.covered:
            last = []
            continue
        last = _chunk_tokens(line.text, c.start, c.end, li, True)
        cells.append(last)
    _mark_not_numbers(cells)
    return [t for c in cells for t in c]


def tokenize_line(line: Line, li: int) -> list[Token]:
    """Tokens of one line, with blank cells kept only where they carry data."""
    text = line.text
    if line.cells:  # a native table row: its cells are certain
        return [] if "。" in text else _native_row(line, li)
    if not text.strip() or _SEPARATOR_LINE.match(text) or is_prose(text) or _PAGE_NO.match(text):
        return []
    if "\t" in text or "|" in text:
        ranges = _cells(text)
    else:
        furniture = _TRAILING_PAGE_NO.match(text)
        return _chunk_tokens(text, 0, furniture.end(1) if furniture else len(text), li, False)
    cells = [_chunk_tokens(text, lo, hi, li, True) for lo, hi in ranges]
    _mark_not_numbers(cells)
    tokens = [t for c in cells for t in c]
    has_number = any(t.kind == "N" for t in tokens)
    only_blanks = all(t.kind == "B" for t in tokens)
    if not has_number and not only_blanks:
        # empty cells in a text header line are layout, not data
        tokens = [t for t in tokens if t.kind != "B" or t.text]
    return tokens


def tokenize(lines: list[Line], lo: int, hi: int) -> list[Token]:
    """Tokens of lines[lo:hi].

    A line holding only pipes is a run of empty cells ("56 |" then "|" lines),
    except that its first pipe closes the previous line's cell when that line
    did not end with one ("0" then "|": a cell per line, pipes between).
    """
    out: list[Token] = []
    open_cell = False
    for li in range(lo, hi):
        text = lines[li].text.strip()
        if not text and not lines[li].cells:  # an empty native row is a row of blank cells
            continue
        if not lines[li].cells and (_PAGE_NO.match(text) or _RUNNING_HEADER.match(text)):
            continue  # page furniture neither opens nor closes a cell of the rows around it
        toks = tokenize_line(lines[li], li)
        if _ONLY_PIPES.match(text) and open_cell and toks:
            toks = toks[1:]
        out.extend(toks)
        open_cell = not text.endswith("|")
    return out
