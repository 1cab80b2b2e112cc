"""PDF reports, read with pypdfium2 (PDFium) alone.

PDFium gives each character with its box, in content-stream order, which
for Word/WPS exports is reading order, plus the page's vector objects.
Report tables are drawn with ruling lines, so tables are recovered from
geometry (see :mod:`._pdfgrid`): ruling segments → cell grid with merges →
characters assigned by their box centres.  Every table row becomes one row
Line (cells joined by tabs, a merged cell's text once at its top-left), in
the place of the stream where the table's first character occurs; all other
characters become one Line per PDFium text line.  A page without ruling
keeps plain text lines, which the parser's text path reads.

pdfplumber/pdfminer was not used: PDFium is C, loads this corpus's 6-page
report with tables in well under a tenth of a second, and is already a
dependency.  Line numbers are the running index of the emitted lines, and
``source_lines`` are those lines before normalisation.
"""
from __future__ import annotations

import re
import time
from typing import Any, Optional

from ..document import Document, Line, normalize_line, row_line
from ..errors import LoadError
from ..limits import Limits
from ._pdfcell import cell_text
from ._pdfgrid import Grid, find_grids, segments_of_page
from ._positioned import Deadline, guarded

# page furniture: "- 4 -", "— 4 —", "第 4 页", "4 / 6"; a bare "4" only in the margin
_PAGE_NO = re.compile(r"^\s*(?:[-—–－]+\s*\d+\s*[-—–－]+|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?"
                      r"|\d+\s*/\s*\d+)\s*$")
_BARE_NO = re.compile(r"^\s*\d{1,3}\s*$")
_MARGIN = 0.08  # share of the page height at top and bottom that holds page numbers


def _cjk(ch: str) -> bool:
    return ch > "\u2e7f"


class _Char:
    """One PDFium character: its (tight) box centre places it in a cell; its
    baseline, advance edges (loose box) and font size put a cell's
    characters in reading order."""

    __slots__ = ("ch", "gen", "cx", "cy", "h", "x0", "x1", "oy", "size")

    def __init__(self, ch: str, gen: bool, box: tuple[float, float, float, float],
                 origin_y: float, size: float) -> None:
        self.ch = ch
        self.gen = gen
        self.x0, self.x1 = box[0], box[2]
        self.cx = (box[0] + box[2]) / 2
        self.cy = (box[1] + box[3]) / 2
        self.h = box[3] - box[1]
        self.oy = origin_y
        self.size = size


def _chars(textpage: Any, raw: Any) -> list[_Char]:
    import ctypes

    n = textpage.count_chars()
    out: list[_Char] = []
    ox, oy = ctypes.c_double(), ctypes.c_double()
    for i in range(n):
        u = raw.FPDFText_GetUnicode(textpage.raw, i)
        ch = chr(u) if 0 < u < 0x110000 and not 0xD800 <= u < 0xE000 else "\ufffd"
        gen = bool(raw.FPDFText_IsGenerated(textpage.raw, i))
        if gen:
            out.append(_Char(ch, gen, (0.0, 0.0, 0.0, 0.0), 0.0, 0.0))
            continue
        box = textpage.get_charbox(i)
        if not raw.FPDFText_GetCharOrigin(textpage.raw, i, ctypes.byref(ox), ctypes.byref(oy)):
            oy.value = box[1]
        c = _Char(ch, gen, box, oy.value, raw.FPDFText_GetFontSize(textpage.raw, i))
        c.x0, _, c.x1, _ = textpage.get_charbox(i, loose=True)
        out.append(c)
    return out


def _join(prev: Optional[_Char], between: list[_Char], ch: _Char) -> str:
    """Separator between two characters that end up next to each other.

    A line break inside a cell or between wrapped parts joins CJK without a
    space; a space PDFium generated between two CJK characters is letter
    spacing (justified headers: "结 果 维 持"), not a word break.
    """
    if prev is None:
        return ""
    if any(c.ch in "\r\n" for c in between):
        return "" if _cjk(prev.ch) or _cjk(ch.ch) else " "
    if any(c.ch == " " for c in between):
        return "" if _cjk(prev.ch) and _cjk(ch.ch) else " "
    return ""


