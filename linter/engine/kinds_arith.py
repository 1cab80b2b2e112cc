"""Arithmetic kinds: identities, narrative numbers vs tables, plausibility.

All arithmetic goes through :mod:`govlint.engine.expr` (never ``eval``).  A
missing operand is never treated as 0 for a verdict: an identity that cannot
be computed becomes a single info finding ("cannot verify"), so a truncated
table never produces an invented imbalance.
"""
from __future__ import annotations

import itertools
import re
from typing import Any, Iterable, Optional

from .. import labels
from ..model import Diagnostic, Report, Severity, Span
from .expr import ReportResolver, Result, parse
from .hints import single_cell_fixes
from .kinds_base import SCOPE_DOC, anchor_span, compile_pattern, join, kind, scope_lines
from .kinds_base import described as D
from . import userregex
from .pyrule import Rule, RuleContext

_TEXT = {"type": "object", "required": ["zh", "en"], "additionalProperties": False,
         "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}}
_SCOPE = {"anyOf": [{"enum": ["all", "title"]}, {"type": "integer", "minimum": 1, "maximum": 6},
                    {"type": "array", "items": {"anyOf": [{"type": "integer"}, {"const": "title"}]}}]}
_EXPRS = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]}
EXPR_DOC = ("An expression over canonical cell keys (t3.new.total): + - * /, parentheses, numbers, "
            "sum(…) (arguments may be globs: t3.denied.*.total, * is one key segment), coalesce(a, b, …) "
            "(the first complete one), abs, min, max, and the variable year. Keys are checked against "
            "the templates when the pack loads.")

UNVERIFIABLE = {"zh": "无法核对：{summary}（缺少{count}个单元格的数值，如{missing}）",
                "en": "cannot verify: {summary} ({count} cells have no value, e.g. {missing})"}


def _resolver(report: Report, ctx: RuleContext) -> ReportResolver:
    r = ctx.cache.get("resolver")
    if r is None:
        r = ctx.cache["resolver"] = ReportResolver(report)
    return r


def _expand_for_each(spec: dict[str, Any], report: Report, res: ReportResolver) -> list[dict[str, str]]:
    """``{col: [a, b]}`` or ``{row: "rows:t3"}`` → list of bindings (cartesian product).

    The same for every report whose tables have the same keys (every report of a template), so
    it is memoised by the spec and the key lists it reads; callers must not change the dicts.
    """
    memo_key: list[Any] = []
    for var, vals in (spec or {}).items():
        if isinstance(vals, str) and ":" in vals:
            memo_key.append((var, vals, res.key_list_id(vals.split(":", 1)[1])))
        else:
            memo_key.append((var, tuple(str(v) for v in vals)))
    found = _FOR_EACH.get(tuple(memo_key))
    if found is not None:
        return found
    names, values = [], []
    for var, vals in (spec or {}).items():
        if isinstance(vals, str) and ":" in vals:
            what, table = vals.split(":", 1)
            keys = res._table_keys(table)
            if what == "rows":
                vals = list(dict.fromkeys(k.split(".", 1)[1].rsplit(".", 1)[0] for k in keys))
            else:
                vals = list(dict.fromkeys(k.rsplit(".", 1)[1] for k in keys))
        names.append(var)
        values.append([str(v) for v in vals])
    found = [dict(zip(names, combo)) for combo in itertools.product(*values)] if names else [{}]
    if len(_FOR_EACH) >= 1024:
        _FOR_EACH.clear()
    _FOR_EACH[tuple(memo_key)] = found
    return found


_FOR_EACH: dict[tuple[Any, ...], list[dict[str, str]]] = {}


def _binding_labels(b: dict[str, str], table: str, lang: str, tpl: Optional[str]) -> dict[str, str]:
    out = {}
    for var, val in b.items():
        if var in ("col", "column"):
            out[var] = labels.message_column_label(table, val, lang, tpl)
        elif var in ("row", "group"):
            out[var] = labels.message_row_label(table, val, lang, tpl)
        else:
            out[var] = val
    return out


