"""One page image → the positioned characters and grids the PDF path reads.

OCR gives text lines of words with boxes; the PDF loader's page assembly
(:class:`.pdf._Page`) wants characters with boxes in page points plus ruling
grids.  So each word's box is split evenly over its characters, boxes are
put in reading order (visual lines top to bottom, left to right, a generated
space between two boxes of one line and a line break after each line), and
the ruling found in the image (:mod:`.ocr_raster`) gives the grids.  From
there on a scanned page is read exactly like a text PDF page: the same cell
assignment by box centre, the same cell text assembly, the same page-number
furniture.

Confidence: a word the engine is unsure of (score below ``MIN_SCORE``) is
not guessed.  If it holds a digit it becomes the unreadable mark "□", which
the parser takes for a cell it cannot read (the cell is missing, and an
arithmetic rule then says "cannot verify" instead of lying); other unsure
words are dropped, since labels are matched approximately anyway.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._pdfgrid import find_grids
from .ocr_engine import TextBox, Word, recognise, recognise_cell
from .ocr_raster import deskew, despeckle, ruling

DPI = 200  # PDF pages are rendered at this resolution: see the README (speed vs accuracy)
MIN_SCORE = 0.6  # a word below this recognition score is not trusted
UNREADABLE = "□"  # stands for a number OCR could not read for certain
CELL_INSET_PT = 1.5  # a cell is looked at inside its ruling
MIN_INK_PX = 12  # less ink than this in an empty cell is a speck, not a character
MIN_BLOB_PX = 6  # connected ink smaller than this is a speck
MIN_GLYPH_PT = 3.0  # a character is at least this tall


@dataclass
class PageText:
    """What one OCR'd page gives the PDF page assembly."""

    chars: list[Any]  # pdf._Char
    hs: list[Any]
    vs: list[Any]
    height: float  # points
    skew: float  # degrees the page was turned back
    words: int
    unsure: int  # words below MIN_SCORE
    mean_score: float


def _trusted(w: Word) -> str:
    if w.score >= MIN_SCORE or w.text == UNREADABLE:
        return w.text
    return UNREADABLE if any(ch.isdigit() for ch in w.text) else ""


def _lone_letter(text: str) -> bool:
    return len(text) == 1 and text.isascii() and text.isalpha()


def _visual_lines(boxes: list[TextBox]) -> list[list[TextBox]]:
    def cy(b: TextBox) -> float:
        return sum(w.y0 + w.y1 for w in b.words) / (2 * len(b.words))

    def height(b: TextBox) -> float:
        return max(w.y1 for w in b.words) - min(w.y0 for w in b.words)

    lines: list[list[TextBox]] = []
    for b in sorted(boxes, key=cy):
        if lines:
            last = lines[-1]
            mid = sum(cy(x) for x in last) / len(last)
            if abs(cy(b) - mid) <= 0.5 * min(height(b), max(height(x) for x in last)):
                last.append(b)
                continue
        lines.append([b])
    return [sorted(ln, key=lambda b: b.words[0].x0) for ln in lines]


def chars_of(boxes: list[TextBox], px_per_pt: float, height_pt: float) -> list[Any]:
    """The page's characters in reading order, as PDF characters in points (y upward)."""
    from .pdf import _Char

    out: list[Any] = []
    nil = (0.0, 0.0, 0.0, 0.0)
    for line in _visual_lines(boxes):
        for k, box in enumerate(line):
            if k:
                out.append(_Char(" ", True, nil, 0.0, 0.0))
            for w in box.words:
                text = _trusted(w)
                if not text:
                    continue
                step = (w.x1 - w.x0) / len(text)
                top = height_pt - w.y0 / px_per_pt
                bottom = height_pt - w.y1 / px_per_pt
                for i, ch in enumerate(text):
                    x0 = (w.x0 + i * step) / px_per_pt
                    x1 = (w.x0 + (i + 1) * step) / px_per_pt
                    out.append(_Char(ch, False, (x0, bottom, x1, top), bottom, top - bottom))
        out.append(_Char("\n", True, nil, 0.0, 0.0))
    return out