class _Page:
    """Splits one page's characters into text lines and table rows."""

    def __init__(self, chars: list[_Char], grids: list[Grid], height: float) -> None:
        self.chars = chars
        self.grids = grids
        self.height = height

    def _furniture(self, text: str, ys: list[float]) -> bool:
        """A page number line: never report text, and its digits would read as cell values."""
        if _PAGE_NO.match(text):
            return True
        if _BARE_NO.match(text) and ys:
            y = sum(ys) / len(ys)
            return y < self.height * _MARGIN or y > self.height * (1 - _MARGIN)
        return False

    def items(self) -> list[tuple[str, Any]]:
        """("text", str) and ("table", (grid, rows)) in reading order."""
        cell_of: dict[int, tuple[int, int, int]] = {}
        for gi, g in enumerate(self.grids):
            for k, c in enumerate(self.chars):
                if c.gen or c.ch in "\r\n":
                    continue
                rc = g.cell_at(c.cx, c.cy)
                if rc is not None:
                    cell_of[k] = (gi, rc[0], rc[1])
        out: list[tuple[str, Any]] = []
        placed: set[int] = set()
        cells: dict[tuple[int, int, int], list[int]] = {}
        for k, key in cell_of.items():
            cells.setdefault(key, []).append(k)
        line: list[str] = []
        ys: list[float] = []
        prev: Optional[int] = None

        def end_line() -> None:
            text = "".join(line).strip()
            if text and not self._furniture(text, ys):
                out.append(("text", text))
            line.clear()
            ys.clear()

        for k, c in enumerate(self.chars):
            if c.ch == "\n":
                end_line()
                prev = None
            elif k in cell_of:
                gi = cell_of[k][0]
                if gi not in placed:
                    placed.add(gi)
                    end_line()
                    prev = None
                    out.append(("table", (self.grids[gi], self._rows(gi, cells))))
            elif c.gen or c.ch == "\r":
                continue
            else:
                if prev is not None:
                    line.append(_join(self.chars[prev], self.chars[prev + 1:k], c))
                line.append(c.ch)
                ys.append(c.cy)
                prev = k
        end_line()
        return out

    def _rows(self, gi: int, cells: dict[tuple[int, int, int], list[int]]) -> list[list[str]]:
        g = self.grids[gi]
        rows: list[list[str]] = []
        for r in range(g.nrows):
            row: list[str] = []
            for c in range(g.ncols):
                anchor = g.anchor(r, c)
                text = ""
                if anchor == (r, c):
                    text = cell_text([self.chars[k] for (r2, c2) in g.members(r, c)
                                      for k in cells.get((gi, r2, c2), [])])
                row.append(text)
            rows.append(row)
        return rows


def _open(data: bytes) -> Any:
    import pypdfium2 as pdfium
    try:
        return pdfium.PdfDocument(data)
    except (ValueError, TypeError, OSError) as e:
        raise LoadError("GL901", f"PDF 无法打开：{e}", f"cannot open the PDF: {e}")
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg or getattr(e, "err_code", None) == 4:
            raise LoadError("GL901", "PDF 已加密（需要密码才能打开），请提供未加密的 PDF",
                            "the PDF is encrypted (a password is needed to open it); "
                            "provide an unencrypted PDF")
        if "format" in msg or "file" in msg:
            raise LoadError("GL901", "PDF 文件已损坏或不完整（可能下载中断），无法打开",
                            "the PDF is damaged or incomplete (perhaps a broken download)")
        raise LoadError("GL901", f"PDF 无法打开：{e}", f"cannot open the PDF: {e}")


