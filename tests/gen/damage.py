"""Generate reports with the layout damage real extractions do.

Values are random but distinct enough that a misassigned cell shows up; the
generator returns the text and the cell values a correct parser must find.
Every breakage is an option, so a test can turn on exactly one of them.
"""
from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field

from govlint.templates import TableSpec, builtin_templates

SECTIONS = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
NUM = "一二三四五六"
T4_HEAD = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
# Kangxi radicals that real PDFs emit instead of the unified ideographs
KANGXI = {"一": "\u2f00", "人": "\u2f08", "工": "\u2f2f", "行": "\u2f8f", "文": "\u2f42", "大": "\u2f24"}


@dataclass
class Damage:
    layout: str = "space"  # "space" or "tab"
    wrap: bool = False  # wrap long labels over lines
    split_header: bool = False  # header words one character per line
    numbers_in_label: set = field(default_factory=set)  # row keys
    last_on_next_line: set = field(default_factory=set)  # row keys
    last_after_next_label: set = field(default_factory=set)  # row keys
    shift: set = field(default_factory=set)  # row keys: leading empty tab cell
    blanks: set = field(default_factory=set)  # cell keys left empty
    slash_blanks: set = field(default_factory=set)  # cell keys written "/"
    omit_rows: set = field(default_factory=set)  # row keys dropped entirely
    extra: dict = field(default_factory=dict)  # row key -> extra value appended
    units: bool = False  # money with "万元"
    kangxi: bool = False
    fullwidth: bool = False
    single_other_row: bool = False  # 2021 report keeping the 2019 （六）其他处理 row
    one_cell_per_line: bool = False  # every cell on its own line (web/PDF text)
    labels_then_numbers: set = field(default_factory=set)  # tables extracted column-wise


def random_values(template: str, rng: random.Random) -> dict[str, float]:
    tpl = builtin_templates()[template]
    vals: dict[str, float] = {}
    for spec in tpl.tables.values():
        for key in spec.expected_keys:
            vals[key] = float(rng.randint(0, 60))
    if "t2.fees.amount" in vals:
        vals["t2.fees.amount"] = round(rng.uniform(0, 9000), 4)
    if "t2.procurement.amount" in vals:
        vals["t2.procurement.amount"] = round(rng.uniform(0, 9000), 4)
    return vals


def _fmt(v: float, key: str, d: Damage) -> str:
    s = str(int(v)) if float(v).is_integer() else repr(v)
    if d.units and key.endswith(".amount"):
        s += " 万元"
    return s


def _wrap(label: str, rng: random.Random, d: Damage) -> list[str]:
    if not d.wrap or len(label) < 6:
        return [label]
    cut = rng.randint(2, len(label) - 2)
    return [label[:cut], label[cut:]]


def _row(label: str, cells: list[str], row_key: str, d: Damage, rng: random.Random) -> list[str]:
    """Lines for one table row under the chosen damage."""
    if d.one_cell_per_line:
        return [label] + [c for c in cells]
    if d.layout == "tab":
        lead = "\t" if row_key in d.shift else ""
        line = lead + label + "\t" + "\t".join(cells)
        if row_key in d.last_on_next_line and len(cells) > 1:
            return [lead + label + "\t" + "\t".join(cells[:-1]), cells[-1]]
        return [line]
    parts = _wrap(label, rng, d)
    nums = " ".join(c for c in cells)
    if row_key in d.numbers_in_label and len(label) >= 4:
        cut = len(label) // 2
        return [f"{label[:cut]} {nums}", "", label[cut:]]
    if row_key in d.last_on_next_line and len(cells) > 1:
        return parts[:-1] + [parts[-1] + " " + " ".join(cells[:-1]), cells[-1]]
    if len(parts) > 1:
        return parts + ["", nums]
    return [f"{label} {nums}"]


def _cells(spec: TableSpec, row, values: dict, d: Damage) -> list[str]:
    out = []
    for key in row.cell_keys(spec.name):
        if key in d.blanks:
            out.append("")
        elif key in d.slash_blanks:
            out.append("/")
        else:
            out.append(_fmt(values[key], key, d))
    if d.layout == "space":
        out = [c for c in out if c != ""]
    if row.key in d.extra:
        out.append(str(d.extra[row.key]))
    return out


def _header(words: list[str], d: Damage) -> list[str]:
    if d.split_header:
        return [ch for w in words for ch in w] + [""]
    return ["\t".join(words) if d.layout == "tab" else " ".join(words)]


def build(template: str, values: dict[str, float], d: Damage, seed: int = 0,
          year: int | None = None) -> str:
    rng = random.Random(seed)
    tpl = builtin_templates()[template]
    year = year or (2020 if template == "2019" else 2022)
    lines = [f"示例县财政局{year}年政府信息公开工作年度报告", ""]
    pending_after_label: list[str] = []
    for n, title in enumerate(SECTIONS, 1):
        lines += [f"{NUM[n - 1]}、{title}", ""]
        spec = next((s for s in tpl.tables.values() if s.section == n), None)
        if n == 1:
            lines += [f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。", ""]
        if spec is None:
            lines += ["本年度无其他需要报告的事项，未收取信息处理费。" if n == 6 else "正文。", ""]
            continue
        if spec.single_row:
            lines += _header(["行政复议", "行政诉讼"], d) + _header(T4_HEAD, d)
            lines += _header(["未经复议直接起诉", "复议后起诉"], d) + _header(T4_HEAD * 2, d)
            row = spec.rows[0]
            lines.append((" " if d.layout == "space" else "\t").join(_cells(spec, row, values, d)))
            lines.append("")
            continue
        if spec.name == "t3":
            lines += _header(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                              "申请人情况"], d)
            lines += _header(list(spec.columns.values()), d)
        else:
            lines += _header(["信息内容", *spec.columns.values()], d)
        if spec.name in d.labels_then_numbers:
            labels = [r.label for r in spec.rows]
            nums = [_fmt(values[k], k, d) for r in spec.rows if not r.group for k in r.cell_keys(spec.name)]
            lines += labels + [""] + [" ".join(nums[i:i + 7]) for i in range(0, len(nums), 7)] + [""]
            continue
        for row in spec.rows:
            if row.key in d.omit_rows:
                continue
            if row.group:
                if d.single_other_row and row.fallback_key:
                    cells = [_fmt(values[f"t3.{row.fallback_key}.{c}"], "", d) for c in spec.rows[-3].columns]
                    lines += _row(row.label, cells, row.key, d, rng) + [""]
                    continue
                lines += [row.label, ""]
                continue
            if d.single_other_row and row.key.startswith("other."):
                continue
            cells = _cells(spec, row, values, d)
            if pending_after_label:
                # the previous row's last number landed after this label
                lines += [row.label + " " + pending_after_label.pop(), ""]
                lines += [" ".join(cells), ""]
                continue
            if row.key in d.last_after_next_label:
                pending_after_label.append(cells[-1])
                cells = cells[:-1]
            lines += _row(row.label, cells, row.key, d, rng) + [""]
    lines += ["示例县财政局", f"{year + 1}年1月20日"]
    text = "\n".join(lines) + "\n"
    if d.kangxi:
        text = "".join(KANGXI.get(ch, ch) for ch in text)
    if d.fullwidth:
        text = "".join(chr(ord(ch) + 0xFEE0) if ch.isdigit() else ch for ch in text)
    return text


def nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)
