"""OCR engines on the same scanned pages: accuracy on digits and labels, seconds per page, size.

Usage (from a clone, after ``pip install -e ".[ocr,dev]"``; tesseract is
optional: ``apt-get install tesseract-ocr tesseract-ocr-chi-sim``)::

    python benchmarks/bench_ocr.py              # seeds 000 and 001 (6 pages) at 150 and 200 dpi
    python benchmarks/bench_ocr.py --seeds 5    # all five seeds

The seeds are rebuilt as text PDFs by the test generator and rendered to
page images (a scan with no noise).  For each engine and resolution it
prints, per page averaged:

* digits: share of all the pages' text-layer digits the engine's output has in the
  same order (difflib matching blocks over the digit-only strings; both read
  a table row left to right);
* labels: the same over the CJK characters (table labels and prose);
* s/page: wall seconds of recognition alone (govlint's OCR page cache off);
* for RapidOCR through govlint (``load``): cells right of the parsed tables.

and the installed size of each engine.  Nothing is asserted: these are
figures for the README, measured on this machine (printed first).
"""
from __future__ import annotations

import argparse
import difflib
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
os.environ["GOVLINT_NO_CACHE"] = "1"  # measure recognition, not the cache


def _cjk(text: str) -> str:
    return "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")


def _matched(a: str, b: str) -> tuple[int, int]:
    """How many of ``a``'s characters ``b`` has in the same order (difflib matching blocks), of how many."""
    m = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(bl.size for bl in m.get_matching_blocks()), len(a)


def _scores(truth: str, got: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """(digits matched, of), (CJK characters matched, of) for one page."""
    return (_matched(re.sub(r"\D", "", truth), re.sub(r"\D", "", got)),
            _matched(_cjk(truth), _cjk(got)))


def _rapid(img) -> str:  # type: ignore[no-untyped-def]
    import numpy as np

    from govlint.load.ocr_engine import recognise

    boxes = recognise(np.asarray(img))
    return "\n".join("".join(w.text for w in b.words) for b in boxes)


def _tesseract(img) -> str:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "page.png")
        img.save(p)
        r = subprocess.run(["tesseract", p, "stdout", "-l", "chi_sim", "--psm", "6"],
                           capture_output=True, text=True)
        return r.stdout


def _size(paths: list[str]) -> float:
    total = 0
    for p in paths:
        for root, _, files in os.walk(p):
            total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total / 1e6


def _machine() -> str:
    cpu = ""
    try:
        cpu = next(ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"{os.cpu_count()} cores, {cpu or platform.processor()}, Python {platform.python_version()}, "
            f"load {os.getloadavg()[0]:.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=2)
    ap.add_argument("--dpi", type=int, nargs="*", default=[150, 200])
    args = ap.parse_args()

    import pypdfium2 as pdfium

    from gen.build import content_from_seed, to_pdf
    from gen.paths import SEEDS
    from gen.scan import page_images, scanned_pdf
    from govlint.load import load
    from govlint.parse import parse_document

    print("machine:", _machine())
    engines = {"rapidocr": _rapid}
    if shutil.which("tesseract"):
        engines["tesseract"] = _tesseract
    work = Path(tempfile.mkdtemp(prefix="bench-ocr-"))
    pdfs = []
    for seed in SEEDS[:args.seeds]:
        p = work / f"{seed.stem}.pdf"
        to_pdf(content_from_seed(str(seed)), str(p))
        pdfs.append(p)
    for dpi in args.dpi:
        for name, run in engines.items():
            d = [0, 0]
            lab = [0, 0]
            secs = 0.0
            n = 0
            for p in pdfs:
                doc = pdfium.PdfDocument(str(p))
                truths = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
                for img, truth in zip(page_images(str(p), dpi=dpi), truths):
                    t0 = time.perf_counter()
                    got = run(img)
                    secs += time.perf_counter() - t0
                    (da, dn), (la, ln) = _scores(truth, got)
                    d, lab, n = [d[0] + da, d[1] + dn], [lab[0] + la, lab[1] + ln], n + 1
            print(f"{name:10} {dpi} dpi: digits {d[0] / max(1, d[1]):.1%}  "
                  f"labels {lab[0] / max(1, lab[1]):.1%}  "
                  f"{secs / n:.1f} s/page  ({n} pages)")
        right = total = 0
        t0 = time.perf_counter()
        pages = 0
        for p in pdfs:
            scan = scanned_pdf(str(p), str(work / f"{p.stem}-{dpi}.pdf"), dpi)
            text = {k: c.raw for t in parse_document(load(str(p))).tables.values() for k, c in t.cells.items()}
            got = {k: c.raw for t in parse_document(load(scan)).tables.values() for k, c in t.cells.items()}
            right += sum(1 for k, v in text.items() if got.get(k) == v)
            total += len(text)
            pages += len(pdfium.PdfDocument(scan))
        print(f"govlint load (rapidocr) {dpi} dpi: cells {right}/{total}, "
              f"{(time.perf_counter() - t0) / pages:.1f} s/page with deskew, ruling and parsing")
    import onnxruntime
    import rapidocr

    site = [os.path.dirname(rapidocr.__file__), os.path.dirname(onnxruntime.__file__)]
    try:
        import cv2

        site.append(os.path.dirname(cv2.__file__))
    except ImportError:
        pass
    print(f"install size: rapidocr + onnxruntime + opencv-headless {_size(site):.0f} MB")
    if shutil.which("dpkg-query"):
        r = subprocess.run(["dpkg-query", "-Wf", "${Installed-Size}\n", "tesseract-ocr",
                            "tesseract-ocr-chi-sim", "tesseract-ocr-eng", "libtesseract5", "liblept5"],
                           capture_output=True, text=True)
        kb = sum(int(x) for x in r.stdout.split() if x.isdigit())
        if kb:
            print(f"install size: tesseract-ocr + chi-sim + libtesseract5 + liblept5 {kb / 1000:.0f} MB")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
