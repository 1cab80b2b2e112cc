"""A small, safe arithmetic language over canonical table keys.

Why not ``eval``: rule files come from third-party plugins and provinces; a
rule must never be able to run code.  This module tokenizes and parses with a
hand-written recursive-descent parser and evaluates the resulting tree itself.

Grammar::

    expr    := term (("+" | "-") term)*
    term    := factor (("*" | "/") factor)*
    factor  := ("+" | "-") factor | NUMBER | KEY | NAME "(" [arg ("," arg)*] ")"
             | "(" expr ")"
    KEY     := segment ("." segment)*     segment: identifier, "*" or "{var}" parts

A KEY with dots is a canonical cell key (``t3.new.natural_person``); ``*``
matches exactly one key segment (``t3.denied.*.total``); ``{col}`` is
replaced by a ``for_each`` binding before lookup.  A KEY without dots is a
report variable (only ``year`` today).

Functions: ``sum(...)`` (arguments may be globs), ``coalesce(a, b, ...)`` (the
first argument that refers to at least one known key and has none missing —
used for "2021 sub-rows, or the 2019 single row when the report kept it"),
``abs``, ``min``, ``max``.

Evaluation never raises on a missing cell: it returns the value computed with
missing cells as 0 plus the list of missing keys, so a rule can say "cannot
verify" instead of inventing an imbalance.
"""
from __future__ import annotations

import fnmatch
import itertools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Optional, Protocol, Union

from ..bilingual import both

if TYPE_CHECKING:
    from ..model import Report

VARIABLES = {"year"}
FUNCTIONS = {"sum", "coalesce", "abs", "min", "max"}

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<num>\d+(?:\.\d+)?)
  | (?P<key>(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_]+\})(?:[A-Za-z0-9_]*|\{[A-Za-z_]+\})*
            (?:\.(?:[A-Za-z0-9_]+|\*|\{[A-Za-z_]+\})(?:[A-Za-z0-9_]*|\{[A-Za-z_]+\})*)*)
  | (?P<op>[-+*/(),])
""", re.VERBOSE)
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")


class ExprError(ValueError):
    """The expression text is not valid; the message says where."""


class Resolver(Protocol):
    """What evaluation needs from a report (see :class:`ReportResolver`)."""

    def value(self, key: str) -> Optional[float]:
        """The cell's number; None when absent or blank, so evaluation records the key as missing."""

    def known(self, key: str) -> bool:
        """Whether the template expects ``key`` (or the report has it): unknown bindings are skipped."""

    def expand(self, pattern: str) -> list[str]:
        """Keys a glob stands for, including expected keys the report lacks (they count as missing)."""

    def variable(self, name: str) -> Optional[float]:
        """A report variable such as ``year``; None when the report does not know it."""


class Result:
    """A value plus the keys it read (``used``) and those that were missing.

    A plain slotted class rather than a dataclass: evaluation makes one per
    node per binding (tens of thousands a second), and a dataclass's
    ``default_factory`` fields made construction a visible cost.
    """

    __slots__ = ("value", "missing", "used")

    def __init__(self, value: float, missing: Optional[list[str]] = None,
                 used: Optional[list[str]] = None) -> None:
        self.value = value
        self.missing = missing if missing is not None else []
        self.used = used if used is not None else []

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Result) and (self.value, self.missing, self.used)
                == (other.value, other.missing, other.used))

    def __repr__(self) -> str:
        return f"Result(value={self.value!r}, missing={self.missing!r}, used={self.used!r})"

    @property
    def complete(self) -> bool:
        """True when no operand was missing: only then may a rule base a verdict on ``value``."""
        return not self.missing


# ---------------------------------------------------------------- AST nodes
@dataclass
class Num:
    value: float

    def eval(self, r: Resolver, b: dict[str, str]) -> Result:
        """A literal reads no cell, so it can never make a result incomplete."""
        return Result(self.value)


