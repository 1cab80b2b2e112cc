"""JUnit XML: parses back, one suite per file, one failing case per finding."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from gen.output_fixtures import RULES, ReportBuilder, all_results, count, diag
from govlint.model import FileResult
from govlint.output import render


def _tree(results, **kw) -> ET.Element:
    out = render("junit", results, rules=RULES, **kw)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(out.encode("utf-8"))


def test_structure_and_counts():
    results = all_results()
    root = _tree(results)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == sorted(r.path for r in results)
    assert root.get("failures") == str(count(results)) == "8"
    assert root.get("tests") == "9"  # 8 findings + the clean file's passing case
    for s in suites:
        assert int(s.get("tests")) == len(s.findall("testcase"))
        assert int(s.get("failures")) == len(s.findall("testcase/failure"))


def test_failure_content():
    root = _tree(all_results())
    suite = next(s for s in root.findall("testsuite") if s.get("name").endswith(".md"))
    case = next(c for c in suite.findall("testcase") if c.get("name").startswith("GL201"))
    assert case.get("name") == "GL201 matrix-balance (15:30)"
    assert case.get("line") == "15" and case.get("file") == suite.get("name")
    failure = case.find("failure")
    assert failure.get("type") == "error"
    assert failure.get("message").startswith("表三“总计”列不平衡")
    assert failure.text.startswith(suite.get("name") + ":15:30: GL201 [错误] 表三“总计”列不平衡")
    assert "t3.new.total" in failure.text


def test_clean_file_passes():
    root = _tree(all_results())
    clean = next(s for s in root.findall("testsuite") if "干净" in s.get("name"))
    assert clean.get("failures") == "0"
    cases = clean.findall("testcase")
    assert len(cases) == 1 and cases[0].find("failure") is None


def test_control_characters_and_markup_survive():
    b = ReportBuilder("x.txt")
    n = b.line("正文")
    d = diag("GL601", "坏字符\x01与<标签>&", b.find(n, "正文"), "x.txt")
    root = _tree([FileResult("x.txt", b.report, [d])])
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("message") == "坏字符与<标签>&"


def test_root_relative_names():
    root = _tree(all_results(), root="reports")
    assert "坏文件.pdf" in [s.get("name") for s in root.findall("testsuite")]
