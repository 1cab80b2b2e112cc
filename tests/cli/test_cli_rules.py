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
