"""The Word template's blank number cells take a number without wrapping it.

Officers type into the empty cells of `govlint template --format docx`.  A
run typed there takes the paragraph's style: when that was the 16 pt body
font in a 9 mm column, a four-digit number wrapped "2" over "0" in every
export.  The blank cells now carry a small centred style, and each number
column is wide enough for four digits in it (digits of 0.6 em, wider than
most fonts' half-width digits, since the font Word or WPS substitutes is
not known).
"""
from __future__ import annotations

import subprocess
import sys

import pytest

docx = pytest.importorskip("docx")

MIN_DIGITS = 4
DIGIT_EM = 0.6


def _template(tmp_path, year: int = 2025):
    out = tmp_path / "t.docx"
    r = subprocess.run([sys.executable, "-m", "govlint", "template", str(year), "--format", "docx",
                        "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return docx.Document(str(out))


def _value_cells(table):
    """(cell, column) of the blank cells in rows that hold numbers (below the header rows)."""
    rows = table.rows
    data = [i for i, r in enumerate(rows) if all(c.text == "" for c in r.cells[-1:])]
    out = []
    for i in data:
        seen = set()
        for c, cell in enumerate(rows[i].cells):
            if cell.text == "" and id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                out.append((cell, c))
    return out


def _size_pt(paragraph) -> float:
    style = paragraph.style
    while style is not None and style.font.size is None:
        style = style.base_style
    return style.font.size.pt if style is not None else 10.0


def _margins_mm(table) -> float:
    from docx.oxml.ns import qn
    mar = table._tbl.tblPr.find(qn("w:tblCellMar"))
    assert mar is not None, "the table sets its own cell margins"
    twips = sum(int(mar.find(qn(f"w:{side}")).get(qn("w:w"))) for side in ("left", "right"))
    return twips / 56.7


@pytest.mark.parametrize("year", [2025, 2020])
def test_blank_number_cells_are_small_centred_and_wide_enough(tmp_path, year):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    d = _template(tmp_path, year)
    for table in d.tables:
        margins = _margins_mm(table)
        cells = _value_cells(table)
        assert cells
        for cell, col in cells:
            p = cell.paragraphs[0]
            size = _size_pt(p)
            assert size <= 10.5, f"blank cell style is {size} pt"
            assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER or \
                p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
            digit_mm = size * DIGIT_EM * 25.4 / 72
            width_mm = cell.width.mm
            assert width_mm - margins >= MIN_DIGITS * digit_mm, (col, width_mm)


def test_widths_fill_the_text_block(tmp_path):
    d = _template(tmp_path)
    for table in d.tables:
        total = sum(col.width.mm for col in table.columns)
        assert abs(total - 156.0) < 0.5
