"""Build clean, correct synthetic reports (Markdown text) from a template.

Why: rule examples, tests and ``govlint template YEAR`` all need a report
that passes every rule, so that a single change (one cell, one removed
sentence) shows exactly one finding.  The row order and labels come from the
template YAML; the default numbers satisfy every arithmetic identity and the
narrative sentences are generated from the final cells, so changing a cell
never produces a spurious narrative mismatch.
"""
from __future__ import annotations

import re
from typing import Optional

from ..labels import NUMERALS, section_heading
from ..templates import TableSpec, Template, builtin_templates

_LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")


def _template(template: str) -> Template:
    return builtin_templates()[str(template)]


def _table(template: str, name: str) -> TableSpec:
    return _template(template).tables[name]


def t3_columns(template: str) -> list[str]:
    """表三 value columns in printed order (from the template)."""
    return list(_table(template, "t3").columns)


def t4_groups(template: str) -> list[str]:
    """表四 row groups in printed order (from the template)."""
    return list(_table(template, "t4").groups)


def t4_columns(template: str) -> list[str]:
    """表四 value columns in printed order (from the template)."""
    return list(_table(template, "t4").columns)


_T3_NONZERO = {  # row → (natural_person, commercial); other columns 0; totals derived
    "new": (5, 1), "carried_over": (1, 0), "granted": (3, 1), "partial": (1, 0),
    "denied.third_party": (1, 0), "carry_forward": (1, 0), "total_handled": (5, 1),
}
_T2_DEFAULTS = {
    "2021": {"rules": [0, 0, 0], "normative_docs": [2, 1, 10], "licensing": [120],
             "penalty": [35], "enforcement": [3], "fees": [0]},
    "2019": {"rules": [0, 0, 0], "normative_docs": [2, 2, 10], "licensing": [50, 2, 120],
             "other_services": [10, 0, 30], "penalty": [80, -1, 35], "enforcement": [5, 0, 3],
             "fees": [3, 0], "procurement": [4, 12.5]},
}


def t3_rows(template: str) -> list[str]:
    """Data rows of 表三 (groups without numbers excluded), in printed order."""
    return [r.key for r in _table(template, "t3").rows if not r.group]


def default_cells(template: str) -> dict[str, Optional[float]]:
    """A complete, balanced set of cells for ``template`` ("2019" or "2021")."""
    cells: dict[str, Optional[float]] = {}
    for r in _table(template, "t2").rows:
        for col, v in zip(r.columns, _T2_DEFAULTS.get(template, {}).get(r.key, [])):
            cells[f"t2.{r.key}.{col}"] = float(v)
    t3_cols = t3_columns(template)
    for row in t3_rows(template):
        np_, com = _T3_NONZERO.get(row, (0, 0))
        vals = [np_, com] + [0] * (len(t3_cols) - 3) + [np_ + com]
        for col, v in zip(t3_cols, vals):
            cells[f"t3.{row}.{col}"] = float(v)
    t4 = {"review": [1, 1, 0, 0, 2]}
    t4_cols = t4_columns(template)
    for g in t4_groups(template):
        for col, v in zip(t4_cols, t4.get(g, [0] * len(t4_cols))):
            cells[f"t4.{g}.{col}"] = float(v)
    return cells


def fmt(v: Optional[float]) -> str:
    """A cell value as a report prints it: whole numbers without ".0", blank for None."""
    if v is None:
        return ""
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _t2(template: str, cells: dict) -> list[str]:
    """表二: per block (``block:`` of each row), the block heading, a header row, the rows."""
    out: list[str] = []
    spec = _table(template, "t2")
    block: Optional[str] = None
    for i, r in enumerate(spec.rows):
        b = r.block or ""
        if i == 0 or b != block:
            block = b
            if b:
                out.append(b)
            out.append("\t".join([spec.row_header] + [spec.columns.get(c, c) for c in r.columns]))
        out.append("\t".join([r.label] + [fmt(cells.get(f"t2.{r.key}.{c}")) for c in r.columns]))
    return out


def t3_header(spec: TableSpec) -> list[str]:
    """表三's header lines (tab-separated, two label columns first): the note and
    the column header, then the column labels with their groups above them."""
    cols = list(spec.columns)
    top = [spec.note, "", spec.column_header] + [""] * len(cols)
    if not spec.column_groups:
        return ["\t".join(top), "\t".join(["", ""] + [spec.columns[c] for c in cols])]
    mid, low = ["", ""], ["", ""]
    for c in cols:
        g = spec.column_group(c)
        if g is None:
            mid.append(spec.columns[c])
            low.append("")
        else:
            mid.append(g.label if g.columns[0] == c else "")
            low.append(spec.columns[c])
    return ["\t".join(top), "\t".join(mid), "\t".join(low)]


