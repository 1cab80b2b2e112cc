"""A blank annual report in the official format, to be filled in.

Why: most defects govlint finds (the old template, no statistics period, no
fee sentence, missing rows) are born when an officer copies last year's
report.  Starting from a blank that is already right for the report year
removes those defects at the source.  Everything that names a row or a column
comes from the template YAML (``rules/templates/*.yaml``) through
:mod:`govlint.templates`, so a new official format needs no change here.

Markdown goes through :func:`govlint.scaffold.synth.render_report` (the same layout the
rule examples use, cells left blank); Word output (:mod:`govlint.scaffold.docx`)
draws real tables with merged header cells, shaped like the printed form.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..templates import TableSpec, Template, builtin_templates, template_for_year

DEFAULT_ISSUER = "（发布机关）"
FILL = "【请填写：{}】"
FEE_SENTENCE = "本年度共发出收费通知 件，收取信息处理费 元。"
FEE_NOTE = "如本年度未收取信息处理费，将上一句改为：本年度未收取信息处理费。"
FEE_YEAR = 2021  # 《政府信息公开信息处理费管理办法》 in force from 2021-01-01

_LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")


def title_of(year: int, issuer: str = DEFAULT_ISSUER) -> str:
    """The standard title wording: issuer, then year, then 政府信息公开工作年度报告."""
    return f"{issuer}{year}年政府信息公开工作年度报告"


def period_sentence(year: int) -> str:
    """The statistics-period sentence the form requires, filled in for ``year``."""
    return f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"


def date_line(year: int) -> str:
    """落款 date left to fill in: the report is published the following year."""
    return f"{year + 1}年　月　日"


def check_year(year: int) -> Template:
    """The template for ``year``; ValueError when no official format covers it."""
    t = template_for_year(year)
    if not t.covers_year(year):
        first = min((x.year_min for x in builtin_templates().values() if x.year_min), default=None)
        raise ValueError(f"没有适用于{year}年度的报告格式（支持{first}年度起的报告）")
    return t


def section_paragraphs(template: Template, year: int) -> dict[int, list[str]]:
    """Prose placeholders per section number (tables are added separately).

    The placeholders carry no digits, so no narrative-vs-table rule can
    match them; the statistics period and (from 2021) the fee sentence are
    already written out because leaving them out is the commonest defect.
    """
    one = [period_sentence(year)]
    if template.year_min is not None and template.year_min >= FEE_YEAR:
        one += [f"（一）主动公开。{FILL.format('主动公开政府信息的情况')}",
                f"（二）依申请公开。{FILL.format('收到和办理政府信息公开申请的情况')}",
                f"（三）政府信息管理。{FILL.format('政府信息管理工作情况')}",
                f"（四）平台建设。{FILL.format('政府信息公开平台建设情况')}",
                f"（五）监督保障。{FILL.format('监督保障工作情况')}"]
    else:
        one.append(FILL.format("本年度政府信息公开工作总体情况"))
    five = [f"存在的主要问题：{FILL.format('存在的主要问题')}",
            f"改进情况：{FILL.format('改进措施和落实情况')}"]
    if year >= FEE_YEAR:
        six = [FEE_SENTENCE, FILL.format("其他需要报告的事项")]
    else:
        six = [FILL.format("其他需要报告的事项；没有的写“无”")]
    return {1: one, 2: [], 3: [], 4: [], 5: five, 6: six}


# ------------------------------------------------------------------ Markdown

def render_markdown(year: int, issuer: str = DEFAULT_ISSUER) -> str:
    """The blank report as Markdown with tab-separated table rows.

    Every expected cell is rendered empty (nothing between the tabs).  The fee
    alternative is an HTML comment after the fee sentence: invisible when
    the Markdown is rendered, and there when the officer edits the file.
    """
    from . import synth

    t = check_year(year)
    cells: dict[str, Optional[float]] = {k: None for tb in t.tables.values()
                                         for k in tb.expected_keys}
    paras = section_paragraphs(t, year)
    if year >= FEE_YEAR:
        i = paras[6].index(FEE_SENTENCE)
        paras[6].insert(i + 1, f"<!-- {FEE_NOTE} -->")
    text = synth.render_report(t.id, year, issuer, cells, title=title_of(year, issuer),
                               section_text={n: "\n".join(p) for n, p in paras.items()})
    return _blank_date(text, year)


def _blank_date(text: str, year: int) -> str:
    """Replace synth's example 落款 date with one to fill in.

    synth.render_report always prints a concrete date ("YYYY年M月D日" as the
    last non-empty line); a template must not invent one.
    """
    lines = text.split("\n")
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].strip():
            if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", lines[i].strip()):
                lines[i] = date_line(year)
            else:  # layout changed upstream: add the line rather than lose it
                lines.insert(i + 1, date_line(year))
            break
    return "\n".join(lines)


# ------------------------------------------------------------------- grids

@dataclass
class Grid:
    """A table as a full grid; cells covered by a merge are "" and each merge
    is (row, column, rowspan, colspan) anchored at its top-left cell."""

    rows: list[list[str]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    header_rows: int = 0  # repeated on every page in Word
    keep_together: bool = True  # small tables should not break over a page

    @property
    def ncols(self) -> int:
        """Width of the widest row, so ragged rows can be padded to a full grid."""
        return max((len(r) for r in self.rows), default=0)


def t2_grid(table: TableSpec) -> Grid:
    """表二: per 第二十条 block (``block:`` of each row in the YAML), a block
    heading, a header row (``row_header`` and the row's columns), the data rows."""
    width = max((len(r.columns) for r in table.rows), default=1)
    g = Grid([])
    block: Optional[str] = None

    def add(cells: list[str], n_used: int) -> None:
        r = len(g.rows)
        g.rows.append(cells + [""] * (width + 1 - len(cells)))
        if n_used < width + 1 and n_used > 0:  # last cell stretches to the right edge
            g.merges.append((r, n_used - 1, 1, width + 2 - n_used))

    for i, row in enumerate(table.rows):
        b = row.block or ""
        if i == 0 or b != block:
            block = b
            if b:
                g.rows.append([b] + [""] * width)
                g.merges.append((len(g.rows) - 1, 0, 1, width + 1))
            heads = [table.row_header] + [table.columns.get(c, c) for c in row.columns]
            add(heads, len(heads))
        add([row.label] + [""] * len(row.columns), 1 + len(row.columns))
    return g


def _level(label: str) -> int:
    if _LEVEL1.match(label):
        return 1
    return 2 if label.startswith(("（", "(")) else 3


def t3_grid(table: TableSpec) -> Grid:
    """表三: three label columns (row groups merged vertically), then the numbers.

    The nesting comes from the labels' numbering ("三、" level 1, "（三）"
    level 2, "1." level 3) and the YAML's ``group`` flag, so the 2019 single
    row "（六）其他处理" and the 2021 group of three both come out right.
    """
    cols = list(table.columns)
    n = 3 + len(cols)
    # header: the note (top-left), ``column_header`` over every value column,
    # then each column's label, under its ``column_groups`` label when it has one
    mid, low = ["", "", ""], ["", "", ""]
    merges = [(0, 0, 3, 3), (0, 3, 1, len(cols))]
    for i, c in enumerate(cols):
        grp = table.column_group(c)
        if grp is None:
            mid.append(table.columns[c])
            low.append("")
            merges.append((1, 3 + i, 2, 1))
        elif grp.columns[0] == c:
            mid.append(grp.label)
            low.append(table.columns[c])
            merges.append((1, 3 + i, 1, len(grp.columns)))
        else:
            mid.append("")
            low.append(table.columns[c])
    head = [[table.note, "", "", table.column_header] + [""] * (len(cols) - 1), mid, low]
    base = len(head)
    g = Grid(head, merges, header_rows=3, keep_together=False)
    owners: list[tuple[Optional[str], Optional[str]]] = []  # (level-1, level-2 group) per row
    cur1: Optional[str] = None
    cur2: Optional[str] = None
    for spec in table.rows:
        lvl = _level(spec.label)
        if lvl == 1:
            cur1 = cur2 = None
        elif lvl == 2:
            cur2 = None
        if spec.group:
            cur1, cur2 = (spec.label, None) if lvl == 1 else (cur1, spec.label)
            continue
        r = len(g.rows)
        row = [""] * n
        if lvl == 3 and cur2 is not None:
            row[2] = spec.label
        else:
            col = 0 if cur1 is None else 1
            row[col] = spec.label
            g.merges.append((r, col, 1, 3 - col))
        g.rows.append(row)
        owners.append((cur1, cur2 if lvl == 3 else None))
    for col in (0, 1):
        i = 0
        while i < len(owners):
            label = owners[i][col]
            j = i
            while j + 1 < len(owners) and label is not None and owners[j + 1][col] == label:
                j += 1
            if label is not None:
                g.rows[base + i][col] = label
                if j > i:
                    g.merges.append((base + i, col, j - i + 1, 1))
            i = j + 1
    return g


def t4_grid(table: TableSpec) -> Grid:
    """表四: 行政复议 over five columns, 行政诉讼 over ten (two sub-groups).

    Each group's header cells come from ``group_header`` in the YAML
    (outermost first); a two-level path shares its top cell with the
    neighbouring groups that have the same one."""
    cols = list(table.columns)
    w = len(cols)
    groups = list(table.groups)
    top, mid, low = [], [], []
    merges: list[tuple[int, int, int, int]] = []
    c = 0
    parents: dict[str, list[int]] = {}  # shared top cell → [first column, span]
    for key in groups:
        path = table.header_path(key)
        if len(path) >= 2:
            parent, child = path[0], path[1]
            if parent not in parents:
                parents[parent] = [c, 0]
                top += [parent] + [""] * (w - 1)
            else:
                top += [""] * w
            parents[parent][1] += w
            mid += [child] + [""] * (w - 1)
            merges.append((1, c, 1, w))
            low += [table.columns[k] for k in cols]
        else:
            top += [path[0]] + [""] * (w - 1)
            merges.append((0, c, 1, w))
            mid += [table.columns[k] for k in cols]
            low += [""] * w
            merges += [(1, c + i, 2, 1) for i in range(w)]
        c += w
    for parent, (start, span) in parents.items():
        merges.append((0, start, 1, span))
    return Grid([top, mid, low, [""] * c], merges, header_rows=3)


def grids(template: Template) -> dict[int, Grid]:
    """Section number → the blank table printed in it."""
    makers = {"t2": t2_grid, "t3": t3_grid, "t4": t4_grid}
    return {spec.section: makers[name](spec) for name, spec in template.tables.items()
            if name in makers}
