"""`govlint rules`, `rule CODE`, `plugins`, `test` as standalone click commands."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from govlint.cli.rules import plugins_cmd, rule_cmd, rules_cmd
from govlint.cli.rules import test_cmd as examples_cmd

ROOT = Path(__file__).resolve().parents[2]


def test_rules_lists_catalog_in_both_languages():
    r = CliRunner().invoke(rules_cmd, [])
    assert r.exit_code == 0
    assert "GL201   error   matrix-balance" in r.output and "表三每列" in r.output
    en = CliRunner().invoke(rules_cmd, ["--lang", "en", "--format", "json"])
    data = {x["code"]: x for x in json.loads(en.output)}
    assert data["GL401"]["summary"].startswith("reports from 2021") and data["GL905"]["severity"] == "error"


def test_rule_explains_with_examples():
    r = CliRunner().invoke(rule_cmd, ["gl201"])
    assert r.exit_code == 0, r.output
    assert "为什么：" in r.output and "依据：" in r.output and "国办公开办函〔2021〕30号" in r.output
    assert "→ GL201 表三 自然人列：一+二=7，三(七)+四=6，相差1" in r.output
    assert "无此问题" in r.output
    assert CliRunner().invoke(rule_cmd, ["GL999"]).exit_code != 0


def test_plugins_lists_builtin():
    r = CliRunner().invoke(plugins_cmd, [])
    assert r.exit_code == 0 and "govlint" in r.output and "govlint_rule_files" in r.output


def test_test_command_exit_codes(tmp_path):
    ok = CliRunner().invoke(examples_cmd, [str(ROOT / "rules" / "packs" / "core.yaml")])
    assert ok.exit_code == 0, ok.output
    assert "examples ok" in ok.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n- {code: GLT1, name: x}\n", encoding="utf-8")
    r = CliRunner().invoke(examples_cmd, [str(bad)])
    assert r.exit_code == 2 and "bad.yaml" in r.output and "$.rules[0]" in r.output
    failing = tmp_path / "failing.yaml"
    failing.write_text("""
rules:
- code: GLT301
  name: wrong
  extends: GL301
  docs: {rationale: {zh: 例, en: ex}, basis: 例, examples: {fail: [{template: "2021", year: 2022}], pass: [{template: "2021", year: 2022}]}}
""", encoding="utf-8")
    r = CliRunner().invoke(examples_cmd, [str(failing)])
    assert r.exit_code == 1 and "FAIL GLT301 fail[1]" in r.output


def test_rule_shows_examples_in_words_and_options_with_current_values(tmp_path):
    r = CliRunner().invoke(rule_cmd, ["GL201"])
    assert "表三 一、本年新收政府信息公开申请数量 自然人 = 6" in r.output and "set=" not in r.output
    assert "2021年格式、2022年度的示例报告" in r.output
    assert 'for_each = {"col": ["natural_person"' in r.output
    en = CliRunner().invoke(rule_cmd, ["GL106", "--lang", "en"])
    assert "  without section 6 (other matters)\n" in en.output
    cfg = tmp_path / ".govlint.yaml"
    cfg.write_text("options:\n  GL303: {default: {month: 2, day: 1}}\n", encoding="utf-8")
    r = CliRunner().invoke(rule_cmd, ["GL303", "--config", str(cfg)])
    assert r.exit_code == 0, r.output
    assert 'default = {"month": 2, "day": 1}（来自配置文件）' in r.output
    assert 'pick = "last"' in r.output and "（来自配置文件）" not in r.output.split("pick")[1].splitlines()[0]
    assert "落款日期为2023年2月15日" in r.output


def test_rule_says_which_rule_replaced_it(tmp_path):
    (tmp_path / "mine.yaml").write_text("""
rules:
- code: GLZ303
  name: early
  extends: GL303
  replaces: true
  options: {deadlines: [], default: {month: 1, day: 15}}
  docs: {rationale: {zh: 例, en: ex}, basis: 例, examples: {fail: [{template: "2021", year: 2022, date: "2023-01-20"}], pass: [{template: "2021", year: 2022, date: "2023-01-10"}]}}
""", encoding="utf-8")
    cfg = tmp_path / ".govlint.yaml"
    cfg.write_text("rule-files: [mine.yaml]\n", encoding="utf-8")
    r = CliRunner().invoke(rule_cmd, ["GL303", "--config", str(cfg)])
    assert r.exit_code == 0 and "已被 GLZ303（config）取代（replaces: true），不再运行" in r.output
    child = CliRunner().invoke(rule_cmd, ["GLZ303", "--config", str(cfg)])
    assert "并取代 GL303（replaces: true），GL303 不再运行" in child.output, child.output
    assert "两条规则都会运行" not in child.output
    en = CliRunner().invoke(rule_cmd, ["GLZ303", "--config", str(cfg), "--lang", "en"])
    assert "replaces it (replaces: true): GL303 no longer runs" in en.output and "both rules run" not in en.output
    listing = CliRunner().invoke(rules_cmd, ["--config", str(cfg)])
    assert "GLZ303" in listing.output and "GL303 " not in listing.output


def test_kinds_and_kind_pages():
    from govlint.cli.kinds import kind_cmd, kinds_cmd
    from govlint.engine.kinds_base import KINDS

    r = CliRunner().invoke(kinds_cmd, [])
    assert r.exit_code == 0 and all(k in r.output for k in KINDS)
    page = CliRunner().invoke(kind_cmd, ["identity"])
    assert page.exit_code == 0 and "`for_each`" in page.output and "{lhs_label}" in page.output
    assert "GLR113" in page.output  # the runnable example and its finding
    assert "not_issuer" in CliRunner().invoke(kinds_cmd, ["--fields"]).output
    bad = CliRunner().invoke(kind_cmd, ["no_such_kind"])
    assert bad.exit_code == 2 and "未知的规则类型" in bad.output
    typo = CliRunner().invoke(kind_cmd, ["identiy"])
    assert typo.exit_code == 2 and "是否要找 identity" in typo.output
    assert "did you mean identity" in CliRunner().invoke(kind_cmd, ["identiy", "--lang", "en"]).output


def test_an_example_text_with_a_line_break_stays_on_one_line():
    from govlint.cli.explain import describe_example

    ex = {"template": "2021", "year": 2022, "replace_text": {"^（一）主动公开。": "一、主动公开\n"},
          "section_text": {5: "（一）存在的问题\n人员较少。"}}
    lines = describe_example(ex)
    assert "把匹配 ^（一）主动公开。 的文字改为“一、主动公开↵”" in lines
    assert "“五、存在的主要问题及改进情况”的正文改为“（一）存在的问题↵人员较少。”" in lines
    r = CliRunner().invoke(rule_cmd, ["GL112"])
    assert not [ln for ln in r.output.splitlines() if ln.strip() == "”"], r.output
