"""Build HTML, DOCX and PDF reports from one simple content structure.

The loader tests must not depend on binary fixtures checked into the repo:
a fixture nobody can regenerate is a fixture nobody can fix.  So the tests
describe a report once (:class:`Content`: title, sections of paragraphs and
tables with merge info shaped like the official form) and render it to each
format here; a loader is right when every format reads back the same rows.
"""
from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass, field
from typing import Optional, Union

from .forms import t2_table, t3_table, t4_table


@dataclass
class Table:
    """A grid: every row has the same number of entries; positions covered by
    a merge are "" and the merge is listed as (row, col, rowspan, colspan)."""

    rows: list[list[str]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)

    @property
    def ncols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def owner(self) -> dict[tuple[int, int], tuple[int, int, int, int]]:
        """(r, c) → the merge covering it (a 1×1 merge for plain cells)."""
        out: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        for m in self.merges:
            r0, c0, rs, cs = m
            for r in range(r0, r0 + rs):
                for c in range(c0, c0 + cs):
                    out[(r, c)] = m
        for r, row in enumerate(self.rows):
            for c in range(len(row)):
                out.setdefault((r, c), (r, c, 1, 1))
        return out


Block = Union[str, Table]


@dataclass
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Content:
    title: str
    sections: list[Section]
    preamble: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)

    def blocks(self) -> list[tuple[str, Block]]:
        """("title"|"para"|"heading"|"table", block) in reading order."""
        out: list[tuple[str, Block]] = [("title", self.title)]
        out += [("para", p) for p in self.preamble]
        for s in self.sections:
            out.append(("heading", s.heading))
            out += [("table" if isinstance(b, Table) else "para", b) for b in s.blocks]
        out += [("para", p) for p in self.closing]
        return out


# --------------------------------------------------------------------- content

def sample_values(template: str = "2021") -> dict[str, str]:
    """Canonical key → cell text: the Huai'an 2024 figures for T3 row 一/二 etc."""
    from .forms import T3_COLS, t3_rows
    v: dict[str, str] = {}
    rows = {"new": [3001, 53, 0, 0, 61, 4, 3119], "carried_over": [34, 0, 0, 0, 0, 0, 34],
            "granted": [1288, 21, 0, 0, 50, 3, 1362], "total_handled": [2998, 51, 0, 0, 61, 4, 3114],
            "carry_forward": [37, 2, 0, 0, 0, 0, 39]}
    for key, *_ in t3_rows(template):
        nums = rows.get(key, [0] * 7)
        for col, n in zip(T3_COLS, nums):
            v[f"t3.{key}.{col}"] = str(n)
    for g, nums in (("review", [5, 2, 1, 0, 8]), ("litigation_direct", [3, 0, 0, 1, 4]),
                    ("litigation_after_review", [0, 0, 0, 0, 0])):
        for col, n in zip(("upheld", "corrected", "other", "pending", "total"), nums):
            v[f"t4.{g}.{col}"] = str(n)
    if template == "2021":
        v.update({"t2.rules.issued": "0", "t2.rules.repealed": "1", "t2.rules.in_force": "12",
                  "t2.normative_docs.issued": "8", "t2.normative_docs.repealed": "3",
                  "t2.normative_docs.in_force": "41", "t2.licensing.decisions": "102345",
                  "t2.penalty.decisions": "3985758", "t2.enforcement.decisions": "88283",
                  "t2.fees.amount": "96171.6"})
    return v


def standard_content(values: Optional[dict[str, str]] = None, year: int = 2024,
                     template: str = "2021", issuer: str = "某市人民政府") -> Content:
    """A complete report in the official shape, with the given cell values."""
    values = values if values is not None else sample_values(template)
    new_total = values.get("t3.new.total", "0")
    return Content(
        title=f"{issuer}{year}年政府信息公开工作年度报告",
        preamble=[f"本报告依据《中华人民共和国政府信息公开条例》编制。报告所列统计期限自"
                  f"{year}年1月1日至{year}年12月31日。"],
        sections=[
            Section("一、总体情况", [f"{year}年，全年共受理政府信息公开申请{new_total}件，"
                                     "依法依规予以答复。"]),
            Section("二、主动公开政府信息情况", [t2_table(values, template)]),
            Section("三、收到和处理政府信息公开申请情况", [t3_table(values, template)]),
            Section("四、政府信息公开行政复议、行政诉讼情况", [t4_table(values)]),
            Section("五、存在的主要问题及改进情况", ["一是公开内容不够全面。下一步将加强培训。"]),
            Section("六、其他需要报告的事项", ["本年度未收取信息处理费。"]),
        ],
        closing=[issuer, f"{year + 1}年1月20日"],
    )


