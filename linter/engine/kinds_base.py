"""Registry of YAML rule kinds and the text helpers they share.

A kind is a function ``(rule, report, ctx) -> Iterable[Diagnostic]`` that reads
its parameters from ``ctx.options`` (the rule's ``options:`` merged with the
config's ``options:`` for that code).  Kinds are generic: every concrete rule
is data in a pack.  ``OPTION_SCHEMAS`` gives each kind's JSON Schema for its
options; the loader merges them into the rule-file schema.
"""
from __future__ import annotations

import bisect
import inspect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Iterable, Optional, Union

from ..model import Diagnostic, Report, Span, TextLine
from .pyrule import Rule, RuleContext
from .userregex import UserPattern, compile_user

KindFn = Callable[[Rule, Report, RuleContext], Iterable[Diagnostic]]
KINDS: dict[str, KindFn] = {}
OPTION_SCHEMAS: dict[str, dict[str, Any]] = {}


@dataclass
class KindDoc:
    """What a rule author needs beyond the options' schema: the message
    placeholders the kind fills, its named message variants (``messages:``),
    and the docstring of its function.  The reference pages
    (``govlint kind NAME``, docs/kinds/) are generated from this and the
    schema, and a test fails when a kind passes a placeholder it does not
    list here or an option has no description."""

    name: str
    placeholders: dict[str, str]
    variants: dict[str, str]
    doc: str


KIND_DOCS: dict[str, KindDoc] = {}


def kind(name: str, options_schema: Optional[dict[str, Any]] = None, *,
         placeholders: Optional[dict[str, str]] = None,
         variants: Optional[dict[str, str]] = None) -> Callable[[KindFn], KindFn]:
    """Register a rule kind, the JSON Schema of its ``options`` (each option
    with a ``description`` and, when it has one, a ``default``), and the
    message placeholders and variants it offers."""
    def deco(fn: KindFn) -> KindFn:
        KINDS[name] = fn
        OPTION_SCHEMAS[name] = options_schema or {"type": "object"}
        KIND_DOCS[name] = KindDoc(name, dict(placeholders or {}), dict(variants or {}),
                                  inspect.cleandoc(fn.__doc__ or ""))
        return fn
    return deco


def described(schema: dict[str, Any], description: str, default: Any = None) -> dict[str, Any]:
    """An option's schema with its description (and default), for the reference and editors."""
    out = {**schema, "description": description}
    if default is not None:
        out["default"] = default
    return out


Scope = Union[str, int, list]
SCOPE_DOC = ("Where to look: \"all\" (the whole report), \"title\", a section number 1–6, or a list of "
             "them ([1, 6], [\"title\", 1]). A section's lines are its body, heading excluded.")


@dataclass
class ScopeText:
    """Lines of a scope joined into one string, with a way back to spans.

    Lines are joined with no separator: PDF text wraps Chinese sentences at
    arbitrary characters ("受理依" / "申请公开 4件"), and a pattern must match
    across such breaks.
    """

    text: str
    starts: list[int]
    lines: list[TextLine]
    path: str

    def span(self, start: int, end: int) -> Optional[Span]:
        """Map a match in the joined text back to a report span, so a finding points at the real lines.

        The column is exact only where normalisation kept a line's length; otherwise it falls
        back to the line start. None when the scope has no lines.
        """
        if not self.lines:
            return None
        a = self._pos(start)
        b = self._pos(max(start, end - 1))
        ca = self._col(*a)
        cb = self._col(*b) + 1
        la, lb = self.lines[a[0]].span, self.lines[b[0]].span
        return Span(la.path, la.line, ca, lb.end_line, cb, page=la.page, where=la.where)

    def _pos(self, off: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self.starts, off) - 1)
        return i, off - self.starts[i]

    def _col(self, i: int, off: int) -> int:
        tl = self.lines[i]
        width = tl.span.end_column - tl.span.column
        if tl.span.line == tl.span.end_line and width == len(tl.text):
            return tl.span.column + off  # normalisation kept the length: exact column
        return tl.span.column


