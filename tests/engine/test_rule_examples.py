"""Every installed rule's own examples, through the full pipeline (render → parser → rules)."""
from __future__ import annotations

import pytest

from govlint.engine import rules_for
from govlint.engine.examples import check_rule_examples, run_examples

RULES = rules_for().rules


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_has_fail_and_pass_examples(rule):
    ex = rule.examples
    assert ex["fail"], f"{rule.code} has no failing example"
    assert ex["pass"], f"{rule.code} has no passing example"
    docs = rule.docs
    assert docs.get("basis") and docs.get("rationale", {}).get("zh") and docs["rationale"].get("en")
    assert rule.message.get("zh") and rule.message.get("en")
    assert rule.summary.get("zh") and rule.summary.get("en")


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_examples(rule):
    bad = [f"{r.label}: {r.detail}" for r in check_rule_examples(rule, RULES) if not r.ok]
    assert not bad, "\n".join(bad)


def test_run_examples_reports_a_wrong_example(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text("""
rules:
- code: GLT301
  name: always-wrong
  extends: GL301
  docs:
    rationale: {zh: 例, en: ex}
    basis: 例
    examples:
      fail: [{template: "2021", year: 2022}]
      pass: [{template: "2021", year: 2022, remove_text: ['本报告中所列数据的统计期限.*?止。']}]
""", encoding="utf-8")
    res = {r.label: r for r in run_examples([pack])}
    assert set(res) == {"GLT301 fail[1]", "GLT301 pass[1]"}
    assert not res["GLT301 fail[1]"].ok and "expected GLT301" in res["GLT301 fail[1]"].detail
    assert not res["GLT301 pass[1]"].ok and "unexpected GLT301" in res["GLT301 pass[1]"].detail


def test_rule_without_examples_fails(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text("""
rules:
- code: GLT302
  name: no-examples
  extends: GL301
  docs: {rationale: {zh: 例, en: ex}, basis: 例, examples: {fail: [], pass: []}}
""", encoding="utf-8")
    res = run_examples([pack])
    assert any(not r.ok and "at least one fail and one pass" in r.detail for r in res)
