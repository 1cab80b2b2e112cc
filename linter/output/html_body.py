"""One report's body in the HTML output: its three tables and its text.

Findings are drawn where the reviewer looks: on the table cell they concern
(``span.table/row/column_key``), else on the row label or the table, else on
the source line (underlining the span).  Every highlighted place carries a
numbered badge linking to the finding in the list beside it, and the list
links back, so the page works like a marked-up paper copy.

Anchor ids are ``r{n}-…`` where ``n`` numbers the report on the page, so
many reports can share one file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Optional

from .. import labels
from ..model import Cell, Diagnostic, Report, Severity, Table
from .common import has_line

CORE_TABLES = ("t2", "t3", "t4")
CONTEXT = 2  # source lines shown around a finding in excerpt mode

Mark = tuple[int, Severity]  # (finding number, severity)


def finding_id(n: int, k: int) -> str:
    """Ids carry the report number ``n`` so several reports on one page never collide."""
    return f"r{n}-f{k}"


def cell_id(n: int, key: str) -> str:
    """Id of a table cell, so a finding can link to the cell it is about."""
    return f"r{n}-c-{key}"


def row_id(n: int, table: str, row: str) -> str:
    """Id of a table row, the link target for findings about a whole row."""
    return f"r{n}-row-{table}.{row}"


def table_id(n: int, table: str) -> str:
    """Id of a rendered table, the link target for findings about a whole table."""
    return f"r{n}-t-{table}"


def line_id(n: int, line: int) -> str:
    """Id of a source line, the link target for findings outside the tables."""
    return f"r{n}-L{line}"


def table_layout(table: Table) -> list[tuple[str, list[str]]]:
    """Rows in template order (``expected``, then any extra parsed cells),
    each with its columns in order.  The keys are the layout."""
    order: dict[str, list[str]] = {}
    for key in list(table.expected) + list(table.cells):
        _t, row, col = labels.split_key(key)
        cols = order.setdefault(row, [])
        if col and col not in cols:
            cols.append(col)
    return list(order.items())


def report_tables(report: Report) -> list[str]:
    """Tables to render: the core three always, then any others the report has, sorted."""
    names = list(CORE_TABLES) + sorted(t for t in report.tables if t not in CORE_TABLES)
    return names


@dataclass
class Anchors:
    """Which findings land on which cell, row, table and source line."""

    n: int
    cells: dict[str, list[Mark]] = field(default_factory=dict)
    rows: dict[str, list[Mark]] = field(default_factory=dict)
    tables: dict[str, list[Mark]] = field(default_factory=dict)
    lines: dict[int, list[Mark]] = field(default_factory=dict)
    # cells that take part in a finding without being its place: every operand
    # of a failed identity, the 表二 cell a narrative number contradicts
    parts: dict[str, list[Mark]] = field(default_factory=dict)
    ranges: dict[int, list[tuple[int, int, Severity]]] = field(default_factory=dict)
    targets: dict[int, str] = field(default_factory=dict)  # finding number -> anchor id


def collect_anchors(n: int, report: Optional[Report], diags: list[Diagnostic]) -> Anchors:
    """Place every finding (numbered from 1 in ``diags`` order)."""
    a = Anchors(n)
    if report is None:
        return a
    keys: set[str] = set()
    rows: set[str] = set()
    for name in report_tables(report):
        table = report.tables.get(name)
        if table is None:
            continue
        for row, cols in table_layout(table):
            rows.add(f"{name}.{row}")
            keys.update(f"{name}.{row}.{c}" for c in cols)
    nlines = len(report.source_lines)
    for k, d in enumerate(diags, 1):
        s, mark = d.span, (k, d.severity)
        for rel in d.related:
            if rel.table and rel.row and rel.column_key:
                rkey = f"{rel.table}.{rel.row}.{rel.column_key}"
                if rkey in keys and mark not in a.parts.get(rkey, []):
                    a.parts.setdefault(rkey, []).append(mark)
        if s is not None and s.table:
            key = ".".join(p for p in (s.table, s.row, s.column_key) if p)
            rkey = f"{s.table}.{s.row}"
            if s.row and s.column_key and key in keys:
                a.cells.setdefault(key, []).append(mark)
                a.targets[k] = cell_id(n, key)
            elif s.row and rkey in rows:
                a.rows.setdefault(rkey, []).append(mark)
                a.targets[k] = row_id(n, s.table, s.row)
            elif s.table in report_tables(report):
                a.tables.setdefault(s.table, []).append(mark)
                a.targets[k] = table_id(n, s.table)
        if has_line(s) and s.line <= nlines:
            last = min(max(s.end_line, s.line), nlines, s.line + 50)
            for ln in range(s.line, last + 1):
                text = report.source_lines[ln - 1]
                start = s.column - 1 if ln == s.line else 0
                end = s.end_column - 1 if ln == s.end_line else len(text)
                start = max(0, min(start, len(text)))
                end = max(start + 1, min(end, len(text)))
                a.ranges.setdefault(ln, []).append((start, end, d.severity))
            a.lines.setdefault(s.line, []).append(mark)
            a.targets.setdefault(k, line_id(n, s.line))
    return a


def worst(marks: list[Mark]) -> str:
    """The most severe of the marks, which colours a cell or row carrying several findings."""
    return max((m[1] for m in marks), key=lambda s: s.rank).value


def badges(n: int, marks: list[Mark]) -> str:
    """Numbered links to the findings on an element, coloured by severity."""
    return "".join(f'<a class="badge {sev.value}" href="#{finding_id(n, k)}" '
                   f'title="问题 {k}">{k}</a>' for k, sev in marks)


def _value_text(cell: Cell) -> str:
    if cell.value is None:
        return (cell.raw or "").strip() or "空"
    if isinstance(cell.value, int):
        return str(cell.value)
    v = float(cell.value)
    if v.is_integer():
        return str(int(v))
    return f"{v:.4f}".rstrip("0").rstrip(".")


def _value_cell(n: int, report: Report, table: Table, key: str, a: Anchors) -> str:
    cell = table.cells.get(key)
    marks = a.cells.get(key, [])
    classes = ["v"]
    if cell is None:
        classes.append("missing")
        text, title = "—", f"{key}：缺失"
    else:
        if cell.value is None:
            classes.append("blank")
        text, title = _value_text(cell), f"{key}　原文：{cell.raw}"
    attrs = f' id="{escape(cell_id(n, key))}"'
    if marks:
        classes += ["hit", worst(marks)]
    elif key in a.parts:  # an operand of a finding drawn elsewhere: shaded, no badge
        classes += ["part", worst(a.parts[key])]
        title += "　（参与问题 " + "、".join(str(k) for k, _s in a.parts[key]) + "）"
    return (f'<td class="{" ".join(classes)}"{attrs} title="{escape(title)}">'
            f'{escape(text)}{badges(n, marks)}</td>')


def _column(table: str, col: str, template: Optional[str], row: str) -> str:
    """The column as the report's own form heads it (the 2019 form words some differently)."""
    return labels.column_label(table, col, "zh", template, row) or col