@dataclass
class Key:
    pattern: str

    def __post_init__(self) -> None:
        # the pattern split once at its placeholders: "t3.{row}.total" → literals and names,
        # so filling it per binding (thousands of times a run) needs no regex pass
        pieces = _PLACEHOLDER.split(self.pattern)
        self._literals = pieces[0::2]
        self._names = pieces[1::2]
        self._memo: dict[object, str] = {}
        # a key without placeholders is the same name for every binding: classify it once
        plain = self.pattern if not self._names else None
        self._kind = None if plain is None else ("var" if "." not in plain else
                                                 "glob" if "*" in plain else "cell")

    def name(self, b: dict[str, str]) -> str:
        """The pattern with ``{var}`` filled from ``for_each`` bindings; unbound ones stay as written.

        Memoised by the bound values: an identity fills the same few names
        for every report of a run, thousands of times.
        """
        names = self._names
        if not names:
            return self.pattern
        memo_key = b.get(names[0]) if len(names) == 1 else tuple(b.get(v) for v in names)
        try:
            found = self._memo.get(memo_key)
        except TypeError:  # an unhashable bound value: fill without the memo
            return self._fill(b)
        if found is None:
            if len(self._memo) >= 4096:
                self._memo.clear()
            found = self._memo[memo_key] = self._fill(b)
        return found

    def _fill(self, b: dict[str, str]) -> str:
        lits = self._literals
        out = [lits[0]]
        for var, lit in zip(self._names, lits[1:]):
            out.append(str(b[var]) if var in b else "{" + var + "}")
            out.append(lit)
        return "".join(out)

    def keys(self, r: Resolver, b: dict[str, str], name: Optional[str] = None) -> list[str]:
        """The concrete keys: a glob expands through the resolver (template order), a plain key is itself."""
        name = self.name(b) if name is None else name
        return r.expand(name) if "*" in name else [name]

    def eval(self, r: Resolver, b: dict[str, str]) -> Result:
        """A missing cell or variable is collected in ``missing`` (valued 0) instead of raising.

        That way an identity with a cut-off cell can say "cannot verify". A bare glob outside
        ``sum()`` evaluates to its sum.
        """
        kind = self._kind
        if kind == "cell":  # the common case: a plain cell key
            name = self.pattern
            v = r.value(name)
            return Result(v, [], [name]) if v is not None else Result(0.0, [name], [name])
        name = self.name(b) if kind is None else self.pattern
        if "." not in name:
            v = r.variable(name)
            return Result(v or 0.0, [] if v is not None else [name], [name])
        if "*" in name:  # a bare glob outside sum() means its sum
            return _sum([self], r, b)
        v = r.value(name)
        return Result(v if v is not None else 0.0, [] if v is not None else [name], [name])


@dataclass
class Neg:
    operand: "Node"

    def eval(self, r: Resolver, b: dict[str, str]) -> Result:
        """Negate the value; missing and used keys pass through so the caller still sees them."""
        x = self.operand.eval(r, b)
        return Result(-x.value, x.missing, x.used)


@dataclass
class BinOp:
    op: str
    left: "Node"
    right: "Node"

    def eval(self, r: Resolver, b: dict[str, str]) -> Result:
        """Combine both sides, merging their missing keys instead of raising.

        Dividing by a complete zero adds the marker ``<division by zero>`` to ``missing`` (so
        the rule cannot verify) rather than crashing; a zero caused by missing cells already
        carries those keys.
        """
        x, y = self.left.eval(r, b), self.right.eval(r, b)
        if self.op == "+":
            v = x.value + y.value
        elif self.op == "-":
            v = x.value - y.value
        elif self.op == "*":
            v = x.value * y.value
        else:
            v = x.value / y.value if y.value else 0.0
            if not y.value and y.complete:
                return Result(0.0, x.missing + y.missing + ["<division by zero>"], x.used + y.used)
        return Result(v, x.missing + y.missing, x.used + y.used)


@dataclass
class Call:
    func: str
    args: list["Node"]

    def eval(self, r: Resolver, b: dict[str, str]) -> Result:
        """Apply a function; abs/min/max/sum merge every argument's missing keys.

        ``coalesce`` returns the first argument that read a key and is complete (else the first
        that read anything), so a report that kept the 2019 single row instead of sub-rows still
        checks.
        """
        if self.func == "sum":
            return _sum(self.args, r, b)
        if self.func == "coalesce":
            results = [a.eval(r, b) for a in self.args]
            for res in results:
                if res.used and res.complete:
                    return res
            for res in results:
                if res.used:
                    return res
            return Result(0.0)
        results = [a.eval(r, b) for a in self.args]
        missing = [m for res in results for m in res.missing]
        used = [u for res in results for u in res.used]
        vals = [res.value for res in results]
        if self.func == "abs":
            return Result(abs(vals[0]), missing, used)
        return Result(min(vals) if self.func == "min" else max(vals), missing, used)


