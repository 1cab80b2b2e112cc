"""Scanned reports (图片版) read with OCR: the seeds' generated PDFs turned into images.

OCR is slow (seconds per page), so the work is shared: each scan is made,
read and parsed once per session (module fixtures) and every assertion
looks at those results; the OCR page cache is warmed by the first read, and
the rerun test checks that a second read makes no engine call.  The seeds
are scanned at 200 dpi; one seed (the shortest) at 150 dpi, turned and
speckled.  All of it skips, saying what to install, without the ``ocr`` extra.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gen.build import content_from_seed, standard_content, to_pdf
from gen.paths import CORPUS, SEEDS
from gen.scan import cjk_renders, page_images, scanned_pdf
from govlint.limits import Limits
from govlint.load import load, ocr_engine
from govlint.parse import parse_document

needs_ocr = pytest.mark.skipif(not ocr_engine.available(),
                               reason='OCR extra not installed: pip install "govlint[ocr]"')
ARITHMETIC = ("GL2",)


def _cells(path: Path) -> dict[str, str]:
    report = parse_document(load(str(path)))
    return {k: c.raw for t in report.tables.values() for k, c in t.cells.items()}


def _codes(path: Path) -> list[str]:
    from govlint.runner import RunOptions, check_file

    return sorted(d.code for d in check_file(str(path), RunOptions()).diagnostics)


def _compare(text: dict[str, str], scan: dict[str, str]) -> tuple[int, list[str], list[str]]:
    """(cells right, misread keys, missing keys) of the scan against the text layer."""
    right = sum(1 for k, v in text.items() if scan.get(k) == v)
    misread = [k for k, v in text.items() if scan.get(k) not in (None, "", "□", v)]
    missing = [k for k, v in text.items() if scan.get(k) in (None, "", "□") and v not in ("", None)]
    return right, misread, missing


@pytest.fixture(scope="module")
def seed_scans(tmp_path_factory) -> dict[str, dict]:  # type: ignore[type-arg]
    """Per seed: the text PDF and its 200 dpi scan, with cells and finding codes of both."""
    folder = tmp_path_factory.mktemp("scans")
    out = {}
    for seed in SEEDS:
        text = folder / f"{seed.stem}.pdf"
        to_pdf(content_from_seed(str(seed)), str(text))
        scan = Path(scanned_pdf(str(text), str(folder / f"{seed.stem}-scan.pdf"), 200))
        out[seed.stem] = {"text": text, "scan": scan, "text_cells": _cells(text),
                          "scan_cells": _cells(scan), "text_codes": _codes(text),
                          "scan_codes": _codes(scan)}
    return out


needs_font = pytest.mark.skipif(not cjk_renders(), reason="no CJK font to render the test PDFs' Chinese "
                                "(apt-get install fonts-wqy-microhei)")
pytestmark = [pytest.mark.slow, needs_ocr, needs_font]


def test_seed_scans_read_at_least_97_percent_of_cells(seed_scans):
    for name, s in seed_scans.items():
        right, misread, _ = _compare(s["text_cells"], s["scan_cells"])
        assert right >= 0.97 * len(s["text_cells"]), (name, right, len(s["text_cells"]))
        if misread:  # a misread value must not pass the arithmetic unnoticed
            assert any(c.startswith(ARITHMETIC) for c in s["scan_codes"]), (name, misread)


def test_seed_scans_get_the_text_pdfs_findings(seed_scans):
    same = [n for n, s in seed_scans.items() if s["scan_codes"] == s["text_codes"]]
    assert len(same) >= 4, {n: (s["text_codes"], s["scan_codes"]) for n, s in seed_scans.items()}


def test_findings_on_scanned_pages_say_so_and_name_the_page(seed_scans):
    from govlint.runner import RunOptions, check_file

    scan = seed_scans[SEEDS[0].stem]["scan"]
    diags = check_file(str(scan), RunOptions()).diagnostics
    assert diags and all("扫描件识别，第" in d.message for d in diags if d.span and d.span.page)
    en = check_file(str(scan), RunOptions(lang="en")).diagnostics
    assert any("read by OCR from a scan, page" in d.message for d in en)


def test_a_rerun_reads_the_page_cache_instead_of_the_engine(seed_scans):
    before = ocr_engine.RUNS
    assert _cells(seed_scans[SEEDS[0].stem]["scan"]) == seed_scans[SEEDS[0].stem]["scan_cells"]
    assert ocr_engine.RUNS == before


def test_a_scanned_clean_report_has_no_arithmetic_error(tmp_path):
    from gen.fill import consistent_values
    from govlint.templates import builtin_templates

    values = {k: f"{v:g}" for k, v in consistent_values(builtin_templates()["2021"], 7).items()}
    text = tmp_path / "clean.pdf"
    to_pdf(standard_content(values), str(text))
    assert not [c for c in _codes(text) if c.startswith(ARITHMETIC)]  # clean as drawn
    scan = scanned_pdf(str(text), str(tmp_path / "clean-scan.pdf"), 200)
    assert not [c for c in _codes(Path(scan)) if c.startswith(ARITHMETIC)]


def test_a_turned_speckled_150_dpi_scan_is_still_read(seed_scans, tmp_path):
    name = min(seed_scans, key=lambda n: len(page_images(str(seed_scans[n]["text"]), dpi=20)))
    s = seed_scans[name]
    scan = scanned_pdf(str(s["text"]), str(tmp_path / "turned.pdf"), 150, rotate=1.2, noise=0.01)
    right, misread, _ = _compare(s["text_cells"], _cells(Path(scan)))
    assert right >= 0.97 * len(s["text_cells"]), (right, len(s["text_cells"]))
    if misread:
        assert any(c.startswith(ARITHMETIC) for c in _codes(Path(scan))), misread


def test_the_corpus_pdf_scanned_gives_the_text_layers_cells(tmp_path):
    src = next(p for p in CORPUS if p.suffix == ".pdf")
    scan = scanned_pdf(str(src), str(tmp_path / "corpus-scan.pdf"), 200)
    text = _cells(src)
    right, misread, missing = _compare(text, _cells(Path(scan)))
    assert (right, misread, missing) == (len(text), [], [])


def test_a_page_image_file_is_read(seed_scans, tmp_path):
    png = tmp_path / "page2.png"
    text = seed_scans[SEEDS[0].stem]["text"]
    img = page_images(str(text), dpi=200)[1]
    img.save(png, dpi=(200, 200))
    doc = load(str(png))
    assert doc.kind == "image" and doc.ocr_pages == {1: doc.ocr_pages[1]}
    rows = [ln for ln in doc.lines if ln.cells]
    assert rows and any("自然人" in ln.text for ln in rows)


def test_a_300_page_scan_is_refused_before_any_is_read(tmp_path):
    from PIL import Image

    pages = [Image.new("L", (60, 80), 255) for _ in range(300)]
    path = tmp_path / "huge.pdf"
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:])
    from govlint.errors import LoadError

    before = ocr_engine.RUNS
    with pytest.raises(LoadError) as e:
        load(str(path), Limits(max_ocr_pages=30))
    assert e.value.code == "GL908" and "300" in e.value.message("zh") and ocr_engine.RUNS == before


def test_deskew_finds_the_turn_of_a_page(seed_scans):
    import numpy as np

    from govlint.load.ocr_raster import skew_angle

    img = page_images(str(seed_scans[SEEDS[0].stem]["text"]), dpi=100, rotate=1.5)[0]
    assert abs(skew_angle(np.asarray(img)) + 1.5) <= 0.2
