"""Chinese for the libraries' own words in a rule-file problem (jsonschema, YAML, ``re``).

Why: a rule author reading Chinese output should not meet an English
sentence inside a Chinese one.  Schema errors are rebuilt from the error's
structured fields (which keyword failed, the value, what was allowed), so
every keyword the rule schema uses has its sentence; YAML and regular
expression problems are known phrases of those libraries, translated by the
table below.  A phrase the table does not know is kept as the library says
it — still precise, only in English.
"""
from __future__ import annotations

import re
from typing import Any

_TYPES = {"string": "字符串", "integer": "整数", "number": "数", "boolean": "布尔值（true/false）",
          "array": "列表", "object": "映射（键: 值）", "null": "空值"}


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _types(value: Any) -> str:
    names = value if isinstance(value, list) else [value]
    return "或".join(_TYPES.get(str(n), str(n)) for n in names)


def schema_error_zh(err: Any) -> str:
    """A jsonschema ValidationError in Chinese, from its keyword and values."""
    kw, want, got = err.validator, err.validator_value, err.instance
    if kw == "required":
        m = re.match(r"(.+) is a required property$", err.message)
        return f"缺少必填项 {m.group(1) if m else _show(want)}"
    if kw in ("additionalProperties", "unevaluatedProperties"):
        m = re.search(r"\((.+) (?:was|were) unexpected\)", err.message)
        return f"不允许的键：{m.group(1)}" if m else "有不允许的键"
    if kw == "enum":
        return f"{_show(got)} 不是允许的值（可用：{'、'.join(map(str, want))}）"
    if kw == "const":
        return f"应为 {_show(want)}，实为 {_show(got)}"
    if kw == "type":
        return f"{_show(got)} 应为{_types(want)}"
    if kw == "pattern":
        return f"{_show(got)} 不符合格式 {want!r}"
    if kw in ("minItems", "minLength", "minProperties"):
        unit = "项" if kw != "minLength" else "个字符"
        return f"{_show(got)} 至少要有 {want} {unit}"
    if kw in ("maxItems", "maxLength", "maxProperties"):
        unit = "项" if kw != "maxLength" else "个字符"
        return f"{_show(got)} 最多只能有 {want} {unit}"
    if kw in ("minimum", "exclusiveMinimum"):
        return f"{_show(got)} 小于{'或等于' if kw == 'exclusiveMinimum' else ''}最小值 {want}"
    if kw in ("maximum", "exclusiveMaximum"):
        return f"{_show(got)} 大于{'或等于' if kw == 'exclusiveMaximum' else ''}最大值 {want}"
    if kw in ("anyOf", "oneOf"):
        return f"{_show(got)} 不符合任何一种允许的写法"
    if kw == "dependentRequired":
        m = re.match(r"(.+) is a dependency of (.+)$", err.message)
        return f"有 {m.group(2)} 时必须同时给出 {m.group(1)}" if m else err.message
    if kw == "uniqueItems":
        return f"{_show(got)} 中有重复的项"
    if kw == "not":
        return f"{_show(got)} 不允许这样写"
    return err.message


