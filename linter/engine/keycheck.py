"""Check the canonical keys a rule names against the templates, when its pack loads.

Why: a typo such as ``t4.litigaton_direct.total`` is valid syntax, so the
rule would load, never find the cell and say "cannot verify" on every
report.  Every key in a rule's expressions (``lhs``, ``rhs``, ``expr``,
``expect``), in its key globs (``keys``, ``exclude``) and in its examples'
``set:`` must name a cell of some loaded template; the error is one line
naming the rule, the key and the nearest real key.
"""
from __future__ import annotations

import difflib
import fnmatch
import re
from typing import Any, Iterable, Optional

from ..bilingual import both, chinese
from ..templates import builtin_templates
from .expr import BinOp, Call, ExprError, Key, Neg, parse

_EXPR_OPTIONS = ("lhs", "rhs", "expr", "expect")
_GLOB_OPTIONS = ("keys", "exclude")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")


_KEYS: dict[tuple[int, Optional[str]], list[str]] = {}
_KNOWN: dict[tuple[int, str, bool], bool] = {}


def template_keys(template: Optional[str] = None) -> list[str]:
    """Every cell key of one template, or of all loaded templates (plugins' included)."""
    templates = builtin_templates()
    memo = (id(templates), None if template is None else str(template))
    if memo not in _KEYS:
        out: dict[str, None] = {}
        for tid, t in templates.items():
            if template is None or tid == str(template):
                for spec in t.tables.values():
                    out.update(dict.fromkeys(spec.expected_keys))
        _KEYS[memo] = list(out)
    return _KEYS[memo]


def _known(pattern: str, keys: list[str], glob: bool) -> bool:
    """Whether some key matches (memoised: packs name the same keys again and again)."""
    memo = (id(keys), pattern, glob)
    if memo not in _KNOWN:
        if not re.search(r"[*?\[{]", pattern):
            _KNOWN[memo] = pattern in set(keys)
        else:
            first = pattern.split(".", 1)[0]
            rx = _regex(pattern, glob)
            near = keys if re.search(r"[*?\[{]", first) else [k for k in keys if k.startswith(first + ".")]
            _KNOWN[memo] = any(rx.match(k) for k in near)
    return _KNOWN[memo]


def _regex(pattern: str, glob: bool) -> "re.Pattern[str]":
    """A key pattern as a regex over whole keys: a ``{var}`` left (bound to ``rows:tN`` /
    ``columns:tN``, or unbound) is any key segments; ``*`` is one segment in an expression
    and anything in a glob (``fnmatch``)."""
    out, pos = [], 0
    for m in _PLACEHOLDER.finditer(pattern):
        out.append(_literal(pattern[pos:m.start()], glob))
        out.append(r"[a-z0-9_.]+")
        pos = m.end()
    out.append(_literal(pattern[pos:], glob))
    return re.compile("".join(out) + r"\Z")


def _literal(text: str, glob: bool) -> str:
    if glob:
        return fnmatch.translate(text)[4:-3] if text else ""  # (?s:...)\Z → the inner part
    return re.escape(text).replace(r"\*", r"[a-z0-9_]+")


def _expansions(pattern: str, bindings: dict[str, Any]) -> list[str]:
    """The pattern once per value of each ``{var}`` bound to a literal list (so a typo in the
    list is caught too: ``[natural_persn, total]``); other placeholders stay."""
    names = [n for n in dict.fromkeys(_PLACEHOLDER.findall(pattern))
             if isinstance(bindings.get(n), list) and bindings[n]]
    out = [pattern]
    for n in names:
        out = [p.replace("{" + n + "}", str(v)) for p in out for v in bindings[n]]
    return out


