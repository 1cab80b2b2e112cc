"""The supervisor's spreadsheet: one row per report (wide CSV), and the same as an xlsx workbook.

Why wide: a supervisor compares 30–40 units side by side, one unit a row,
and sums columns; the long format (one row per cell, ``--format csv-long``)
suits scripts instead.  Columns are :mod:`govlint.batch.columns`' stable
order (the fixed columns — file, issuer, year, template, findings per
severity — then every cell), so next year's ``--previous`` reads the file
back.  The CSV starts with a BOM so Excel reads the Chinese headers; text
that could run as a formula is prefixed with ``'``.  The xlsx has one sheet
per template (only that template's cells) and a sheet of every finding.
"""
from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any, Optional

from ..batch.columns import cell_keys, columns
from ..model import FileResult, Severity

BOM = "\ufeff"


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return _text(value)


def _text(value: Any) -> Any:
    """A file name that is not UTF-8 (GBK bytes as lone surrogates) as %XX: a cell must be valid text."""
    if isinstance(value, str) and any(0xDC80 <= ord(ch) <= 0xDCFF for ch in value):
        from ..outfile import ESCAPE

        return value.encode("utf-8", ESCAPE).decode("utf-8")
    return value


def _counts(results: list[FileResult]) -> dict[str, Counter]:
    return {r.path: Counter(d.severity for d in r.diagnostics) for r in results}


def _value(report: dict[str, Any], key: str, counts: Counter) -> Any:
    if key in ("errors", "warnings", "infos"):
        return counts[{"errors": Severity.ERROR, "warnings": Severity.WARNING, "infos": Severity.INFO}[key]]
    if "." not in key:
        v = report.get(key)
        return "" if v is None else _safe(v) if isinstance(v, str) else v
    c = report["cells"].get(key)
    return "" if c is None or c.get("value") is None else c["value"]


def _keys(data: list[dict[str, Any]], template: Optional[str] = None) -> list[str]:
    """The layout's keys, plus any key a report has that no template lists (kept, at the end)."""
    keys = cell_keys(template)
    known = set(keys)
    extra = sorted({k for r in data for k in r["cells"] if k not in known})
    return keys + extra


def render_wide_csv(data: list[dict[str, Any]], results: list[FileResult], lang: str = "zh") -> str:
    """One row per report under the stable header, with a BOM and CRLF rows (Excel's CSV)."""
    counts = _counts(results)
    cols = columns(_keys(data), lang)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([h for _, h in cols])
    for r in data:
        c = counts.get(r["path"], Counter())
        w.writerow([_value(r, k, c) for k, _ in cols])
    return BOM + buf.getvalue()


FINDINGS_HEADER = {
    "zh": ["文件", "行", "列", "页", "代码", "名称", "级别", "单元格", "说明", "相关位置"],
    "en": ["file", "line", "column", "page", "code", "name", "severity", "cell", "message", "related"],
}


def write_xlsx(path: str, data: list[dict[str, Any]], results: list[FileResult], lang: str = "zh") -> None:
    """The workbook: a sheet per template, then the findings sheet (openpyxl, write-only mode)."""
    from openpyxl import Workbook

    en = lang.startswith("en")
    counts = _counts(results)
    wb = Workbook(write_only=True)
    by_template: dict[str, list[dict[str, Any]]] = {}
    for r in data:
        by_template.setdefault(str(r.get("template") or ""), []).append(r)
    for tid in sorted(by_template, reverse=True):
        rows = by_template[tid]
        title = (f"template {tid}" if en else f"{tid}年格式") if tid else ("unknown" if en else "未识别格式")
        ws = wb.create_sheet(title)
        cols = columns(_keys(rows, tid or None), lang)
        ws.append([h for _, h in cols])
        for r in rows:
            c = counts.get(r["path"], Counter())
            ws.append([_text(_value(r, k, c)) for k, _ in cols])
    ws = wb.create_sheet("findings" if en else "问题")
    ws.append(FINDINGS_HEADER["en" if en else "zh"])
    for res in sorted(results, key=lambda r: r.path):
        for d in sorted(res.diagnostics, key=lambda d: d.sort_key):
            s = d.span
            cell = ".".join(p for p in (s.table, s.row, s.column_key) if p) if s and s.table else ""
            related = "; ".join(f"{x.path}:{x.line}" if x.line else x.path for x in d.related
                                if x.path and x.path != d.path)
            ws.append([_text(d.path), s.line if s and s.line else None, s.column if s and s.line else None,
                       s.page if s else None, d.code, d.name, d.severity.value, cell, _safe(d.message),
                       _text(related)])
    wb.save(path)