def _spans(report: Report, keys: list[str]) -> list[Span]:
    return [c.span for k in dict.fromkeys(keys) if (c := report.cell(k)) is not None]


@kind("identity", {"type": "object", "required": ["lhs", "rhs"], "additionalProperties": False,
                   "properties": {
                       "lhs": D({"type": "string"}, "Left side. " + EXPR_DOC + " {var} is replaced by a "
                                "for_each binding."),
                       "rhs": D({"type": "string"}, "Right side, like lhs."),
                       "for_each": D({"type": "object", "additionalProperties": {
                           "anyOf": [{"type": "array", "items": {"type": ["string", "integer"]}},
                                     {"type": "string", "pattern": "^(rows|columns):t[234]$"}]}},
                           "{var: [values]} or {var: \"rows:t3\" | \"columns:t3\"} (every row / column key "
                           "of the table): the identity is checked once per combination, with {var} "
                           "replaced in lhs and rhs. A combination whose keys the report's template lacks "
                           "is skipped."),
                       "tolerance": D({"type": "number", "minimum": 0}, "Allowed difference.", 0),
                       "anchor": D({"enum": ["lhs", "rhs"]}, "Which side's first cell the finding "
                                   "points at.", "rhs"),
                       "table": D({"enum": ["t2", "t3", "t4"]}, "The table named in {table} and whose "
                                  "absence makes the rule silent (default: lhs's first key's table)."),
                       "labels": D({"type": "object", "additionalProperties": False,
                                    "properties": {"lhs": _TEXT, "rhs": _TEXT}},
                                   "{lhs: {zh, en}, rhs: {zh, en}}: words for {lhs_label} / {rhs_label} "
                                   "(default: the expression text).")}},
      placeholders={"table": "The table's name (表三 / Table 3).", "lhs": "The left side's value.",
                    "rhs": "The right side's value.", "diff": "|lhs − rhs|.",
                    "lhs_label": "labels.lhs (or the expression).", "rhs_label": "labels.rhs (or the expression).",
                    "{var}": "Each for_each variable: col / column → the column's label, row / group → the "
                             "row's label, anything else → the value itself."},
      variants={"unverifiable": "Cells are missing, so the identity cannot be checked (severity info; "
                                "placeholders {summary}, {count}, {missing})."})
