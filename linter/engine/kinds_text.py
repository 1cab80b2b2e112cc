"""Text kinds: required/forbidden wording, publication deadline, year consistency."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any, Iterable, Optional

from .. import labels
from ..model import Diagnostic, Report
from .kinds_base import SCOPE_DOC, anchor_span, compile_pattern, join, kind, scope_lines
from .kinds_base import described as D
from . import userregex
from .pyrule import Rule, RuleContext

_SCOPE = {"anyOf": [{"enum": ["all", "title"]}, {"type": "integer", "minimum": 1, "maximum": 6},
                    {"type": "array", "items": {"anyOf": [{"type": "integer"}, {"const": "title"}]}}]}
_PATTERNS = D({"type": "array", "items": {"type": "string"}, "minItems": 1},
              "Python regular expressions; {year}, {year_prev}, {year_next} are replaced by the report "
              "year (other braces stay regex syntax). Lines of the scope are joined without "
              "separators first, so a pattern matches across PDF line breaks.")


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
                       "properties": {
                           "patterns": _PATTERNS,
                           "mode": D({"enum": ["present", "absent"]}, "present: one pattern must match "
                                     "(else one finding); absent: every match is a finding.", "present"),
                           "scope": D(_SCOPE, SCOPE_DOC, "all"),
                           "fallback_scope": D({"enum": ["all", None]}, "all: when the scope's sections are "
                                               "all missing, search the whole report (default: say nothing)."),
                           "min_year": D({"type": "integer"}, "Skip reports before this year "
                                         "(prefer when: {years: {min: …}}).")}},
      placeholders={"scope": "The scope's name (“六、其他需要报告的事项” / the report).",
                    "year": "The report year.", "text": "absent mode: the text that matched."},
      variants={"no_year": "The report year is unknown: a wording that needs no {year} "
                           "(else {year} would be left empty, 自年1月1日)."})
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
    st = join(report, lines, ctx.cache)
    pats = [compile_pattern(p, report) for p in o["patterns"]]
    # a message naming the year reads wrong without one: use the rule's no_year wording
    message = _variant(rule, "no_year") if report.year is None else None
    if o.get("mode", "present") == "present":
        if not any(p.search(st.text) for p in pats):
            yield rule.diagnostic(ctx, anchor_span(report, scope), report=report, needs=needs,
                                  message=message, scope=_scope_label(scope, ctx.lang),
                                  year=report.year or "")
        return
    for p in pats:
        for m in p.finditer(st.text):
            yield rule.diagnostic(ctx, st.span(m.start(), m.end()), report=report, text=m.group(0),
                                  message=message, scope=_scope_label(scope, ctx.lang),
                                  year=report.year or "")


_DEADLINE = {"type": "object", "required": ["month", "day"], "additionalProperties": False,
             "description": "{month, day} in the year after the report year; issuer / not_issuer "
                            "(regular expressions) choose the issuers it applies to.",
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
        if "issuer" in d and not userregex.search(d["issuer"], issuer):
            continue
        if "not_issuer" in d and userregex.search(d["not_issuer"], issuer):
            continue
        chosen = d
        break
    return dt.date(report.year + 1, int(chosen["month"]), int(chosen["day"]))


def _date_text(d: dt.date, lang: str) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if lang == "zh" else d.isoformat()


@kind("date_deadline", {"type": "object", "additionalProperties": False, "properties": {
      "deadlines": D({"type": "array", "items": _DEADLINE}, "Deadlines tried in order: the first "
                     "whose issuer / not_issuer fit the report's issuer applies.", []),
      "default": D(_DEADLINE, "The deadline when no entry of deadlines applies.", {"month": 1, "day": 31}),
      "pick": D({"enum": ["last", "max"]}, "Which date is the 落款: the last one after the report "
                "year, or the latest.", "last")}},
      placeholders={"date": "The 落款 date (2023年2月15日 / 2023-02-15).", "deadline": "The deadline.",
                    "days": "Days late.", "issuer": "The report's issuer."})
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
      "scope": D(_SCOPE, "Where body years are read (see text_pattern's scope).", 1)}},
      placeholders={"year": "The report year.", "found": "The other year found.",
                    "where": "Where it was found (the title, a section, the 落款 date)."},
      variants={"title": "The title names another year.",
                "body": "The scope names other years and never the report year.",
                "date": "The 落款 date is before the end of the report year."})
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
    st = join(report, lines, ctx.cache)
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
