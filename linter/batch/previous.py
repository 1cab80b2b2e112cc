"""Last year's reports for ``--previous``: report files, a folder of them, or extract data.

Why data files too: a supervisor keeps the JSON or CSV ``govlint extract``
wrote last year instead of last year's PDFs.  A data file becomes the same
:class:`~govlint.model.Report` a parsed file would (cells with the line and
column they were read from, when the data has them), so the rules never know
which kind they got.  The wide CSV carries no positions: a related location
is then the file only.
"""
from __future__ import annotations

import csv
import io
import json
import os
from typing import Any, Callable, Optional, Sequence

from ..model import Cell, Report, Section, Span, Table, TextLine
from ..templates import builtin_templates
from .columns import header_map
from .errors import BatchInputError

REPORT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")
_SKIP = ("README", "LICENSE", "CHANGELOG")


class PreviousError(BatchInputError):
    """A ``--previous`` path cannot be used: one line naming it."""


def load_previous(paths: Sequence[str], limits: Any = None,
                  warn: Optional[Callable[[str, str], None]] = None) -> list[Report]:
    """Every report found under ``paths``; a report file that cannot be read is skipped with ``warn(zh, en)``."""
    out: list[Report] = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for n in sorted(names):
                    full = os.path.join(root, n)
                    low = n.lower()
                    if low.endswith((".json", ".csv")):
                        out += read_data(full)
                    elif low.endswith(REPORT_SUFFIXES) and not n.upper().startswith(_SKIP):
                        out += _parse_file(full, limits, warn)
        elif os.path.isfile(p):
            out += read_data(p) if p.lower().endswith((".json", ".csv")) else _parse_file(p, limits, warn)
        else:
            raise PreviousError(f"--previous 路径不存在：{p}", f"--previous: no such path: {p}")
    return out


def _parse_file(path: str, limits: Any, warn: Optional[Callable[[str, str], None]]) -> list[Report]:
    from ..load import Limits, load
    from ..parse import parse_document

    try:
        return [parse_document(load(path, limits or Limits()))]
    except Exception as e:  # noqa: BLE001 - last year's unreadable file: say so, go on
        if warn:
            warn(f"上年报告 {path} 无法读取，已跳过（{e}）", f"last year's report {path} cannot be read; skipped ({e})")
        return []


def read_data(path: str) -> list[Report]:
    """Reports from a JSON or CSV file ``govlint extract`` wrote (json, csv, csv-long)."""
    try:
        raw = open(path, "rb").read()
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise PreviousError(f"无法读取 {path}：{e}", f"cannot read {path}: {e}") from None
    if path.lower().endswith(".json"):
        try:
            data = json.loads(text)
        except ValueError as e:
            raise PreviousError(f"{path} 不是有效的 JSON：{e}", f"{path} is not valid JSON: {e}") from None
        if not isinstance(data, list) or not all(isinstance(d, dict) and "cells" in d for d in data):
            raise PreviousError(f"{path} 不是 govlint extract --format json 的输出",
                                f"{path} is not the output of govlint extract --format json")
        return [_from_json(d, path, i) for i, d in enumerate(data, 1)]
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise PreviousError(f"{path} 是空文件", f"{path} is empty")
    head = [h.strip() for h in rows[0]]
    if head[:5] == ["path", "issuer", "year", "template", "key"]:
        return _from_long(rows, path)
    return _from_wide(head, rows, path)


def _year(v: Any, where: str) -> Optional[int]:
    if v in (None, ""):
        return None
    try:
        return int(float(v))
    except (TypeError, ValueError):
        raise PreviousError(f"{where}：年度“{v}”不是数字", f"{where}: year {v!r} is not a number") from None


def _num(v: Any, where: str) -> Optional[float]:
    if v in (None, ""):
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        raise PreviousError(f"{where}：“{v}”不是数字", f"{where}: {v!r} is not a number") from None


def _cell(report: Report, key: str, value: Optional[float], raw: str, line: int = 0, column: int = 0,
          page: Optional[int] = None) -> None:
    table, rest = key.split(".", 1)
    row, _, col = rest.rpartition(".")
    t = report.tables.get(table)
    if t is None:
        tmpl = builtin_templates().get(str(report.template))
        spec = tmpl.tables.get(table) if tmpl else None
        t = report.tables[table] = Table(table, True, None, expected=list(spec.expected_keys) if spec else [])
    span = Span(report.path, line, column, line, column + len(raw) if line else 0, page, table, row, col)
    t.cells[key] = Cell(key, value, raw, span)


def _from_json(d: dict[str, Any], path: str, i: int) -> Report:
    where = f"{path}（第{i}份报告）"
    r = Report(path=str(d.get("path") or path), issuer=d.get("issuer"), year=_year(d.get("year"), where),
               template=d.get("template"), title=d.get("title"))
    for key, c in (d.get("cells") or {}).items():
        if not isinstance(c, dict) or key.count(".") < 2:
            raise PreviousError(f"{where}：单元格 {key} 的格式不对", f"{path} (report {i}): bad cell {key}")
        _cell(r, key, _num(c.get("value"), where), str(c.get("raw") or c.get("value") or ""),
              int(c.get("line") or 0), int(c.get("column") or 0), c.get("page"))
    for s in d.get("sections") or []:  # headings with their body text, for the text rules
        line = int(s.get("line") or 0)
        start = len(r.lines)
        r.lines.append(TextLine(str(s.get("heading") or ""), Span(r.path, line, 1, line, 1)))
        for k, text in enumerate(str(s.get("text") or "").split("\n")):
            r.lines.append(TextLine(text, Span(r.path, line + 1 + k if line else 0, 1, 0, 0)))
        r.sections.append(Section(int(s.get("number") or 0), str(s.get("heading") or ""),
                                  Span(r.path, line, 1, line, 1), bool(s.get("standard", True)),
                                  start + 1, len(r.lines)))
    return r


def _from_long(rows: list[list[str]], path: str) -> list[Report]:
    reports: dict[str, Report] = {}
    for k, row in enumerate(rows[1:], 2):
        if not any(row):
            continue
        if len(row) < 10:
            raise PreviousError(f"{path} 第{k}行：应有10列，只有{len(row)}列", f"{path}, row {k}: 10 fields expected")
        p, issuer, year, template, key, value, raw, line, column, page = row[:10]
        where = f"{path} 第{k}行"
        r = reports.get(p)
        if r is None:
            r = reports[p] = Report(path=p, issuer=issuer or None, year=_year(year, where), template=template or None)
        _cell(r, key, _num(value, where), raw, int(line or 0), int(column or 0), int(page) if page else None)
    return list(reports.values())


def _from_wide(head: list[str], rows: list[list[str]], path: str) -> list[Report]:
    names = header_map()
    fields = [names.get(h) for h in head]
    if "path" not in fields and "issuer" not in fields:
        raise PreviousError(f"{path} 不是 govlint extract 写出的 CSV（第1行没有“文件”“发布机关”列）",
                            f"{path} is not a CSV written by govlint extract (no file/issuer column in row 1)")
    out = []
    for k, row in enumerate(rows[1:], 2):
        if not any(c.strip() for c in row):
            continue
        where = f"{path} 第{k}行"
        vals = {f: v for f, v in zip(fields, row) if f}
        r = Report(path=vals.get("path") or f"{path}:{k}", issuer=vals.get("issuer") or None,
                   year=_year(vals.get("year"), where), template=vals.get("template") or None)
        for f, v in vals.items():
            if f.count(".") >= 2 and v.strip():
                _cell(r, f, _num(v, where), v.strip())
        out.append(r)
    return out