def _empty_cells(gray: Any, px_per_pt: float, height_pt: float, grids: list[Any],
                 chars: list[Any]) -> list[TextBox]:
    """Words read again cell by cell where the detector found none but the cell has ink.

    The detector misses a lone small digit in a speckled scan more often than
    the recogniser misreads it; a ruled cell tells exactly where to look.
    """
    from .ocr_raster import binarise

    found: set[tuple[int, int, int]] = set()
    for c in chars:
        if not c.gen:
            for gi, g in enumerate(grids):
                rc = g.cell_at(c.cx, c.cy)
                if rc is not None:
                    found.add((gi, *g.anchor(*rc)))
    out: list[TextBox] = []
    inset = CELL_INSET_PT * px_per_pt
    for gi, g in enumerate(grids):
        for r in range(g.nrows):
            for c in range(g.ncols):
                if g.anchor(r, c) != (r, c) or (gi, r, c) in found:
                    continue
                cells = g.members(r, c)
                x0 = g.xs[min(cc for _, cc in cells)] * px_per_pt + inset
                x1 = g.xs[max(cc for _, cc in cells) + 1] * px_per_pt - inset
                y0 = (height_pt - g.ys[min(rr for rr, _ in cells)]) * px_per_pt + inset
                y1 = (height_pt - g.ys[max(rr for rr, _ in cells) + 1]) * px_per_pt - inset
                if x1 - x0 < 4 or y1 - y0 < 4:
                    continue
                crop = gray[int(y0):int(y1), int(x0):int(x1)]
                glyphs = _glyph_ink(binarise(crop), px_per_pt)
                if glyphs is None:
                    continue
                ys, xs = glyphs
                for box in recognise_cell(crop):
                    for w in box.words:  # place the text where its ink is
                        if _lone_letter(w.text):
                            w.text, w.score = UNREADABLE, 0.0
                        w.x0, w.x1 = x0 + float(xs.min()), x0 + float(xs.max()) + 1
                        w.y0, w.y1 = y0 + float(ys.min()), y0 + float(ys.max()) + 1
                    out.append(box)
    return out


def _glyph_ink(ink: Any, px_per_pt: float) -> Any:
    """Pixel rows/columns of the ink that can be a character (specks dropped); None if there is none."""
    import cv2
    import numpy as np

    if ink.mean() > 0.5:
        return None  # a filled cell (shading), not text
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    keep = [i for i in range(1, n) if stats[i][cv2.CC_STAT_AREA] >= MIN_BLOB_PX]
    if not keep or sum(int(stats[i][cv2.CC_STAT_AREA]) for i in keep) < MIN_INK_PX:
        return None
    mask = np.isin(labels, keep)
    ys, xs = mask.nonzero()
    if ys.max() - ys.min() + 1 < MIN_GLYPH_PT * px_per_pt:
        return None
    return ys, xs


_STROKES = frozenset("1lI|丨!")  # what a ruling read as text looks like


def _strip_rulings(words: list[Word], vs: list[Any], px_per_pt: float, height_pt: float) -> None:
    """Drop a "1" at either end of a word that is a cell border the detector took in ("10" for "0")."""
    def on_rule(x0: float, x1: float, w: Word) -> bool:
        y = height_pt - (w.y0 + w.y1) / 2 / px_per_pt
        return any(x0 / px_per_pt - 0.5 <= x <= x1 / px_per_pt + 0.5 and a <= y <= b for x, a, b in vs)

    for w in words:
        while len(w.text) > 1:
            step = (w.x1 - w.x0) / len(w.text)
            if w.text[0] in _STROKES and on_rule(w.x0, w.x0 + step, w):
                w.text, w.x0 = w.text[1:], w.x0 + step
            elif w.text[-1] in _STROKES and on_rule(w.x1 - step, w.x1, w):
                w.text, w.x1 = w.text[:-1], w.x1 - step
            else:
                break


def read_page(gray: Any, px_per_pt: float) -> PageText:
    """OCR one greyscale page image (numpy uint8) whose scale is ``px_per_pt`` pixels per point."""
    straight, angle = deskew(despeckle(gray)[0])
    boxes = recognise(straight)  # with its ruling: borders keep the detector from joining cells
    words = [w for b in boxes for w in b.words]
    hs, vs = ruling(straight, px_per_pt, [(w.x0, w.y0, w.x1, w.y1) for w in words])
    height_pt = straight.shape[0] / px_per_pt
    grids = find_grids(hs, vs)
    _strip_rulings(words, vs, px_per_pt, height_pt)
    for w in words:  # a lone Latin letter in a table cell is a misread digit or a speck
        if _lone_letter(w.text) and any(
                g.cell_at((w.x0 + w.x1) / 2 / px_per_pt, height_pt - (w.y0 + w.y1) / 2 / px_per_pt)
                for g in grids):
            w.text, w.score = UNREADABLE, 0.0
    chars = chars_of(boxes, px_per_pt, height_pt)
    extra = _empty_cells(straight, px_per_pt, height_pt, grids, chars)
    words += [w for b in extra for w in b.words]
    chars[-1:-1] = chars_of(extra, px_per_pt, height_pt)[:-1]
    return PageText(chars, hs, vs, height_pt, angle, len(words),
                    sum(1 for w in words if w.score < MIN_SCORE),
                    sum(w.score for w in words) / len(words) if words else 0.0)
