"""What a checked file's result keeps once the rules have run.

A parsed report is large (every normalised line, every cell with its span:
≈ 35 KB pickled, hundreds of objects), and the output needs little of it:
JSON, SARIF, GitHub and JUnit print the findings only; CSV adds the issuer
and year; the terminal report adds the source lines the findings point at
(and the tables, whose cell places name Word tables).  A worker process that
sends the whole report back spends its time pickling and the parent its
time unpickling, and a run that keeps every report grows by the report.  So
a result is cut down, in the worker, to the level its output format asks
for (:func:`govlint.output.report_needs`):

``meta``
    the report's scalar facts (path, title, issuer, year, template, kind …);
    no lines, tables, sections or notes.
``batch``
    ``meta`` plus the report's :class:`~govlint.model.BatchRecord`: what
    the cross-report stage reads (issuer, year, cells, the text of sections)
    when the run compares its reports — a few KB, where the lines and cells
    it is made from are ≈ 190 KB in memory.
``excerpt``
    ``batch`` plus the tables (packed until read: :class:`~.codec.LazyTables`)
    and sections, and the source lines the findings
    (and their related and folded findings) point at; every other source
    line is left empty, so line numbers still index the same list.
``full``
    the whole report (the HTML page draws every table and line; a plugin's
    format may read anything).

May import the foundation (model) and its own package's codec.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Iterable, Optional

from ..model import BatchRecord, Diagnostic, FileResult, Report, Span
from .codec import LazyLines, LazyTables

LEVELS = ("meta", "batch", "excerpt", "full")


def widest(*levels: str) -> str:
    """The level that satisfies all of ``levels`` (the baseline needs ``excerpt`` whatever the format)."""
    return max(levels, key=LEVELS.index) if levels else "meta"


def _spans(diags: Iterable[Diagnostic]) -> Iterable[Span]:
    for d in diags:
        if d.span is not None:
            yield d.span
        yield from d.related
        yield from _spans(getattr(d, "folded", None) or ())  # consequences folded into a root cause


def cited_lines(diags: Iterable[Diagnostic]) -> set[int]:
    """1-based source line numbers every finding's spans touch."""
    out: set[int] = set()
    for s in _spans(diags):
        if s.line > 0:
            out.update(range(s.line, max(s.line, s.end_line) + 1))
    return out


def slim_report(report: Report, diags: list[Diagnostic], level: str) -> Report:
    """A copy of ``report`` with only what ``level`` keeps (``full``: the report itself)."""
    if level == "full":
        return report
    rank = LEVELS.index(level) - 1  # what the report keeps: the record of ``batch`` is beside it
    source: list[str] = []
    if rank >= 1 and report.source_lines:
        wanted = cited_lines(diags)
        src = report.source_lines
        source = [src[i - 1] if i in wanted else "" for i in range(1, len(src) + 1)]
    # dataclasses.replace keeps every scalar field, including ones added later; tables and
    # lines travel packed (one string to pickle or store) and unpack only if something reads them
    tables: Any = {}
    if rank >= 1:
        tables = report.tables if isinstance(report.tables, LazyTables) else LazyTables(report.tables)
    return dataclasses.replace(
        report, lines=[], notes=[], source_lines=source, tables=tables,
        sections=report.sections if rank >= 1 else [],
        dates=report.dates if rank >= 1 else [])


def slim(result: FileResult, level: str) -> FileResult:
    """``result`` with its report cut down to ``level`` (see the module docstring)."""
    if level == "full" or result.report is None:
        return result
    record = result.record
    if record is None and LEVELS.index(level) >= LEVELS.index("batch"):
        record = BatchRecord.of(result.report)  # from the whole report, before it is cut
    return FileResult(result.path, slim_report(result.report, result.diagnostics, level),
                      result.diagnostics, result.seconds, record if level != "meta" else None)


def renamed(result: FileResult, old: str, new: str) -> FileResult:
    """``result`` with every path ``old`` (the file, each span, each finding) written as ``new``.

    A cluster worker opens a file by its absolute path; the findings must
    name it as the user gave it, exactly as ``-j 1`` does.  Generic over the
    model's dataclasses, so a field added later is renamed too; objects
    shared between places stay shared.
    """
    if old == new:
        return result
    seen: dict[int, Any] = {}

    def walk(v: Any) -> Any:
        if isinstance(v, str):
            return new if v == old else v
        if isinstance(v, (list, tuple)):
            out = [walk(x) for x in v]
            return out if isinstance(v, list) else tuple(out)
        if isinstance(v, LazyTables):
            return LazyTables({k: walk(x) for k, x in v.items()})
        if isinstance(v, LazyLines):
            return LazyLines([walk(x) for x in v])
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items()}
        if isinstance(v, (set, frozenset)) or not dataclasses.is_dataclass(v) or isinstance(v, type):
            return v
        done = seen.get(id(v))
        if done is None:
            changes = {f.name: walk(getattr(v, f.name)) for f in dataclasses.fields(v) if f.init}
            done = seen[id(v)] = dataclasses.replace(v, **changes)
        return done

    return walk(result)
