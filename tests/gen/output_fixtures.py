"""Hand-built results for the output-format tests (no loader or parser needed).

A 2021-format report whose source text is generated here, with every cell's
span pointing at the number in its source line, plus a PDF-like report
(pages), a DOCX-like one (``where`` locators, no lines), a file that could not
be parsed and a clean one.  scripts/screenshot_html_report.sh also renders
these when the real pipeline is not available.
"""
from __future__ import annotations

import re
from typing import Optional

from govlint.model import (Cell, Diagnostic, FileResult, Report, RuleMeta, Section, Severity, Span,
                           Table, TextLine)
from govlint.templates import builtin_templates

_T21 = builtin_templates()["2021"].tables
T3_COLUMNS = dict(_T21["t3"].columns)
T3_ROWS = {r.key: r.label for r in _T21["t3"].rows if not r.group or r.key == "other"}
T4_COLUMNS = dict(_T21["t4"].columns)
T4_ROWS = dict(_T21["t4"].groups)

T3_COLS = list(T3_COLUMNS)
T3_ROWS_2021 = [r for r in T3_ROWS if r != "other"]
T2_LAYOUT = [("rules", ["issued", "repealed", "in_force"]),
             ("normative_docs", ["issued", "repealed", "in_force"]),
             ("licensing", ["decisions"]), ("penalty", ["decisions"]),
             ("enforcement", ["decisions"]), ("fees", ["amount"])]

RULES: dict[str, RuleMeta] = {
    "GL103": RuleMeta("GL103", "row-missing", Severity.INFO, "表格缺少模板规定的行",
                      "A table lacks a row of the template"),
    "GL110": RuleMeta("GL110", "table-value-count", Severity.ERROR, "表格数值个数与模板不符",
                      "A table row has more or fewer values than the template",
                      "https://example.org/govlint/rules/GL110"),
    "GL201": RuleMeta("GL201", "matrix-balance", Severity.ERROR, "表三：一＋二＝三（七）＋四",
                      "Table 3 must balance: new + carried over = handled + carried forward",
                      "https://example.org/govlint/rules/GL201"),
    "GL301": RuleMeta("GL301", "statistics-period", Severity.ERROR, "缺少统计期限说明",
                      "No statistics-period sentence"),
    "GL601": RuleMeta("GL601", "narrative-table-mismatch", Severity.WARNING,
                      "正文数字与表格不一致", "A number in the text contradicts a table"),
    "GL901": RuleMeta("GL901", "unreadable-file", Severity.ERROR, "无法读取文件",
                      "The file cannot be read"),
}


class ReportBuilder:
    """Appends source lines and records cells whose spans point into them."""

    def __init__(self, path: str, *, kind: str = "text", template: str = "2021") -> None:
        self.report = Report(path=path, kind=kind, template=template)
        self.page: Optional[int] = None

    def line(self, text: str) -> int:
        r = self.report
        r.source_lines.append(text)
        n = len(r.source_lines)
        r.lines.append(TextLine(text, Span(r.path, n, 1, n, len(text) + 1, self.page)))
        return n

    def span(self, line: int, start: int, end: int) -> Span:
        """Span of characters [start, end) (0-based) of a source line."""
        return Span(self.report.path, line, start + 1, line, end + 1, self.page)

    def find(self, line: int, needle: str) -> Span:
        text = self.report.source_lines[line - 1]
        i = text.index(needle)
        return self.span(line, i, i + len(needle))

    def row(self, table: str, row: str, label: str, cols: list[str], values: list[Optional[int]],
            found: bool = True) -> int:
        """A tab-separated table row; ``None`` values are written as "/" (blank)."""
        t = self.report.tables.setdefault(table, Table(table, True, None))
        t.expected.extend(f"{table}.{row}.{c}" for c in cols)
        if not found:
            return 0
        raws = ["/" if v is None else str(v) for v in values]
        n = self.line(label + "\t" + "\t".join(raws))
        text = self.report.source_lines[-1]
        tokens = list(re.finditer(r"[^\t]+", text))[1:]
        for c, v, m in zip(cols, values, tokens):
            key = f"{table}.{row}.{c}"
            t.cells[key] = Cell(key, None if v is None else float(v), m.group(),
                                self.span(n, m.start(), m.end()).with_cell(table, row, c))
        if t.span is None:
            t.span = self.span(n, 0, len(text))
        return n


def diag(code: str, message: str, span: Optional[Span], path: str,
         severity: Optional[Severity] = None, related: Optional[list[Span]] = None) -> Diagnostic:
    meta = RULES[code]
    return Diagnostic(code, meta.name, severity or meta.severity, message, span, path,
                      related or [], None, meta.url)


