"""The three tables of the official report form, as grids with merges.

Shapes follow 国办公开办函〔2021〕30号 / 〔2019〕60号 (see ../shared/FORMAT.md):
T3's header has 申请人情况 over seven columns, 法人或其他组织 over five, and
三、本年度办理结果 spanning all its sub-rows vertically; T4's header has
行政复议 over five columns and 行政诉讼 over ten (未经复议直接起诉 and
复议后起诉, five each).  Values come from canonical keys; a key without a
value gives a blank cell.
"""
from __future__ import annotations

from typing import Optional

T3_COLS = ["natural_person", "commercial", "research", "social_welfare", "legal_service",
           "other_org", "total"]
T4_GROUPS = ["review", "litigation_direct", "litigation_after_review"]
T4_COLS = ["upheld", "corrected", "other", "pending", "total"]

_SAN = "三、本年度办理结果"


def t3_rows(template: str) -> list[tuple[str, str, Optional[str], Optional[str]]]:
    """(key, level-1 label, level-2 label, level-3 label) for every T3 data row."""
    rows: list[tuple[str, str, Optional[str], Optional[str]]] = [
        ("new", "一、本年新收政府信息公开申请数量", None, None),
        ("carried_over", "二、上年结转政府信息公开申请数量", None, None),
        ("granted", _SAN, "（一）予以公开", None),
        ("partial", _SAN, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    ]
    denied = [("state_secret", "1.属于国家秘密"), ("prohibited_by_law", "2.其他法律行政法规禁止公开"),
              ("three_safeties", "3.危及“三安全一稳定”"), ("third_party", "4.保护第三方合法权益"),
              ("internal_affairs", "5.属于三类内部事务信息"), ("process_info", "6.属于四类过程性信息"),
              ("law_enforcement_file", "7.属于行政执法案卷"), ("administrative_query", "8.属于行政查询事项")]
    rows += [(f"denied.{k}", _SAN, "（三）不予公开", lab) for k, lab in denied]
    unavailable = [("not_held", "1.本机关不掌握相关政府信息"), ("needs_creation", "2.没有现成信息需要另行制作"),
                   ("unclear", "3.补正后申请内容仍不明确")]
    rows += [(f"unavailable.{k}", _SAN, "（四）无法提供", lab) for k, lab in unavailable]
    notp = [("petition", "1.信访举报投诉类申请"), ("duplicate", "2.重复申请"),
            ("publication", "3.要求提供公开出版物"), ("excessive", "4.无正当理由大量反复申请"),
            ("confirm_reissue", "5.要求行政机关确认或重新出具已获取信息")]
    rows += [(f"not_processed.{k}", _SAN, "（五）不予处理", lab) for k, lab in notp]
    if template == "2019":
        rows.append(("other", _SAN, "（六）其他处理", None))
    else:
        other = [("overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
                 ("overdue_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
                 ("other", "3.其他")]
        rows += [(f"other.{k}", _SAN, "（六）其他处理", lab) for k, lab in other]
    rows.append(("total_handled", _SAN, "（七）总计", None))
    rows.append(("carry_forward", "四、结转下年度继续办理", None, None))
    return rows


def _runs_of(labels: list[Optional[str]]) -> list[tuple[int, int]]:
    """(start, length) of runs of equal non-None labels."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(labels):
        j = i
        while j + 1 < len(labels) and labels[j + 1] is not None and labels[j + 1] == labels[i]:
            j += 1
        if labels[i] is not None:
            out.append((i, j - i + 1))
        i = j + 1
    return out


def t3_table(values: dict[str, str], template: str = "2021",  # type: ignore[no-untyped-def]
             omit_absent: bool = False):
    """表三 in the official shape; ``omit_absent`` leaves out rows with no cell
    at all (a table cut off in the source), instead of drawing them empty."""
    from .build import Table
    rows = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "",
             "申请人情况", "", "", "", "", "", ""],
            ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
            ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]]
    merges = [(0, 0, 3, 3), (0, 3, 1, 7), (1, 3, 2, 1), (1, 4, 1, 5), (1, 9, 2, 1)]
    spec = t3_rows(template)
    if omit_absent:
        spec = [s for s in spec if any(f"t3.{s[0]}.{col}" in values for col in T3_COLS)]
    base = len(rows)
    for key, a, b, c in spec:
        r = len(rows)
        row = ["", "", ""] + [values.get(f"t3.{key}.{col}", "") for col in T3_COLS]
        if b is None:
            row[0] = a
            merges.append((r, 0, 1, 3))
        elif c is None:
            row[1] = b
            merges.append((r, 1, 1, 2))
        else:
            row[2] = c
        rows.append(row)
    for start, n in _runs_of([s[1] if s[2] is not None else None for s in spec]):
        rows[base + start][0] = spec[start][1]
        merges.append((base + start, 0, n, 1))
    for start, n in _runs_of([s[2] if s[3] is not None else None for s in spec]):
        rows[base + start][1] = spec[start][2] or ""
        merges.append((base + start, 1, n, 1))
    return Table(rows, merges)


def t4_table(values: dict[str, str]):  # type: ignore[no-untyped-def]
    from .build import Table
    labels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [["行政复议"] + [""] * 4 + ["行政诉讼"] + [""] * 9,
            labels + ["未经复议直接起诉"] + [""] * 4 + ["复议后起诉"] + [""] * 4,
            [""] * 5 + labels + labels,
            [values.get(f"t4.{g}.{c}", "") for g in T4_GROUPS for c in T4_COLS]]
    merges = [(0, 0, 1, 5), (0, 5, 1, 10), (1, 5, 1, 5), (1, 10, 1, 5)]
    merges += [(1, c, 2, 1) for c in range(5)]
    return Table(rows, merges)


def t2_table(values: dict[str, str], template: str = "2021"):  # type: ignore[no-untyped-def]
    from .build import Table
    v = lambda k: values.get(f"t2.{k}", "")  # noqa: E731
    rows: list[list[str]] = []
    merges: list[tuple[int, int, int, int]] = []

    def block(head: str, cols: list[str], items: list[tuple[str, list[str]]]) -> None:
        r = len(rows)
        rows.append([head, "", "", ""])
        merges.append((r, 0, 1, 4))
        rows.append(["信息内容"] + cols + [""] * (3 - len(cols)))
        if len(cols) < 3:
            merges.append((r + 1, len(cols), 1, 4 - len(cols)))
        for label, vals in items:
            rr = len(rows)
            rows.append([label] + vals + [""] * (3 - len(vals)))
            if len(vals) < 3:
                merges.append((rr, len(vals), 1, 4 - len(vals)))

    if template == "2019":
        c3 = ["上一年项目数量", "本年增/减", "处理决定数量"]
        block("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
              [("规章", [v(f"rules.{k}") for k in ("new_made", "new_published", "total_published")]),
               ("规范性文件", [v(f"normative_docs.{k}") for k in ("new_made", "new_published", "total_published")])])
        block("第二十条第（五）项", c3, [(lab, [v(f"{k}.{c}") for c in ("previous_count", "change", "decisions")])
                                   for lab, k in (("行政许可", "licensing"), ("其他对外管理服务事项", "other_services"))])
        block("第二十条第（六）项", c3, [(lab, [v(f"{k}.{c}") for c in ("previous_count", "change", "decisions")])
                                   for lab, k in (("行政处罚", "penalty"), ("行政强制", "enforcement"))])
        block("第二十条第（八）项", c3[:2], [("行政事业性收费", [v("fees.previous_count"), v("fees.change")])])
        block("第二十条第（九）项", ["采购项目数量", "采购总金额"],
              [("政府集中采购", [v("procurement.count"), v("procurement.amount")])])
    else:
        block("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"],
              [("规章", [v(f"rules.{k}") for k in ("issued", "repealed", "in_force")]),
               ("行政规范性文件", [v(f"normative_docs.{k}") for k in ("issued", "repealed", "in_force")])])
        block("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", [v("licensing.decisions")])])
        block("第二十条第（六）项", ["本年处理决定数量"], [("行政处罚", [v("penalty.decisions")]),
                                               ("行政强制", [v("enforcement.decisions")])])
        block("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", [v("fees.amount")])])
    return Table(rows, merges)
