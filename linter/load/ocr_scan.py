"""OCR for a whole file: which pages, within which limits, and what it tells the reader.

Both the PDF loader (pages without a text layer, or every page with
``--ocr always``) and the image loader (.png/.jpg/.tif) come here.  A file
may have at most ``limits.max_ocr_pages`` pages read by OCR — more is
refused with GL908 before any is read, since a 300-page scan would take
half an hour and is not one annual report — and its OCR may take
``limits.max_ocr_seconds`` in all (GL908 when spent).  OCR time does not
count against ``limits.max_seconds``, which bounds the reading of text.

Every page read by OCR is recorded in ``Document.ocr_pages`` (page → mean
recognition score), so findings on it can say "扫描件识别" and name the page.
"""
from __future__ import annotations

import time
from typing import Any

from ..document import Document
from ..errors import LoadError
from ..limits import Limits
from . import ocr_engine


class Scanner:
    """The OCR budget of one file."""

    def __init__(self, limits: Limits, doc: Document) -> None:
        self.limits = limits
        self.doc = doc
        self.spent = 0.0

    @staticmethod
    def enabled(limits: Limits) -> bool:
        """Whether pages without text may be read by OCR (the mode allows it and the extra is installed)."""
        return limits.ocr != "never" and ocr_engine.available()

    def admit(self, pages: int) -> None:
        """Refuse a file with more OCR pages than allowed, before reading any."""
        if pages > self.limits.max_ocr_pages:
            raise LoadError(
                "GL908",
                f"扫描件共 {pages} 页需要识别，超过上限 {self.limits.max_ocr_pages} 页"
                "（配置 limits: {max-ocr-pages: …}），未识别",
                f"{pages} scanned pages to read, over the limit of {self.limits.max_ocr_pages}"
                " (config limits: {max-ocr-pages: …}); not read")

    def read(self, gray: Any, px_per_pt: float, page_no: int) -> Any:
        """OCR one page image; returns its :class:`.ocr_page.PageText`."""
        from .ocr_page import read_page

        if self.spent > self.limits.max_ocr_seconds:
            self._over()
        t0 = time.monotonic()
        text = read_page(gray, px_per_pt)
        self.spent += time.monotonic() - t0
        self.doc.ocr_pages[page_no] = round(text.mean_score, 3)
        if self.spent > self.limits.max_ocr_seconds:
            self._over()
        return text

    def _over(self) -> None:
        raise LoadError(
            "GL908",
            f"扫描件识别超过时间上限 {self.limits.max_ocr_seconds:g} 秒（limits.max-ocr-seconds），已停止",
            f"OCR took longer than the {self.limits.max_ocr_seconds:g} s limit (limits.max-ocr-seconds)")


def render(page: Any, dpi: int) -> tuple[Any, float]:
    """A PDF page as a greyscale image at ``dpi``, and its pixels per point."""
    scale = dpi / 72.0
    bitmap = page.render(scale=scale, grayscale=True)
    gray = bitmap.to_numpy()
    if gray.ndim == 3:
        gray = gray[:, :, 0]
    return gray.copy(), scale


def mark_scanned(diags: list[Any], ocr_pages: dict[int, float], lang: str) -> None:
    """Say on every finding placed on an OCR-read page that its text came from a scan.

    An officer must know that "表三 自然人列相差1" may be a misread digit: the
    finding names the page, so the scan can be looked at.
    """
    if not ocr_pages:
        return
    for d in diags:
        page = getattr(d.span, "page", None) if d.span is not None else None
        if page in ocr_pages:
            d.message += (f"（扫描件识别，第{page}页）" if lang == "zh"
                          else f" (read by OCR from a scan, page {page})")
        mark_scanned(d.folded, ocr_pages, lang)