Node = Union[Num, Key, Neg, BinOp, Call]


def _sum(args: Iterable[Node], r: Resolver, b: dict[str, str]) -> Result:
    total: float = 0  # an int while every cell is one: whole numbers stay exact
    missing: list[str] = []
    used: list[str] = []
    for a in args:
        name = a.name(b) if isinstance(a, Key) else ""
        if "*" in name:
            for k in a.keys(r, b, name):  # type: ignore[union-attr]
                v = r.value(k)
                used.append(k)
                if v is None:
                    missing.append(k)
                else:
                    total += v
        else:
            res = a.eval(r, b)
            total += res.value
            missing += res.missing
            used += res.used
    return Result(total, missing, used)


# ---------------------------------------------------------------- parser
@dataclass
class Expr:
    """A parsed expression; ``text`` is kept for messages."""

    text: str
    root: Node

    def evaluate(self, resolver: Resolver, bindings: Optional[dict[str, str]] = None) -> Result:
        """Evaluate with optional ``for_each`` bindings; missing cells never raise (see :class:`Result`)."""
        return self.root.eval(resolver, bindings or {})

    def placeholders(self) -> set[str]:
        """The ``{var}`` names a ``for_each`` must bind for this expression to resolve."""
        return set(_PLACEHOLDER.findall(self.text))


def tokenize(text: str) -> list[tuple[str, str, int]]:
    """Split ``text`` into (kind, value, position) tokens; unknown characters fail."""
    out: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise ExprError(both(f"表达式 {text!r} 第 {pos + 1} 个字符 {text[pos]!r} 无法识别",
                                 f"unexpected character {text[pos]!r} at position {pos + 1} in {text!r}"))
        kind = m.lastgroup or ""
        if kind != "ws":
            out.append((kind, m.group(), pos))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.toks = tokenize(text)
        self.i = 0

    def peek(self) -> Optional[tuple[str, str, int]]:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, value: Optional[str] = None) -> tuple[str, str, int]:
        tok = self.peek()
        if tok is None:
            raise ExprError(both(f"表达式 {self.text!r} 意外结束" + (f"（应有 {value!r}）" if value else ""),
                                 f"unexpected end of expression in {self.text!r}"
                                 + (f" (expected {value!r})" if value else "")))
        if value is not None and tok[1] != value:
            raise ExprError(both(f"表达式 {self.text!r} 第 {tok[2] + 1} 个字符处应为 {value!r}，却是 {tok[1]!r}",
                                 f"expected {value!r} at position {tok[2] + 1} in {self.text!r}, "
                                 f"found {tok[1]!r}"))
        self.i += 1
        return tok

    def parse(self) -> Node:
        if not self.toks:
            raise ExprError(both("表达式为空", "empty expression"))
        node = self.expr()
        tok = self.peek()
        if tok is not None:
            raise ExprError(both(f"表达式 {self.text!r} 第 {tok[2] + 1} 个字符处多出 {tok[1]!r}",
                                 f"unexpected {tok[1]!r} at position {tok[2] + 1} in {self.text!r}"))
        return node

    def expr(self) -> Node:
        node = self.term()
        while (tok := self.peek()) and tok[1] in "+-" and tok[0] == "op":
            self.take()
            node = BinOp(tok[1], node, self.term())
        return node

    def term(self) -> Node:
        node = self.factor()
        while (tok := self.peek()) and tok[1] in "*/" and tok[0] == "op":
            self.take()
            node = BinOp(tok[1], node, self.factor())
        return node

    def factor(self) -> Node:
        kind, value, pos = self.take()
        if kind == "op" and value in "+-":
            inner = self.factor()
            return inner if value == "+" else Neg(inner)
        if kind == "num":
            return Num(int(value) if value.isdigit() and len(value) <= 40 else float(value))
        if kind == "op" and value == "(":
            node = self.expr()
            self.take(")")
            return node
        if kind == "key":
            nxt = self.peek()
            if nxt and nxt[1] == "(":
                if value not in FUNCTIONS:
                    raise ExprError(both(f"表达式 {self.text!r} 中的函数 {value!r} 不存在"
                                         f"（可用：{'、'.join(sorted(FUNCTIONS))}）",
                                         f"unknown function {value!r} in {self.text!r} "
                                         f"(known: {', '.join(sorted(FUNCTIONS))})"))
                self.take("(")
                args: list[Node] = []
                if self.peek() and self.peek()[1] == ")":  # type: ignore[index]
                    self.take(")")
                else:
                    args.append(self.expr())
                    while self.peek() and self.peek()[1] == ",":  # type: ignore[index]
                        self.take(",")
                        args.append(self.expr())
                    self.take(")")
                if value in ("abs",) and len(args) != 1:
                    raise ExprError(both(f"表达式 {self.text!r} 中 {value}() 只接受一个参数",
                                         f"{value}() takes one argument in {self.text!r}"))
                if value in ("min", "max", "coalesce") and not args:
                    raise ExprError(both(f"表达式 {self.text!r} 中 {value}() 需要参数",
                                         f"{value}() needs arguments in {self.text!r}"))
                return Call(value, args)
            if "." not in value and "{" not in value and value not in VARIABLES:
                raise ExprError(both(f"表达式 {self.text!r} 第 {pos + 1} 个字符处的名称 {value!r} 不存在："
                                     "单元格键形如 t3.new.total；变量有 " + "、".join(sorted(VARIABLES)),
                                     f"unknown name {value!r} at position {pos + 1} in {self.text!r}: "
                                     "cell keys look like t3.new.total; variables: "
                                     + ", ".join(sorted(VARIABLES))))
            return Key(value)
        raise ExprError(both(f"表达式 {self.text!r} 第 {pos + 1} 个字符处不应出现 {value!r}",
                             f"unexpected {value!r} at position {pos + 1} in {self.text!r}"))


