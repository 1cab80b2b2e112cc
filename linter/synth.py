"""Build clean, correct synthetic reports (Markdown text) from a template.

Why: rule examples, tests and ``govlint template YEAR`` all need a report
that passes every rule, so that a single change (one cell, one removed
sentence) shows exactly one finding.  The row order and labels come from the
template YAML; the default numbers satisfy every arithmetic identity and the
narrative sentences are generated from the final cells, so changing a cell
never produces a spurious narrative mismatch.
"""
from __future__ import annotations

from typing import Optional

from .engine import labels

T3_COLUMNS = ["natural_person", "commercial", "research", "social_welfare",
              "legal_service", "other_org", "total"]
T4_GROUPS = ["review", "litigation_direct", "litigation_after_review"]
T4_COLUMNS = ["upheld", "corrected", "other", "pending", "total"]

# 表二 blocks (第二十条第（x）项) per row key; 2019 has (五) and (六) with equal columns.
T2_BLOCK = {"rules": "一", "normative_docs": "一", "licensing": "五", "other_services": "五",
            "penalty": "六", "enforcement": "六", "fees": "八", "procurement": "九"}

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
    return [r["key"] for r in labels.rows(template, "t3") if not r.get("group")]


def default_cells(template: str) -> dict[str, Optional[float]]:
    """A complete, balanced set of cells for ``template`` ("2019" or "2021")."""
    cells: dict[str, Optional[float]] = {}
    for r in labels.rows(template, "t2"):
        for col, v in zip(r.get("columns", []), _T2_DEFAULTS[template].get(r["key"], [])):
            cells[f"t2.{r['key']}.{col}"] = float(v)
    for row in t3_rows(template):
        np_, com = _T3_NONZERO.get(row, (0, 0))
        vals = [np_, com, 0, 0, 0, 0, np_ + com]
        for col, v in zip(T3_COLUMNS, vals):
            cells[f"t3.{row}.{col}"] = float(v)
    t4 = {"review": [1, 1, 0, 0, 2]}
    for g in T4_GROUPS:
        for col, v in zip(T4_COLUMNS, t4.get(g, [0] * 5)):
            cells[f"t4.{g}.{col}"] = float(v)
    return cells


def fmt(v: Optional[float]) -> str:
    if v is None:
        return ""
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _t2(template: str, cells: dict) -> list[str]:
    out: list[str] = []
    cols = labels.columns(template, "t2")
    block = None
    for r in labels.rows(template, "t2"):
        b = T2_BLOCK.get(r["key"], r["key"])
        if b != block:
            block = b
            out.append(f"第二十条第（{b}）项")
            out.append("\t".join(["信息内容"] + [cols.get(c, c) for c in r.get("columns", [])]))
        out.append("\t".join([r["label"]] + [fmt(cells.get(f"t2.{r['key']}.{c}")) for c in r.get("columns", [])]))
    return out


def _t3(template: str, cells: dict) -> list[str]:
    out = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t申请人情况\t\t\t\t\t\t\t",
           "\t\t自然人\t法人或其他组织\t\t\t\t\t总计",
           "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t"]
    data = set(t3_rows(template))
    pending: dict[str, str] = {}  # group labels printed with their first data row
    for r in labels.rows(template, "t3"):
        key = r["key"]
        if key not in data:
            pending[key] = r["label"]
            continue
        nums = [fmt(cells.get(f"t3.{key}.{c}")) for c in T3_COLUMNS]
        if key in ("new", "carried_over", "carry_forward"):
            prefix = [r["label"], ""]
        elif "." not in key:
            prefix = [pending.pop("results", ""), r["label"]]
        else:
            prefix = [pending.pop("results", ""), pending.pop(key.split(".")[0], ""), r["label"]]
        out.append("\t".join(prefix + nums))
    return out


def _t4(cells: dict) -> list[str]:
    head = ["行政复议\t\t\t\t\t行政诉讼",
            "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉",
            "\t\t\t\t\t" + "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)]
    vals = [fmt(cells.get(f"t4.{g}.{c}")) for g in T4_GROUPS for c in T4_COLUMNS]
    return head + ["\t".join(vals)]


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
    tables = {2: _t2(template, allc), 3: _t3(template, allc), 4: _t4(allc)}
    out = [f"# {title if title is not None else f'{issuer}{year}年政府信息公开工作年度报告'}", ""]
    for number in range(1, 7):
        if number in omit_sections:
            continue
        out.append(f"## {labels.NUMERALS[number - 1]}、{labels.section_heading(number, template)}")
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
