"""SARIF 2.1.0: valid against the official schema, rules, levels, regions, URIs."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from gen.output_fixtures import RULES, all_results, count, main_report
from govlint import __version__
from govlint.model import Fix
from govlint.output import render

SCHEMA = json.loads((Path(__file__).parents[1] / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))


def _sarif(results, **kw):
    return json.loads(render("sarif", results, rules=RULES, **kw))


def _validate(log: dict) -> None:
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(log)


def test_vendored_schema_is_the_official_2_1_0():
    assert SCHEMA["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]


@pytest.mark.parametrize("root", [None, "reports"])
def test_output_validates_against_the_schema(root):
    _validate(_sarif(all_results(), root=root))


def test_schema_rejects_a_broken_log():
    log = _sarif(all_results())
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        _validate(log)


def test_driver_and_rules():
    run = _sarif(all_results())["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "govlint" and driver["version"] == __version__
    assert driver["informationUri"].startswith("https://")
    rules = {r["id"]: r for r in driver["rules"]}
    assert set(rules) == set(RULES)
    assert rules["GL201"]["name"] == "matrix-balance"
    assert rules["GL201"]["shortDescription"]["text"] == "表三：一＋二＝三（七）＋四"
    assert "Table 3 must balance" in rules["GL201"]["fullDescription"]["text"]
    assert rules["GL201"]["helpUri"] == "https://example.org/govlint/rules/GL201"
    assert "helpUri" not in rules["GL301"]
    assert rules["GL103"]["defaultConfiguration"]["level"] == "note"
    assert rules["GL601"]["defaultConfiguration"]["level"] == "warning"
    en = _sarif(all_results(), lang="en")["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"]: r for r in en}["GL201"]["shortDescription"]["text"].startswith("Table 3")


def test_results_levels_regions_and_rule_index():
    run = _sarif(all_results())["runs"][0]
    results = run["results"]
    assert len(results) == count(all_results())
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for res in results:
        assert ids[res["ruleIndex"]] == res["ruleId"]
    cell = next(r for r in results if r["ruleId"] == "GL201"
                and r["locations"][0]["physicalLocation"].get("region"))
    assert cell["level"] == "error"
    assert cell["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 15, "startColumn": 30, "endLine": 15, "endColumn": 31}
    assert cell["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "t3.new.total"
    assert cell["properties"] == {"table": "t3", "row": "new", "column_key": "total"}
    handled = main_report().report.tables["t3"].cells["t3.total_handled.total"].span
    assert cell["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == handled.line
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels["GL103"] == "note" and levels["GL601"] == "warning"
    # no line (whole file, DOCX): the location has no region
    whole = next(r for r in results if r["ruleId"] == "GL301")
    assert "region" not in whole["locations"][0]["physicalLocation"]
    docx = next(r for r in results if r["ruleId"] == "GL201" and r is not cell)
    assert "region" not in docx["locations"][0]["physicalLocation"]
    assert docx["properties"]["where"] == "表格3 第5行 第8列"
    pdf = next(r for r in results if r["ruleId"] == "GL601" and r.get("properties", {}).get("page"))
    assert pdf["properties"]["page"] == 2


def test_uris_relative_to_root_and_percent_encoded():
    run = _sarif(all_results(), root="reports")["runs"][0]
    loc = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc["uriBaseId"] == "%SRCROOT%"
    assert "/" not in loc["uri"] and loc["uri"].startswith("%E5%9D%8F")  # 坏文件.pdf
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file:///")
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/reports/")
    plain = _sarif(all_results())["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert plain["artifactLocation"] == {"uri": "reports/%E5%9D%8F%E6%96%87%E4%BB%B6.pdf"}
    outside = _sarif(all_results(), root="elsewhere")["runs"][0]["results"][0]
    assert "uriBaseId" not in outside["locations"][0]["physicalLocation"]["artifactLocation"]


def test_unknown_code_gets_a_rule_entry_and_fix_is_exported():
    r = main_report()
    d = r.diagnostics[1]
    d.fix = Fix("改为 2 件", d.span, "予以公开 2 件")
    r.diagnostics.append(type(d)("GL999", "plugin-crash", d.severity, "插件出错", None, r.path))
    log = json.loads(render("sarif", [r], rules=RULES))
    _validate(log)
    run = log["runs"][0]
    assert "GL999" in [x["id"] for x in run["tool"]["driver"]["rules"]]
    fixed = next(x for x in run["results"] if "fixes" in x)
    repl = fixed["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert repl["insertedContent"]["text"] == "予以公开 2 件"
    assert repl["deletedRegion"]["startLine"] == 4
