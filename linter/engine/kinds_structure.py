"""Structure kinds: sections, headings, tables, rows, cells, template version.

Most of these turn the parser's :class:`ParseNote` facts into findings: the
parser records what it saw, the rule decides what matters and how bad it is
(so a province can make blank cells an error without touching the parser).
"""
from __future__ import annotations

import fnmatch
import re
import unicodedata
from typing import Any, Iterable, Optional

from .. import labels
from ..model import Diagnostic, ParseNote, Report, Span
from .kinds_base import described as D
from .kinds_base import kind
from .pyrule import Rule, RuleContext

_TABLES = D({"type": "array", "items": {"enum": ["t2", "t3", "t4"]}, "minItems": 1},
           "Which tables to look at: t2 (表二), t3 (表三), t4 (表四).", ["t2", "t3", "t4"])
_TABLE = {"table": "The table's name in the output language (表三 / Table 3)."}
_ROW = {"row": "The row's printed label (sub-rows prefixed by their group: （三）不予公开 1.属于国家秘密)."}
_MAX_LISTED = D({"type": "integer", "minimum": 1}, "How many row names to list before \"…\".", 6)


def _variant(rule: Rule, name: str) -> Optional[dict[str, str]]:
    return (getattr(rule, "messages", None) or {}).get(name)


def _notes(report: Report, *kinds: str) -> list[ParseNote]:
    return [n for n in report.notes if n.kind in kinds]


def _short(text: str, limit: int = 24) -> str:
    """Long "headings" are usually a sentence that replaced the heading: cut them."""
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"


def _where_section(report: Report, number: int) -> Optional[Span]:
    """A span near where a missing section should be: the next section, or the end."""
    for s in sorted(report.sections, key=lambda s: s.number):
        if s.number > number:
            return s.span
    if report.lines:
        return report.lines[-1].span
    return report.title_span


ENDS_AFTER = {"zh": "报告在“{last}”之后没有其他部分：缺少{sections}（报告不完整或被截断）",
              "en": "the report ends after {last}: {sections} are missing (incomplete or cut off)"}


def _numbers(numbers: list[int], lang: str) -> str:
    """"第四、五、六部分" / "sections 4, 5, 6": headings of their own contain "、"."""
    if lang == "zh":
        return "第" + "、".join(labels.NUMERALS[k - 1] for k in numbers) + "部分"
    return "sections " + ", ".join(str(k) for k in numbers)


def _missing_at_end(report: Report) -> list[int]:
    """Sections missing after the last one present, when two or more are: a
    report that stops (an excerpt, a cut-off copy) is one finding, not one per
    section it never reached."""
    present = [s.number for s in report.sections]
    if not present:
        return []
    run = [k for k in range(max(present) + 1, 7)]
    return run if len(run) >= 2 else []


@kind("section_present", {"type": "object", "required": ["number"], "additionalProperties": False,
                          "properties": {"number": D({"type": "integer", "minimum": 1, "maximum": 6},
                                                     "The section that must be present (1 = 一 … 6 = 六).")}},
      placeholders={"number": "The section number (1–6).",
                    "section": "The section's name: 第N部分 label in Chinese, \"section N\" in English.",
                    "heading": "The section's official heading for the report's template.",
                    "last": "ends_after: the last section the report has.",
                    "sections": "ends_after: the missing sections after it (第四、五、六部分)."},
      variants={"ends_after": "The report stops after section N: one finding for every section missing "
                              "after it (the rule of the first missing one reports it)."})
