"""Locations an officer can follow in a Word document.

A .docx has no line numbers: the ``line:column`` the loader gives a Word
finding is the running number of an extracted line, which nobody can find in
Word.  What an officer can find is "the second table of the document, row 27,
column 4" — and, better still, which of the official tables that is and which
row and column of the form it holds ("表三（文档中第2个表格）第27行第4列
（（七）总计 / 自然人）").  This module builds that sentence from the loader's
locator (``Span.where``, see :func:`govlint.labels.parse_where`) and the
parsed report; text, HTML, the Word annotation and the web page all print it,
so every output names a place the same way.
"""
from __future__ import annotations

from typing import Optional

from .. import labels
from ..model import Report, Span


def lineless(report: Optional[Report]) -> bool:
    """Whether the report's line numbers mean nothing to a reader (a Word document)."""
    return report is not None and report.kind == "docx"


def document_tables(report: Optional[Report]) -> dict[int, str]:
    """Number of a table in the document (1-based, as the loader counts) → canonical table key.

    Read from where the parser found each table and its cells, so a report
    whose 表二 is missing still names its 表三 correctly.
    """
    out: dict[int, str] = {}
    if report is None:
        return out
    for name, table in report.tables.items():
        spans = ([table.span] if table.span else []) + [c.span for c in table.cells.values()]
        for s in spans:
            parsed = labels.parse_where(s.where)
            if parsed and parsed[0] in ("cell", "row"):
                out.setdefault(parsed[1]["table"], name)
    return out


def cell_words(table: str, row: Optional[str], column: Optional[str], lang: str = "zh",
               template: Optional[str] = None) -> str:
    """「（七）总计 / 自然人」, 「行政复议 / 总计」: the form's row (with its group) and column."""
    parts = []
    if row:
        parts.append(labels.message_row_label(table, row, lang, template))
    if column:
        parts.append(labels.message_column_label(table, column, lang, template))
    return " / ".join(parts)


def officer_where(span: Optional[Span], report: Optional[Report], lang: str = "zh",
                  words: bool = True) -> str:
    """The place of a finding in words; "" when the span has no locator.

    Cells and rows of Word tables name the official table first and the
    document's own table number in brackets; a cell the parser mapped to a
    canonical key also gets the form's row and column, so a 表四 finding
    names its group (行政复议 / 未经复议直接起诉 / 复议后起诉); ``words=False`` leaves
    that out where the cell's name is printed beside it already.
    """
    if span is None or not span.where:
        return ""
    parsed = labels.parse_where(span.where)
    if parsed is None:
        return labels.render_where(span.where, lang)
    kind, nums = parsed
    en = labels.is_en(lang)
    if kind == "paragraph":
        return f"paragraph {nums['n']}" if en else f"第{nums['n']}段"
    template = report.template if report else None
    table = span.table or document_tables(report).get(nums["table"])
    col = f", column {nums['column']}" if en and "column" in nums else (
        f"第{nums['column']}列" if "column" in nums else "")
    if en:
        place = f", row {nums['row']}{col}"
        head = (f"{labels.table_label(table, lang)} (table {nums['table']} in the document){place}"
                if table else f"table {nums['table']} in the document{place}")
    else:
        place = f"第{nums['row']}行{col}"
        head = (f"{labels.table_label(table, lang)}（文档中第{nums['table']}个表格）{place}" if table
                else f"文档中第{nums['table']}个表格{place}")
    if words and span.table and (span.row or span.column_key):
        words = cell_words(span.table, span.row, span.column_key, lang, template)
        head += f" [{words}]" if en else f"（{words}）"
    return head
