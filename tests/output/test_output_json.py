"""The JSON contract of DESIGN.md: keys, nulls, order, readable Chinese."""
from __future__ import annotations

import json

from gen.output_fixtures import RULES, all_results, count
from govlint.output import render

KEYS = {"code", "name", "severity", "message", "filename", "location", "end_location", "page",
        "table", "row", "column_key", "url", "folded", "related", "hint"}


def test_one_object_per_finding_with_the_contract_keys():
    results = all_results()
    items = json.loads(render("json", results, rules=RULES))
    assert len(items) == count(results) == 8
    assert all(set(item) == KEYS for item in items)


def test_sorted_by_file_then_line():
    items = json.loads(render("json", all_results(), rules=RULES))
    keys = [(i["filename"], i["location"]["line"] if i["location"] else 0) for i in items]
    assert keys == sorted(keys)
    assert [i["filename"] for i in items][0] == "reports/坏文件.pdf"


def test_cell_finding_carries_cell_keys_and_positions():
    items = json.loads(render("json", all_results(), rules=RULES))
    cell = next(i for i in items if i["code"] == "GL201" and i["filename"].endswith(".md"))
    assert cell["table"] == "t3" and cell["row"] == "new" and cell["column_key"] == "total"
    assert cell["location"] == {"line": 15, "column": 30}
    assert cell["end_location"] == {"line": 15, "column": 31}
    assert cell["url"] == "https://example.org/govlint/rules/GL201"
    whole = next(i for i in items if i["code"] == "GL301")
    assert whole["location"] is None and whole["page"] is None
    pdf = next(i for i in items if i["filename"].endswith(".pdf") and i["code"] == "GL601")
    assert pdf["page"] == 2


def test_chinese_is_not_escaped_and_output_is_indented():
    out = render("json", all_results(), rules=RULES)
    assert "表三“总计”列不平衡" in out and "\\u" not in out
    assert out.startswith("[\n  {\n    \"code\"")


def test_no_findings_is_an_empty_list():
    assert json.loads(render("json", [], rules={})) == []
