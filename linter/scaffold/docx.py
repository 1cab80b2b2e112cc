"""Word output of ``govlint template``: the blank report as a .docx.

Why its own module: the Word details (East Asian fonts, column widths,
merged cells, rows that must not break over a page) have nothing to do with
which rows a report has; that comes from :mod:`govlint.scaffold.form`, which
reads it from the template YAML.  python-docx is imported only here, only
when a .docx is asked for.
"""
from __future__ import annotations

import re
from typing import IO, Optional

from .form import (DEFAULT_ISSUER, FEE_NOTE, FEE_SENTENCE, Grid, check_year, date_line,
                           grids, section_paragraphs, title_of)
from ..labels import section_label

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"


def _font(run_or_style, name: str, size: Optional[float] = None, bold: Optional[bool] = None) -> None:
    """Set Latin and East Asian font: python-docx's ``font.name`` alone leaves
    Chinese text in the theme font."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    f = run_or_style.font
    f.name = name
    rpr = run_or_style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), name)
    if size:
        f.size = Pt(size)
    if bold is not None:
        f.bold = bold
    f.color.rgb = RGBColor(0, 0, 0)


TEXT_WIDTH_MM = 156.0  # A4 with the 公文 margins (GB/T 9704: left 28 mm, right 26 mm)
TABLE_PT = 9.0  # table text, labels and the numbers typed into the blank cells
CELL_STYLE = "表格数字"  # the blank cells' paragraph style: what a typed number takes
CELL_MARGIN_MM = 1.0  # left and right inside each cell (Word's default is 1.9 mm)


def _widths(section: int, ncols: int) -> list[float]:
    """Column widths in mm: label columns wide, number columns narrow.

    Word gives every column the same width by default, which squeezes 表三's
    long labels ("1.申请人无正当理由逾期不补正…") into a few characters per line.
    表三's seven number columns get 13 mm each: five digits at 9 pt inside
    1 mm cell margins, so a typed number never wraps "2" over "0".
    """
    if section == 3 and ncols > 3:
        labels = [14.0, 18.0, 33.0]
        rest = (TEXT_WIDTH_MM - sum(labels)) / (ncols - 3)
        return labels + [rest] * (ncols - 3)
    if section == 2 and ncols > 1:
        first = 46.0
        return [first] + [(TEXT_WIDTH_MM - first) / (ncols - 1)] * (ncols - 1)
    return [TEXT_WIDTH_MM / ncols] * ncols


def _table(doc, grid: Grid, section: int) -> None:  # type: ignore[no-untyped-def]
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    tbl = doc.add_table(rows=len(grid.rows), cols=grid.ncols)
    tbl.style = "Table Grid"
    tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl.autofit = False
    _cell_margins(tbl, CELL_MARGIN_MM)
    widths = _widths(section, grid.ncols)
    cells = [[tbl.cell(r, c) for c in range(grid.ncols)] for r in range(len(grid.rows))]
    for c, w in enumerate(widths):
        tbl.columns[c].width = Mm(w)
    for r, row in enumerate(grid.rows):
        for c, text in enumerate(row):
            cells[r][c].width = Mm(widths[c])  # set before merging: merge sums the widths
            p = cells[r][c].paragraphs[0]
            if text:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _font(p.add_run(text), BODY_FONT, TABLE_PT)
            else:
                p.style = doc.styles[CELL_STYLE]
    for r0, c0, rs, cs in grid.merges:
        if rs > 1 or cs > 1:
            cells[r0][c0].merge(cells[r0 + rs - 1][c0 + cs - 1])
    _paginate(tbl, grid)


def _cell_margins(tbl, mm: float) -> None:  # type: ignore[no-untyped-def]
    """Left/right cell margins of the whole table (w:tblCellMar), in mm."""
    from docx.oxml.ns import qn

    tblpr = tbl._tbl.tblPr
    mar = tblpr.makeelement(qn("w:tblCellMar"), {})
    for side in ("left", "right"):
        mar.append(mar.makeelement(qn(f"w:{side}"), {qn("w:w"): str(round(mm * 56.7)),
                                                     qn("w:type"): "dxa"}))
    tblpr.append(mar)


def _cell_style(doc) -> None:  # type: ignore[no-untyped-def]
    """The blank cells' paragraph style: small and centred, so that what an
    officer types there fits the cell instead of taking the 16 pt body font."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    style = doc.styles.add_style(CELL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    _font(style, BODY_FONT, TABLE_PT)
    fmt = style.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt.first_line_indent = Pt(0)
    fmt.space_before = fmt.space_after = Pt(0)


