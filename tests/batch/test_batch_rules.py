"""The GL7xx rules are rules like the others: listed, documented, and their examples hold."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

import govlint.batch  # noqa: F401 - registers the rules
from govlint.batch import BatchRule
from govlint.cli import main
from govlint.engine import rules_for
from govlint.engine.examples import check_rule_examples

CODES = [f"GL70{i}" for i in range(1, 9)]


def test_listed_by_govlint_rules():
    out = CliRunner().invoke(main, ["rules"]).output
    assert all(c in out for c in CODES)


@pytest.mark.parametrize("code", CODES)
def test_examples_hold(code):
    rules = rules_for().rules
    rule = next(r for r in rules if r.code == code)
    assert isinstance(rule, BatchRule)
    res = check_rule_examples(rule, rules)
    assert res and all(r.ok for r in res), [r.detail for r in res if not r.ok]


def test_documented_by_govlint_rule():
    res = CliRunner().invoke(main, ["rule", "GL701", "--lang", "en"])
    assert res.exit_code == 0
    assert "another report: a clean 2021 report" in res.output and "→ GL701" in res.output


def test_govlint_test_runs_them():
    res = CliRunner().invoke(main, ["test"])
    assert res.exit_code == 0 and "examples ok" in res.output