_cache: dict[str, Expr] = {}


MAX_DEPTH = 100  # nesting of operators and calls; a real rule needs a handful, evaluation recurses


def parse(text: str) -> Expr:
    """Parse (and cache) an expression; raises :class:`ExprError` on bad syntax or nesting
    deeper than :data:`MAX_DEPTH` (evaluation is recursive: 2,000 levels would overflow the stack)."""
    text = str(text)
    e = _cache.get(text)
    if e is None:
        try:
            root = _Parser(text).parse()
        except RecursionError:
            root = None
        if root is None or _depth(root) > MAX_DEPTH:
            raise ExprError(both(f"表达式嵌套超过 {MAX_DEPTH} 层：{text[:40]!r}…",
                                 f"expression nested more than {MAX_DEPTH} levels deep: {text[:40]!r}…"))
        e = Expr(text, root)
        _cache[text] = e
    return e


def _depth(root: Node) -> int:
    """How deep the tree goes, counted without recursion."""
    deepest, stack = 0, [(root, 1)]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        kids = [node.operand] if isinstance(node, Neg) else [node.left, node.right] if isinstance(node, BinOp) \
            else list(node.args) if isinstance(node, Call) else []
        stack += [(k, d + 1) for k in kids]
    return deepest


# Glob expansions by (table key list, pattern).  Every report of a template has
# the same key list, so an identity's ``sum(t3.denied.*.{col})`` is matched
# with fnmatch once per run instead of once per report (thousands of calls
# each).  The key lists are interned to small numbers so a lookup hashes a
# short tuple, not hundreds of keys.
_KEY_LISTS: dict[tuple[str, ...], int] = {}
_EXPANSIONS: dict[tuple[int, str], list[str]] = {}
_MAX_KEY_LISTS = 256  # templates × the odd report with extra cells; beyond that, start again
_NEXT_ID = itertools.count()


def _expand_over(list_id: int, keys: tuple[str, ...], pattern: str) -> list[str]:
    hit = _EXPANSIONS.get((list_id, pattern))
    if hit is None:
        n = pattern.count(".")
        hit = _EXPANSIONS[(list_id, pattern)] = [
            k for k in keys if k.count(".") == n and fnmatch.fnmatchcase(k, pattern)]
    return hit


