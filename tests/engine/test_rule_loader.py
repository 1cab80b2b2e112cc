"""Rule files: safe YAML, schema errors with file/code/JSON path, load-time checks."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from govlint.engine.loader import RuleFileError, load_rule_files
from govlint.engine.schema import build_schema

ROOT = Path(__file__).resolve().parents[2]

GOOD = """
rules:
- code: GLT101
  name: t-rule
  kind: text_pattern
  severity: warning
  options: {scope: 6, patterns: ['网址']}
  message: {zh: 缺少网址, en: no web address}
  summary: {zh: 网址, en: web address}
  docs:
    rationale: {zh: 因为, en: because}
    basis: 示例
    examples:
      fail: [{template: "2021", year: 2022}]
      pass: [{template: "2021", year: 2022, add_text: {section: 6, text: 网址：http://x}}]
"""


def _load(tmp_path: Path, text: str):
    p = tmp_path / "pack.yaml"
    p.write_text(text, encoding="utf-8")
    return p, load_rule_files([(p, "test")])


def test_good_file_loads(tmp_path):
    _, rules = _load(tmp_path, GOOD)
    assert [r.code for r in rules] == ["GLT101"]


def test_schema_error_names_file_rule_and_json_path(tmp_path):
    bad = GOOD.replace("severity: warning", "severity: fatal")
    with pytest.raises(RuleFileError) as ei:
        _load(tmp_path, bad)
    msg = str(ei.value)
    assert "pack.yaml" in msg and "GLT101" in msg and "$.rules[0].severity" in msg
    assert "\n" not in msg


def test_kind_option_error_has_path(tmp_path):
    bad = GOOD.replace("patterns: ['网址']", "patterns: '网址'")
    with pytest.raises(RuleFileError, match=r"GLT101: at \$\.rules\[0\]\.options\.patterns"):
        _load(tmp_path, bad)


def test_unsafe_tag_is_refused(tmp_path):
    bad = GOOD.replace("basis: 示例", "basis: !!python/object/apply:os.system ['echo hacked']")
    with pytest.raises(RuleFileError, match="not a valid rule file.*tags such as"):
        _load(tmp_path, bad)


def test_unbalanced_parentheses_rejected_at_load(tmp_path):
    bad = GOOD.replace("kind: text_pattern", "kind: identity").replace(
        "options: {scope: 6, patterns: ['网址']}", "options: {lhs: '(t3.new.total', rhs: 't3.new.total'}")
    with pytest.raises(RuleFileError, match=r"GLT101: invalid expression: unexpected end"):
        _load(tmp_path, bad)


def test_bad_regex_rejected(tmp_path):
    with pytest.raises(RuleFileError, match="invalid regular expression"):
        _load(tmp_path, GOOD.replace("patterns: ['网址']", "patterns: ['(网址']"))


def test_narrative_pattern_needs_group(tmp_path):
    bad = GOOD.replace("kind: text_pattern", "kind: narrative_number").replace(
        "options: {scope: 6, patterns: ['网址']}", "options: {patterns: ['受理\\d+件'], expect: t3.new.total}")
    with pytest.raises(RuleFileError, match="capture group"):
        _load(tmp_path, bad)


def test_duplicate_code_and_unknown_extends(tmp_path):
    with pytest.raises(RuleFileError, match="already defined"):
        _load(tmp_path, GOOD + GOOD.split("rules:\n", 1)[1])
    with pytest.raises(RuleFileError, match=r"extends: unknown rule 'GL999'"):
        _load(tmp_path, "rules:\n- {code: GLT102, extends: GL999}\n")


def test_extends_merges_options(tmp_path):
    text = GOOD + "- {code: GLT102, extends: GLT101, name: t-rule-two, options: {scope: 5}}\n"
    _, rules = _load(tmp_path, text)
    two = {r.code: r for r in rules}["GLT102"]
    assert two.options == {"scope": 5, "patterns": ["网址"]}
    assert two.kind == "text_pattern" and two.name == "t-rule-two"


def test_not_a_mapping(tmp_path):
    with pytest.raises(RuleFileError, match="mapping with a `rules:` list"):
        _load(tmp_path, "- just a list\n")


def test_shipped_schema_file_is_current():
    shipped = json.loads((ROOT / "rules" / "schema" / "rule.schema.json").read_text("utf-8"))
    assert shipped == build_schema(), "regenerate: python -m govlint.engine.schema > rules/schema/rule.schema.json"


def test_builtin_packs_validate_against_json_schema_file():
    from jsonschema import Draft202012Validator
    from ruamel.yaml import YAML

    schema = json.loads((ROOT / "rules" / "schema" / "rule.schema.json").read_text("utf-8"))
    for pack in (ROOT / "rules" / "packs").glob("*.yaml"):
        data = YAML(typ="safe").load(pack.read_text("utf-8"))
        assert not list(Draft202012Validator(schema).iter_errors(data)), pack