def content_from_seed(path: str) -> Content:
    """Content for a seed .txt: its own title, headings and prose, with the
    tables re-drawn in the official shape from the parsed canonical cells.

    So HTML/DOCX/PDF versions of a seed must parse to the same cells and get
    the same findings (except where the text's own table damage cannot be
    drawn in a grid: a row cut off becomes a row of empty cells).
    """
    from govlint.load import load
    from govlint.parse import parse_document
    from govlint.parse.tokens import is_prose

    report = parse_document(load(path))
    values: dict[str, str] = {}
    for t in report.tables.values():
        for key, cell in t.cells.items():
            values[key] = cell.raw
    template = report.template or "2021"
    c = standard_content(values, report.year or 2021, template, report.issuer or "某单位")
    if report.title:
        c.title = report.title
    texts = [ln.text.strip().lstrip("#").strip() for ln in report.lines]
    first = report.sections[0].span.line - 1 if report.sections else len(texts)
    title_end = (report.title_span.line if report.title_span else 0)
    if report.title and report.title_span and not texts[title_end - 1].endswith(report.title[-2:]):
        title_end += 1  # a title wrapped over two lines
    c.preamble = [t for t in texts[title_end:first] if t]
    by_number = {int("一二三四五六".index(sec.heading[0]) + 1): sec for sec in c.sections}
    for sec in report.sections:
        body = [t for t in texts[sec.body_start:sec.body_end] if t]
        target = by_number.get(sec.number)
        if target is None:
            continue
        target.heading = sec.heading
        keep = [b for b in target.blocks if isinstance(b, Table)]
        prose = [t for t in body if sec.number in (1, 5, 6) or is_prose(t)]
        target.blocks = prose + keep if sec.number in (2, 3, 4) else prose
    c.closing = []
    for sec in c.sections:  # rows cut off in the text stay cut off
        sec.blocks = [t3_table(values, template, omit_absent=True) if isinstance(b, Table)
                      and "三" == sec.heading[:1] else b for b in sec.blocks]
    return c


# ------------------------------------------------------------------------ HTML

