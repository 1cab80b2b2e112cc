"""Page images before OCR: binarise, straighten, find the table ruling.

A scan is rarely straight: a sheet fed a little askew is rotated by a
degree or two, which is enough to put a number on the next row's baseline.
The skew is the angle at which the ink's row profile is sharpest (text lines
and table rulings then fall into few pixel rows); the page is rotated back
before anything is read.

Report tables are ruled, and the ruling survives scanning far better than
the digits: morphological opening of the binarised page with a long thin
kernel keeps only runs of ink longer than any glyph stroke, horizontally and
vertically.  Each remaining component is a ruling segment, handed to the same
grid builder the PDF loader uses (:func:`._pdfgrid.find_grids`), in the same
page space (points, y upward), so a scanned table has the same rows and
merged cells as its text-layer original.

OpenCV and numpy come with the ``ocr`` extra (RapidOCR depends on both).
"""
from __future__ import annotations

from typing import Any, Iterable

from ._pdfgrid import Seg, _merge

MAX_SKEW = 3.0  # degrees searched either way; a worse scan is a photo, not a feed skew
# ink runs at least this long (points) are ruling: longer than any stroke of
# body (11 pt) or table (7 pt) text, shorter than a one-row cell border
H_MIN_PT = 18.0
V_MIN_PT = 8.5
THICK_PT = 3.0  # a ruling is thinner than this
SPECKLED = 0.0005  # share of isolated ink pixels above which a page is denoised
END_PT = 2.5  # a vertical ruling ends this close to a horizontal one


def binarise(gray: Any) -> Any:
    """Ink = 1, paper = 0 (Otsu's threshold: scans differ in brightness)."""
    import cv2

    _, ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


def _profile_score(ink: Any, angle: float) -> float:
    import cv2
    import numpy as np

    h, w = ink.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rot = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    rows = rot.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(rows)).sum())


def skew_angle(gray: Any) -> float:
    """The rotation (degrees, OpenCV's sense) that straightens the page."""
    import cv2
    import numpy as np

    ink = binarise(gray)
    scale = 800.0 / max(ink.shape)
    small = cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else ink
    if not small.any():
        return 0.0
    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.5), key=lambda a: _profile_score(small, a))
    fine = np.arange(best - 0.5, best + 0.5 + 1e-9, 0.1)
    return float(max(fine, key=lambda a: _profile_score(small, a)))


def deskew(gray: Any) -> tuple[Any, float]:
    """The page rotated straight (white corners) and the angle applied."""
    import cv2

    angle = skew_angle(gray)
    if abs(angle) < 0.05:
        return gray, 0.0
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255), angle


def _in_text(boxes: Any, x: float, y: float, w: float, h: float) -> bool:
    """Whether the run (x, y, w, h) lies within one word's box (with a point's slack)."""
    if not len(boxes):
        return False
    slack = 2.0
    inside = ((boxes[:, 0] - slack <= x) & (boxes[:, 1] - slack <= y)
              & (boxes[:, 2] + slack >= x + w) & (boxes[:, 3] + slack >= y + h))
    return bool(inside.any())


def despeckle(gray: Any) -> tuple[Any, bool]:
    """The page with salt-and-pepper noise removed (3×3 median), if it has any.

    A speck next to a digit reads as "0." and a speck in a blank cell as a
    stroke; a clean page is left exactly as it is (a median filter thins
    fine strokes a little, for nothing).
    """
    import cv2
    import numpy as np

    ink = binarise(gray)
    neighbours = cv2.boxFilter(ink, cv2.CV_16U, (3, 3), normalize=False)
    isolated = int(np.count_nonzero((ink == 1) & (neighbours == 1)))
    if isolated <= SPECKLED * ink.size:
        return gray, False
    return cv2.medianBlur(gray, 3), True


def _segments(mask: Any, horizontal: bool, px_per_pt: float, height_pt: float,
              boxes: Any) -> list[Seg]:
    import cv2

    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out: list[Seg] = []
    thick = THICK_PT * px_per_pt
    for i in range(1, n):
        x, y, w, h = (float(v) for v in stats[i][:4])
        if _in_text(boxes, x, y, w, h):
            continue
        if horizontal and h <= thick:
            out.append((height_pt - (y + h / 2) / px_per_pt, x / px_per_pt, (x + w) / px_per_pt))
        elif not horizontal and w <= thick:
            out.append(((x + w / 2) / px_per_pt, height_pt - (y + h) / px_per_pt,
                        height_pt - y / px_per_pt))
    return _merge(out)


def ruling(gray: Any, px_per_pt: float,
           text: Iterable[tuple[float, float, float, float]] = ()) -> tuple[list[Seg], list[Seg]]:
    """Horizontal and vertical ruling segments in page points (y upward).

    ``text`` are the recognised words' boxes (pixels): their ink is erased
    first, since the strokes of CJK text set in a grid line up into
    "rulings" of their own (every 口 has two verticals): a run of ink that lies
    inside a word's box is a stroke, not a ruling.
    """
    import cv2

    import numpy as np

    ink = binarise(gray)
    boxes = np.array(list(text), dtype=np.float64).reshape(-1, 4)
    height_pt = gray.shape[0] / px_per_pt
    gap = max(3, int(round(1.5 * px_per_pt)))  # scanner dropouts in a line
    hk = max(10, int(H_MIN_PT * px_per_pt))
    vk = max(8, int(V_MIN_PT * px_per_pt))
    horiz = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
    horiz = cv2.morphologyEx(horiz, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (hk, 1)))
    vert = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, gap)))
    vert = cv2.morphologyEx(vert, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, vk)))
    hs = _segments(horiz, True, px_per_pt, height_pt, boxes)
    return hs, _anchored(_segments(vert, False, px_per_pt, height_pt, boxes), hs)


def _anchored(vs: list[Seg], hs: list[Seg]) -> list[Seg]:
    """Vertical rulings that end on horizontal ones, as every cell border does.

    Digits stacked in a column, speckles and stamp strokes can line up into a
    vertical run; it does not start and stop exactly at two row rules.
    """
    def meets(x: float, y: float) -> bool:
        return any(abs(hy - y) <= END_PT and x0 - END_PT <= x <= x1 + END_PT for hy, x0, x1 in hs)

    return [v for v in vs if meets(v[0], v[1]) and meets(v[0], v[2])]

