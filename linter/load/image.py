"""Reports published as page images (.png, .jpg, .tif): read with OCR.

Portals post the signed and stamped report as one image per page, or as a
multi-page TIFF.  Every frame is a page, read by the same OCR page path as a
scanned PDF page (:mod:`.ocr_page`) and assembled by the PDF loader's page
code, so tables come out as native rows.  An image's scale is its own
resolution (the dpi it records, else ``ocr_page.DPI``): it is read as it is,
never scaled up, since enlarging adds no detail.  Without the ``ocr`` extra
(or with ``--ocr never``) an image is GL906 saying what to install.

Pillow comes with the extra (RapidOCR depends on it).
"""
from __future__ import annotations

import io
from typing import Any

from ..document import Document
from ..errors import LoadError
from ..limits import Limits
from ._positioned import guarded

SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")


def _frames(data: bytes) -> tuple[Any, int]:
    from PIL import Image, UnidentifiedImageError

    try:
        img = Image.open(io.BytesIO(data))
        img.load()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as e:
        raise LoadError("GL901", f"图片无法打开（文件损坏或不是图片）：{e}",
                        f"cannot open the image (damaged, or not an image): {e}")
    return img, int(getattr(img, "n_frames", 1) or 1)


def _dpi(img: Any) -> float:
    from .ocr_page import DPI

    dpi = img.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    return value if 50 <= value <= 1200 else float(DPI)


@guarded("图片", "image")
def load_image(path: str, data: bytes, limits: Limits) -> Document:
    """Read an image file (every frame a page) into a Document (kind "image"), or raise LoadError."""
    import numpy as np

    from .ocr_engine import require
    from .ocr_scan import Scanner
    from .pdf import _Emitter, _Page
    from ._pdfgrid import find_grids

    if limits.ocr == "never":
        raise LoadError("GL906", "图片没有文字层，已用 --ocr never 关闭扫描件识别",
                        "an image has no text layer, and OCR is off (--ocr never)")
    require()
    img, frames = _frames(data)
    doc = Document(path=path, kind="image", pages=frames)
    scan = Scanner(limits, doc)
    scan.admit(frames)
    out = _Emitter(doc)
    for i in range(frames):
        img.seek(i)
        gray = np.asarray(img.convert("L"), dtype=np.uint8).copy()
        text = scan.read(gray, _dpi(img) / 72.0, i + 1)
        first = True
        for kind, item in _Page(text.chars, find_grids(text.hs, text.vs), text.height).items():
            if kind == "text":
                out.text(item, i + 1)
            else:
                out.table(item[0], item[1], i + 1, first)
            first = False
    if not doc.lines:
        raise LoadError("GL906", "图片中没有识别出文字", "no text was recognised in the image")
    return doc
