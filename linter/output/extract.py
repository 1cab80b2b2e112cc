"""The data of parsed reports, as ``govlint extract`` prints it (DESIGN.md's extract contract).

Why in ``output``: it is the same kind of thing as the finding formats, one
stage later than the parser, and the supervisors' spreadsheets and the
cross-report checks read the same dictionaries back.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Optional

from ..model import Report

LONG_CSV_HEADER = ["path", "issuer", "year", "template", "key", "value", "raw", "line", "column", "page"]


def _num(v: Optional[float]) -> Optional[float]:
    if v is None:
        return None
    if isinstance(v, int):
        return v  # exact, however many digits
    return int(v) if float(v).is_integer() else v


def report_to_json(r: Report) -> dict[str, Any]:
    """The `govlint extract` contract of DESIGN.md for one parsed report."""
    cells = {}
    missing = []
    for t in r.tables.values():
        for key in t.expected:
            c = t.cells.get(key)
            if c is None or c.value is None:
                missing.append(key)
            else:
                cells[key] = {"value": _num(c.value), "raw": c.raw, "line": c.span.line,
                              "column": c.span.column, "page": c.span.page}
        for key, c in t.cells.items():  # fallback keys (e.g. 2021 report keeping the 2019 row)
            if key not in t.expected and c.value is not None:
                cells[key] = {"value": _num(c.value), "raw": c.raw, "line": c.span.line,
                              "column": c.span.column, "page": c.span.page}
    return {
        "path": r.path, "issuer": r.issuer, "year": r.year, "template": r.template,
        "title": r.title,
        "sections": [{"number": s.number, "heading": s.heading, "line": s.span.line,
                      "standard": s.standard,
                      "text": "\n".join(ln.text for ln in r.lines[s.body_start:s.body_end])}
                     for s in r.sections],
        "cells": cells, "missing": missing,
        "notes": [{"kind": n.kind, "table": n.table, "row": n.row,
                   "line": n.span.line if n.span else None} for n in r.notes],
    }


def render_extract(data: list[dict[str, Any]], fmt: str) -> str:
    """``json``: the list of report dictionaries; ``csv-long`` (also ``csv``, for callers of
    this function before the wide table existed): one row per cell, missing cells with no value.
    The wide table of ``govlint extract --format csv`` is :mod:`.extract_table`."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(LONG_CSV_HEADER)
    for r in data:
        for key, c in r["cells"].items():
            w.writerow([r["path"], r["issuer"], r["year"], r["template"], key, c["value"],
                        c["raw"], c["line"], c["column"], c["page"]])
        for key in r["missing"]:
            w.writerow([r["path"], r["issuer"], r["year"], r["template"], key, "", "", "", "", ""])
    return buf.getvalue()
