"""Word review comments (批注), one per finding, on the cell or paragraph it concerns.

The comments are made by python-docx (``Document.add_comment``, 1.2+), so
the comments part, its relationship and content type are what Word and WPS
expect; govlint writes no comment XML of its own.  A comment is anchored on
runs: a finding on a table cell covers the runs of that cell, one on a
paragraph the runs of the paragraph, and an empty cell (a blank-cell
finding) gets an empty run to hold the anchor.

Where the loader's locator cannot be led back to an element (a finding
about a whole section, a span from a plugin), the comment goes on the
heading of the section it belongs to, else on the title, else on the first
paragraph: never lost.
"""
from __future__ import annotations

import io
from typing import Any, Optional

from .. import labels
from ..model import Diagnostic, Report, Span
from . import comment_text

AUTHOR, INITIALS = "govlint", "GL"
SECTION_OF_TABLE = {"t2": 2, "t3": 3, "t4": 4}


class _Places:
    """Elements of one document found by the loader's numbering."""

    def __init__(self, data: bytes, document: Any) -> None:
        from ..load.docx import element_places

        self.document = document
        self.body = document.element.body
        self.paragraphs, self.tables = element_places(data, self.body)

    def element(self, where: Optional[str]) -> Optional[Any]:
        """The ``w:p``, ``w:tr`` or ``w:tc`` a locator names, or None."""
        from ..load.docx import grid_cell, table_row

        parsed = labels.parse_where(where)
        if parsed is None:
            return None
        kind, n = parsed
        if kind == "paragraph":
            return self.paragraphs.get(n["n"])
        tbl = self.tables.get(n["table"])
        if tbl is None:
            return None
        if kind == "row":
            return table_row(tbl, n["row"])
        return grid_cell(tbl, n["row"], n["column"])


def _runs(document: Any, element: Any) -> list[Any]:
    """The runs to anchor on inside a paragraph, row or cell; an empty run
    is added to the first paragraph of an element that has none (a blank cell)."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    if element.tag == qn("w:tr"):  # a whole row: its first cell with text (a range never crosses cells)
        cells = element.findall(qn("w:tc")) or [element]
        element = next((tc for tc in cells if any(t.text for t in tc.iter(qn("w:t")))), cells[0])
    paras = [element] if element.tag == qn("w:p") else list(element.iter(qn("w:p")))
    runs = [r for p in paras for r in Paragraph(p, document).runs]
    if runs:
        return runs
    if not paras:  # a cell without a paragraph is invalid Word, but be kind
        from docx.oxml import OxmlElement

        paras = [OxmlElement("w:p")]
        element.append(paras[0])
    return [Paragraph(paras[0], document).add_run("")]


def _section_heading(report: Optional[Report], span: Optional[Span]) -> Optional[str]:
    """The locator of the heading of the section a finding belongs to."""
    if report is None:
        return None
    number = SECTION_OF_TABLE.get(span.table or "") if span is not None else None
    if number is None and span is not None and report.sections:
        before = [s for s in report.sections if s.span.line <= span.line]
        number = before[-1].number if before else None
    section = report.section(number) if number else None
    return section.span.where if section else None


def _anchor(places: _Places, d: Diagnostic, report: Optional[Report]) -> Any:
    """The element a finding's comment goes on, following the fallback chain."""
    span = d.span
    candidates = [span.where if span else None, _section_heading(report, span),
                  report.title_span.where if report is not None and report.title_span else None]
    for where in candidates:
        el = places.element(where)
        if el is not None:
            return el
    if places.paragraphs:
        return places.paragraphs[min(places.paragraphs)]
    return places.document.add_paragraph()._p  # a document of tables only


def annotate_docx(data: bytes, diagnostics: list[Diagnostic], report: Optional[Report],
                  lang: str = "zh") -> bytes:
    """A copy of the Word document ``data`` with one comment per finding, as bytes."""
    import docx

    from . import AnnotateError

    try:
        document = docx.Document(io.BytesIO(data))
        places = _Places(data, document)
    except Exception as e:  # the loader read it; python-docx may still refuse an odd package
        raise AnnotateError(f"无法在此 Word 文档中写批注：{type(e).__name__}: {e}",
                            f"cannot add comments to this Word document: {type(e).__name__}: {e}")
    for d in diagnostics:
        runs = _runs(document, _anchor(places, d, report))
        first, *more = comment_text(d, lang)
        comment = document.add_comment(runs, text=first, author=AUTHOR, initials=INITIALS)
        for line in more:
            comment.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