def to_html(content: Content, noise: bool = True, charset: Optional[str] = "utf-8",
            layout: bool = True) -> str:
    """A portal-style page: navigation, scripts, a layout table around the report."""
    out = ["<!DOCTYPE html>", "<html><head>"]
    if charset:
        out.append(f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">')
    out.append(f"<title>{_html.escape(content.title)}_政务公开</title>")
    if noise:
        out.append('<script type="text/javascript">var x = "<td>脚本文字</td>"; function f(){}</script>')
        out.append("<style>td { border: 1px solid #000 }</style>")
    out.append("</head><body>")
    if noise:
        out.append('<nav><a href="/">首页</a> | <a href="/gk">政务公开</a></nav>')
        out.append('<div style="display:none">隐藏的文字 999</div>')
    if layout:
        out.append('<table width="100%" class="layout"><tr><td class="left">当前位置：首页</td>'
                   '<td class="main">')
    for kind, b in content.blocks():
        if kind == "title":
            out.append(f"<h1>{_html.escape(str(b))}</h1>")
        elif kind == "heading":
            out.append(f"<h2>{_html.escape(str(b))}</h2>")
        elif kind == "para":
            out.append(f"<p>&nbsp;&nbsp;{_html.escape(str(b))}</p>")
        else:
            assert isinstance(b, Table)
            out.append(_html_table(b))
    if layout:
        out.append("</td></tr></table>")
    if noise:
        out.append('<div class="footer">主办单位：某市人民政府办公室</div>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _html_table(t: Table) -> str:
    owner = t.owner()
    rows = []
    for r, row in enumerate(t.rows):
        cells = []
        for c in range(len(row)):
            r0, c0, rs, cs = owner[(r, c)]
            if (r0, c0) != (r, c):
                continue
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            cells.append(f"<td{attrs}>{_html.escape(row[c])}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table border="1" cellspacing="0">\n' + "\n".join(rows) + "\n</table>"


# ------------------------------------------------------------------------ DOCX

def _runs(paragraph, text: str) -> None:  # type: ignore[no-untyped-def]
    """Add ``text`` as runs, splitting numbers across runs the way Word does."""
    for piece in re.split(r"(\d+)", text):
        if not piece:
            continue
        if piece.isdigit() and len(piece) > 1:
            paragraph.add_run(piece[:1])
            paragraph.add_run(piece[1:])
        else:
            paragraph.add_run(piece)


def to_docx(content: Content, path: str) -> None:
    """A Word document with heading styles and real merged table cells."""
    import docx

    d = docx.Document()
    for kind, b in content.blocks():
        if kind == "title":
            d.add_heading(str(b), level=0)
        elif kind == "heading":
            _runs(d.add_paragraph(style="Heading 1"), str(b))
        elif kind == "para":
            _runs(d.add_paragraph(), str(b))
        else:
            assert isinstance(b, Table)
            tbl = d.add_table(rows=len(b.rows), cols=b.ncols)
            tbl.style = "Table Grid"
            owner = b.owner()
            # table.cell() recomputes the whole grid on every call (quadratic);
            # the cell objects taken before merging stay valid for disjoint merges
            grid = tbl._cells
            n = b.ncols
            for r, row in enumerate(b.rows):
                for c, text in enumerate(row):
                    if owner[(r, c)][:2] == (r, c) and text:
                        _runs(grid[r * n + c].paragraphs[0], text)
            for r0, c0, rs, cs in b.merges:
                if rs > 1 or cs > 1:
                    grid[r0 * n + c0].merge(grid[(r0 + rs - 1) * n + c0 + cs - 1])
    d.save(path)


# ------------------------------------------------------------------------- PDF

FONT = "STSong-Light"


def _wrap(text: str, width: float, size: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    lines: list[str] = []
    cur = ""
    for ch in text:
        if cur and stringWidth(cur + ch, FONT, size) > width:
            lines.append(cur)
            cur = ""
        cur += ch
    return lines + ([cur] if cur or not lines else [])


def _draw(cv, x: float, y: float, text: str) -> None:  # type: ignore[no-untyped-def]
    """Draw one line of text as its own text object.

    STSong-Light is a CID font reportlab cannot embed.  Without a Chinese
    font on the machine PDFium knows no glyph box for it, gives a text
    object of one CJK glyph zero width and drops it from the text layer.
    Real exports embed their fonts, so a lone glyph ("织" wrapped from
    "社会公益组织", "总" over "计" in a narrow column) gets a trailing space,
    which keeps the object's width on any machine.
    """
    cv.drawString(x, y, text + " " if len(text) == 1 and text > "\u2e7f" else text)


def to_pdf(content: Content, path: str, ruled: bool = True, ruling: str = "rect",
           number_width: Optional[float] = None, bottom_up: bool = False) -> None:
    """An A4 PDF with a real text layer (CID font STSong-Light) and ruled tables.

    ``ruling`` is how the borders are drawn, as different producers do:
    "rect" (a stroked rectangle per cell), "lines" (stroked segments, like
    WPS) or "filled" (thin filled rectangles, like Word's PDF export).
    ``number_width`` (points) narrows the number columns so that numbers
    wrap inside their cell, "2" over "0", as LibreOffice exports a Word
    table with narrow columns; ``bottom_up`` writes each cell's lines last
    line first, since producers do not always write text in reading order.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    W, H = 595.0, 842.0
    left, right, top, bottom = 60.0, 535.0, 780.0, 60.0
    cv = canvas.Canvas(path, pagesize=(W, H))
    y = top

    def need(h: float) -> None:
        nonlocal y
        if y - h < bottom:
            cv.showPage()
            y = top

    for kind, b in content.blocks():
        if isinstance(b, Table):
            y = _pdf_table(cv, b, (left, right, bottom, top), y, ruling if ruled else "",
                           number_width, bottom_up)
            continue
        size = 16.0 if kind == "title" else 11.0
        for ln in _wrap(str(b), right - left, size):
            need(size * 1.6)
            cv.setFont(FONT, size)
            _draw(cv, left, y - size, ln)
            y -= size * 1.6
        y -= 4
    cv.showPage()
    cv.save()


def _pdf_table(cv, t: Table, box: tuple[float, float, float, float], y: float,  # type: ignore[no-untyped-def]
               ruling: str, number_width: Optional[float] = None, bottom_up: bool = False) -> float:
    """Draw ``t`` at ``y`` in ``box`` (left, right, bottom, top of the text
    area); returns the y below it.  Starts a new page if it does not fit."""
    left, right, bottom, top = box
    size, lead, pad = 7.0, 8.5, 2.0
    n = t.ncols
    total = right - left
    label_cols = sum(1 for c in range(n) if any(
        len(row[c]) > 6 and not row[c].replace(".", "").isdigit() for row in t.rows))
    label_cols = max(1, min(label_cols, n - 1))
    widths = [total * 0.5 / label_cols] * label_cols + [total * 0.5 / (n - label_cols)] * (n - label_cols)
    if number_width:  # every column holding a number is narrow; the others share the rest
        numeric = [any(row[c].replace(".", "").isdigit() for row in t.rows) for c in range(n)]
        rest = (total - number_width * sum(numeric)) / max(1, n - sum(numeric))
        widths = [number_width if numeric[c] else rest for c in range(n)]
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    owner = t.owner()
    wrapped: dict[tuple[int, int], list[str]] = {}
    heights = [lead + 2 * pad] * len(t.rows)
    for (r, c), (r0, c0, rs, cs) in owner.items():
        if (r0, c0) != (r, c):
            continue
        w = xs[c + cs] - xs[c] - 2 * pad
        wrapped[(r, c)] = _wrap(t.rows[r][c], w, size) if t.rows[r][c] else []
        if rs == 1:
            heights[r] = max(heights[r], len(wrapped[(r, c)]) * lead + 2 * pad)
    for (r, c), lines in wrapped.items():  # rowspans: grow the last row if needed
        r0, c0, rs, cs = owner[(r, c)]
        need = len(lines) * lead + 2 * pad
        have = sum(heights[r:r + rs])
        if need > have:
            heights[r + rs - 1] += need - have
    if y - sum(heights) < bottom:
        cv.showPage()
        y = top
    ys = [y]
    for h in heights:
        ys.append(ys[-1] - h)
    cv.setLineWidth(0.6)
    for (r, c), lines in sorted(wrapped.items()):  # row by row, as Word and WPS draw tables
        r0, c0, rs, cs = owner[(r, c)]
        x0, x1, y0, y1 = xs[c], xs[c + cs], ys[r], ys[r + rs]
        if ruling == "rect":
            cv.rect(x0, y1, x1 - x0, y0 - y1, stroke=1, fill=0)
        elif ruling == "lines":
            for a, b2, c2, d in ((x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)):
                cv.line(a, b2, c2, d)
        elif ruling == "filled":
            for rx, ry, rw, rh in ((x0, y0 - 0.3, x1 - x0, 0.6), (x0, y1 - 0.3, x1 - x0, 0.6),
                                   (x0 - 0.3, y1, 0.6, y0 - y1), (x1 - 0.3, y1, 0.6, y0 - y1)):
                cv.rect(rx, ry, rw, rh, stroke=0, fill=1)
        cv.setFont(FONT, size)
        ty = (y0 + y1) / 2 + len(lines) * lead / 2 - size
        placed = [(ln, ty - i * lead) for i, ln in enumerate(lines)]
        for ln, ly in reversed(placed) if bottom_up else placed:
            _draw(cv, x0 + pad, ly, ln)
    return ys[-1] - 10


# ---------------------------------------------------------------- expectations

def expected_rows(content: Content) -> list[str]:
    """The row Lines a loader must produce for the content's tables (NFKC text,
    cells joined by tabs, merged cells once at their top-left, rows without
    any text skipped)."""
    import unicodedata
    out: list[str] = []
    for kind, b in content.blocks():
        if isinstance(b, Table):
            owner = b.owner()
            for r, row in enumerate(b.rows):
                cells = [row[c] if owner[(r, c)][:2] == (r, c) else "" for c in range(b.ncols)]
                if any(cells):
                    out.append(unicodedata.normalize("NFKC", "\t".join(cells)))
    return out


def expected_paragraphs(content: Content) -> list[str]:
    import unicodedata
    return [unicodedata.normalize("NFKC", str(b)) for kind, b in content.blocks()
            if not isinstance(b, Table)]