def _paginate(tbl, grid: Grid) -> None:  # type: ignore[no-untyped-def]
    """Rows never split; header rows repeat on each page and stay with the
    first data row; a small table stays on one page ("keep with next" on
    every row but the last is how Word keeps a table together)."""
    from docx.oxml.ns import qn

    last = len(tbl.rows) - 1
    for i, row in enumerate(tbl.rows):
        trpr = row._tr.get_or_add_trPr()
        trpr.append(trpr.makeelement(qn("w:cantSplit"), {}))
        if i < grid.header_rows:
            trpr.append(trpr.makeelement(qn("w:tblHeader"), {}))
        if i < last and (grid.keep_together or i < grid.header_rows):
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.keep_with_next = True


def _fee_paragraph(doc) -> None:  # type: ignore[no-untyped-def]
    """The fee sentence with underlined blanks, and the 未收取 alternative as a
    Word comment (批注): visible while editing, not part of the text checked."""
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(32)
    first = None
    for piece in re.split(r"( )", FEE_SENTENCE):
        if not piece:
            continue
        run = p.add_run("　　" if piece == " " else piece)
        run.font.underline = piece == " "
        _font(run, BODY_FONT)
        first = first or run
    if first is not None and hasattr(doc, "add_comment"):  # python-docx ≥ 1.2
        doc.add_comment(first, text=FEE_NOTE, author="govlint", initials="GL")


def _properties(doc, title: str) -> None:  # type: ignore[no-untyped-def]
    """File → Properties shows govlint and the report's title, not python-docx's 2013 defaults."""
    from datetime import datetime, timezone

    now = datetime.now(timezone.utc).replace(microsecond=0)
    props = doc.core_properties
    props.author = props.last_modified_by = "govlint"
    props.title = title
    props.subject = "政府信息公开工作年度报告"
    props.comments = "由 govlint 生成的空白年度报告，填写后可用 govlint check 检查"
    props.created = props.modified = now
    props.revision = 1


def write_docx(path: "str | IO[bytes]", year: int, issuer: str = DEFAULT_ISSUER) -> None:
    """The blank report as a Word document with merged table headers (to a path or a binary stream)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    t = check_year(year)
    doc = docx.Document()
    page = doc.sections[0]
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.top_margin, page.bottom_margin = Mm(37), Mm(35)
    page.left_margin, page.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    _font(normal, BODY_FONT, 16)
    normal.paragraph_format.space_after = Pt(0)
    _font(doc.styles["Heading 1"], HEADING_FONT, 16, bold=False)
    _cell_style(doc)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(title_of(year, issuer)), TITLE_FONT, 22)
    _properties(doc, title_of(year, issuer))
    paras = section_paragraphs(t, year)
    tables = grids(t)
    for number, spec in enumerate(t.sections, start=1):
        h = doc.add_heading(section_label(spec.number, template=t.id), level=1)
        h.paragraph_format.keep_with_next = True
        for text in paras.get(spec.number, []):
            if text == FEE_SENTENCE:
                _fee_paragraph(doc)
            else:
                p = doc.add_paragraph()
                p.paragraph_format.first_line_indent = Pt(32)
                _font(p.add_run(text), BODY_FONT)
        if spec.number in tables:
            _table(doc, tables[spec.number], spec.number)
    for i, text in enumerate((issuer, date_line(year))):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.space_before = Pt(32 if i == 0 else 0)
        _font(p.add_run(text), BODY_FONT)
    doc.save(path)
