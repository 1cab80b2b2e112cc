"""Table grids from a PDF page's ruling lines.

Report tables in PDFs (Word, WPS, reportlab exports) are drawn with ruling:
either stroked line segments, stroked rectangles per cell, or thin filled
rectangles.  We reduce every path to axis-aligned segments in page space,
merge collinear pieces, group segments that touch into tables, and build a
grid from the distinct x of vertical and y of horizontal rulings.  Two
neighbouring grid cells belong to one merged cell exactly when the ruling
between them is missing at their midpoint, which is how rowspan/colspan look
on paper.  Pure geometry on a few hundred segments: microseconds per page.
"""
from __future__ import annotations

import bisect
import ctypes
from typing import Any, Optional

TOL = 2.0  # points: rulings closer than this are the same line
MIN_LEN = 4.0  # shorter pieces are glyph strokes, arrow heads, thin rect ends
THIN = 3.0  # a filled shape thinner than this is a ruling line
MAX_SEGMENTS = 20_000

Seg = tuple[float, float, float]  # (position, start, end) along the other axis
Matrix = tuple[float, float, float, float, float, float]


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """Apply m first, then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _matrix(raw: Any, obj: Any) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _path_points(raw: Any, obj: Any, m: Matrix) -> Optional[list[tuple[int, float, float, bool]]]:
    n = raw.FPDFPath_CountSegments(obj)
    if n <= 0 or n > 2000:
        return None  # empty, or a drawing/map rather than ruling
    x, y = ctypes.c_float(), ctypes.c_float()
    a, b, c, d, e, f = m
    pts = []
    for k in range(n):
        seg = raw.FPDFPath_GetPathSegment(obj, k)
        raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        px, py = x.value, y.value
        pts.append((raw.FPDFPathSegment_GetType(seg), a * px + c * py + e, b * px + d * py + f,
                    bool(raw.FPDFPathSegment_GetClose(seg))))
    return pts


def _add_path(raw: Any, obj: Any, m: Matrix, hs: list[Seg], vs: list[Seg]) -> None:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
    pts = _path_points(raw, obj, m)
    if not pts:
        return
    xs = [p[1] for p in pts]
    ys = [p[2] for p in pts]
    if not stroke.value and min(max(xs) - min(xs), max(ys) - min(ys)) > THIN:
        return  # a shaded area, not a line
    start = cur = None
    for typ, px, py, close in pts:
        if typ == raw.FPDF_SEGMENT_MOVETO or cur is None:
            start = cur = (px, py)
        else:
            if typ == raw.FPDF_SEGMENT_LINETO:
                _edge(cur, (px, py), hs, vs)
            cur = (px, py)
        if close and start is not None:
            _edge(cur, start, hs, vs)
            cur = start


def _edge(p: tuple[float, float], q: tuple[float, float], hs: list[Seg], vs: list[Seg]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) <= 0.5 and abs(x1 - x0) >= MIN_LEN:
        hs.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) <= 0.5 and abs(y1 - y0) >= MIN_LEN:
        vs.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def segments_of_page(page: Any, raw: Any) -> Optional[tuple[list[Seg], list[Seg]]]:
    """Horizontal and vertical ruling segments in page space (None: too many)."""
    hs: list[Seg] = []
    vs: list[Seg] = []
    stack: list[tuple[Any, Any, Any, Matrix, int]] = [
        (raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, page.raw,
         (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0)]
    while stack:
        count, get, parent, base, depth = stack.pop()
        for i in range(count(parent)):
            obj = get(parent, i)
            typ = raw.FPDFPageObj_GetType(obj)
            if typ == raw.FPDF_PAGEOBJ_PATH:
                _add_path(raw, obj, _mul(_matrix(raw, obj), base), hs, vs)
            elif typ == raw.FPDF_PAGEOBJ_FORM and depth < 4:
                stack.append((raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject, obj,
                              _mul(_matrix(raw, obj), base), depth + 1))
            if len(hs) + len(vs) > MAX_SEGMENTS:
                return None
    return _merge(hs), _merge(vs)


def _merge(segs: list[Seg]) -> list[Seg]:
    """Snap nearly equal positions together and join touching pieces."""
    out: list[Seg] = []
    segs = sorted(segs)
    i = 0
    while i < len(segs):
        j = i
        while j + 1 < len(segs) and segs[j + 1][0] - segs[j][0] <= TOL:
            j += 1
        group = segs[i:j + 1]
        pos = sum(s[0] for s in group) / len(group)
        spans = sorted((s[1], s[2]) for s in group)
        a, b = spans[0]
        for s0, s1 in spans[1:]:
            if s0 <= b + TOL:
                b = max(b, s1)
            else:
                out.append((pos, a, b))
                a, b = s0, s1
        out.append((pos, a, b))
        i = j + 1
    return out


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= TOL:
            continue
        out.append(v)
    return out


class Grid:
    """One ruled table: column x's ascending, row y's descending (top first)."""

    def __init__(self, xs: list[float], ys: list[float], hs: list[Seg], vs: list[Seg]) -> None:
        self.xs = xs
        self.ys = ys
        self.nrows = len(ys) - 1
        self.ncols = len(xs) - 1
        parent = list(range(self.nrows * self.ncols))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        def union(i: int, j: int) -> None:
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)  # keeps the top-left as root

        for r in range(self.nrows):
            ym = (ys[r] + ys[r + 1]) / 2
            for c in range(self.ncols):
                if c + 1 < self.ncols and not _covers(vs, xs[c + 1], ym):
                    union(r * self.ncols + c, r * self.ncols + c + 1)
                if r + 1 < self.nrows and not _covers(hs, ys[r + 1], (xs[c] + xs[c + 1]) / 2):
                    union(r * self.ncols + c, (r + 1) * self.ncols + c)
        self._root = [find(i) for i in range(len(parent))]
        self._members: dict[int, list[tuple[int, int]]] = {}
        for i, root in enumerate(self._root):
            self._members.setdefault(root, []).append(divmod(i, self.ncols))

    @property
    def top(self) -> float:
        """The table's top edge (PDF y grows upward, so this is the largest row line)."""
        return self.ys[0]

    def cell_at(self, x: float, y: float) -> Optional[tuple[int, int]]:
        """Grid position (row, column) of a point; None outside the table, so that text is not a cell."""
        if not (self.xs[0] - TOL < x < self.xs[-1] + TOL and self.ys[-1] - TOL < y < self.ys[0] + TOL):
            return None
        c = min(max(bisect.bisect_right(self.xs, x) - 1, 0), self.ncols - 1)
        neg = [-v for v in self.ys]
        r = min(max(bisect.bisect_right(neg, -y) - 1, 0), self.nrows - 1)
        return r, c

    def anchor(self, r: int, c: int) -> tuple[int, int]:
        """Top-left grid position of the (merged) cell covering (r, c)."""
        return divmod(self._root[r * self.ncols + c], self.ncols)

    def members(self, r: int, c: int) -> list[tuple[int, int]]:
        """All grid positions merged with (r, c): a spanning cell's text is gathered from each."""
        return self._members.get(self._root[r * self.ncols + c], [(r, c)])