def _head(name: str, cols: list[str], template: Optional[str], row: str, first: str,
          width: int) -> str:
    """Column header; 表三 gets the form's two-level head (法人或其他组织).
    A block narrower than the table (表二's one-column blocks) is padded."""
    groups = labels.column_groups(name)
    grouped = {c: g for g, members in groups.items() for c in members if c in cols}
    if not grouped:
        ths = "".join(f"<th>{escape(_column(name, c, template, row))}</th>" for c in cols)
        if len(cols) < width:
            ths += f'<th class="pad" colspan="{width - len(cols)}"></th>'
        return f'<tr class="subhead"><th>{escape(first)}</th>{ths}</tr>'
    top, bottom, seen = [f'<th rowspan="2">{escape(first)}</th>'], [], set()
    for c in cols:
        g = grouped.get(c)
        if g is None:
            top.append(f'<th rowspan="2">{escape(_column(name, c, template, row))}</th>')
        else:
            if g not in seen:
                seen.add(g)
                span = sum(1 for x in cols if grouped.get(x) == g)
                top.append(f'<th colspan="{span}">{escape(g)}</th>')
            bottom.append(f"<th>{escape(_column(name, c, template, row))}</th>")
    return (f'<tr class="subhead">{"".join(top)}</tr>'
            f'<tr class="subhead">{"".join(bottom)}</tr>')


