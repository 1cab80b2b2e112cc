"""CSV: header, one row per finding, Excel-safe cells."""
from __future__ import annotations

import csv
import io

from gen.output_fixtures import RULES, ReportBuilder, all_results, count, diag
from govlint.model import FileResult
from govlint.output import render
from govlint.output.csv_ import HEADER


def _rows(results, **kw) -> list[dict[str, str]]:
    out = render("csv", results, rules=RULES, **kw)
    assert "\r\n" in out and not out.startswith("\ufeff")  # the CLI adds the BOM
    return list(csv.DictReader(io.StringIO(out, newline="")))


def test_header_and_one_row_per_finding():
    results = all_results()
    out = render("csv", results, rules=RULES)
    assert out.splitlines()[0].split(",") == HEADER
    assert HEADER[:11] == ["file", "line", "column", "page", "code", "name", "severity", "table",
                           "row", "column_key", "message"]
    assert len(_rows(results)) == count(results)


def test_row_content():
    rows = _rows(all_results())
    cell = next(r for r in rows if r["code"] == "GL201" and r["line"])
    assert cell == {"file": "reports/示例区人民政府办公室2025年报告.md", "line": "15", "column": "30",
                    "page": "", "code": "GL201", "name": "matrix-balance", "severity": "error",
                    "table": "t3", "row": "new", "column_key": "total",
                    "message": "表三“总计”列不平衡：一（5）＋二（0）＝5，三（七）（4）＋四（0）＝4",
                    "issuer": "示例区人民政府办公室", "year": "2025"}
    pdf = next(r for r in rows if r["file"].endswith("2022.pdf"))
    assert pdf["page"] == "2"
    broken = next(r for r in rows if r["code"] == "GL901")
    assert broken["line"] == "" and broken["issuer"] == ""


def test_formula_injection_is_neutralised():
    b = ReportBuilder("=cmd.txt")
    n = b.line("正文")
    d = diag("GL601", "=HYPERLINK(\"http://x\")", b.find(n, "正文"), "=cmd.txt")
    rows = _rows([FileResult("=cmd.txt", b.report, [d])])
    assert rows[0]["message"].startswith("'=") and rows[0]["file"] == "'=cmd.txt"


def test_encodes_for_excel():
    out = render("csv", all_results(), rules=RULES)
    assert out.encode("utf-8-sig").startswith(b"\xef\xbb\xbf")
    assert "示例区" in out.encode("utf-8-sig").decode("utf-8-sig")