# ruamel.yaml's phrases (problem or context) → Chinese; {0}, {1} are the quoted parts kept as they are
_YAML_PHRASES = [
    (r"mapping values are not allowed here", "此处不能出现“键: 值”（多半是缩进不对或冒号后少了空格）"),
    (r"found unexpected end of stream", "文件意外结束"),
    (r"could not find expected ':'", "找不到应有的冒号“:”"),
    (r"found character (.+) that cannot start any token",
     "字符 {0} 不能出现在这里（YAML 不能用制表符缩进）"),
    (r"expected (.+), but found (.+)", "应为 {0}，却是 {1}"),
    (r"expected (.+), but got (.+)", "应为 {0}，却是 {1}"),
    (r"found duplicate key (.+) with value (.+) \(original value: (.+)\)", "键 {0} 重复（值 {1}，先前的值 {2}）"),
    (r"found duplicate key (.+)", "键 {0} 重复"),
    (r"found unknown escape character (.+)", "未知的转义字符 {0}"),
    (r"found undefined alias (.+)", "未定义的别名 {0}"),
    (r"could not determine a constructor for the tag (.+)", "无法识别标签 {0}"),
    (r"found unexpected ':'", "出现了多余的冒号“:”"),
    (r"while parsing a flow sequence", "解析方括号列表 [...] 时"),
    (r"while parsing a flow mapping", "解析花括号映射 {{...}} 时"),
    (r"while parsing a block mapping", "解析映射时"),
    (r"while parsing a block collection", "解析列表时"),
    (r"while scanning a simple key", "解析键时"),
    (r"while scanning a quoted scalar", "解析引号中的文字时"),
    (r"while scanning a plain scalar", "解析文字时"),
    (r"while constructing a mapping", "构造映射时"),
    (r"while constructing a Python object", "构造 Python 对象时"),
]


# ruamel's names of what it expected or found ("'<stream end>'")
_YAML_TOKENS = {"<stream end>": "文件结尾", "<block end>": "缩进块的结尾", "<scalar>": "文字",
                "<block mapping start>": "映射的开始", "<block sequence start>": "列表的开始",
                "<block collection start>": "列表或映射的开始", "<document start>": "文档开始（---）",
                "<flow sequence start>": "“[”", "<flow mapping start>": "“{”", "<alias>": "别名",
                "<anchor>": "锚点", "<tag>": "标签", "<block sequence end>": "列表的结尾"}


def _yaml_part(text: str) -> str:
    text = re.sub(r"'(<[a-z ]+>)'", lambda m: _YAML_TOKENS.get(m.group(1), m.group(0)), text)
    return text.replace(" or ", " 或 ")


def yaml_phrase_zh(text: str) -> str:
    """One ruamel.yaml problem/context phrase in Chinese (as it is when not in the table)."""
    for pattern, zh in _YAML_PHRASES:
        m = re.fullmatch(pattern, text.strip())
        if m:
            return zh.format(*map(_yaml_part, m.groups()))
    return text


# the messages of the regex package's error (user patterns) and of re.error (built-in ones),
# without the "at position N" tail
_RE_PHRASES = [
    (r"missing \)(?:, unterminated subpattern)?", "缺少右括号“)”"),
    (r"missing (.)", "缺少 {0}"),
    (r"min repeat greater than max repeat", "重复次数 {{m,n}} 的下限大于上限"),
    (r"unknown group", "引用了不存在的组"),
    (r"unbalanced parenthesis", "括号不成对"),
    (r"unterminated character set", "方括号“[”没有闭合"),
    (r"nothing to repeat", "量词（* + ? {{n}}）前面没有可重复的内容"),
    (r"multiple repeat", "量词重复"),
    (r"bad escape (.+)", "错误的转义 {0}"),
    (r"bad character range(?: (.+))?", "错误的字符范围 {0}"),
    (r"unknown extension(?: (.+))?", "未知的扩展写法 {0}"),
    (r"look-behind requires fixed-width pattern", "后行断言 (?<=…)/(?<!…) 的内容必须定长"),
    (r"missing (.+), unterminated name", "缺少 {0}，组名没有结束"),
    (r"unknown group name (.+)", "未知的组名 {0}"),
    (r"redefinition of group name (.+)", "组名 {0} 重复定义"),
    (r"unterminated comment", "注释没有结束"),
]


def regex_error_zh(err: Any) -> str:
    """A regex/re error in Chinese, with its position counted from 1 as a person counts."""
    msg = getattr(err, "msg", str(err))
    zh = msg
    for pattern, text in _RE_PHRASES:
        m = re.fullmatch(pattern, msg)
        if m:
            zh = text.format(*(g or "" for g in m.groups())).rstrip()
            break
    pos = getattr(err, "pos", None)
    return f"{zh}（第 {pos + 1} 个字符处）" if pos is not None else zh
