"""Load YAML rule packs: safe YAML → JSON Schema → `extends` → compiled checks.

Why so strict: packs come from plugins and provinces.  Every problem is a
:class:`RuleFileError` with ONE line naming the file, the rule code and the
JSON path, raised at load time, so a bad pack never produces a traceback or a
rule that silently does nothing.  YAML is read with ``YAML(typ="safe")``
only, so ``!!python/object`` and similar tags are refused.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional, Union

from ..bilingual import both, chinese
from ..model import Diagnostic, Report, Severity
from .expr import ExprError, parse
from .kinds_base import KINDS, compile_pattern
from . import userregex
from .pyrule import Rule, RuleContext
from .schema import build_schema, rule_schema

Source = Union[str, Path, Any]  # a path or an importlib.resources Traversable


class RuleFileError(Exception):
    """A rule file cannot be used; ``str(err)`` is one line per problem
    (several lines only when several rules or files are bad), in English;
    :meth:`message` gives them in the user's language (each line is made
    with :func:`govlint.bilingual.both`)."""

    def message(self, lang: str = "zh") -> str:
        """The lines in ``lang`` ("zh" Chinese, anything else English)."""
        from ..bilingual import in_lang

        return in_lang(str(self), lang)


def rule_at(name: str, code: Any) -> str:
    """Where a problem is, as every line starts: ``file: rule CODE`` / ``file：规则 CODE``."""
    return both(f"{name}：规则 {code}", f"{name}: rule {code}")


def problem(where: str, zh: str, en: str) -> str:
    """One problem line ``where: what`` in both languages (``where`` made by :func:`both` too)."""
    return both(f"{chinese(where)}：{zh}", f"{where}: {en}")


class YamlRule(Rule):
    """A rule defined in a YAML pack; ``kind`` names its check function."""

    def __init__(self, data: dict[str, Any], origin: str, source: str):
        self.data = data
        self.code = data["code"]
        self.name = data["name"]
        self.kind = data["kind"]
        self.severity = Severity(data["severity"])
        self.message = data["message"]
        self.messages = data.get("messages") or {}
        self.summary = data["summary"]
        self.docs = data["docs"]
        self.when = data.get("when") or {}
        self.options = data.get("options") or {}
        self.url = data.get("url")
        self.extends = data.get("extends")
        self.replaces = bool(data.get("replaces"))
        self.origin = origin
        self.source = source

    def check(self, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
        """Dispatch to the kind; the loader already checked it exists and the options fit its schema."""
        return KINDS[self.kind](self, report, ctx)


def _name(src: Source) -> str:
    return str(src)


RULE_FILE_MAX_BYTES = 10 * 1024 * 1024  # a pack is kilobytes; /dev/zero named in rule-files: is not read for ever


def _read_text(src: Source) -> str:
    from ..reading import read_capped

    try:
        if isinstance(src, (str, Path)) or not hasattr(src, "read_text"):
            return read_capped(str(src), RULE_FILE_MAX_BYTES).decode("utf-8")
        return src.read_text(encoding="utf-8")  # a package resource (importlib.resources)
    except (OSError, UnicodeDecodeError) as e:
        why = _unreadable_zh(e)
        raise RuleFileError(problem(_name(src), f"无法读取规则文件：{why}",
                                    f"cannot read rule file: {e}")) from None


def _unreadable_zh(e: Exception) -> str:
    import errno

    from ..reading import NotARegularFile, TooLarge

    if isinstance(e, UnicodeDecodeError):
        return f"不是 UTF-8 编码的文本（第 {e.start + 1} 个字节处）"
    if isinstance(e, NotARegularFile):
        return f"这是{e.kind_zh}，不是普通文件"
    if isinstance(e, TooLarge):
        return f"文件超过 {e.limit} 字节"
    known = {errno.ENOENT: "文件不存在", errno.EACCES: "没有读取权限", errno.EISDIR: "这是一个文件夹"}
    return known.get(getattr(e, "errno", None), str(e))


def load_rule_file(src: Source) -> list[dict[str, Any]]:
    """Read, safe-load (parse cached by content hash) and validate a rule file."""
    from ..yamlio import cached

    return validate_file(cached("yaml", _read_text(src), lambda text: _parse(text, src)), src)


def _payload(rule: Any) -> str:
    import json

    return json.dumps(rule, sort_keys=True, ensure_ascii=False, default=repr)


def read_yaml(src: Source) -> Any:
    """Parse YAML text with the safe loader; errors become RuleFileError."""
    return _parse(_read_text(src), src)


def _parse(text: str, src: Source) -> Any:
    from ruamel.yaml.error import YAMLError

    from ..yamlio import safe_load

    try:
        return safe_load(text)
    except YAMLError as e:
        raise RuleFileError(yaml_error_line(_name(src), e)) from None


def yaml_error_line(name: str, e: Exception) -> str:
    """One line for a YAML syntax error: ``file:line:column: what is wrong``.

    ruamel's own text names the stream ``<unicode string>`` and runs over
    several lines with a caret; a rule author needs the file and the place.
    """
    from .ruletext import yaml_phrase_zh

    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark is not None else name
    what = getattr(e, "problem", None)
    context = getattr(e, "context", None)
    if what:
        detail = f"{context}: {what}" if context and context != what else str(what)
        zh = f"{yaml_phrase_zh(context)}：{yaml_phrase_zh(what)}" if context and context != what \
            else yaml_phrase_zh(str(what))
    else:
        detail = zh = " ".join(str(e).replace("<unicode string>", name).split())
    refused = "tag" in detail or "constructor" in detail.lower()
    hint = " (only plain YAML is allowed; tags such as !!python/object are refused)" if refused else ""
    hint_zh = "（只允许普通 YAML，!!python/object 之类的标签一律拒绝）" if refused else ""
    return problem(where, f"不是有效的规则文件：{zh}{hint_zh}", f"not a valid rule file: {detail}{hint}")


def _json_path(path: Iterable[Any]) -> str:
    out = "$"
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def _first_error(validator: Any, instance: Any) -> Optional[Any]:
    from jsonschema.exceptions import best_match

    return best_match(validator.iter_errors(instance))


_VALIDATORS: dict[str, Any] = {}


def _validator(kind: Optional[str]) -> Any:
    from jsonschema import Draft202012Validator

    key = kind or ""
    if key not in _VALIDATORS:
        schema = rule_schema(kind)
        schema["$defs"] = build_schema()["$defs"]
        _VALIDATORS[key] = Draft202012Validator(schema)
    return _VALIDATORS[key]


def validate_file(data: Any, src: Source) -> list[dict[str, Any]]:
    """Check the file shape and each rule's generic fields; return the raw rules."""
    name = _name(src)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleFileError(problem(name, "规则文件应是一个含 `rules:` 列表的映射",
                                    "a rule file is a mapping with a `rules:` list"))
    extra = set(data) - {"rules", "pack", "description"}
    if extra:
        keys = sorted(map(str, extra))
        raise RuleFileError(problem(name, f"未知的顶层键：{'、'.join(keys)}（可用 rules、pack、description）",
                                    f"unknown top-level key(s): {', '.join(keys)}"))
    from ..yamlio import validated

    for i, r in enumerate(data["rules"]):
        def check(r: Any = r, i: int = i) -> None:
            err = _first_error(_validator(None), r)
            if err is not None:
                code = r.get("code", f"#{i + 1}") if isinstance(r, dict) else f"#{i + 1}"
                raise RuleFileError(schema_problem(rule_at(name, code), i, err))
        validated("rule", _payload(r), check)
    return data["rules"]


