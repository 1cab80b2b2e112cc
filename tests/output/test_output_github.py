"""GitHub Actions annotations: command syntax and escaping."""
from __future__ import annotations

import re

from gen.output_fixtures import RULES, ReportBuilder, all_results, count, diag
from govlint.model import FileResult
from govlint.output import render
from govlint.output.github import escape_data, escape_property

# ::command key=value,key=value::message — values and message escaped
PROP = r"[A-Za-z]+=[^,:\r\n]*"
ANNOTATION = re.compile(rf"^::(error|warning|notice) ({PROP}(?:,{PROP})*)::([^\r\n]*)$")


def _unescape(value: str) -> str:
    return (value.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n")
            .replace("%0D", "\r").replace("%25", "%"))


def _parse(out: str) -> list[tuple[str, dict[str, str], str]]:
    parsed = []
    for line in out.splitlines():
        m = ANNOTATION.match(line)
        assert m, f"not an annotation: {line!r}"
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        parsed.append((m.group(1), {k: _unescape(v) for k, v in props.items()}, _unescape(m.group(3))))
    return parsed


def test_every_finding_is_one_annotation():
    results = all_results()
    parsed = _parse(render("github", results, rules=RULES))
    assert len(parsed) == count(results)
    kinds = {p[1]["title"].split()[0]: p[0] for p in parsed}
    assert kinds["GL103"] == "notice" and kinds["GL601"] == "warning" and kinds["GL201"] == "error"


def test_positions_and_title():
    parsed = _parse(render("github", all_results(), rules=RULES))
    cell = next(p for p in parsed if p[1]["title"] == "GL201 matrix-balance" and "line" in p[1])
    assert cell[1] == {"file": "reports/示例区人民政府办公室2025年报告.md", "line": "15", "col": "30",
                       "endLine": "15", "endColumn": "31", "title": "GL201 matrix-balance"}
    assert cell[2].startswith("表三“总计”列不平衡")
    whole = next(p for p in parsed if p[1]["title"].startswith("GL301"))
    assert set(whole[1]) == {"file", "title"}  # no line: file-level annotation
    pdf = next(p for p in parsed if p[1]["file"].endswith("2022.pdf"))
    assert pdf[2].endswith("（第2页）")


def test_escaping_of_properties_and_message():
    path = "a,b:c%d.txt"
    b = ReportBuilder(path)
    n = b.line("第一行")
    d = diag("GL601", "100% 不一致\r\n第二行", b.find(n, "第一"), path)
    d.name = "name:with,comma"
    out = render("github", [FileResult(path, b.report, [d])], rules=RULES)
    assert out == ("::warning file=a%2Cb%3Ac%25d.txt,line=1,col=1,endLine=1,endColumn=3,"
                   "title=GL601 name%3Awith%2Ccomma::100%25 不一致%0D%0A第二行\n")
    kind, props, message = _parse(out)[0]
    assert props["file"] == path and props["title"] == "GL601 name:with,comma"
    assert message == "100% 不一致\r\n第二行"


def test_escape_helpers():
    assert escape_data("a%b\nc:d,e") == "a%25b%0Ac:d,e"
    assert escape_property("a%b\nc:d,e") == "a%25b%0Ac%3Ad%2Ce"


def test_root_and_no_findings():
    assert render("github", [], rules=RULES) == ""
    parsed = _parse(render("github", all_results(), rules=RULES, root="reports"))
    assert all("/" not in p[1]["file"] for p in parsed)
