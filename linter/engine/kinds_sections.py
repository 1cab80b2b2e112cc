"""Section kinds: what a section says (its substance) and how the headings are numbered.

Both read the report's text lines, never the tables: lines that hold table
cells are left out, and so are lines that are table row labels of some
template ("一、本年新收…" is 表三's row, not a heading).
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Optional

from .. import labels
from ..model import Diagnostic, Report, TextLine
from ..templates import builtin_templates, squash
from .kinds_base import join, kind
from .kinds_base import described as D
from . import userregex
from .pyrule import Rule, RuleContext

_TEXT = {"type": "object", "required": ["zh", "en"], "additionalProperties": False,
         "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}}
_OWN = re.compile(r"[\w\u3400-\u9fff]")  # what counts as a character of one's own: no spaces, no punctuation


def _variant(rule: Rule, name: str) -> Optional[dict[str, str]]:
    return (getattr(rule, "messages", None) or {}).get(name)


def _table_lines(report: Report) -> set[int]:
    """Source lines from each table's first cell to its last: its rows, and the labels of rows
    without numbers (「三、本年度办理结果」, wrapped over lines in PDF text) between them."""
    out: set[int] = set()
    for t in report.tables.values():
        lines = [ln for c in t.cells.values() for ln in (c.span.line, c.span.end_line) if ln > 0]
        if lines:
            out.update(range(min(lines), max(lines) + 1))
    return out


def prose_lines(report: Report, lines: list[TextLine]) -> list[TextLine]:
    """``lines`` without the ones inside a table."""
    cells = _table_lines(report)
    return [tl for tl in lines if tl.span.line not in cells]


@kind("section_substance", {
    "type": "object", "required": ["section"], "additionalProperties": False, "properties": {
        "section": D({"type": "integer", "minimum": 1, "maximum": 6}, "The section to measure (1–6)."),
        "min_chars": D({"type": "integer", "minimum": 0},
                       "Fewest characters of its own the section must have: letters, digits and Chinese "
                       "characters of its prose after the boilerplate is removed (table lines and the "
                       "heading never count).", 20),
        "boilerplate": D({"type": "array", "items": {"type": "string"}},
                         "Regular expressions removed before measuring and before the keyword search: the "
                         "format's own labels (存在的主要问题, 改进情况) and empty statements (未发现…问题), so "
                         "that \"存在问题：无。改进情况：无。\" has nothing left.", []),
        "require": D({"type": "array", "items": {
            "type": "object", "required": ["label", "patterns"], "additionalProperties": False,
            "properties": {"label": _TEXT, "patterns": {"type": "array", "items": {"type": "string"},
                                                        "minItems": 1},
                           "labelled": {"type": "array", "items": {"type": "string"}}}}},
            "Keyword groups {label: {zh, en}, patterns: [regex …], labelled: [regex …]}: what remains "
            "must match one pattern of every group; each group that does not match is one finding. "
            "A `labelled` pattern is searched in the prose before the boilerplate is removed, so the "
            "form's own label followed by content (\"存在的主要问题：基层人员兼职多\") counts for its "
            "group whatever words the content uses.", [])}},
    placeholders={"section": "The section's name (五、存在的主要问题及改进情况).",
                  "chars": "How many characters of its own the section has.",
                  "min_chars": "The min_chars option.", "group": "The label of the keyword group not found.",
                  "text": "The start of what remains (30 characters)."},
    variants={"short": "Fewer than min_chars characters remain.",
              "missing": "A require group has no match (one finding per group)."})
def section_substance(rule: Rule, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
    """A section must say something of substance: enough text of its own, and every required kind of content.

    Reviewers return reports whose 五 says only "无" or "本年度未发现问题": the format asks for the
    main problems and how they were improved.  The measure is generic: any section, any keyword
    groups.  Silent when the section is missing (the section-present rule says so).
    """
    o = ctx.options
    n = int(o["section"])
    sec = report.section(n)
    if sec is None:
        return
    body = report.section_text(n)
    if not body and report.lines and report.lines[-1].span.line <= sec.span.end_line:
        return  # the document stops at this heading (a cut-off copy): nothing to judge
    text = raw = join(report, prose_lines(report, body)).text
    for p in o.get("boilerplate") or []:
        text = userregex.sub(p, "", text)
    own = "".join(_OWN.findall(text))
    name = labels.section_label(n, ctx.lang, report.template)
    common = {"section": name, "chars": len(own), "min_chars": int(o.get("min_chars", 20)), "text": own[:30]}
    if len(own) < common["min_chars"]:
        yield rule.diagnostic(ctx, sec.span, report=report, message=_variant(rule, "short"), group="", **common)
        return
    for group in o.get("require") or []:
        if not any(userregex.search(p, text) for p in group["patterns"]) \
                and not any(userregex.search(p, raw) for p in group.get("labelled") or []):
            yield rule.diagnostic(ctx, sec.span, report=report, message=_variant(rule, "missing"),
                                  group=group["label"].get(ctx.lang) or group["label"]["zh"], **common)


NUMERALS = "一二三四五六七八九十"
_NUMBERED = re.compile(r"^[\s#>*]*(?:第\s*([一二三四五六七八九十])\s*部分\s*[、.．:：]?|([一二三四五六七八九十])\s*[、.．])\s*(\S.*)$")


_ENUMERATION = re.compile(r"^[一二三四五六七八九十][、，,]")


def _row_labels() -> list[str]:
    out: set[str] = set()
    for t in builtin_templates().values():
        for spec in t.tables.values():
            for r in spec.rows:
                out.update(m for m in r.match if len(m) >= 2)
    return sorted(out)


def numbered_headings(report: Report) -> list[tuple[int, TextLine, str]]:
    """(number, line, heading text) of every line numbered like a top-level heading (一、 … 十、),
    in order, leaving out table lines, table row labels and long lines (prose that starts "一、")."""
    rows = _row_labels()
    out = []
    for tl in prose_lines(report, report.lines):
        text = tl.text.strip()
        m = _NUMBERED.match(text)
        if not m or len(text) > 60 or "\t" in tl.text or "|" in text:
            continue
        body = squash(m.group(3))
        if _ENUMERATION.match(m.group(3)):  # "一、二、三季度…": numerals listed in a sentence, not a heading
            continue
        if not body or any(body.startswith(r) or (len(body) >= 2 and r.startswith(body)) for r in rows):
            continue
        out.append((NUMERALS.index(m.group(1) or m.group(2)) + 1, tl, m.group(3).strip()))
    return out


@kind("section_order", {"type": "object", "additionalProperties": False, "properties": {}},
      placeholders={"number": "The numeral as written (五).", "previous": "The numeral before it (三).",
                    "skipped": "The numerals skipped, joined (四).", "heading": "The heading as written "
                    "(cut at 24 characters)."},
      variants={"restart": "The numbering starts again at 一 (the tables, or section 一's parts, "
                           "numbered like the six sections).",
                "order": "A number lower than the one before it (sections out of order).",
                "repeat": "The same number as the heading before it.",
                "skip": "A number is skipped while the section it belongs to is there."})
def section_order(rule: Rule, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
    """Top-level headings are numbered 一、二、三… once, in order, without gaps.

    Reads every line numbered like a heading, not only the six the parser recognised: a report
    that numbers section 一's parts 一、二、三 (instead of （一）（二）) or restarts at 一 for the tables
    is found here.  A jump over a section that is missing altogether is not a numbering fault (the
    official numbers are fixed; the section-present rule reports the gap).
    """
    present = {s.number for s in report.sections}
    prev, outer, last = 0, [], ""  # outer: where the numbering stood before it restarted at 一
    for n, tl, heading in numbered_headings(report):
        if n == prev and squash(heading) == last:
            continue  # the same heading again, word for word (a table's caption): no numbering fault
        last = squash(heading)
        params: dict[str, Any] = {"number": NUMERALS[n - 1], "previous": NUMERALS[prev - 1] if prev else "",
                                  "heading": heading if len(heading) <= 24 else heading[:24] + "…",
                                  "skipped": ""}
        if n == prev + 1:
            prev = n
        elif outer and n == outer[-1] + 1:  # back to the numbering that restarted: found already
            prev = outer.pop() + 1
        elif n == 1:
            yield rule.diagnostic(ctx, tl.span, report=report, message=_variant(rule, "restart"), **params)
            outer.append(prev)
            prev = 1
        elif n <= prev:
            yield rule.diagnostic(ctx, tl.span, report=report,
                                  message=_variant(rule, "repeat" if n == prev else "order"), **params)
            # one finding per fault: a repeated number is most likely the next section misnumbered,
            # and after a section out of order the numbering carries on from the highest one
            prev = prev + 1 if n == prev else prev
        else:
            if any(k in present for k in range(prev + 1, n)):
                params["skipped"] = ("、" if ctx.lang == "zh" else ", ").join(
                    NUMERALS[k - 1] for k in range(prev + 1, n))
                yield rule.diagnostic(ctx, tl.span, report=report, message=_variant(rule, "skip"), **params)
            prev = n
