"""Fix hints of arithmetic findings: one per plausible single-cell correction, never applied."""
from __future__ import annotations

import json

from govlint.config import Config
from govlint.engine import catalog, run
from govlint.model import FileResult
from govlint.output import render
from govlint.parse import parse_text
from govlint.scaffold.synth import render_report


def _diags(cells, lang="zh", code="GL201"):
    text = render_report("2021", 2022, cells=cells)
    rep = parse_text(text, "r.md")
    return rep, text, [d for d in run(rep, Config(), lang) if d.code == code]


def test_every_hint_balances_the_identity_when_applied_alone():
    # 一、本年新收 自然人 mistyped 6 (should be 5): 一+二 = 7 but 三(七)+四 = 6
    rep, _text, diags = _diags({"t3.new.natural_person": 6, "t3.new.total": 7})
    d = next(d for d in diags if d.span.column_key == "natural_person")
    assert d.hints[0].description == "若一+二正确，（七）总计 自然人应为6"  # the anchored cell first
    assert "若三(七)+四正确，一、本年新收政府信息公开申请数量 自然人应为5" in [h.description for h in d.hints]
    for h in d.hints:  # applying any one hint alone makes this column balance
        key = f"t3.{h.span.row}.{h.span.column_key}"
        cells = {"t3.new.natural_person": 6, "t3.new.total": 7, key: float(h.replacement)}
        _rep, _t, after = _diags(cells)
        assert not [x for x in after if x.span.column_key == "natural_person"], h.description


def test_no_hint_makes_a_count_negative():
    # 一 = 8: 一+二 = 9 but 三(七)+四 = 6; 二、上年结转 (1) would have to be -2: not offered
    _rep, _t, diags = _diags({"t3.new.natural_person": 8, "t3.new.total": 9})
    d = next(d for d in diags if d.span.column_key == "natural_person")
    texts = [h.description for h in d.hints]
    assert texts == ["若一+二正确，（七）总计 自然人应为8",
                     "若三(七)+四正确，一、本年新收政府信息公开申请数量 自然人应为5",
                     "若一+二正确，四、结转下年度继续办理 自然人应为4"]


def test_table4_hint_names_the_group_and_english_works():
    _rep, _t, diags = _diags({"t4.litigation_direct.upheld": 2}, code="GL204")
    assert [h.description for h in diags[0].hints][:2] == [
        "若维持+纠正+其他结果+尚未审结正确，行政诉讼（未经复议直接起诉） 总计应为2",
        "若总计正确，行政诉讼（未经复议直接起诉） 结果维持应为0"]
    _rep, _t, en = _diags({"t4.litigation_direct.upheld": 2}, "en", code="GL204")
    assert en[0].hints[0].description.startswith("if upheld+corrected+other+pending is right, ")


def test_hints_in_json_and_sarif_fixes():
    rep, text, diags = _diags({"t3.new.natural_person": 6, "t3.new.total": 7})
    results = [FileResult("r.md", rep, diags)]
    items = json.loads(render("json", results, rules=catalog(Config())))
    assert all(isinstance(i["hint"], list) and i["hint"] for i in items)
    sarif = json.loads(render("sarif", results, rules=catalog(Config())))
    res = sarif["runs"][0]["results"][0]
    fix = res["fixes"][0]
    assert fix["description"]["text"] == res["properties"]["hint"][0]
    region = fix["artifactChanges"][0]["replacements"][0]["deletedRegion"]
    line = text.splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == "5"  # (七)总计 自然人 is 5
    assert fix["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "6"


def test_findings_that_are_not_arithmetic_have_no_hint():
    _rep, _t, diags = _diags({"t3.new.natural_person": None}, code="GL122")
    assert diags and all(d.hints == [] and d.to_json()["hint"] is None for d in diags)
