"""The terminal report: one block per finding, grouped by file.

Each finding is ``path:line:col: CODE [级别] message`` (the first part is what
editors and terminals turn into a link), followed by the offending source
line with a ``^~~~`` marker under the span.  Chinese characters take two
terminal columns, so the marker is offset by display width, not by
character count; long paragraphs are clipped to a window around the span so
the marker still lines up after the terminal would have wrapped the line.
"""
from __future__ import annotations

import unicodedata
from typing import Optional

from ..labels import form_cell_label, render_where
from ..model import Diagnostic, FileResult, Report, Severity
from .locate import lineless, officer_where
from .common import (
    OutputOptions,
    code_statistics,
    display_path,
    folded_note,
    has_line,
    severity_counts,
    severity_label,
    sorted_diagnostics,
    sorted_results,
    summary_sentence,
)

SHOWN_HINTS = 3  # fix hints printed under a finding (JSON/SARIF carry them all)
MAX_WIDTH = 100  # display columns of source shown before clipping
TAB = "    "

_RESET = "\x1b[0m"
_STYLE = {
    "bold": "\x1b[1m",
    "dim": "\x1b[2m",
    "blue": "\x1b[34m",
    "green": "\x1b[32m",
    Severity.ERROR: "\x1b[31m",
    Severity.WARNING: "\x1b[33m",
    Severity.INFO: "\x1b[36m",
}


class _Painter:
    """Adds ANSI styles only when colour is on, so the plain path stays plain."""

    def __init__(self, on: bool) -> None:
        self.on = on

    def __call__(self, text: str, *styles: object) -> str:
        if not self.on or not styles or not text:
            return text
        return "".join(_STYLE[s] for s in styles) + text + _RESET


def char_width(ch: str) -> int:
    """Terminal columns of one character: CJK wide/fullwidth 2, combining 0."""
    if ch == "\t":
        return len(TAB)
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_width(text: str) -> int:
    """Display width in terminal columns (CJK counts 2), so tables of Chinese text line up."""
    return sum(char_width(c) for c in text)


def _printable(text: str) -> str:
    out = []
    for ch in text:
        if ch == "\t":
            out.append(TAB)
        elif unicodedata.category(ch) in ("Cc", "Cf") or ch in "\u2028\u2029":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _window(line: str, start: int, end: int) -> tuple[int, int]:
    """Character range [a, b) of ``line`` to show so that the span start is
    visible with some context and the shown part fits ``MAX_WIDTH``."""
    if text_width(line) <= MAX_WIDTH:
        return 0, len(line)
    a = start
    room = 20
    while a > 0 and room > 0:
        a -= 1
        room -= char_width(line[a])
    b, width = a, 0
    while b < len(line) and width + char_width(line[b]) <= MAX_WIDTH - 2:
        width += char_width(line[b])
        b += 1
    return a, b


def snippet(report: Optional[Report], diag: Diagnostic, paint: _Painter) -> list[str]:
    """The source line of the finding with a marker under its span (or nothing)."""
    span = diag.span
    if report is None or not has_line(span) or span.line > len(report.source_lines):
        return []
    line = report.source_lines[span.line - 1].rstrip("\r\n")
    start = min(max(span.column - 1, 0), len(line))
    end = span.end_column - 1 if span.end_line == span.line else len(line)
    end = min(max(end, start + 1), max(len(line), start + 1))
    a, b = _window(line, start, end)
    shown = line[a:b]
    pre = "…" if a > 0 else ""
    post = "…" if b < len(line) else ""
    offset = text_width(pre) + text_width(line[a:start])
    width = max(1, text_width(line[start:min(end, b)]))
    marker = " " * offset + "^" + "~" * (width - 1)
    num = str(span.line)
    gutter = " " * len(num)
    color = diag.severity
    return [
        paint(f"{gutter} |", "blue"),
        paint(f"{num} |", "blue") + " " + pre + _printable(shown) + post,
        paint(f"{gutter} |", "blue") + " " + paint(marker, color, "bold"),
    ]


def _location(diag: Diagnostic, path: str, report: Optional[Report] = None, lang: str = "zh") -> str:
    s = diag.span
    if lineless(report):  # a Word document: the table/row/column or paragraph, never line:col
        where = officer_where(s, report, lang)
        return f"{path}: {where}:" if where else f"{path}:"
    if has_line(s):
        return f"{path}:{s.line}:{s.column}:"
    return f"{path}:"


def _notes(diag: Diagnostic, report: Optional[Report], en: bool) -> list[str]:
    """Locators a line number cannot give: PDF page, DOCX place, table cell."""
    s = diag.span
    notes: list[str] = []
    if s is None:
        return notes
    template = report.template if report else None
    if s.table:
        if en:
            notes.append("cell: " + ".".join(p for p in (s.table, s.row, s.column_key) if p))
        else:
            notes.append("单元格：" + form_cell_label(s.table, s.row, s.column_key, template))
    if s.page:
        notes.append(f"page {s.page}" if en else f"第{s.page}页")
    if s.where and not lineless(report):  # a Word document has it in the headline already
        notes.append(("at " if en else "位置：") + render_where(s.where, "en" if en else "zh"))
    return notes


