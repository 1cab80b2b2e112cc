"""The terminal format: locations, source snippet with CJK-aware marker, summary."""
from __future__ import annotations

import re

from gen.output_fixtures import RULES, ReportBuilder, all_results, diag, docx_report, main_report, pdf_report
from govlint.model import FileResult, Span
from govlint.output import render
from govlint.output.text import text_width

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _marker_under(out: str, source_fragment: str) -> tuple[str, str]:
    """The shown source line containing ``source_fragment`` and the marker line below it."""
    lines = out.splitlines()
    for i, line in enumerate(lines):
        if "| " in line and source_fragment in line:
            return line, lines[i + 1]
    raise AssertionError(f"{source_fragment!r} not shown in:\n{out}")


def test_finding_header_has_location_code_severity_message():
    out = render("text", [main_report()], rules=RULES)
    assert ("reports/示例区人民政府办公室2025年报告.md:4:22: GL601 [警告] "
            "正文称“予以公开 3 件”，表三（一）予以公开总计为 2") in out
    # a file-level finding has no line:col
    assert "reports/示例区人民政府办公室2025年报告.md: GL301 [错误] 未找到统计期限说明" in out


def test_marker_is_offset_by_display_width_of_cjk_text():
    out = render("text", [main_report()], rules=RULES)
    src, marker = _marker_under(out, "予以公开 3 件，不作为")
    text = src.split("| ", 1)[1]
    start = text.index("予以公开 3 件")
    caret = marker.split("| ", 1)[1]
    # 21 characters before the span, 13 of them wide (Chinese, full-width comma): 34 columns
    assert caret.index("^") == text_width(text[:start]) == 34
    # the marker covers the span's display width: 予以公开(8) + " 3 "(3) + 件(2)
    assert caret.strip() == "^" + "~" * 12


def test_marker_under_a_cell_after_tabs():
    out = render("text", [main_report()], rules=RULES)
    src, marker = _marker_under(out, "一、本年新收政府信息公开申请数量")
    text, caret = src.split("| ", 1)[1], marker.split("| ", 1)[1]
    assert text.rstrip().endswith("5")  # the total cell, tabs shown as spaces
    assert caret.index("^") == text_width(text.rstrip()) - 1
    assert "\t" not in src


def test_cell_page_and_docx_locator_are_shown():
    results = all_results()
    out = render("text", results, rules=RULES)
    assert "单元格：表三 一、本年新收政府信息公开申请数量 / 总计" in out
    assert "第2页" in out
    en = render("text", results, rules=RULES, lang="en")
    assert "cell: t3.new.total" in en and "page 2" in en


def test_docx_headline_names_the_table_row_and_column_not_a_line():
    """A Word document has no lines: the headline says which table, row and
    column an officer must open, and the same place is not repeated below."""
    out = render("text", [docx_report()], rules=RULES)
    head = next(ln for ln in out.splitlines() if "GL201" in ln)
    assert head.startswith("reports/某乡人民政府2021.docx: "
                           "表三（文档中第3个表格）第5行第8列（一、本年新收政府信息公开申请数量 / 总计）: GL201")
    assert ":0:0:" not in out and "位置：" not in out
    en = render("text", [docx_report()], rules=RULES, lang="en")
    assert "Table 3 (table 3 in the document), row 5, column 8 [I. new requests / total]: GL201" in en


def test_summary_line_zh_and_en():
    results = all_results()
    assert render("text", results, rules=RULES).rstrip().endswith(
        "共检查 5 个文件，发现 8 个问题（错误 5，警告 2，提示 1）")
    assert render("text", results, rules=RULES, lang="en").rstrip().endswith(
        "Checked 5 files, found 8 problems (5 errors, 2 warnings, 1 info)")
    clean = [FileResult("a.txt", None, [])]
    assert render("text", clean, rules=RULES).strip() == "共检查 1 个文件，未发现问题"
    assert render("text", clean, rules=RULES, lang="en").strip() == "Checked 1 file, no problems found"


def test_findings_are_grouped_per_file_in_path_order():
    out = render("text", all_results(), rules=RULES)
    headers = [l for l in out.splitlines() if l.startswith("── ")]
    paths = [h[3:].split("（")[0] for h in headers]
    assert paths == sorted(paths) and len(paths) == 4  # the clean file has no block
    assert "reports/干净的报告.txt" not in "".join(headers)


def test_statistics_table_counts_per_code():
    out = render("text", all_results(), rules=RULES, statistics=True)
    stats = out.split("统计：", 1)[1].splitlines()
    rows = {line.split()[1]: line.split() for line in stats[2:] if line.strip() and "GL" in line}
    assert rows["GL201"][0] == "2" and rows["GL201"][-1] == "2"
    assert rows["GL103"][0] == "1" and rows["GL103"][3] == "提示"
    assert "统计：" not in render("text", all_results(), rules=RULES)


def test_color_only_when_asked():
    plain = render("text", all_results(), rules=RULES)
    colored = render("text", all_results(), rules=RULES, color=True)
    assert "\x1b[" not in plain
    assert "\x1b[31m" in colored  # errors in red
    assert ANSI.sub("", colored) == plain


def test_long_paragraph_is_clipped_around_the_span():
    b = ReportBuilder("long.txt")
    n = b.line("甲" * 150 + "错字" + "乙" * 150)
    r = FileResult("long.txt", b.report, [diag("GL601", "错字", b.find(n, "错字"), "long.txt")])
    src, marker = _marker_under(render("text", [r], rules=RULES), "错字")
    text = src.split("| ", 1)[1]
    assert text.startswith("…") and text.endswith("…")
    assert text_width(text) <= 100
    caret = marker.split("| ", 1)[1]
    assert caret.index("^") == text_width(text[:text.index("错字")])
    assert caret.strip() == "^~~~"


def test_span_without_source_line_prints_no_snippet():
    r = main_report()
    r.diagnostics = [diag("GL601", "超出", Span(r.path, 999, 1, 999, 2), r.path)]
    out = render("text", [r], rules=RULES)
    assert ":999:1: GL601" in out and " | " not in out


def test_root_makes_paths_relative():
    out = render("text", [pdf_report()], rules=RULES, root="reports")
    assert out.startswith("红旗区科学技术局2022.pdf:2:4: GL601")