def scope_lines(report: Report, scope: Scope) -> Optional[list[TextLine]]:
    """Lines of ``scope``: "all", "title", a section number or a list of them.

    Returns None when none of the scope's sections exist (so a caller can
    decide whether to fall back to the whole report).
    """
    if scope in (None, "all"):
        return list(report.lines)
    if scope == "title":
        if report.title_span is None:
            return []
        return [TextLine(report.title or "", report.title_span)]
    numbers = scope if isinstance(scope, list) else [scope]
    out: list[TextLine] = []
    found = False
    for n in numbers:
        if n == "title":
            out += scope_lines(report, "title") or []
            continue
        sec = report.section(int(n))
        if sec is not None:
            found = True
            out += report.section_text(int(n))
    return out if found or "title" in numbers else None


_HARD_END = tuple("。！？；：;:!?")


def join(report: Report, lines: list[TextLine], cache: Optional[dict[str, Any]] = None) -> ScopeText:
    """Join lines for pattern matching.

    A line break inside a sentence (PDF wrapping) joins with nothing; after
    sentence punctuation, around headings and table rows it joins with "。",
    so a pattern that stops at "。" never runs from a heading into the prose.

    ``cache`` is the rule context's per-report cache: many rules search the
    same scope, and joining a whole report is a loop over every line, so the
    joined text of each scope is built once per report.  Lines are told
    apart by identity; the cached value keeps them alive, so an identity is
    never reused for another line while the cache lives.
    """
    if cache is None:
        return _join(report, lines)
    joined = cache.setdefault("joined-scopes", {})
    key = tuple(map(id, lines))
    st = joined.get(key)
    if st is None:
        st = joined[key] = _join(report, lines)
    return st


def _join(report: Report, lines: list[TextLine]) -> ScopeText:
    heads = {s.span.line for s in report.sections}
    starts, parts, pos = [], [], 0
    prev: Optional[TextLine] = None
    prev_hard = False  # the previous line forces a break after it
    for tl in lines:
        text = tl.text
        this_hard = (tl.span.line in heads or "\t" in text or text.lstrip().startswith("#"))
        if prev is not None and (prev_hard or this_hard):
            parts.append("。")
            pos += 1
        starts.append(pos)
        parts.append(text)
        pos += len(text)
        prev = tl
        prev_hard = this_hard or text.rstrip().endswith(_HARD_END)
    return ScopeText("".join(parts), starts, lines, report.path)


def report_vars(report: Report) -> dict[str, str]:
    """Placeholders available in patterns: {year}, {year_next}, {year_prev}."""
    return _year_vars(report.year)


def _year_vars(y: Optional[int]) -> dict[str, str]:
    return {"year": str(y) if y else r"\d{4}", "year_next": str(y + 1) if y else r"\d{4}",
            "year_prev": str(y - 1) if y else r"\d{4}"}


_PH = re.compile(r"\{(year|year_next|year_prev)\}")


def compile_pattern(pattern: str, report: Optional[Report] = None) -> UserPattern:
    """Substitute {year}-style placeholders (only those; regex braces stay); bounded searches (userregex).

    Memoised by pattern and year: every rule compiles its patterns for every
    report, and the substitution cost more than the search on short scopes.
    """
    return _compiled(pattern, report.year if report else 2000)  # no report: an example year


@lru_cache(maxsize=4096)
def _compiled(pattern: str, year: Optional[int]) -> UserPattern:
    vals = _year_vars(year)
    return compile_user(_PH.sub(lambda m: vals[m.group(1)], pattern))


def anchor_span(report: Report, scope: Scope) -> Optional[Span]:
    """Where to point when something is absent from a scope."""
    if scope == "title":
        return report.title_span or (report.lines[0].span if report.lines else None)
    if isinstance(scope, (int, list)) and scope != []:
        n = scope[0] if isinstance(scope, list) else scope
        if isinstance(n, int) and report.section(n):
            return report.section(n).span  # type: ignore[union-attr]
    return report.title_span or (report.lines[0].span if report.lines else None)


def cell_span(report: Report, key: str) -> Optional[Span]:
    """Where a cell key sits in the report; None when the parser did not find that cell."""
    c = report.cell(key)
    return c.span if c else None