def identity(rule: Rule, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
    """``lhs`` must equal ``rhs`` (within ``tolerance``) for every ``for_each`` binding.

    Bindings whose keys the template does not know are skipped; bindings with missing cells are
    not judged but pooled into one info finding ("cannot verify") instead of an invented
    imbalance. A missing table is left to the table-present rule.
    """
    o = ctx.options
    lhs, rhs = parse(o["lhs"]), parse(o["rhs"])
    table = o.get("table") or o["lhs"].split(".", 1)[0]
    t = report.tables.get(table)
    if t is None or not t.found:
        return  # the table-present rule reports it
    res = _resolver(report, ctx)
    tol = float(o.get("tolerance", 0))
    lab = o.get("labels") or {}
    unverified: list[str] = []
    pooled: set[str] = set()
    for b in _expand_for_each(o.get("for_each") or {}, report, res):
        a, c = lhs.evaluate(res, b), rhs.evaluate(res, b)
        used = a.used + c.used
        if not any(res.known(k) or report.cell(k) for k in used if "." in k):
            continue  # this binding does not exist in this template
        if a.missing or c.missing:
            new = [m for m in a.missing + c.missing if m not in pooled]
            unverified += new
            pooled.update(new)
            continue
        if abs(a.value - c.value) <= tol + 1e-9:
            continue
        first, other = (a, c) if o.get("anchor", "rhs") == "lhs" else (c, a)
        spans = _spans(report, first.used) + _spans(report, other.used)
        sides = ((lab.get("lhs") or {}).get(ctx.lang, o["lhs"]), (lab.get("rhs") or {}).get(ctx.lang, o["rhs"]))
        d = rule.diagnostic(  # every operand is related: the HTML report shades them all
            ctx, spans[0] if spans else t.span, report=report, related=spans[1:],
            table=labels.table_label(table, ctx.lang), lhs=a.value, rhs=c.value,
            diff=abs(a.value - c.value),
            lhs_label=(lab.get("lhs") or {}).get(ctx.lang, o["lhs"]),
            rhs_label=(lab.get("rhs") or {}).get(ctx.lang, o["rhs"]),
            **_binding_labels(b, table, ctx.lang, report.template))
        anchor = next((k for k in first.used if report.cell(k) is not None), None)
        d.hints = single_cell_fixes(report, lhs, rhs, b, res, tol, sides, ctx.lang, anchor)
        yield d
    if unverified:
        yield _unverifiable(rule, report, ctx, unverified, t.span)


def _unverifiable(rule: Rule, report: Report, ctx: RuleContext, missing: list[str],
                  span: Optional[Span]) -> Diagnostic:
    msg = (getattr(rule, "messages", None) or {}).get("unverifiable") or UNVERIFIABLE
    shown = ("、" if ctx.lang == "zh" else "; ").join(
        labels.message_cell_label(k, ctx.lang, report.template) for k in missing[:3])
    spans = _spans(report, missing)
    return rule.diagnostic(ctx, spans[0] if spans else span, report=report, message=msg,
                           severity=Severity.INFO, related=spans[1:12], needs=missing,
                           summary=rule.text(rule.summary, ctx.lang), count=len(missing), missing=shown)


def _eval_all(exprs: Any, res: ReportResolver) -> list[Result]:
    return [parse(e).evaluate(res) for e in ([exprs] if isinstance(exprs, str) else exprs)]


@kind("narrative_number", {"type": "object", "required": ["patterns", "expect"], "additionalProperties": False,
                           "properties": {
                               "patterns": D({"type": "array", "items": {"type": "string"}, "minItems": 1},
                                             "Regular expressions whose group 1 captures the number "
                                             "({year} placeholders as in text_pattern). End them with 件 or "
                                             "similar so table rows never match."),
                               "expect": D(_EXPRS, "The value(s) the number may equal: one expression or a "
                                           "list (any one matching is fine). " + EXPR_DOC),
                               "scope": D(_SCOPE, SCOPE_DOC, "all"),
                               "tolerance": D({"type": "number", "minimum": 0}, "Allowed difference.", 0),
                               "skip_before": D({"type": "string"}, "A regular expression: a number whose "
                                                "clause has a match in the 16 characters before it (or in a "
                                                "topic clause just before: 对…申请，) is about something "
                                                "else (其中|累计|同比) and is not compared."),
                               "skip_other_year": D({"type": "boolean"}, "Skip a number whose clause names "
                                                    "another year just before it.", True)}},
      placeholders={"found": "The number in the text.", "expected": "The first expect value.",
                    "text": "The matched text, spaces removed.",
                    "cell": "The label of the first cell expect reads (表三 一、本年新收 总计)."})
def narrative_number(rule: Rule, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
    """A number captured from prose (group 1) must equal one of the ``expect`` expressions.

    A number that is about something else is not compared: one whose clause
    names another year just before it ("较2023年受理的申请9件"), or one
    preceded by ``skip_before`` (e.g. 其中, 累计, 同比: a subset, a running
    total, a comparison).  A clause that is only a topic (对/对于/针对…)
    just before the number's clause counts as part of it: in
    "对上年结转的1件申请，本年度已办结1件" the figure is about the carried-over
    requests, so 上年 or 结转 in ``skip_before`` skips it.
    """
    o = ctx.options
    lines = scope_lines(report, o.get("scope", "all"))
    if not lines:
        return
    st = join(report, lines, ctx.cache)
    res = _resolver(report, ctx)
    results = [r for r in _eval_all(o["expect"], res) if r.complete]
    if not results:
        return  # the table cell is missing: the structure rules report it
    tol = float(o.get("tolerance", 0))
    seen: set[int] = set()  # group starts already judged
    reported: set[int] = set()  # match starts already reported (one finding per sentence)
    for pat in o["patterns"]:
        for m in compile_pattern(pat, report).finditer(st.text):
            if m.start(1) in seen or m.start() in reported:
                continue
            seen.add(m.start(1))
            year = report.year if o.get("skip_other_year", True) else None
            if _about_something_else(st.text, m.start(), year, o.get("skip_before")):
                continue
            try:
                found = float(m.group(1))
            except (TypeError, ValueError):
                continue
            if any(abs(found - r.value) <= tol + 1e-9 for r in results):
                continue
            keys = [k for k in results[0].used if "." in k]
            reported.add(m.start())
            yield rule.diagnostic(
                ctx, st.span(m.start(), m.end()), report=report, related=_spans(report, keys)[:3],
                found=found, expected=results[0].value, text=re.sub(r"\s+", "", m.group(0)),
                cell=labels.message_cell_label(keys[0], ctx.lang, report.template) if keys else "")


_CLAUSE_END = re.compile(r"[。；;，,！!？?]")
_OTHER_YEAR = re.compile(r"(?<!\d)(20\d{2})\s*年")


_SENTENCE_END = re.compile(r"[。；;！!？?]")
_NO_SUBJECT = re.compile(r"^\s*[已均都并且也亦现]*\s*$")  # "，已全部办结": the subject went before
_OWN_SUBJECT = re.compile(r"^\s*(?:所有|全部的?申请|各类)")  # "所有申请均已办结" names its own
# "对上年结转的1件申请，本年度已办结1件": a clause that is only a prepositional topic (对/对于/针对…)
# has no verb of its own; it names what the next clause's figure is about, whatever that clause says
_TOPIC = re.compile(r"^\s*(?:对于|针对|对(?![比照外]))[^，,。；;！!？?]*[，,]\s*$")


def _about_something_else(text: str, start: int, year: Optional[int], skip: Optional[str],
                          inherit_subject: bool = False) -> bool:
    """Look back within the clause (up to 16 characters) before a match.

    With ``inherit_subject``, a clause that has no subject of its own ("上年结转申请1件，已全部办结")
    is judged by the clause before it in the same sentence too: that is what it speaks about.
    A clause before it that is only a topic ("对上年结转的1件申请，本年度已办结1件") always is."""
    lo = max(0, start - 16)
    window = text[lo:start]
    cut = [m.end() for m in _CLAUSE_END.finditer(window)]
    window = window[cut[-1]:] if cut else window
    if inherit_subject and _NO_SUBJECT.match(window):
        before = text[max(0, start - len(window) - 17):start - len(window)]
        stop = [m.end() for m in _SENTENCE_END.finditer(before)]
        window = (before[stop[-1]:] if stop else before) + window
    elif cut:  # the clause before the match's is in the same sentence: is it only a topic?
        before = text[max(0, start - len(window) - 24):start - len(window)]
        stop = [m.end() for m in _CLAUSE_END.finditer(before[:-1])]
        previous = before[stop[-1]:] if stop else before
        if _TOPIC.match(previous):
            window = previous + window
    if year and any(int(y) != year for y in _OTHER_YEAR.findall(window)):
        return True
    return bool(skip and userregex.search(skip, window))


@kind("plausibility", {"type": "object", "required": ["expr"], "additionalProperties": False,
                       "properties": {"expr": D({"type": "string"}, "The value to judge. " + EXPR_DOC),
                                      "min": D({"type": "number"}, "Smallest plausible value."),
                                      "max": D({"type": "number"}, "Largest plausible value.")}},
      placeholders={"value": "The expression's value.", "issuer": "The report's issuer.",
                    "cell": "The label of the first non-zero cell the expression read."})
def plausibility(rule: Rule, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
    """A value outside [min, max] is doubtful (gate on issuer with ``when:``)."""
    o = ctx.options
    r = parse(o["expr"]).evaluate(_resolver(report, ctx))
    if not r.complete or not r.used:
        return
    lo, hi = o.get("min"), o.get("max")
    if (lo is not None and r.value < lo) or (hi is not None and r.value > hi):
        keys = [k for k in r.used if "." in k and report.value(k)]
        spans = _spans(report, keys or r.used)
        yield rule.diagnostic(ctx, spans[0] if spans else anchor_span(report, "title"), report=report,
                              related=spans[1:], value=r.value, issuer=report.issuer or "",
                              cell=labels.message_cell_label(keys[0], ctx.lang, report.template) if keys else "")


@kind("text_claim", {"type": "object", "required": ["patterns", "expr"], "additionalProperties": False,
                     "properties": {
                         "patterns": D({"type": "array", "items": {"type": "string"}, "minItems": 1},
                                       "Regular expressions of the claim (\"所有申请均已办结\"); {year} "
                                       "placeholders as in text_pattern."),
                         "expr": D({"type": "string"}, "What the tables say about it. " + EXPR_DOC),
                         "min": D({"type": "number"}, "The claim holds only if expr ≥ min."),
                         "max": D({"type": "number"}, "The claim holds only if expr ≤ max."),
                         "scope": D(_SCOPE, SCOPE_DOC, "all"),
                         "skip_before": D({"type": "string"}, "A regular expression: a claim whose clause "
                                          "has a match in the 16 characters before it is about something "
                                          "else (上年结转的申请均已办结) and is not judged. A clause with no "
                                          "subject of its own (\"上年结转申请1件，已全部办结\") is judged "
                                          "by the clause before it in the same sentence as well.")}},
      placeholders={"text": "The claim as written, spaces removed.", "value": "The expression's value.",
                    "cell": "The label of the first non-zero cell the expression read."})
def text_claim(rule: Rule, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
    """A sentence that claims what the tables contradict: each match of ``patterns`` is a finding
    when ``expr`` lies outside [min, max].

    "所有申请均已办结" while 表三 四、结转下年度 > 0; "未发生行政复议" while 表四 行政复议 总计 > 0.
    Silent when a cell the expression reads is missing: a cut-off table proves nothing.
    """
    o = ctx.options
    r = parse(o["expr"]).evaluate(_resolver(report, ctx))
    lo, hi = o.get("min"), o.get("max")
    if not r.complete or not r.used or not ((lo is not None and r.value < lo) or (hi is not None and r.value > hi)):
        return
    lines = scope_lines(report, o.get("scope", "all"))
    if not lines:
        return
    st = join(report, lines)
    keys = [k for k in r.used if "." in k and report.value(k)]
    cell = labels.message_cell_label(keys[0], ctx.lang, report.template) if keys else ""
    done: list[tuple[int, int]] = []  # matched ranges: one finding per claim, however many patterns match it
    for pat in o["patterns"]:
        for m in compile_pattern(pat, report).finditer(st.text):
            if any(a < m.end() and m.start() < b for a, b in done) or \
                    _about_something_else(st.text, m.start(), None, o.get("skip_before"),
                                          inherit_subject=not _OWN_SUBJECT.match(m.group(0))):
                continue
            done.append((m.start(), m.end()))
            yield rule.diagnostic(ctx, st.span(m.start(), m.end()), report=report,
                                  related=_spans(report, keys)[:3], text=re.sub(r"\s+", "", m.group(0)),
                                  value=r.value, cell=cell)
