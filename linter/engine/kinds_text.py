"""Text kinds: required/forbidden wording, publication deadline, year consistency."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any, Iterable, Optional

from .. import labels
from ..model import Diagnostic, Report
from .kinds_base import anchor_span, compile_pattern, join, kind, scope_lines
from .pyrule import Rule, RuleContext

_SCOPE = {"anyOf": [{"enum": ["all", "title"]}, {"type": "integer", "minimum": 1, "maximum": 6},
                    {"type": "array", "items": {"anyOf": [{"type": "integer"}, {"const": "title"}]}}]}


def _variant(rule: Rule, name: str) -> Optional[dict[str, str]]:
    return (getattr(rule, "messages", None) or {}).get(name)


def _scope_label(scope: Any, lang: str) -> str:
    if isinstance(scope, int):
        return labels.section_label(scope, lang)
    if isinstance(scope, list) and scope and isinstance(scope[0], int):
        return ("、" if lang == "zh" else ", ").join(labels.section_label(n, lang) for n in scope)
    if scope == "title":
        return "标题" if lang == "zh" else "the title"
    return "报告全文" if lang == "zh" else "the report"


@kind("text_pattern", {"type": "object", "required": ["patterns"], "additionalProperties": False,
                       "properties": {"patterns": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                                      "mode": {"enum": ["present", "absent"]}, "scope": _SCOPE,
                                      "fallback_scope": {"enum": ["all", None]},
                                      "min_year": {"type": "integer"}}})
def text_pattern(rule: Rule, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
    """``present``: one of ``patterns`` must match in the scope; ``absent``: none may.

    Lines of the scope are joined without separators so wrapped sentences match.
    If the scope's sections are all missing, ``fallback_scope: all`` searches the
    whole report instead (the missing section is its own finding).
    """
    o = ctx.options
    if o.get("min_year") and (report.year is None or report.year < o["min_year"]):
        return
    scope = o.get("scope", "all")
    lines = scope_lines(report, scope)
    needs: list[str] = []  # searched the whole report because the scope's sections are missing
    if lines is None:
        if o.get("fallback_scope") != "all":
            return
        needs = [f"section:{n}" for n in (scope if isinstance(scope, list) else [scope])
                 if isinstance(n, int)]
        scope, lines = "all", list(report.lines)
    if not report.lines:
        return
    st = join(report, lines)
    pats = [compile_pattern(p, report) for p in o["patterns"]]
    if o.get("mode", "present") == "present":
        if not any(p.search(st.text) for p in pats):
            yield rule.diagnostic(ctx, anchor_span(report, scope), report=report, needs=needs,
                                  scope=_scope_label(scope, ctx.lang), year=report.year or "")
        return
    for p in pats:
        for m in p.finditer(st.text):
            yield rule.diagnostic(ctx, st.span(m.start(), m.end()), report=report, text=m.group(0),
                                  scope=_scope_label(scope, ctx.lang), year=report.year or "")


_DEADLINE = {"type": "object", "required": ["month", "day"], "additionalProperties": False,
             "properties": {"issuer": {"type": "string"}, "not_issuer": {"type": "string"},
                            "month": {"type": "integer", "minimum": 1, "maximum": 12},
                            "day": {"type": "integer", "minimum": 1, "maximum": 31}}}


def deadline_for(report: Report, options: dict[str, Any]) -> Optional[dt.date]:
    """First matching ``deadlines`` entry by issuer regex, else ``default``."""
    if report.year is None:
        return None
    issuer = report.issuer or ""
    chosen = options.get("default", {"month": 1, "day": 31})
    for d in options.get("deadlines", []):
        if "issuer" in d and not re.search(d["issuer"], issuer):
            continue
        if "not_issuer" in d and re.search(d["not_issuer"], issuer):
            continue
        chosen = d
        break
    return dt.date(report.year + 1, int(chosen["month"]), int(chosen["day"]))


def _date_text(d: dt.date, lang: str) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if lang == "zh" else d.isoformat()


@kind("date_deadline", {"type": "object", "additionalProperties": False, "properties": {
      "deadlines": {"type": "array", "items": _DEADLINE}, "default": _DEADLINE,
      "pick": {"enum": ["last", "max"]}}})
def date_deadline(rule: Rule, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
    """The 落款 date (last date in the report, in or after the report year) vs the deadline."""
    deadline = deadline_for(report, ctx.options)
    if deadline is None:
        return
    cands = []
    for iso, span in report.dates:
        try:
            d = dt.date.fromisoformat(iso)
        except ValueError:
            continue
        if d.year > report.year:  # type: ignore[operator]
            cands.append((d, span))
    if not cands:
        return
    d, span = max(cands, key=lambda c: c[0]) if ctx.options.get("pick") == "max" else cands[-1]
    if d > deadline:
        yield rule.diagnostic(ctx, span, report=report, date=_date_text(d, ctx.lang),
                              deadline=_date_text(deadline, ctx.lang), days=(d - deadline).days,
                              issuer=report.issuer or "")


_YEAR = re.compile(r"(?<!\d)(20\d{2})\s*年")
_QUOTED = re.compile(r"《[^》]*》|“[^”]*”")


@kind("year_consistency", {"type": "object", "additionalProperties": False, "properties": {
      "scope": _SCOPE}})
def year_consistency(rule: Rule, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
    """Title year, body years and the 落款 date must fit the report year.

    Body check: if the scope (default section 一) names years (outside 《》
    titles and quotes) but never the report year, the text was probably
    copied from another year's report.
    """
    y = report.year
    if y is None:
        return
    if report.title:
        m = _YEAR.search(report.title)
        if m and int(m.group(1)) != y:
            yield rule.diagnostic(ctx, report.title_span, report=report, message=_variant(rule, "title"),
                                  year=y, found=m.group(1), where=_scope_label("title", ctx.lang))
    lines = scope_lines(report, ctx.options.get("scope", 1)) or []
    st = join(report, lines)
    masked = _QUOTED.sub(lambda m: " " * len(m.group(0)), st.text)
    found = [(int(m.group(1)), m) for m in _YEAR.finditer(masked)]
    if found and y not in {f for f, _ in found}:
        common, _ = Counter(f for f, _ in found).most_common(1)[0]
        m = next(m for f, m in found if f == common)
        yield rule.diagnostic(ctx, st.span(m.start(), m.end()), report=report,
                              message=_variant(rule, "body"), year=y, found=common,
                              where=_scope_label(ctx.options.get("scope", 1), ctx.lang))
    if report.dates:
        iso, span = report.dates[-1]
        if iso[:4].isdigit() and int(iso[:4]) < y and span.line >= (report.lines[-1].span.line - 3 if report.lines else 0):
            yield rule.diagnostic(ctx, span, report=report, message=_variant(rule, "date"),
                                  year=y, found=iso[:4], where=iso)