def schema_problem(where: str, i: int, err: Any) -> str:
    """A schema error of rule ``i`` as one line: the JSON path, then what is wrong."""
    from .ruletext import schema_error_zh

    path = _json_path(["rules", i, *err.absolute_path])
    return problem(where, f"{path} 处：{schema_error_zh(err)}", f"at {path}: {err.message}")


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for k, v in child.items():
        if k in ("options", "when", "messages") and isinstance(v, dict):
            merged = dict(out.get(k) or {})
            merged.update(v)
            out[k] = merged
        else:
            out[k] = v
    return out


def check_compiled(rule: dict[str, Any], where: str) -> None:
    """Parse every expression and regex now, so errors surface at load time."""
    from .ruletext import regex_error_zh

    opts = rule.get("options") or {}
    exprs = [opts[k] for k in ("lhs", "rhs", "expr") if k in opts]
    exp = opts.get("expect")
    exprs += [exp] if isinstance(exp, str) else list(exp or [])
    for e in exprs:
        try:
            parse(e)
        except ExprError as err:
            raise RuleFileError(problem(where, f"表达式无效：{chinese(str(err))}",
                                        f"invalid expression: {err}")) from None
    pats = list(opts.get("patterns") or []) + list(opts.get("boilerplate") or [])
    pats += [p for g in opts.get("require") or [] for p in g.get("patterns") or []]
    pats += [opts["skip_before"]] if opts.get("skip_before") else []
    for k in ("issuer", "not_issuer"):
        if k in (rule.get("when") or {}):
            pats.append(rule["when"][k])
    for d in opts.get("deadlines") or []:
        pats += [d[k] for k in ("issuer", "not_issuer") if k in d]
    for p in pats:
        try:
            compile_pattern(p)
        except userregex.error_types() as err:
            raise RuleFileError(problem(where, f"正则表达式 {p!r} 无效：{regex_error_zh(err)}",
                                        f"invalid regular expression {p!r}: {err}")) from None
    if rule.get("kind") == "narrative_number":
        for p in opts.get("patterns") or []:
            if compile_pattern(p).groups < 1:
                raise RuleFileError(problem(where, f"模式 {p!r} 需要一个捕获组（圆括号）来取出数字",
                                            f"pattern {p!r} needs a capture group for the number"))


