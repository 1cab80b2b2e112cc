"""What a loader hands to the parser: normalised lines that remember their source.

Every loader (text, markdown, HTML, DOCX, PDF, or a plugin's) produces the same
:class:`Document`, so the parser never knows which format it reads.  A line is
NFKC-normalised text plus, for each character, the 1-based line and column in
the original file; spans therefore point at the original text even where
normalisation changed it (Kangxi radicals, full-width digits).

Native tables (HTML ``<table>``, Word tables, PDF ruling) are emitted as one
:class:`Line` per table row whose ``cells`` list the character ranges of each
grid cell; the parser then treats cell boundaries as certain instead of
guessing them from spaces.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Optional

from .model import Span


@dataclass
class CellRange:
    """Where one native table cell sits inside a row line's text."""

    start: int  # index into Line.text
    end: int  # one past the end
    table_index: int  # 1-based table number in the document
    row_index: int  # 1-based row in that table
    col_index: int  # 1-based grid column (after merges are resolved)
    # a grid position covered by a merged cell, not a blank cell: "left" when
    # the merged cell starts in the same row (colspan), "above" for rowspan
    covered: str = ""


@dataclass
class Line:
    """One normalised line.

    ``lines[i]``/``cols[i]`` give the source line and column of ``text[i]``;
    both lists have ``len(text) + 1`` entries, the last one being the position
    just after the line (used for end positions).  ``page`` is the 1-based
    page for paged sources.  ``cells`` is set when this line is a native
    table row.  ``where`` is a human locator (e.g. a DOCX paragraph).
    """

    text: str
    lines: list[int]
    cols: list[int]
    page: Optional[int] = None
    cells: Optional[list[CellRange]] = None
    where: Optional[str] = None

    def span(self, path: str, start: int, end: int) -> Span:
        """Span of ``text[start:end]`` in source coordinates (end exclusive).

        Called for every line and every cell of every report: plain
        comparisons and positional arguments, no ``min``/``max`` calls.
        """
        n = len(self.text)
        start = 0 if start < 0 else (n if start > n else start)
        end = n if end > n else end
        if end < start:
            end = start
        lines, cols = self.lines, self.cols
        if end > start:
            end_line, end_col = lines[end - 1], cols[end - 1] + 1
        else:
            end_line, end_col = lines[start], cols[start]
        where = self.where
        if self.cells:
            for c in self.cells:
                if c.start <= start < max(c.end, c.start + 1):
                    from .labels import where_text  # the locator's format key and numbers

                    where = where_text("cell", table=c.table_index, row=c.row_index,
                                       column=c.col_index)
                    break
        return Span(path, lines[start], cols[start], end_line, end_col, self.page, None, None, None, where)


@dataclass
class Document:
    """A loaded file: normalised lines plus the original text for messages."""

    path: str
    kind: str  # "text", "markdown", "html", "docx", "pdf", …
    lines: list[Line] = field(default_factory=list)
    source_lines: list[str] = field(default_factory=list)  # original file lines
    encoding: Optional[str] = None
    pages: Optional[int] = None
    warnings: list[str] = field(default_factory=list)  # "中文 / English", reported as GL908
    # (GL9xx code, "中文 / English"): warnings about the input itself, e.g. GL903 for bytes replaced
    notes: list[tuple[str, str]] = field(default_factory=list)
    # the file's own title (an HTML page's <title>), for a report whose
    # visible text has no title line
    title_line: Optional[Line] = None
    # pages read by OCR (a scan): page -> mean recognition score, so that a
    # finding there can say it was read from an image
    ocr_pages: dict[int, float] = field(default_factory=dict)


class _CharNFKC(dict):
    """NFKC of single characters, computed once per character seen."""

    def __missing__(self, ch: str) -> str:
        value = self[ch] = unicodedata.normalize("NFKC", ch)
        return value


_NFKC_CHAR = _CharNFKC()


def normalize_line(text: str, line_no: int, first_col: int = 1,
                   page: Optional[int] = None) -> Line:
    """NFKC-normalise one source line, keeping a column map back to the source.

    Lines that are already NFKC-normal (the common case) skip the per-character
    loop entirely, which keeps large plain files fast.
    """
    n = len(text)
    if unicodedata.is_normalized("NFKC", text):
        cols = list(range(first_col, first_col + n + 1))
        return Line(text, [line_no] * (n + 1), cols, page)
    # Chinese text is rarely NFKC-normal (full-width ，：（） are compatibility
    # forms), so most lines get here.  Each character is normalised on its own
    # (a cached table lookup, in C); when none of them grew, every column maps
    # to itself and the per-character loop below is not needed.
    joined = "".join(map(_NFKC_CHAR.__getitem__, text))
    if len(joined) == n:
        return Line(joined, [line_no] * (n + 1), list(range(first_col, first_col + n + 1)), page)
    out: list[str] = []
    cols: list[int] = []
    for i, ch in enumerate(text):
        norm = unicodedata.normalize("NFKC", ch) if not ch.isascii() else ch
        out.append(norm)
        cols.extend([first_col + i] * len(norm))
    cols.append(first_col + n)
    joined = "".join(out)
    return Line(joined, [line_no] * (len(joined) + 1), cols, page)


def join_segments(segments: list[Line], sep: str = "\t",
                  cells: Optional[list[CellRange]] = None) -> Line:
    """Concatenate already-normalised pieces (e.g. table cells) into one Line.

    The separator characters take the position of the piece that follows
    them.  ``cells`` ranges, if given, must be expressed relative to the
    joined text; use :func:`row_line` to build a table row.
    """
    text: list[str] = []
    lines: list[int] = []
    cols: list[int] = []
    page = None
    for k, seg in enumerate(segments):
        if k:
            text.append(sep)
            lines.extend([seg.lines[0]] * len(sep))
            cols.extend([seg.cols[0]] * len(sep))
        text.append(seg.text)
        lines.extend(seg.lines[:-1])
        cols.extend(seg.cols[:-1])
        page = page or seg.page
    if segments:
        lines.append(segments[-1].lines[-1])
        cols.append(segments[-1].cols[-1])
    else:
        lines.append(1)
        cols.append(1)
    return Line("".join(text), lines, cols, page, cells)


def row_line(cell_lines: list[Line], table_index: int, row_index: int,
             col_indices: Optional[list[int]] = None,
             covered: Optional[list[str]] = None) -> Line:
    """Build the Line for one native table row from its (normalised) cells.

    Cell texts must not contain tabs or newlines (collapse them to spaces
    first).  ``col_indices`` gives each cell's grid column (defaults to
    1..n).  ``covered`` marks grid positions that a merged cell covers ("left"
    for a colspan, "above" for a rowspan): they are layout, not blank data
    cells; a number merged across columns counts for each column it spans.  Loaders of
    HTML, DOCX and PDF tables all go through here.
    """
    ranges: list[CellRange] = []
    pos = 0
    for k, cl in enumerate(cell_lines):
        if k:
            pos += 1  # the tab
        ci = col_indices[k] if col_indices else k + 1
        ranges.append(CellRange(pos, pos + len(cl.text), table_index, row_index, ci,
                                covered[k] if covered else ""))
        pos += len(cl.text)
    return join_segments(cell_lines, "\t", ranges)