def render_table(n: int, report: Report, name: str, a: Anchors, en: bool = False) -> str:
    """One of the report's tables, rows in template order, findings marked."""
    table = report.tables.get(name)
    tid = escape(table_id(n, name))
    marks = a.tables.get(name, [])
    hit = f' hit {worst(marks)}' if marks else ""
    caption = escape(labels.table_full_label(name)) + badges(n, marks)
    layout = table_layout(table) if table is not None else []
    if table is None or not layout:
        msg = "Table not found in the report" if en else "报告中未找到此表"
        return (f'<div class="absent{hit}" id="{tid}"><b>{caption}</b>：{msg}</div>')
    width = max(len(cols) for _row, cols in layout)
    first = "Item" if en else "项目"
    out = [f'<table class="rtable{hit}" id="{tid}"><caption>{caption}</caption>']
    prev_cols: Optional[list[str]] = None
    prev_group: Optional[str] = None
    before = labels.rows_before("t3")  # heading rows the form prints between 表三's rows
    for row, cols in layout:
        if cols != prev_cols:
            out.append(_head(name, cols, report.template, row, first, width))
            prev_cols = cols
        if name == "t3" and row in before:
            out.append(f'<tr class="group"><th colspan="{width + 1}">{escape(before[row])}</th></tr>')
        group = labels.row_parent(name, row)
        if group and group != prev_group:
            out.append(f'<tr class="group"><th colspan="{width + 1}">{escape(group)}</th></tr>')
        prev_group = group
        rkey = f"{name}.{row}"
        rmarks = a.rows.get(rkey, [])
        cls = "label sub" if group else "label"
        if rmarks:
            cls += f" hit {worst(rmarks)}"
        cells = [f'<th class="{cls}" id="{escape(row_id(n, name, row))}" title="{escape(rkey)}">'
                 f'{escape(labels.row_label(name, row, template=report.template) or row)}{badges(n, rmarks)}</th>']
        cells += [_value_cell(n, report, table, f"{name}.{row}.{c}", a) for c in cols]
        if len(cols) < width:
            cells.append(f'<td class="pad" colspan="{width - len(cols)}"></td>')
        out.append(f"<tr>{''.join(cells)}</tr>")
    out.append("</table>")
    return "".join(out)


def _marked_text(text: str, ranges: list[tuple[int, int, Severity]]) -> str:
    """``text`` with each finding's character range wrapped in <mark>;
    overlapping ranges take the worst severity."""
    if not ranges:
        return escape(text)
    sev: list[Optional[Severity]] = [None] * len(text)
    for start, end, s in ranges:
        for i in range(start, min(end, len(text))):
            if sev[i] is None or s.rank > sev[i].rank:
                sev[i] = s
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and sev[j] == sev[i]:
            j += 1
        chunk = escape(text[i:j])
        out.append(f'<mark class="{sev[i].value}">{chunk}</mark>' if sev[i] else chunk)
        i = j
    if len(text) == 0 or all(start >= len(text) for start, _e, _s in ranges):
        out.append('<mark class="%s"> </mark>' % max((r[2] for r in ranges), key=lambda s: s.rank).value)
    return "".join(out)


def _line_html(n: int, ln: int, text: str, a: Anchors) -> str:
    marks = a.lines.get(ln, [])
    cls = "src-line"
    if marks or ln in a.ranges:
        cls += " hit " + (worst(marks) if marks else
                          max((r[2] for r in a.ranges[ln]), key=lambda s: s.rank).value)
    return (f'<div class="{cls}" id="{line_id(n, ln)}"><span class="ln">{ln}</span>'
            f'<span class="tx">{_marked_text(text, a.ranges.get(ln, []))}{badges(n, marks)}</span></div>')


def render_source(n: int, report: Report, a: Anchors, excerpt: bool, en: bool = False) -> str:
    """The original text with line numbers; in ``excerpt`` mode only the
    lines around findings (a page of a thousand reports stays openable)."""
    lines = [l.rstrip("\r\n") for l in report.source_lines]
    if not lines:
        return '<div class="absent">%s</div>' % ("No source text" if en else "无原文")
    if excerpt:
        show: set[int] = set()
        for ln in set(a.lines) | set(a.ranges):
            show.update(range(max(1, ln - CONTEXT), min(len(lines), ln + CONTEXT) + 1))
    else:
        show = set(range(1, len(lines) + 1))
    out, prev = ['<div class="source">'], 0
    for ln in sorted(show):
        if ln > prev + 1:
            out.append('<div class="src-line gap"><span class="ln">⋮</span><span class="tx">…</span></div>')
        out.append(_line_html(n, ln, lines[ln - 1], a))
        prev = ln
    if excerpt and not show:
        out.append('<div class="src-line gap"><span class="ln"></span><span class="tx">%s</span></div>'
                   % ("No finding points at a line" if en else "没有指向具体行的问题"))
    out.append("</div>")
    return "".join(out)