Raw = tuple[dict[str, Any], str, str, int]  # (rule dict, file name, providing plugin, index in file)


@dataclass
class Built:
    """What :func:`build` makes of raw rules: the rules, one error line per
    bad rule (with the plugin that provided it), and which codes a
    ``replaces: true`` rule switched off (parent code → replacing code)."""

    rules: list[Rule] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (source plugin, one-line message)
    replaced: dict[str, str] = field(default_factory=dict)
    hidden: list[Rule] = field(default_factory=list)  # the rules switched off by `replaces`


def build(raw: list[Raw]) -> Built:
    """Resolve ``extends`` across all packs, validate and compile every rule.

    A bad rule is left out and its error kept, so every mistake of every
    pack is reported at once; the caller decides whether errors are fatal
    (a built-in or config pack) or a GL907 for the plugin that sent them.
    """
    from ..yamlio import validated
    from .keycheck import check_keys

    out = Built()
    by_code: dict[str, Raw] = {}
    for item in raw:
        r, name, source, i = item
        if r["code"] in by_code:
            other = by_code[r["code"]][1]
            line = problem(rule_at(name, r["code"]), f"$.rules[{i}].code 处：该代码已在 {other} 中定义",
                           f"at $.rules[{i}].code: code already defined in {other}")
            out.errors.append((source, line))
            continue
        by_code[r["code"]] = item

    resolved: dict[str, dict[str, Any]] = {}

    def resolve(code: str, chain: tuple[str, ...]) -> dict[str, Any]:
        if code in resolved:
            return resolved[code]
        r, name, _, i = by_code[code]
        if "extends" in r:
            base = r["extends"]
            if base not in by_code:
                raise RuleFileError(problem(rule_at(name, code), f"$.rules[{i}].extends 处：没有规则 {base!r}",
                                            f"at $.rules[{i}].extends: unknown rule {base!r}"))
            if base in chain:
                raise RuleFileError(problem(rule_at(name, code), f"$.rules[{i}].extends 处：extends 循环引用",
                                            f"at $.rules[{i}].extends: circular extends"))
            merged = _merge(resolve(base, chain + (code,)), r)
            merged["extends"] = base
            merged["replaces"] = bool(r.get("replaces"))
        else:
            merged = r
        resolved[code] = merged
        return merged

    for code, (r, name, source, i) in by_code.items():
        where = rule_at(name, code)
        try:
            data = resolve(code, ())

            def check(data: dict[str, Any] = data, where: str = where, i: int = i) -> None:
                err = _first_error(_validator(data.get("kind")), data)
                if err is not None:
                    raise RuleFileError(schema_problem(where, i, err))
                check_compiled(data, where)
            # schema, expressions and regexes depend on the rule alone: a rule that passed under
            # this code is not compiled again (compiling every pattern was much of a one-file check)
            validated("rule-compiled", _payload(data), check)
            check_keys(data, where)  # depends on the templates too (a plugin's): always
        except RuleFileError as e:
            out.errors.append((source, str(e)))
            continue
        out.rules.append(YamlRule(data, name, source))
    for rule in out.rules:
        if rule.replaces and rule.extends:
            out.replaced[rule.extends] = rule.code
    if out.replaced:
        out.hidden = [r for r in out.rules if r.code in out.replaced]
        out.rules = [r for r in out.rules if r.code not in out.replaced]
    return out


def build_rules(raw: list[Raw]) -> list[Rule]:
    """(rule dict, file name, source, index) → the rules that run; every bad rule in one
    RuleFileError (a line each)."""
    built = build(raw)
    if built.errors:
        raise RuleFileError("\n".join(msg for _, msg in built.errors))
    return built.rules


def load_raw(sources: Iterable[tuple[Source, str]], errors: Optional[list[str]] = None) -> list[Raw]:
    """Read and validate several packs; every unreadable or invalid file is listed, not just the first.

    Raises one RuleFileError (a line per bad file), unless ``errors`` is
    given: then the lines are appended to it and the good files' rules are
    returned, so the caller can report build errors of those too.
    """
    raw: list[Raw] = []
    found: list[str] = []
    for src, plugin in sources:
        try:
            raw += [(r, _name(src), plugin, i) for i, r in enumerate(load_rule_file(src))]
        except RuleFileError as e:
            found.append(str(e))
    if errors is not None:
        errors += found
    elif found:
        raise RuleFileError("\n".join(found))
    return raw


def load_rule_files(sources: Iterable[tuple[Source, str]]) -> list[Rule]:
    """Load packs given as (path or Traversable, providing plugin name)."""
    return build_rules(load_raw(sources))


def builtin_packs() -> list[Any]:
    """The packs shipped in ``govlint.rules/packs`` (as Traversables)."""
    from importlib.resources import files

    packs = files("govlint.rules") / "packs"
    return sorted((p for p in packs.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)
