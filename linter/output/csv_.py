"""``--output-format csv``: one row per finding, for a supervisor's spreadsheet.

The header is English and stable (scripts read it); the cells are what the
report says.  The CLI writes the text with the ``utf-8-sig`` encoding (see
``ENCODINGS``) so Excel opens Chinese correctly, and rows end in CRLF as
Excel expects.  Text cells starting with ``=``, ``+``, ``-`` or ``@`` are
prefixed with ``'`` so a report's wording can never run as a formula.
"""
from __future__ import annotations

import csv
import io
from typing import Optional

from ..model import FileResult
from .common import OutputOptions, display_path, has_line, sorted_diagnostics, sorted_results

HEADER = ["file", "line", "column", "page", "code", "name", "severity", "table", "row",
          "column_key", "message", "issuer", "year"]


def _safe(value: Optional[str]) -> str:
    if not value:
        return ""
    if value[0] in "=+-@\t\r":
        return "'" + value
    return value


def render_csv(results: list[FileResult], opts: OutputOptions) -> str:
    """One row per finding under a fixed English header; text cells are defused against formula injection."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(HEADER)
    for result in sorted_results(results):
        report = result.report
        for d in sorted_diagnostics(result):
            s = d.span
            line = has_line(s)
            writer.writerow([
                _safe(display_path(d.path, opts.root)),
                s.line if line else "",
                s.column if line else "",
                s.page if s is not None and s.page else "",
                d.code, d.name, d.severity.value,
                (s.table or "") if s else "",
                (s.row or "") if s else "",
                (s.column_key or "") if s else "",
                _safe(d.message),
                _safe(report.issuer) if report else "",
                report.year if report and report.year else "",
            ])
    return buf.getvalue()