def _nearest(pattern: str, keys: list[str]) -> Optional[str]:
    probe = _PLACEHOLDER.sub("*", pattern)
    best = difflib.get_close_matches(probe, keys, n=1, cutoff=0.5)
    if best:
        return best[0]
    parts = probe.split(".")  # compare the prefix, e.g. t4.litigaton_direct.* → t4.litigation_direct
    prefixes = sorted({".".join(k.split(".")[:len(parts) - 1]) for k in keys})
    near = difflib.get_close_matches(".".join(parts[:-1]), prefixes, n=1, cutoff=0.5)
    return f"{near[0]}.{parts[-1]}" if near else None


def expr_keys(text: str) -> list[str]:
    """Every KEY of an expression as written (``{var}`` and ``*`` kept), in order; [] for bad syntax
    (the loader reports that separately)."""
    try:
        root = parse(text).root
    except ExprError:
        return []
    out: list[str] = []
    todo = [root]
    while todo:
        node = todo.pop()
        if isinstance(node, Key):
            out.append(node.pattern)
        elif isinstance(node, Neg):
            todo.append(node.operand)
        elif isinstance(node, BinOp):
            todo += [node.right, node.left]
        elif isinstance(node, Call):
            todo += reversed(node.args)
    return out


def _unknown(patterns: Iterable[str], bindings: dict[str, Any], keys: list[str], glob: bool) -> list[str]:
    return [e for p in dict.fromkeys(patterns) if "." in p for e in _expansions(p, bindings)
            if not _known(e, keys, glob)]


def _line(where: str, field_: str, key: str, keys: list[str]) -> str:
    near = _nearest(key, keys)
    hint = f" (did you mean {near!r}?)" if near else ""
    hint_zh = f"（是否应为 {near!r}？）" if near else ""
    return both(f"{chinese(where)}：{field_} 处：没有单元格键 {key!r}{hint_zh}；全部键见 rules/templates/*.yaml",
                f"{where}: at {field_}: unknown cell key {key!r}{hint}; keys are listed in rules/templates/*.yaml")


def check_keys(rule: dict[str, Any], where: str) -> None:
    """Raise RuleFileError (one line) for the first key no template has."""
    from .loader import RuleFileError

    keys = template_keys()
    if not keys:
        return
    opts = rule.get("options") or {}
    bindings = {k: v for k, v in (opts.get("for_each") or {}).items()}
    for name in _EXPR_OPTIONS:
        value = opts.get(name)
        for text in [value] if isinstance(value, str) else list(value or []):
            bad = _unknown(expr_keys(str(text)), bindings, keys, glob=False)
            if bad:
                raise RuleFileError(_line(where, f"options.{name}", bad[0], keys))
    for name in _GLOB_OPTIONS:
        bad = _unknown([str(k) for k in opts.get(name) or []], bindings, keys, glob=True)
        if bad:
            raise RuleFileError(_line(where, f"options.{name}", bad[0], keys))
    problem = example_key_problem(rule.get("docs") or {})
    if problem:
        raise RuleFileError(both(f"{chinese(where)}：{chinese(problem)}", f"{where}: {problem}"))


def example_key_problem(docs: dict[str, Any]) -> Optional[str]:
    """The first ``set:`` key of an example that its template does not have, as a message; else None."""
    examples = (docs or {}).get("examples") or {}
    for kind in ("fail", "pass"):
        for i, ex in enumerate(examples.get(kind) or [], 1):
            if not isinstance(ex, dict):
                continue
            tkeys = template_keys(ex.get("template"))
            if not tkeys:
                continue
            for key in ex.get("set") or {}:
                if key not in tkeys:
                    near = difflib.get_close_matches(str(key), tkeys, n=1, cutoff=0.5)
                    hint = f" (did you mean {near[0]!r}?)" if near else ""
                    hint_zh = f"（是否应为 {near[0]!r}？）" if near else ""
                    return both(f"docs.examples.{kind}[{i}].set 处：{ex.get('template')} 模板没有单元格 "
                                f"{key!r}{hint_zh}",
                                f"at docs.examples.{kind}[{i}].set: the {ex.get('template')} template has no "
                                f"cell {key!r}{hint}")
    return None