class _Emitter:
    """Numbers the emitted lines and keeps tables continued across pages."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.tables = 0
        self.last_table: Optional[tuple[int, int, int]] = None  # (index, ncols, next row)

    def text(self, raw_text: str, page: int) -> None:
        n = len(self.doc.lines) + 1
        self.doc.source_lines.append(raw_text)
        self.doc.lines.append(normalize_line(raw_text, n, page=page))
        self.last_table = None

    def table(self, grid: Grid, rows: list[list[str]], page: int, first_on_page: bool) -> None:
        cont = self.last_table
        if first_on_page and cont and cont[1] == grid.ncols:
            index, row_no = cont[0], cont[2]  # the table goes on from the last page
        else:
            self.tables += 1
            index, row_no = self.tables, 1
        for cells in rows:
            if any(cells):
                n = len(self.doc.lines) + 1
                self.doc.source_lines.append("\t".join(cells))
                col = 1
                lines: list[Line] = []
                for c in cells:
                    lines.append(normalize_line(c, n, col, page))
                    col += len(c) + 1
                line = row_line(lines, index, row_no, list(range(1, grid.ncols + 1)))
                line.page = page
                self.doc.lines.append(line)
            row_no += 1
        self.last_table = (index, grid.ncols, row_no)


def _has_text(chars: list[_Char]) -> bool:
    return any(not c.gen and not c.ch.isspace() for c in chars)


def scan_dpi() -> int:
    """The resolution scanned pages are rendered at (see :mod:`.ocr_page`)."""
    from .ocr_page import DPI

    return DPI


def _scanner(pdf: Any, pages: int, limits: Limits, doc: Document) -> Any:
    """The OCR budget when OCR may run (mode and extra), after counting the pages it would read."""
    from .ocr_scan import Scanner

    if not Scanner.enabled(limits):
        return None
    if limits.ocr == "always":
        todo = pages
    else:
        todo = 0
        for i in range(pages):
            page = pdf[i]
            textpage = page.get_textpage()
            try:
                todo += textpage.count_chars() == 0 or not textpage.get_text_range().strip()
            finally:
                textpage.close()
                page.close()
    scan = Scanner(limits, doc)
    scan.admit(todo)
    return scan


@guarded("PDF", "PDF")
def load_pdf(path: str, data: bytes, limits: Limits) -> Document:
    """Read a PDF into a Document (kind "pdf"), or raise LoadError."""
    import pypdfium2.raw as raw

    deadline = Deadline(limits.max_seconds, " PDF", "PDF")
    pdf = _open(data)
    try:
        total = len(pdf)
        if total <= 0:
            raise LoadError("GL901", "PDF 没有任何页面", "the PDF has no pages")
        doc = Document(path=path, kind="pdf", pages=total)
        if total > limits.max_pages:
            doc.warnings.append(f"PDF 共 {total} 页，只读取了前 {limits.max_pages} 页"
                                f" / the PDF has {total} pages; only the first "
                                f"{limits.max_pages} were read")
        out = _Emitter(doc)
        no_text: list[int] = []
        failed: list[str] = []
        scan = _scanner(pdf, min(total, limits.max_pages), limits, doc)
        for i in range(min(total, limits.max_pages)):
            deadline.check()
            try:
                page = pdf[i]
                textpage = page.get_textpage()
                try:
                    chars = _chars(textpage, raw)
                    if scan is not None and (limits.ocr == "always" or not _has_text(chars)):
                        started = time.monotonic()
                        from .ocr_scan import render

                        read = scan.read(*render(page, scan_dpi()), i + 1)
                        deadline.end += time.monotonic() - started  # OCR has its own budget
                        chars, height = read.chars, read.height
                        grids = find_grids(read.hs, read.vs)
                    elif not _has_text(chars):
                        no_text.append(i + 1)
                        continue
                    else:
                        segs = segments_of_page(page, raw)
                        grids = find_grids(*segs) if segs else []
                        height = page.get_height()
                    items = _Page(chars, grids, height).items()
                finally:
                    textpage.close()
                    page.close()
            except LoadError:
                raise
            except Exception as e:  # PdfiumError and friends on a damaged page
                doc.warnings.append(f"第 {i + 1} 页无法读取：{e} / page {i + 1} unreadable: {e}")
                failed.append(f"{type(e).__name__}: {e}")
                continue
            first = True
            for kind, item in items:
                if kind == "text":
                    out.text(item, i + 1)
                else:
                    out.table(item[0], item[1], i + 1, first)
                first = False
        if not doc.lines and failed:  # say why, not "no text layer"
            raise LoadError("GL901", f"PDF 的页面无法读取：{failed[0]}", f"the PDF's pages cannot be read: {failed[0]}")
        if not doc.lines:
            if scan is None and limits.ocr != "never":
                from .ocr_engine import require

                require()  # GL906 saying how to install the extra
            raise LoadError("GL906", "PDF 没有文字层（可能是扫描件），请提供带文字层的 PDF"
                            + ("（已用 --ocr never 关闭扫描件识别）" if limits.ocr == "never" else ""),
                            "the PDF has no text layer (probably scanned); provide a PDF with text"
                            + (" (OCR is off: --ocr never)" if limits.ocr == "never" else ""))
        if no_text:
            pages = "、".join(str(p) for p in no_text[:10]) + ("…" if len(no_text) > 10 else "")
            doc.warnings.append(f"PDF 第 {pages} 页没有文字层（可能是扫描页），这些页未检查"
                                f" / pages {pages} have no text layer and were not checked")
        return doc
    finally:
        pdf.close()