def format_finding(diag: Diagnostic, result: FileResult, opts: OutputOptions,
                   paint: _Painter) -> list[str]:
    """A finding as terminal lines: location, code, severity and message, then snippet and notes."""
    path = display_path(result.path, opts.root)
    sev = severity_label(diag.severity, opts.lang)
    head = (paint(_location(diag, path, result.report, opts.lang), "bold") + " "
            + paint(diag.code, diag.severity, "bold") + " "
            + paint(f"[{sev}]", diag.severity) + " " + diag.message)
    lines = [head]
    lines.extend(snippet(result.report, diag, paint))
    notes = _notes(diag, result.report, opts.en)
    if notes:
        gutter = " " * (len(str(diag.span.line)) if has_line(diag.span) else 1)
        lines.append(paint(f"{gutter} = ", "blue") + paint("；".join(notes) if not opts.en
                                                           else "; ".join(notes), "dim"))
    folded = folded_note(diag, opts.lang)
    if folded:
        gutter = " " * (len(str(diag.span.line)) if has_line(diag.span) else 1)
        lines.append(paint(f"{gutter} = ", "blue") + paint(folded, "dim"))
    for s in diag.related:
        if s.path and s.path != diag.path:  # a place in another file: last year's report, the roster
            where = display_path(s.path, opts.root) + (f":{s.line}:{s.column}" if has_line(s) else "")
            if s.table:
                cell = (".".join(p for p in (s.table, s.row, s.column_key) if p) if opts.en
                        else form_cell_label(s.table, s.row, s.column_key, None))
                where += f" ({cell})" if opts.en else f"（{cell}）"
            label = diag.related_label or ("see" if opts.en else "另见")
            gutter = " " * (len(str(diag.span.line)) if has_line(diag.span) else 1)
            lines.append(paint(f"{gutter} = ", "blue") + paint(f"{label}: {where}" if opts.en
                                                               else f"{label}：{where}", "dim"))
    for hint in diag.hints[:SHOWN_HINTS]:
        lines.append(paint("  ? ", "blue") + paint(("hint: " if opts.en else "建议：") + hint.description, "dim"))
    if diag.url:
        lines.append(paint("  → ", "blue") + diag.url)
    return lines


def statistics_table(results: list[FileResult], opts: OutputOptions, paint: _Painter) -> list[str]:
    """Count per code, most frequent first (like ``ruff --statistics``)."""
    rows = code_statistics(results)
    if not rows:
        return []
    head = (["count", "code", "name", "severity", "files"] if opts.en
            else ["数量", "代码", "名称", "级别", "文件数"])
    body = [[str(n), code, name, severity_label(sev, opts.lang), str(files)]
            for code, name, sev, n, files in rows]
    widths = [max(text_width(r[i]) for r in [head] + body) for i in range(len(head))]

    def fmt(row: list[str]) -> str:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - text_width(cell))
            cells.append(pad + cell if i in (0, 4) else cell + pad)
        return "  ".join(cells).rstrip()

    out = [paint("Statistics:" if opts.en else "统计：", "bold"), paint(fmt(head), "dim")]
    for (code, _name, sev, _n, _f), row in zip(rows, body):
        line = fmt(row)
        out.append(line.replace(code, paint(code, sev, "bold"), 1))
    return out


def render_text(results: list[FileResult], opts: OutputOptions) -> str:
    """The terminal report: findings per file (headed when several), optional statistics, the verdict."""
    paint = _Painter(opts.color)
    ordered = sorted_results(results)
    out: list[str] = []
    for result in ordered:
        out.extend(file_block(result, opts, paint, many=len(ordered) > 1))
    out.extend(tail(ordered, opts, paint))
    return "\n".join(out) + "\n"


def file_block(result: FileResult, opts: OutputOptions, paint: _Painter, many: bool) -> list[str]:
    """One file's lines: a heading when the run has several files, then each finding.

    Nothing for a file without findings.  The streaming writer
    (:mod:`govlint.output.stream`) prints these as files finish.
    """
    if not result.diagnostics:
        return []
    out: list[str] = []
    if many:
        c = severity_counts(result.diagnostics)
        if opts.en:
            tally = f"{len(result.diagnostics)} problem(s)"
        else:
            tally = f"{len(result.diagnostics)} 个问题"
        if c[Severity.ERROR]:
            tally += f", {c[Severity.ERROR]} error(s)" if opts.en else f"，错误 {c[Severity.ERROR]}"
        out.append(paint("── " + display_path(result.path, opts.root), "bold")
                   + paint(f"（{tally}）" if not opts.en else f" ({tally})", "dim"))
    for diag in sorted_diagnostics(result):
        out.extend(format_finding(diag, result, opts, paint))
        out.append("")
    return out


def tail(ordered: list[FileResult], opts: OutputOptions, paint: _Painter) -> list[str]:
    """After the findings: the statistics table (``--statistics``) and the one-line verdict.

    Reads only each finding's code, name and severity and each result's path,
    so the streaming writer can pass stand-ins instead of keeping every report.
    """
    out: list[str] = []
    if opts.statistics:
        stats = statistics_table(ordered, opts, paint)
        if stats:
            out.extend(stats)
            out.append("")
    for diag in opts.run_diagnostics:  # about the run (a broken plugin), once
        label = severity_label(diag.severity, opts.lang)
        out.append(f"{paint(diag.code, diag.severity, 'bold')} [{paint(label, diag.severity)}] {diag.message}")
    if opts.run_diagnostics:
        out.append("")
    counts = severity_counts([*(d for r in ordered for d in r.diagnostics), *opts.run_diagnostics])
    style = (Severity.ERROR if counts[Severity.ERROR] else
             Severity.WARNING if counts[Severity.WARNING] else "green")
    out.append(paint(summary_sentence(ordered, opts.lang, opts.run_diagnostics), style, "bold"))
    return out