def _list_id(keys: tuple[str, ...]) -> int:
    found = _KEY_LISTS.get(keys)
    if found is None:
        if len(_KEY_LISTS) >= _MAX_KEY_LISTS:
            _KEY_LISTS.clear()
            _EXPANSIONS.clear()
        found = _KEY_LISTS[keys] = next(_NEXT_ID)  # never reused: a stale id matches nothing
    return found


class ReportResolver:
    """Resolves keys against a :class:`govlint.model.Report`.

    ``known`` keys are the template's expected keys plus the cells actually
    present; globs expand over them, in template order.  One resolver serves
    every rule of a report (the engine keeps it in the rule context's cache),
    so the per-table key lists and sets are built once per report.
    """

    def __init__(self, report: Report, extra_vars: Optional[dict[str, float]] = None):
        self.report = report
        self.vars: dict[str, Optional[float]] = {"year": float(report.year) if report.year else None}
        self.vars.update(extra_vars or {})
        self._known: dict[str, tuple[str, ...]] = {}
        self._known_set: dict[str, frozenset[str]] = {}
        self._list_ids: dict[str, int] = {}
        self._cells = report.all_cells

    def _table_keys(self, table: str) -> tuple[str, ...]:
        keys = self._known.get(table)
        if keys is None:
            t = self.report.tables.get(table)
            keys = ()
            if t is not None:
                expected = set(t.expected)
                keys = tuple(t.expected) + tuple(k for k in t.cells if k not in expected)
            self._known[table] = keys
        return keys

    def value(self, key: str) -> Optional[float]:
        """The parsed cell value; None for a cell the report lacks or left blank."""
        c = self._cells.get(key)
        return c.value if c is not None else None

    def known(self, key: str) -> bool:
        """Expected by the template or actually parsed, so an unexpected extra cell still counts."""
        table = key.split(".", 1)[0]
        s = self._known_set.get(table)
        if s is None:
            s = self._known_set[table] = frozenset(self._table_keys(table))
        return key in s

    def key_list_id(self, table: str) -> int:
        """A small number naming the table's key list: equal lists (reports of one template)
        get the same number, so results derived from the keys can be memoised across reports."""
        list_id = self._list_ids.get(table)
        if list_id is None:
            list_id = self._list_ids[table] = _list_id(self._table_keys(table))
        return list_id

    def expand(self, pattern: str) -> list[str]:
        """Glob over the table's known keys in template order; ``*`` matches exactly one segment."""
        table = pattern.split(".", 1)[0]
        return list(_expand_over(self.key_list_id(table), self._table_keys(table), pattern))

    def variable(self, name: str) -> Optional[float]:
        """Variables come from the report (``year``) plus any ``extra_vars`` given at construction."""
        return self.vars.get(name)


class DictResolver(ReportResolver):
    """A resolver over a plain ``{key: value}`` dict (tests, synthetic data).

    Nothing is cached: the dict may change between evaluations.
    """

    def __init__(self, values: dict[str, Optional[float]], variables: Optional[dict[str, float]] = None):
        self.values = values
        self.vars = dict(variables or {})

    def _table_keys(self, table: str) -> tuple[str, ...]:
        return tuple(k for k in self.values if k.split(".", 1)[0] == table)

    def value(self, key: str) -> Optional[float]:
        """Read straight from the dict; a key mapped to None behaves like a blank cell."""
        return self.values.get(key)

    def known(self, key: str) -> bool:
        """A key of the dict (of its table)."""
        return key in self._table_keys(key.split(".", 1)[0])

    def key_list_id(self, table: str) -> int:
        """The dict may change between evaluations: its key list is interned afresh each time."""
        return _list_id(self._table_keys(table))

    def expand(self, pattern: str) -> list[str]:
        """Glob over the dict's keys of the pattern's table, in insertion order."""
        n = pattern.count(".")
        return [k for k in self._table_keys(pattern.split(".", 1)[0])
                if k.count(".") == n and fnmatch.fnmatchcase(k, pattern)]