def t4_header(spec: TableSpec) -> list[str]:
    """表四's header lines: each group's header path (``group_header``), outermost
    first, then its column labels; a cell repeated across groups is printed once."""
    groups = list(spec.groups)
    paths = {g: spec.header_path(g) for g in groups}
    depth = max(len(p) for p in paths.values())
    cols = list(spec.columns)
    lines = []
    for level in range(depth + 1):
        cells: list[str] = []
        prev: Optional[list[str]] = None
        for g in groups:
            path = paths[g]
            if level < len(path):
                same = prev is not None and prev[:level + 1] == path[:level + 1]
                cells += [("" if same else path[level])] + [""] * (len(cols) - 1)
            elif level == len(path):
                cells += [spec.columns[c] for c in cols]
            else:
                cells += [""] * len(cols)
            prev = path
        lines.append("\t".join(cells).rstrip("\t"))
    return lines


def _t3(template: str, cells: dict) -> list[str]:
    spec = _table(template, "t3")
    out = t3_header(spec)
    cols = list(spec.columns)
    pending: dict[str, str] = {}  # group labels printed with their first data row
    level1 = ""  # key of the current level-1 group (三、本年度办理结果)
    for r in spec.rows:
        key = r.key
        top = bool(_LEVEL1.match(r.label))
        if r.group:
            pending[key] = r.label
            if top:
                level1 = key
            continue
        nums = [fmt(cells.get(f"t3.{key}.{c}")) for c in cols]
        if top:
            level1 = ""
            prefix = [r.label, ""]
        elif "." not in key:
            prefix = [pending.pop(level1, ""), r.label]
        else:
            prefix = [pending.pop(level1, ""), pending.pop(key.split(".")[0], ""), r.label]
        out.append("\t".join(prefix + nums))
    return out


def _t4(cells: dict, template: str = "2021") -> list[str]:
    spec = _table(template, "t4")
    vals = [fmt(cells.get(f"t4.{g}.{c}")) for g in spec.groups for c in spec.columns]
    return t4_header(spec) + ["\t".join(vals)]


def _narrative(template: str, year: int, cells: dict) -> dict[int, str]:
    def n(key: str) -> str:
        return fmt(cells.get(key)) or "0"

    docs = ""
    if template == "2021":
        docs = (f"本年度制发行政规范性文件{n('t2.normative_docs.issued')}件，"
                f"现行有效{n('t2.normative_docs.in_force')}件。")
    one = (f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。\n"
           f"（一）主动公开。{year}年，通过政府网站和政务新媒体主动公开政府信息。{docs}\n"
           f"（二）依申请公开。全年共收到政府信息公开申请{n('t3.new.total')}件，"
           f"予以公开{n('t3.granted.total')}件。\n"
           "（三）政府信息管理。落实公开属性源头认定和发布审查制度。\n"
           "（四）平台建设。持续优化政府网站政府信息公开专栏。\n"
           "（五）监督保障。将政务公开工作纳入年度绩效考核。")
    four = (f"本年度因政府信息公开工作被申请行政复议{n('t4.review.total')}件，"
            f"其中结果纠正{n('t4.review.corrected')}件。")
    five = ("存在的主要问题：信息发布的及时性有待提高。\n"
            "改进情况：建立信息更新台账，定期检查栏目更新情况。")
    six = "本年度未收取信息处理费。" if year >= 2021 else "无。"
    return {1: one, 2: "", 3: "", 4: four, 5: five, 6: six}


def render_report(template: str, year: int, issuer: str = "示例县人民政府办公室",
                  cells: Optional[dict[str, Optional[float]]] = None, *,
                  omit_sections: tuple = (), section_text: Optional[dict[int, str]] = None,
                  title: Optional[str] = None, date: Optional[str] = None) -> str:
    """A clean Markdown report; ``cells`` override the balanced defaults.

    ``cells`` values of None render blank cells.  ``section_text`` replaces the
    prose of a section (tables stay).  ``date`` is the 落款 date as
    "YYYY-MM-DD" (default: 20 January of the following year, inside every
    deadline).
    """
    allc = default_cells(template)
    allc.update(cells or {})
    prose = _narrative(template, year, allc)
    prose.update(section_text or {})
    tables = {2: _t2(template, allc), 3: _t3(template, allc), 4: _t4(allc, template)}
    out = [f"# {title if title is not None else f'{issuer}{year}年政府信息公开工作年度报告'}", ""]
    for number in range(1, 7):
        if number in omit_sections:
            continue
        out.append(f"## {NUMERALS[number - 1]}、{section_heading(number, template)}")
        out.append("")
        if prose.get(number):
            out.extend(prose[number].split("\n"))
            out.append("")
        if number in tables:
            out.extend(tables[number])
            out.append("")
    y, m, d = (date or f"{year + 1}-01-20").split("-")
    out += [issuer, f"{int(y)}年{int(m)}月{int(d)}日", ""]
    return "\n".join(out)
