"""Everything inside one ruled PDF cell is that cell's text.

Exporters wrap a cell's text when its column is narrow (LibreOffice turns a
four-digit number into "3" over "1" over "1" over "9") and do not always
write it in reading order; the loader must give back the cell as written.
The PDFs are drawn by tests/gen/build.py, so this path is tested on every
machine, with or without LibreOffice.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from gen.build import expected_rows, standard_content, to_pdf
from govlint.load import load
from govlint.load._pdfcell import cell_text


def _raw_text(path: str) -> str:
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(path)
    try:
        return "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


@pytest.mark.parametrize("bottom_up", [False, True])
def test_numbers_wrapped_in_narrow_cells_read_whole(tmp_path, bottom_up):
    c = standard_content()
    p = tmp_path / "narrow.pdf"
    to_pdf(c, str(p), number_width=9.0, bottom_up=bottom_up)
    raw = _raw_text(str(p))
    assert raw.count("3119") == 1  # only the prose has it whole: the cell is wrapped
    assert [ln.text for ln in load(str(p)).lines if ln.cells] == expected_rows(c)


def test_wrapped_cells_parse_to_the_same_values(tmp_path):
    from govlint.parse import parse_document
    c = standard_content()
    wide, narrow = tmp_path / "w.pdf", tmp_path / "n.pdf"
    to_pdf(c, str(wide))
    to_pdf(c, str(narrow), number_width=9.0, bottom_up=True)
    cells = [{k: cell.raw for t in parse_document(load(str(p))).tables.values()
              for k, cell in t.cells.items()} for p in (wide, narrow)]
    assert cells[0] and cells[0] == cells[1]


class _G:
    def __init__(self, ch: str, x0: float, oy: float, w: float = 7.0, size: float = 7.0) -> None:
        self.ch, self.x0, self.x1, self.oy, self.size = ch, x0, x0 + w, oy, size


def test_reading_order_is_by_position_not_stream():
    # the quotes written after the words, as LibreOffice does for "三安全一稳定"
    words = [_G(ch, 10 + 7 * i + (7 if i >= 2 else 0), 100) for i, ch in enumerate("危及三安全一稳定")]
    quotes = [_G("“", 24, 100), _G("”", 10 + 7 * 9, 100)]
    assert cell_text(words + quotes) == "危及“三安全一稳定”"


@pytest.mark.parametrize("pieces,text", [
    (["2", "0"], "20"), (["96171.", "6"], "96171.6"), (["1,", "234"], "1,234"),
    (["社会公益组", "织"], "社会公益组织"), (["GB/T", "9704"], "GB/T 9704"),
    (["annual", "report"], "annual report"),
])
def test_wrapped_lines_join_as_read(pieces, text):
    glyphs = [_G(ch, 10 + 4 * i, 100 - 9 * n, 4.0) for n, piece in enumerate(pieces)
              for i, ch in enumerate(piece)]
    assert cell_text(list(reversed(glyphs))) == text  # stream order does not matter


def test_word_gap_within_a_line_is_a_space():
    glyphs = [_G("1", 10, 100, 4.0), _G("2", 14, 100, 4.0), _G("3", 30, 100, 4.0)]
    assert cell_text(glyphs) == "12 3"


_NO_SYSTEM_FONTS = textwrap.dedent("""
    import ctypes, json, sys
    import pypdfium2.raw as r
    fields = dict(r.FPDF_SYSFONTINFO._fields_)
    info = r.FPDF_SYSFONTINFO()
    info.version = 1
    keep = {}
    for name, ret in (("Release", None), ("EnumFonts", None), ("MapFont", None),
                      ("GetFont", None), ("GetFontData", 0), ("GetFaceName", 0),
                      ("GetFontCharset", 0), ("DeleteFont", None)):
        keep[name] = fields[name](lambda *a, _r=ret: _r)
        setattr(info, name, keep[name])
    r.FPDF_SetSystemFontInfo(ctypes.byref(info))
    from govlint.load import load
    print(json.dumps([ln.text for ln in load(sys.argv[1]).lines if ln.cells]))
""")


@pytest.mark.parametrize("number_width", [None, 9.0])
def test_generated_pdfs_read_the_same_without_system_fonts(tmp_path, number_width):
    """The generator's font is not embedded: PDFium must read its text layer
    fully even on a machine with no Chinese font (a fresh CI machine)."""
    c = standard_content()
    p = tmp_path / "r.pdf"
    to_pdf(c, str(p), number_width=number_width)
    r = subprocess.run([sys.executable, "-c", _NO_SYSTEM_FONTS, str(p)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == expected_rows(c)
