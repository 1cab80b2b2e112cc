"""Labels torn from their numbers: missing, never shifted (issue 14).

Each layout of tests/gen/scramble.py alone, on a clean generated report of
both forms: every cell read equals the clean report's, and no arithmetic
error appears that the clean report lacks.  Plus the 表二 block printed above
the table's header, which is read rather than called missing.
"""
from __future__ import annotations

import random

import pytest

from gen.scramble import LAYOUTS, variant
from govlint.config import Config
from govlint.engine import run
from govlint.model import Severity
from govlint.parse import parse_text
from govlint.scaffold.synth import render_report

# distinct values so that a shifted cell cannot equal its neighbour by chance
CELLS_2021 = {"t3.new.natural_person": 31, "t3.new.commercial": 12, "t3.new.total": 43,
              "t3.granted.natural_person": 17, "t3.granted.commercial": 6, "t3.granted.total": 23,
              "t3.other.overdue_fee.natural_person": 2, "t3.other.overdue_fee.total": 2,
              "t3.total_handled.natural_person": 19, "t3.total_handled.commercial": 6,
              "t3.total_handled.total": 25, "t3.carry_forward.natural_person": 12,
              "t3.carry_forward.commercial": 6, "t3.carry_forward.total": 18}


def _cells(rep):
    return {k: c.value for t in rep.tables.values() for k, c in t.cells.items() if c.value is not None}


def _arith(rep):
    return {d.code for d in run(rep, Config()) if d.code.startswith("GL2") and d.severity is Severity.ERROR}


def _check(text: str, layouts: list[str], seed: int) -> tuple[int, int]:
    clean = parse_text(text, "clean.md")
    want = _cells(clean)
    got_rep = parse_text(variant(text, clean, random.Random(seed), layouts), "torn.md")
    got = _cells(got_rep)
    changed = {k: (v, want.get(k)) for k, v in got.items() if want.get(k) != v}
    assert not changed, changed
    assert _arith(got_rep) <= _arith(clean)
    return len(got), len(want)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("template", ["2019", "2021"])
def test_each_torn_layout_keeps_or_drops_cells_never_shifts(template, layout):
    cells = CELLS_2021 if template == "2021" else None
    text = render_report(template, 2022 if template == "2021" else 2020, cells=cells)
    for seed in range(12):
        _check(text, [layout], seed)


def test_numbers_above_their_labels_are_missing_not_the_next_rows():
    """The whole of 表三 printed number row first, label after: before the fix
    every row took the next row's numbers and 总计 rows failed to add up."""
    text = render_report("2021", 2022, cells=CELLS_2021)
    clean = parse_text(text, "clean.md")
    rep = parse_text(variant(text, clean, random.Random(0), ["numbers_before"]), "torn.md")
    assert rep.value("t3.new.natural_person") is None
    assert rep.value("t3.granted.natural_person") is None
    notes = {(n.table, n.row) for n in rep.notes if n.kind == "order_uncertain"}
    assert ("t3", "granted") in notes
    assert _arith(rep) <= _arith(clean)


def test_three_line_label_with_page_number_and_running_header():
    """（六）2. split over three lines with a bare page number and the report's
    title between its fragments and its numbers: nothing lands in a wrong row."""
    text = render_report("2021", 2022, cells=CELLS_2021)
    label = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    line = next(ln for ln in text.split("\n") if ln.strip().startswith(label))
    nums = line.strip()[len(label):].strip().split("\t")
    torn = "\n".join([label[:12], label[12:25], "1", label[25:],
                      "示例县人民政府办公室2022年政府信息公开工作年度报告 - 5 -", " ".join(nums)])
    rep = parse_text(text.replace(line, torn), "torn.md")
    clean = parse_text(text, "clean.md")
    got, want = _cells(rep), _cells(clean)
    assert {k: v for k, v in got.items() if want.get(k) != v} == {}
    assert _arith(rep) <= _arith(clean)


def test_t2_block_printed_above_the_table_header_is_read():
    """"第二十条第（五）项 / 信息内容本年处理决定数量 / 行政许可 97" before the
    "信息内容 | 本年制发件数 …" header: 行政许可 is there (no GL121)."""
    md = render_report("2021", 2022, cells={"t2.licensing.decisions": 97})
    first = ("第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
             "规章\t0\t0\t0\n行政规范性文件\t2\t1\t10\n")
    licensing = "第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t97\n"
    assert first + licensing in md
    moved = md.replace(first + licensing,
                       "第二十条第（五）项\n信息内容本年处理决定数量\n行政许可 97\n"
                       "第二十条第（一）项\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n"
                       "规章 | 0 | 0 | 0\n行政规范性文件 | 2 | 1 | 10\n")
    rep = parse_text(moved, "t2.md")
    assert rep.value("t2.licensing.decisions") == 97
    assert rep.value("t2.normative_docs.in_force") == 10
    codes = [d.code for d in run(rep, Config())]
    assert "GL121" not in codes and "GL123" not in codes, codes


def test_excerpt_cut_inside_a_label_is_cut_off_not_a_later_blank_row():
    """An excerpt whose last line ends "…不计其他" (inside （二）部分公开's label):
    （二） is cut off, not blank, and "（六）3.其他" is not found in "其他"."""
    md = render_report("2021", 2022)
    cut = md[:md.index("不计其他") + len("不计其他")]
    rep = parse_text(cut, "cut.md")
    kinds = {n.row: n.kind for n in rep.notes if n.table == "t3"}
    assert kinds["partial"] == "rows_cut_off"
    assert kinds["other.other"] == "rows_cut_off"
    assert not [n for n in rep.notes if n.kind in ("cell_blank", "label_typo")]
    diags = run(rep, Config())
    assert [d.code for d in diags] == ["GL104", "GL121"]
    assert "（二）部分公开" in diags[1].message and "被截断" in diags[1].message
