"""Rule files: safe YAML, schema errors with file/code/JSON path, load-time checks."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from govlint.engine.loader import RuleFileError, load_rule_files
from govlint.engine.schema import build_schema
from gen.rulefiles import GOOD

ROOT = Path(__file__).resolve().parents[2]


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


# ------------------------------------------------------------------ mistakes a rule author makes
def test_yaml_syntax_error_names_the_file_line_and_column(tmp_path):
    with pytest.raises(RuleFileError) as ei:
        _load(tmp_path, GOOD.replace("  name: t-rule", "  name: t-rule\n   kind: oops"))
    msg = str(ei.value)
    assert f"{tmp_path / 'pack.yaml'}:5:8:" in msg and "<unicode string>" not in msg and "\n" not in msg


def test_several_bad_files_are_all_listed_one_line_each(tmp_path):
    from govlint.engine.loader import load_raw

    a, b, c = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "good.yaml"
    a.write_text("rules: [oops\n", encoding="utf-8")
    b.write_text(GOOD.replace("severity: warning", "severity: fatal"), encoding="utf-8")
    c.write_text(GOOD.replace("GLT101", "GLT109"), encoding="utf-8")
    with pytest.raises(RuleFileError) as ei:
        load_rule_files([(a, "t"), (b, "t"), (c, "t")])
    lines = str(ei.value).splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"{a}:2:") and lines[1].startswith(f"{b}: rule GLT101")
    errors: list[str] = []
    assert [r[0]["code"] for r in load_raw([(a, "t"), (c, "t")], errors)] == ["GLT109"] and len(errors) == 1


def test_misspelt_cell_key_is_one_line_with_the_nearest_key(tmp_path):
    bad = GOOD.replace("kind: text_pattern", "kind: identity").replace(
        "options: {scope: 6, patterns: ['网址']}",
        "options: {lhs: 't4.litigaton_direct.total', rhs: 'sum(t4.litigation_direct.upheld)'}")
    with pytest.raises(RuleFileError) as ei:
        _load(tmp_path, bad)
    msg = str(ei.value)
    assert "\n" not in msg and "rule GLT101" in msg and "'t4.litigaton_direct.total'" in msg
    assert "did you mean 't4.litigation_direct.total'" in msg


def test_keys_behind_for_each_and_globs_are_checked(tmp_path):
    base = GOOD.replace("kind: text_pattern", "kind: identity")
    ok = base.replace("options: {scope: 6, patterns: ['网址']}", (
        "options: {lhs: 't3.total_handled.{col}', rhs: 'sum(t3.denied.*.{col}) + t3.granted.{col}', "
        "for_each: {col: [natural_person, total]}}"))
    _load(tmp_path, ok)
    with pytest.raises(RuleFileError, match=r"unknown cell key 't3\.total_handled\.natural_persn'.*"
                                            r"did you mean 't3\.total_handled\.natural_person'"):
        _load(tmp_path, ok.replace("[natural_person, total]", "[natural_persn, total]"))
    with pytest.raises(RuleFileError, match=r"options\.keys: unknown cell key 't5\.\*'"):
        _load(tmp_path, GOOD.replace("kind: text_pattern", "kind: cell_numeric").replace(
            "options: {scope: 6, patterns: ['网址']}", "options: {keys: ['t3.*', 't5.*']}"))


def test_example_set_keys_are_checked_against_the_example_template(tmp_path):
    bad = GOOD.replace('fail: [{template: "2021", year: 2022}]',
                       'fail: [{template: "2021", year: 2022, set: {t3.other.total: 1}}]')
    with pytest.raises(RuleFileError) as ei:
        _load(tmp_path, bad)
    assert "docs.examples.fail[1].set" in str(ei.value) and "'t3.other.total'" in str(ei.value)
    assert "did you mean 't3.other.other.total'" in str(ei.value)


def test_replaces_switches_the_parent_off(tmp_path):
    from govlint.engine.loader import build

    text = GOOD + "- {code: GLT102, extends: GLT101, replaces: true, options: {scope: 5}}\n"
    p = tmp_path / "pack.yaml"
    p.write_text(text, encoding="utf-8")
    from govlint.engine.loader import load_raw

    built = build(load_raw([(p, "test")]))
    assert [r.code for r in built.rules] == ["GLT102"] and built.replaced == {"GLT101": "GLT102"}
    assert [r.code for r in built.hidden] == ["GLT101"]
    assert built.rules[0].options == {"scope": 5, "patterns": ["网址"]}  # merged key by key
    plain = tmp_path / "plain.yaml"
    plain.write_text(GOOD + "- {code: GLT102, extends: GLT101}\n", encoding="utf-8")
    assert [r.code for r in load_rule_files([(plain, "test")])] == ["GLT101", "GLT102"]  # both run
    with pytest.raises(RuleFileError, match="extends"):
        _load(tmp_path, GOOD.replace("  severity: warning", "  severity: warning\n  replaces: true"))


def test_python_rule_mistakes_name_the_class():
    from govlint.engine import _py_rule
    from govlint.engine.pyrule import PyRule

    class TypoInExample(PyRule):
        code, name = "GLT901", "typo"
        docs = {"examples": {"fail": [{"template": "2021", "year": 2022, "set": {"t3.new.totl": 1}}]}}

    class Shouting(PyRule):
        code, name, severity = "GLT902", "shouting", "fatal"

    with pytest.raises(TypeError, match=r"TypoInExample \(GLT901\).*'t3\.new\.totl'.*'t3\.new\.total'"):
        _py_rule(TypoInExample, "p")
    with pytest.raises(TypeError, match=r"Shouting \(GLT902\): severity 'fatal'"):
        _py_rule(Shouting, "p")
