"""The text of one ruled PDF table cell, from its characters' geometry.

Everything inside one ruled cell is that cell's text, however the producer
broke it up.  Exporters (LibreOffice, WPS, Word) wrap a cell's text onto
several lines when the column is narrow — a four-digit number becomes "2"
over "0" over "1" over "9" — and they do not always write a line's glyphs
in order (LibreOffice writes the quotes of "三安全一稳定" after the words).
So the cell's characters are put in reading order by position, not by their
order in the content stream: visual lines by baseline, top to bottom, and
left to right within a line.  The pieces are then joined as a reader would:
wrapped CJK text and a wrapped number join without a space ("20"), Latin
words wrapped at a line end keep one.  Within a line a gap is a space only
between two non-CJK characters: next to CJK it is justification or letter
spacing ("结 果 维 持"), not a word break.  Gaps are measured between the
characters' advance boxes (PDFium's loose boxes), since tight glyph boxes
make a full-width quote look set apart from its neighbours.
"""
from __future__ import annotations

from typing import Optional, Protocol, Sequence

# within a line, a gap wider than this share of the font size is a word space
_WORD_GAP = 0.3
# baselines closer than this share of the font size are the same visual line
_SAME_LINE = 0.4
_NUMERIC = frozenset("0123456789.,%")


class Glyph(Protocol):
    """What the assembly needs of a character (see ``pdf._Char``)."""

    ch: str
    x0: float
    x1: float
    oy: float
    size: float


def _cjk(ch: str) -> bool:
    return ch > "\u2e7f"


def _visual_lines(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Group by baseline (top line first), each line left to right."""
    lines: list[list[Glyph]] = []
    base = 0.0
    for g in sorted(glyphs, key=lambda g: -g.oy):
        if lines and base - g.oy <= _SAME_LINE * max(g.size, 1.0):
            lines[-1].append(g)
        else:
            lines.append([g])
            base = g.oy
    return [sorted(ln, key=lambda g: g.x0) for ln in lines]


def _line_break(a: str, b: str) -> str:
    """What a line break between characters ``a`` and ``b`` reads as."""
    if _cjk(a) or _cjk(b) or (a in _NUMERIC and b in _NUMERIC):
        return ""
    return " "


def cell_text(glyphs: Sequence[Glyph]) -> str:
    """The cell's text in reading order, whitespace collapsed to single spaces."""
    parts: list[str] = []
    prev: Optional[Glyph] = None
    for line in _visual_lines([g for g in glyphs if not g.ch.isspace()]):
        for i, g in enumerate(line):
            if prev is not None:
                if i == 0:
                    parts.append(_line_break(prev.ch, g.ch))
                elif (g.x0 - prev.x1 > _WORD_GAP * max(g.size, prev.size, 1.0)
                      and not (_cjk(prev.ch) or _cjk(g.ch))):
                    parts.append(" ")
            parts.append(g.ch)
            prev = g
    return " ".join("".join(parts).split())