def section_present(rule: Rule, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
    """A missing numbered section, pointed at where it should have been (before the next section).

    When the report stops after section N, the rule for N+1 reports the whole
    missing tail (message variant ``ends_after``) and the later sections'
    findings fold into it.  Silent on a report with no lines at all: the
    input-level rules already say so.
    """
    n = int(ctx.options["number"])
    if report.section(n) is not None or not report.lines:
        return
    heading = labels.section_heading(n, report.template or "2021", ctx.lang)
    tail = _missing_at_end(report)
    params: dict[str, Any] = {"number": n, "section": labels.section_label(n, ctx.lang),
                              "heading": heading}
    if tail and n == tail[0]:
        last = max(s.number for s in report.sections)
        yield rule.diagnostic(ctx, _where_section(report, n), report=report,
                              message=_variant(rule, "ends_after") or ENDS_AFTER,
                              covers=[f"section:{k}" for k in tail],
                              last=labels.section_label(last, ctx.lang),
                              sections=_numbers(tail, ctx.lang), **params)
        return
    yield rule.diagnostic(ctx, _where_section(report, n), report=report, covers=[f"section:{n}"],
                          needs=[f"section:{n}"] if n in tail else [], **params)


@kind("heading_wording", {"type": "object", "additionalProperties": False, "properties": {
      "numbers": D({"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 6}},
                   "Which sections' headings to check.", [1, 2, 3, 4, 5, 6])}},
      placeholders={"number": "The section number (1–6).", "found": "The heading as written (cut at 24 characters).",
                    "expected": "The official heading.", "section": "The section's name (第N部分 / section N)."})
def heading_wording(rule: Rule, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
    """At most one finding per section whose heading departs from the template wording.

    Uses the parser's ``heading_wording`` notes first, then any section it marked non-standard.
    """
    numbers = set(ctx.options.get("numbers") or range(1, 7))
    done: set[int] = set()
    for note in _notes(report, "heading_wording"):
        n = int(note.data.get("number", 0))
        if n in numbers and n not in done:
            done.add(n)
            sec = report.section(n)
            yield rule.diagnostic(ctx, note.span or (sec.span if sec else None), report=report, number=n,
                                  found=_short(note.data.get("found", "")),
                                  expected=note.data.get("expected") or labels.section_heading(n),
                                  section=labels.section_label(n, ctx.lang))
    for sec in report.sections:
        if not sec.standard and sec.number in numbers and sec.number not in done:
            done.add(sec.number)
            yield rule.diagnostic(ctx, sec.span, report=report, number=sec.number, found=_short(sec.heading),
                                  expected=labels.section_heading(sec.number, report.template or "2021"),
                                  section=labels.section_label(sec.number, ctx.lang))


@kind("table_present", {"type": "object", "additionalProperties": False,
                        "properties": {"tables": _TABLES}},
      placeholders={**_TABLE, "section": "The section the table belongs in."})
def table_present(rule: Rule, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
    """A required table that was not found, reported in its section (or where the section should be).

    Skipped when neither the section nor any table was parsed: other rules report that emptier
    case.
    """
    section_of = {"t2": 2, "t3": 3, "t4": 4}
    for t in ctx.options.get("tables", ["t2", "t3", "t4"]):
        table = report.tables.get(t)
        if table is None or not table.found:
            sec = report.section(section_of[t])
            if sec is None and not report.tables:
                continue  # nothing was parsed at all: GL9xx/section rules say so
            yield rule.diagnostic(ctx, sec.span if sec else _where_section(report, section_of[t]),
                                  report=report, table=labels.table_label(t, ctx.lang),
                                  section=labels.section_label(section_of[t], ctx.lang),
                                  covers=[f"table:{t}", *(table.expected if table else [])],
                                  needs=[] if sec else [f"section:{section_of[t]}"])


def _row_keys(report: Report, table: str, rows: Iterable[str]) -> list[str]:
    """The expected cell keys of ``rows`` (what a missing or short row leaves without a value)."""
    t = report.tables.get(table)
    wanted = set(rows)
    return [k for k in (t.expected if t else []) if k.split(".", 1)[1].rsplit(".", 1)[0] in wanted]


def _sep(lang: str) -> str:
    return "、" if lang == "zh" else ", "


@kind("row_present", {"type": "object", "additionalProperties": False, "properties": {
      "tables": _TABLES, "max_listed": _MAX_LISTED}},
      placeholders={**_TABLE, "rows": "The missing rows' labels, joined (、 / , ).",
                    "count": "How many rows are missing."},
      variants={"missing": "Rows absent from a table that is otherwise there.",
                "cut_off": "The table stops early (its last rows are cut off)."})
def row_present(rule: Rule, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
    """One finding per table: rows missing, or rows cut off (a truncated table)."""
    tables = ctx.options.get("tables", ["t2", "t3", "t4"])
    limit = int(ctx.options.get("max_listed", 6))
    for t in tables:
        for variant, kinds_ in (("missing", ("row_missing",)), ("cut_off", ("rows_cut_off",))):
            notes = [n for n in _notes(report, *kinds_) if n.table == t]
            if not notes:
                continue
            rows: list[str] = []
            for n in notes:
                rows += n.data.get("rows") or ([n.row] if n.row else [])
            names = [labels.message_row_label(t, r, ctx.lang, report.template) for r in dict.fromkeys(rows)]
            shown = _sep(ctx.lang).join(names[:limit]) + ("…" if len(names) > limit else "")
            table = report.tables.get(t)
            span = next((n.span for n in notes if n.span), None) or (table.span if table else None)
            yield rule.diagnostic(ctx, span, report=report, message=_variant(rule, variant),
                                  related=[n.span for n in notes[1:] if n.span],
                                  covers=_row_keys(report, t, rows),
                                  table=labels.table_label(t, ctx.lang), rows=shown, count=len(names))


BLANK_ROWS = {"zh": "{table}有{rows_count}行共{count}个空白单元格（{rows}），没有发生的应填0",
              "en": "{table}: {count} blank cell(s) in {rows_count} rows ({rows}); write 0 when nothing happened"}


@kind("cell_present", {"type": "object", "additionalProperties": False, "properties": {
      "tables": _TABLES, "max_listed": _MAX_LISTED}},
      placeholders={**_TABLE, **_ROW, "cells": "The blank cells' column labels, joined.",
                    "count": "How many cells are blank.", "rows": "rows: the rows with blank cells, joined.",
                    "rows_count": "rows: how many rows have blank cells."},
      variants={"rows": "Blank cells in several rows of one table: one finding listing the rows."})
def cell_present(rule: Rule, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
    """One finding per table with blank cells (parser ``cell_blank`` notes).

    One row: the row and its blank columns.  Several rows: one finding
    listing the rows (message variant ``rows``), since a table left blank
    is one thing to fix, not thirty.
    """
    tables = ctx.options.get("tables", ["t2", "t3", "t4"])
    limit = int(ctx.options.get("max_listed", 6))
    by_table: dict[str, list[ParseNote]] = {}
    for note in _notes(report, "cell_blank"):
        if note.table in tables:
            by_table.setdefault(note.table, []).append(note)
    for t, notes in by_table.items():
        keys = [k for n in notes for k in (n.data.get("keys") or [])]
        spans = [c.span for k in keys if (c := report.cell(k)) is not None]
        span = spans[0] if spans else notes[0].span
        table = labels.table_label(t, ctx.lang)
        row = lambda n: labels.message_row_label(t, n.row or "", ctx.lang, report.template)  # noqa: E731
        if len(notes) == 1:
            note = notes[0]
            cols = [labels.message_column_label(t, k.rsplit(".", 1)[-1], ctx.lang, report.template) for k in keys]
            yield rule.diagnostic(ctx, span, report=report, related=spans[1:], covers=keys,
                                  table=table, row=row(note), cells=_sep(ctx.lang).join(cols),
                                  count=len(keys))
            continue
        names = [row(n) for n in notes]
        shown = _sep(ctx.lang).join(names[:limit]) + ("…" if len(names) > limit else "")
        yield rule.diagnostic(ctx, span, report=report, message=_variant(rule, "rows") or BLANK_ROWS,
                              related=spans[1:], covers=keys, table=table, rows=shown,
                              rows_count=len(notes), count=len(keys))


@kind("cell_numeric", {"type": "object", "additionalProperties": False, "required": ["keys"],
                       "properties": {
                           "keys": D({"type": "array", "items": {"type": "string"}},
                                     "Cell-key globs (fnmatch: * matches anything, dots included), e.g. "
                                     "\"t3.*\", \"t2.*.issued\"."),
                           "exclude": D({"type": "array", "items": {"type": "string"}},
                                        "Cell-key globs left out even when keys match them "
                                        "(\"t2.*.change\": 2019's 本年增/减 may be negative)."),
                           "integer": D({"type": "boolean"}, "Values must be whole numbers.", False),
                           "decimals": D({"type": "integer", "minimum": 0},
                                         "At most this many digits after the decimal point, as written "
                                         "(an amount in 万元 is exact to 4: one yuan)."),
                           "min": D({"type": "number"}, "Smallest allowed value (none if omitted)."),
                           "max": D({"type": "number"}, "Largest allowed value (none if omitted).")}},
      placeholders={"value": "The cell's number.", "raw": "The cell as written.",
                    "cell": "The cell's label (表三 一、本年新收 自然人)."})
def cell_numeric(rule: Rule, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
    """Cells matching ``keys`` (and no ``exclude`` glob) must be whole, within [min, max] and
    written with at most ``decimals`` decimal places, as far as asked; blank cells are skipped
    (the blank-cell rule reports them)."""
    o = ctx.options
    pats, skip = o["keys"], o.get("exclude") or []
    lo, hi, places = o.get("min"), o.get("max"), o.get("decimals")
    for key, cell in report.all_cells.items():
        if cell.value is None or not any(fnmatch.fnmatchcase(key, p) for p in pats) \
                or any(fnmatch.fnmatchcase(key, p) for p in skip):
            continue
        v = cell.value
        bad = (o.get("integer") and not float(v).is_integer()) or \
              (lo is not None and v < lo) or (hi is not None and v > hi) or \
              (places is not None and _decimals(cell.raw) > places)
        if bad:
            yield rule.diagnostic(ctx, cell.span, report=report, value=v, raw=cell.raw.strip(),
                                  cell=labels.message_cell_label(key, ctx.lang, report.template))


def _decimals(raw: str) -> int:
    """Digits after the decimal point as written ("12.50" → 2), so 0.00001 is not rounded away."""
    m = re.search(r"\d[.．](\d+)", unicodedata.normalize("NFKC", raw or ""))
    return len(m.group(1)) if m else 0


@kind("value_count", {"type": "object", "additionalProperties": False, "properties": {
      "tables": _TABLES}},
      placeholders={**_TABLE, **_ROW, "found": "How many values the row has.",
                    "expected": "How many the format has.", "extra": "The extra values, space-separated."},
      variants={"count": "A row with another number of values than the format (their columns are unknown).",
                "extra": "A row with more values than the format; the extra ones are listed.",
                "order": "A row whose numbers may belong to a neighbouring row (layout order uncertain)."})
def value_count(rule: Rule, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
    """A row with the wrong number of values, or extra values, from the parser's notes.

    The ``count`` and ``extra`` message variants let a pack word the two cases differently.
    """
    tables = ctx.options.get("tables", ["t2", "t3", "t4"])
    for note in _notes(report, "value_count", "extra_values", "order_uncertain"):
        if note.table not in tables:
            continue
        variant = {"extra_values": "extra", "order_uncertain": "order"}.get(note.kind, "count")
        extra = note.data.get("extra") or []
        yield rule.diagnostic(ctx, note.span, report=report, message=_variant(rule, variant),
                              covers=_row_keys(report, note.table or "", [note.row or ""]),
                              table=labels.table_label(note.table, ctx.lang),
                              row=labels.message_row_label(note.table, note.row or "", ctx.lang, report.template),
                              found=note.data.get("found", "?"), expected=note.data.get("expected", "?"),
                              extra=" ".join(str(x) for x in extra))


@kind("parse_note", {"type": "object", "additionalProperties": False, "required": ["notes"],
                     "properties": {"notes": D({"type": "array", "items": {"type": "string"}, "minItems": 1},
                                               "Parser note kinds that become findings (see "
                                               "govlint.model.ParseNote: subrows_missing, rows_cut_off …).")}},
      placeholders={**_TABLE, **_ROW, "rows": "The note's rows' labels, joined.",
                    "column": "The note's column, by its printed label (自然人).",
                    "*": "Every scalar field of the note's data, by its name."})
def parse_note(rule: Rule, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
    """Any parser note kind → one finding; note data fill the placeholders, and the
    cell keys a note lists (data ``keys``) are what the finding covers."""
    for note in _notes(report, *ctx.options["notes"]):
        params: dict[str, Any] = {k: v for k, v in note.data.items() if not isinstance(v, (list, dict))}
        if note.table:
            params["table"] = labels.table_label(note.table, ctx.lang)
            rows = note.data.get("rows") or []
            params["rows"] = _sep(ctx.lang).join(
                labels.message_row_label(note.table, r, ctx.lang, report.template) for r in rows)
            if note.row:
                params["row"] = labels.message_row_label(note.table, note.row, ctx.lang, report.template)
            if isinstance(note.data.get("column"), str):
                params["column"] = labels.message_column_label(note.table, note.data["column"], ctx.lang,
                                                               report.template)
        # a note naming cells (cell_not_number) covers them: identities that need
        # those cells fold into this finding instead of each saying "无法核对"
        keys = note.data.get("keys")
        covers = [k for k in keys if isinstance(k, str)] if isinstance(keys, list) else []
        yield rule.diagnostic(ctx, note.span, report=report, covers=covers, **params)


@kind("template_year", {"type": "object", "additionalProperties": False, "required": ["templates"],
                        "properties": {"templates": D({"type": "array", "minItems": 1, "items": {
                            "type": "object", "required": ["template", "name"], "additionalProperties": False,
                            "properties": {"template": {"type": "string"}, "name": {"type": "string"},
                                           "min": {"type": ["integer", "null"]},
                                           "max": {"type": ["integer", "null"]}}}},
                            "The forms in order: {template: id, name: the official document, min, max: "
                            "report years}; the first whose years fit is the one required.")}},
      placeholders={"year": "The report year.", "template": "The form the tables use (its id).",
                    "expected": "The id of the form the year requires.",
                    "expected_name": "That form's name (国办公开办函〔2021〕30号).",
                    "used_name": "The name of the form the tables use."})
def template_year(rule: Rule, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
    """The report must use the template its year calls for (first ``templates`` entry whose range fits).

    Silent when the year or the detected template is unknown: there is nothing to compare.
    """
    if report.year is None or report.template is None:
        return
    want = None
    for t in ctx.options["templates"]:
        if (t.get("min") is None or report.year >= t["min"]) and (t.get("max") is None or report.year <= t["max"]):
            want = t
            break
    if want is None or str(want["template"]) == str(report.template):
        return
    used = next((t for t in ctx.options["templates"] if str(t["template"]) == str(report.template)), None)
    tbl = report.tables.get("t2") if report.tables.get("t2") and report.tables["t2"].found else None
    span = tbl.span if tbl else report.title_span
    yield rule.diagnostic(ctx, span, report=report, year=report.year, template=report.template,
                          expected=want["template"], expected_name=want["name"],
                          used_name=used["name"] if used else report.template)

