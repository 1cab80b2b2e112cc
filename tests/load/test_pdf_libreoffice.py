"""The filled Word template, exported to PDF by LibreOffice, checks as the docx does.

Many officers fill `govlint template --format docx` and export it to PDF with
WPS, Word or LibreOffice.  LibreOffice is the one CI can run: when it is not
installed (``apt-get install libreoffice-writer-nogui``) these tests skip
with a message; the wrapped-cell path they exercise is also drawn by the
test generator (tests/load/test_pdf_cells.py), so it is tested everywhere.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gen.fill import consistent_values, fill_docx
from govlint.templates import builtin_templates

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice not installed (apt-get install libreoffice-writer-nogui)")


def govlint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govlint", *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def to_pdf(docx: Path) -> Path:
    """``soffice --headless --convert-to pdf`` with a private profile, so that
    parallel runs and a user's own LibreOffice do not get in each other's way."""
    profile = docx.parent / "lo-profile"
    r = subprocess.run([str(SOFFICE), f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)],
                       capture_output=True, text=True, timeout=300)
    pdf = docx.with_suffix(".pdf")
    assert r.returncode == 0 and pdf.exists(), r.stderr
    return pdf


def findings(path: Path) -> list[tuple[str, str]]:
    r = govlint("check", "--output-format", "json", str(path))
    assert r.returncode in (0, 1), r.stderr
    return [(d["code"], d["message"]) for d in json.loads(r.stdout)]


def cells(path: Path) -> dict[str, object]:
    r = govlint("extract", str(path))
    assert r.returncode == 0, r.stderr
    return {k: c["value"] for k, c in json.loads(r.stdout)[0]["cells"].items()}


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> tuple[Path, Path, dict[str, float]]:
    """The 2025 template filled with two- to four-digit numbers, and its PDF."""
    tmp = tmp_path_factory.mktemp("lo")
    docx = tmp / "filled.docx"
    assert govlint("template", "2025", "--format", "docx", "-o", str(docx)).returncode == 0
    values = {k: v * 97 for k, v in consistent_values(builtin_templates()["2021"], 5).items()}
    fill_docx(docx, builtin_templates()["2021"], values)
    return docx, to_pdf(docx), values


def test_exported_pdf_gets_the_docx_findings(filled):
    docx, pdf, _ = filled
    assert findings(pdf) == findings(docx) == []


def test_exported_pdf_reads_every_cell(filled):
    docx, pdf, values = filled
    want = {k: int(v) for k, v in values.items()}
    assert cells(docx) == want
    assert cells(pdf) == want


def test_numbers_are_not_wrapped_in_their_cells(filled):
    """The template's blank cells are small and wide enough: a four-digit
    number stays on one line in the export (the loader copes either way)."""
    import pypdfium2 as pdfium

    _, pdf, values = filled
    doc = pdfium.PdfDocument(str(pdf))
    try:
        tokens = {t for i in range(len(doc)) for t in doc[i].get_textpage().get_text_range().split()}
    finally:
        doc.close()
    numbers = {str(int(v)) for v in values.values() if v >= 1000}
    assert numbers and numbers <= tokens, sorted(numbers - tokens)[:5]
