"""Scanned versions of generated PDFs: every page an image, no text layer.

A portal's 图片版 report is a printed page scanned back: what OCR sees is
pixels at some resolution, a little rotated, with speckles.  ``scanned_pdf``
renders each page of a text PDF with PDFium (pypdfium2) at ``dpi``, turns it
by ``rotate`` degrees, sprinkles ``noise`` (share of pixels flipped to a
random grey, seeded, so the file is the same on every run) and writes the
images as a PDF with Pillow — which has no text layer at all.
"""
from __future__ import annotations

import random
from typing import Optional


def page_images(src: str, dpi: int = 200, rotate: float = 0.0, noise: float = 0.0,
                seed: int = 17, pages: Optional[int] = None) -> list:  # type: ignore[type-arg]
    """The pages of ``src`` as greyscale PIL images, as a scanner would give them."""
    import pypdfium2 as pdfium
    from PIL import Image

    rng = random.Random(seed)
    out = []
    pdf = pdfium.PdfDocument(src)
    try:
        for i in range(len(pdf) if pages is None else min(pages, len(pdf))):
            img = pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            if rotate:
                img = img.rotate(rotate, resample=Image.BICUBIC, expand=False, fillcolor=255)
            if noise:
                px = img.load()
                w, h = img.size
                for _ in range(int(w * h * noise)):
                    px[rng.randrange(w), rng.randrange(h)] = rng.randrange(0, 256)
            out.append(img)
    finally:
        pdf.close()
    return out


def scanned_pdf(src: str, dst: str, dpi: int = 200, rotate: float = 0.0, noise: float = 0.0,
                pages: Optional[int] = None) -> str:
    """Write ``dst``: ``src`` as an image-only PDF (see the module docstring)."""
    imgs = page_images(src, dpi, rotate, noise, pages=pages)
    imgs[0].save(dst, "PDF", resolution=float(dpi), save_all=True, append_images=imgs[1:])
    return dst


def cjk_renders() -> bool:
    """Whether PDFium draws the generator's Chinese: its font (STSong-Light) is not
    embedded, so it needs a CJK font on the machine (fonts-wqy-microhei)."""
    import io

    import pypdfium2 as pdfium
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from .build import FONT

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buf = io.BytesIO()
    cv = canvas.Canvas(buf, pagesize=(100, 40))
    cv.setFont(FONT, 20)
    cv.drawString(5, 10, "政府")
    cv.save()
    pdf = pdfium.PdfDocument(buf.getvalue())
    try:
        img = pdf[0].render(scale=1, grayscale=True).to_pil().convert("L")
    finally:
        pdf.close()
    return img.getextrema()[0] < 128