def _covers(segs: list[Seg], pos: float, at: float) -> bool:
    for p, a, b in segs:
        if abs(p - pos) <= TOL and a - TOL <= at <= b + TOL:
            return True
    return False


def find_grids(hs: list[Seg], vs: list[Seg]) -> list[Grid]:
    """Group touching rulings into tables and build each table's grid."""
    if not hs or not vs or len(hs) * len(vs) > 4_000_000:
        return []
    n = len(hs) + len(vs)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, x0, x1) in enumerate(hs):
        for j, (x, y0, y1) in enumerate(vs):
            if x0 - TOL <= x <= x1 + TOL and y0 - TOL <= y <= y1 + TOL:
                ri, rj = find(i), find(len(hs) + j)
                if ri != rj:
                    parent[ri] = rj
    groups: dict[int, tuple[list[Seg], list[Seg]]] = {}
    for i in range(n):
        g = groups.setdefault(find(i), ([], []))
        (g[0] if i < len(hs) else g[1]).append(hs[i] if i < len(hs) else vs[i - len(hs)])
    grids = []
    for ghs, gvs in groups.values():
        xs = _cluster([v[0] for v in gvs])
        ys = sorted(_cluster([h[0] for h in ghs]), reverse=True)
        if len(xs) >= 3 and len(ys) >= 2:  # at least two columns
            grids.append(Grid(xs, ys, ghs, gvs))
    return sorted(grids, key=lambda g: -g.top)
