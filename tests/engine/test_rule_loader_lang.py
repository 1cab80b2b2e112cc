"""A rule file's problem reads in the user's language: Chinese by default, English with --lang en.

Why a test per mistake: the loader's lines are made in both languages where
they are raised, and the libraries' own words (jsonschema, YAML, ``re``) are
translated from the error's fields; a new message made in English only, or a
schema keyword without its Chinese, shows up here as English in a Chinese line.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from govlint.engine.loader import RuleFileError, load_rule_files
from gen.rulefiles import GOOD

NARRATIVE = GOOD.replace("kind: text_pattern", "kind: narrative_number").replace(
    "options: {scope: 6, patterns: ['网址']}", "options: {patterns: ['办结(\\\\d+)件'], expect: t3.total_handled.total}")
IDENTITY = GOOD.replace("kind: text_pattern", "kind: identity").replace(
    "options: {scope: 6, patterns: ['网址']}", "options: {lhs: 't3.new.total', rhs: 't3.total_handled.total'}")

# (what is wrong, the pack, a phrase the Chinese line must have, one the English line has)
MISTAKES = [
    ("a required field", GOOD.replace("  severity: warning\n", ""), "缺少必填项 'severity'",
     "'severity' is a required property"),
    ("a value not allowed", GOOD.replace("severity: warning", "severity: fatal"),
     "'fatal' 不是允许的值（可用：error、warning、info）", "'fatal' is not one of"),
    ("an unknown key", GOOD.replace("  severity: warning\n", "  severity: warning\n  colour: red\n"),
     "不允许的键：'colour'", "Additional properties are not allowed"),
    ("an empty list", GOOD.replace("patterns: ['网址']", "patterns: []"), "至少要有 1 项", "should be non-empty"),
    ("a wrong type", GOOD.replace("patterns: ['网址']", "patterns: '网址'"), "应为列表", "is not of type 'array'"),
    ("a bad code", GOOD.replace("code: GLT101", "code: gl1"), "不符合格式", "does not match"),
    ("a bad expression", IDENTITY.replace("'t3.new.total'", "'t3.new.total +'"),
     "表达式无效：表达式 't3.new.total +' 意外结束", "invalid expression: unexpected end of expression"),
    ("an unknown function", IDENTITY.replace("'t3.new.total'", "'total(t3.new.total)'"),
     "中的函数 'total' 不存在", "unknown function 'total'"),
    ("a bad regex", GOOD.replace("patterns: ['网址']", "patterns: ['(网址']"),
     "正则表达式 '(网址' 无效：缺少右括号“)”（第 4 个字符处）", "invalid regular expression '(网址'"),
    ("no capture group", NARRATIVE.replace("办结(\\\\d+)件", "办结件"), "需要一个捕获组", "needs a capture group"),
    ("a misspelt key", IDENTITY.replace("t3.new.total'", "t3.new.totl'"),
     "没有单元格键 't3.new.totl'（是否应为 't3.new.total'？）", "unknown cell key 't3.new.totl'"),
    ("a misspelt example key", GOOD.replace('fail: [{template: "2021", year: 2022}]',
                                            'fail: [{template: "2021", year: 2022, set: {t3.new.totl: 1}}]'),
     "2021 模板没有单元格 't3.new.totl'", "the 2021 template has no cell 't3.new.totl'"),
    ("an unknown parent", GOOD + "- {code: GLT102, name: child, extends: GL999}\n",
     "extends 处：没有规则 'GL999'", "extends: unknown rule 'GL999'"),
    ("a code twice", GOOD + GOOD.replace("rules:\n", "").replace("name: t-rule", "name: again"),
     "该代码已在", "code already defined in"),
    ("a YAML syntax error", "rules:\n- code: GLZ101\n  name: x\n   kind: bad\n",
     "不是有效的规则文件：此处不能出现“键: 值”", "not a valid rule file: mapping values are not allowed here"),
    ("an unclosed list", "rules: [unclosed\n", "解析方括号列表 [...] 时：应为 ',' 或 ']'，却是 文件结尾",
     "while parsing a flow sequence"),
    ("a Python tag", "rules: !!python/object:os.system {}\n", "无法识别标签", "could not determine a constructor"),
    ("not a mapping", "- a\n- b\n", "规则文件应是一个含 `rules:` 列表的映射", "a mapping with a `rules:` list"),
    ("an unknown top-level key", "rules: []\ncolour: red\n", "未知的顶层键：colour", "unknown top-level key(s): colour"),
]

# what may stay in Latin letters in a Chinese line: the file, the rule code, JSON paths, quoted values,
# and the names a rule author types (YAML, the top-level keys, a template's path)
_KEPT = re.compile(r"'[^']*'|(?<=规则 )[^：]+|abs|coalesce|max|min|sum|\S*pack\.yaml(:\d+:\d+)?|GL[A-Z]?\d+|\$[\w.\[\]]*|[\w.]+\[\d+\](\.set)?|"
                   r"options\.\w+|`rules:`|rules/templates/\*\.yaml|YAML|python/object|rules|pack|"
                   r"description|extends|error|warning|info|colour|\d+")


@pytest.mark.parametrize("what,text,zh,en", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_rule_file_mistake_is_chinese_by_default_and_english_on_request(tmp_path: Path, what, text, zh, en):
    pack = tmp_path / "pack.yaml"
    pack.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as ei:
        load_rule_files([(pack, "test")])
    chinese, english = ei.value.message(), ei.value.message("en")
    assert len(chinese.splitlines()) == 1 and chinese.startswith(str(pack)), chinese
    assert zh in chinese and en in english, (chinese, english)
    assert english == str(ei.value)  # what logs and str(err) have always said
    left = _KEPT.sub("", chinese)
    assert not re.search(r"[A-Za-z]{2,}", left), f"English left in the Chinese line: {chinese}"


def test_an_unreadable_rule_file_is_chinese_by_default(tmp_path: Path):
    pack = tmp_path / "pack.yaml"
    pack.write_bytes("rules: []  # 注释\n".encode("gbk"))
    with pytest.raises(RuleFileError) as ei:
        load_rule_files([(pack, "test")])
    assert "无法读取规则文件：不是 UTF-8 编码的文本（第" in ei.value.message()
    assert "cannot read rule file" in ei.value.message("en")