def main_report(path: str = "reports/示例区人民政府办公室2025年报告.md") -> FileResult:
    """The rich one: all three tables, five findings on cell, row, table, text, file."""
    b = ReportBuilder(path, kind="markdown")
    r = b.report
    r.issuer, r.year, r.title = "示例区人民政府办公室", 2025, "示例区人民政府办公室 2025 年政府信息公开工作年度报告"
    b.line("# " + r.title)
    b.line("")
    s1 = b.line("## 一、总体情况")
    r.sections.append(Section(1, "一、总体情况", b.span(s1, 3, 9)))
    narrative = b.line("2025 年办理依申请公开 4 件，其中，予以公开 3 件，不作为政府信息公开申请处理 1 件。")
    b.line("## 二、主动公开政府信息情况")
    b.line("信息内容\t本年制发件数\t本年废止件数\t现行有效件数")
    for row, cols in T2_LAYOUT:
        label = {"rules": "规章", "normative_docs": "行政规范性文件", "licensing": "行政许可",
                 "penalty": "行政处罚", "enforcement": "行政强制", "fees": "行政事业性收费"}[row]
        values = [1, 0, 5] if row == "normative_docs" else [12] if row == "licensing" else [0] * len(cols)
        b.row("t2", row, label, cols, values)
    b.line("## 三、收到和处理政府信息公开申请情况")
    b.line("\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计")
    lines: dict[str, int] = {}
    for row in T3_ROWS_2021:
        values: list[Optional[int]] = [0] * 7
        if row == "new":
            values = [4, 0, 1, 0, 0, 0, 5]  # total 5 but should balance with 4
        elif row == "granted":
            values = [2, 0, 0, 0, 0, 0, 2]
        elif row == "not_processed.petition":
            values = [1, 0, 0, 0, 0, 0, 1]
        elif row == "total_handled":
            values = [4, 0, 0, 0, 0, 0, 4]
        elif row == "denied.state_secret":
            values = [0, None, 0, 0, 0, 0, 0]
        found = row != "other.overdue_fee"
        lines[row] = b.row("t3", row, T3_ROWS[row], T3_COLS, values, found=found)
    b.line("## 四、政府信息公开行政复议、行政诉讼情况")
    t4_line = None
    for row in T4_ROWS:
        n = b.row("t4", row, T4_ROWS[row], list(T4_COLUMNS), [1, 0, 0, 0, 1] if row == "review" else [0] * 5)
        t4_line = t4_line or n
    b.line("## 五、存在的主要问题及改进情况")
    b.line("一是公开内容不够全面；二是解读形式较为单一。下一步将持续改进。" * 3)
    b.line("## 六、其他需要报告的事项")
    b.line("本年度未收取信息处理费。")
    cell_new = r.tables["t3"].cells["t3.new.total"].span
    cell_handled = r.tables["t3"].cells["t3.total_handled.total"].span
    diags = [
        diag("GL201", "表三“总计”列不平衡：一（5）＋二（0）＝5，三（七）（4）＋四（0）＝4", cell_new, path,
             related=[cell_handled]),
        diag("GL601", "正文称“予以公开 3 件”，表三（一）予以公开总计为 2", b.find(narrative, "予以公开 3 件"),
             path, related=[r.tables["t3"].cells["t3.granted.total"].span]),
        diag("GL103", "表三缺少“2.申请人逾期未按收费通知要求缴纳费用…”一行",
             Span(path, lines["other.overdue_correction"], 1, lines["other.overdue_correction"], 5,
                  None, "t3", "other.overdue_fee", None), path),
        diag("GL110", "表四有 16 个数值，模板规定 15 个",
             Span(path, t4_line, 1, t4_line, 5, None, "t4"), path),
        diag("GL301", "未找到统计期限说明（“本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止”）",
             None, path),
    ]
    return FileResult(path, r, diags, seconds=0.012)


def pdf_report(path: str = "reports/红旗区科学技术局2022.pdf") -> FileResult:
    b = ReportBuilder(path, kind="pdf")
    r = b.report
    r.issuer, r.year = "红旗区科学技术局", 2022
    b.page = 1
    b.line("红旗区科学技术局 2022 年政府信息公开工作年度报告")
    b.page = 2
    n = b.line("本年度制发行政规范性文件 1 件，现行有效 5 件。")
    b.row("t2", "normative_docs", "行政规范性文件", ["issued", "repealed", "in_force"], [0, 0, 0])
    sp = b.find(n, "制发行政规范性文件 1 件")
    return FileResult(path, r, [diag("GL601", "正文称制发行政规范性文件 1 件，表二为 0", sp, path)])


def docx_report(path: str = "reports/某乡人民政府2021.docx") -> FileResult:
    r = Report(path=path, kind="docx", issuer="某乡人民政府", year=2021, template="2021")
    sp = Span(path, 0, 0, 0, 0, None, "t3", "new", "total", "表格3 第5行 第8列")
    return FileResult(path, r, [diag("GL201", "表三“总计”列不平衡", sp, path)])


def broken_file(path: str = "reports/坏文件.pdf") -> FileResult:
    return FileResult(path, None, [diag("GL901", "无法读取文件：PDF 已加密", None, path)])


def clean_report(path: str = "reports/干净的报告.txt") -> FileResult:
    b = ReportBuilder(path)
    b.line("某局 2025 年政府信息公开工作年度报告")
    return FileResult(path, b.report, [])


def all_results() -> list[FileResult]:
    return [main_report(), pdf_report(), docx_report(), broken_file(), clean_report()]


def count(results: list[FileResult]) -> int:
    return sum(len(r.diagnostics) for r in results)


