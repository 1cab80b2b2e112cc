"""Chinese labels for canonical cell keys, as the official forms print them.

Canonical keys (``t3.denied.state_secret.natural_person``) are stable and
machine-friendly; a reviewer reading an HTML report or a message wants the
words of the form instead ("（三）不予公开 1.属于国家秘密 / 自然人").  The
templates (rules/templates/*.yaml) own the full wording and its variants;
this is a small, dependency-free copy of the canonical spelling so output
never needs to load the templates.
"""
from __future__ import annotations

from typing import Optional

TABLE_LABELS: dict[str, str] = {
    "t2": "表二 主动公开政府信息情况",
    "t3": "表三 收到和处理政府信息公开申请情况",
    "t4": "表四 政府信息公开行政复议、行政诉讼情况",
}

TABLE_SHORT: dict[str, str] = {"t2": "表二", "t3": "表三", "t4": "表四"}

# --- 表三 ---------------------------------------------------------------
T3_COLUMNS: dict[str, str] = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "social_welfare": "社会公益组织",
    "legal_service": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}

T3_GROUPS: dict[str, str] = {
    "denied": "（三）不予公开",
    "unavailable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}

T3_ROWS: dict[str, str] = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "denied.state_secret": "1.属于国家秘密",
    "denied.prohibited_by_law": "2.其他法律行政法规禁止公开",
    "denied.three_safeties": "3.危及“三安全一稳定”",
    "denied.third_party": "4.保护第三方合法权益",
    "denied.internal_affairs": "5.属于三类内部事务信息",
    "denied.process_info": "6.属于四类过程性信息",
    "denied.law_enforcement_file": "7.属于行政执法案卷",
    "denied.administrative_query": "8.属于行政查询事项",
    "unavailable.not_held": "1.本机关不掌握相关政府信息",
    "unavailable.needs_creation": "2.没有现成信息需要另行制作",
    "unavailable.unclear": "3.补正后申请内容仍不明确",
    "not_processed.petition": "1.信访举报投诉类申请",
    "not_processed.duplicate": "2.重复申请",
    "not_processed.publication": "3.要求提供公开出版物",
    "not_processed.excessive": "4.无正当理由大量反复申请",
    "not_processed.confirm_reissue": "5.要求行政机关确认或重新出具已获取信息",
    "other": "（六）其他处理",
    "other.overdue_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other.overdue_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other.other": "3.其他",
    "total_handled": "（七）总计",
    "carry_forward": "四、结转下年度继续办理",
}

# a heading row the form prints before this row (no numbers of its own)
T3_BEFORE: dict[str, str] = {"granted": "三、本年度办理结果"}

# --- 表四 ---------------------------------------------------------------
T4_ROWS: dict[str, str] = {
    "review": "行政复议",
    "litigation_direct": "行政诉讼 · 未经复议直接起诉",
    "litigation_after_review": "行政诉讼 · 复议后起诉",
}

T4_COLUMNS: dict[str, str] = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}

# --- 表二 ---------------------------------------------------------------
T2_ROWS: dict[str, str] = {
    "rules": "规章",
    "normative_docs": "行政规范性文件",
    "licensing": "行政许可",
    "other_services": "其他对外管理服务事项",
    "penalty": "行政处罚",
    "enforcement": "行政强制",
    "fees": "行政事业性收费",
    "procurement": "政府集中采购",
}

T2_COLUMNS: dict[str, str] = {
    # 2021
    "issued": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
    "decisions": "本年处理决定数量",
    "amount": "本年收费金额（单位：万元）",
    # 2019
    "new_made": "本年新制作数量",
    "new_published": "本年新公开数量",
    "total_published": "对外公开总数量",
    "previous_count": "上一年项目数量",
    "change": "本年增/减",
    "count": "采购项目数量",
}

# group headers above several columns (two-row table head)
COLUMN_GROUPS: dict[str, dict[str, list[str]]] = {
    "t3": {"法人或其他组织": ["commercial", "research", "social_welfare", "legal_service",
                          "other_org"]},
}


def split_key(key: str) -> tuple[str, str, str]:
    """``t3.denied.state_secret.total`` → (``t3``, ``denied.state_secret``, ``total``).

    Rows may contain dots, columns never do, so the table is the first part
    and the column the last.
    """
    parts = key.split(".")
    if len(parts) < 3:
        return parts[0], ".".join(parts[1:]), ""
    return parts[0], ".".join(parts[1:-1]), parts[-1]


def _is_2019(template: Optional[str]) -> bool:
    return bool(template) and str(template).startswith("2019")


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table)


def row_label(table: str, row: str, template: Optional[str] = None) -> str:
    """Label of a row as the form prints it; the key itself when unknown."""
    if table == "t3":
        return T3_ROWS.get(row, row)
    if table == "t4":
        return T4_ROWS.get(row, row)
    if table == "t2":
        if row == "normative_docs" and _is_2019(template):
            return "规范性文件"
        return T2_ROWS.get(row, row)
    return row


def row_group(table: str, row: str) -> Optional[str]:
    """The heading a sub-row sits under (``denied.x`` → 「（三）不予公开」)."""
    if table == "t3" and "." in row:
        return T3_GROUPS.get(row.split(".", 1)[0])
    return None


def row_full_label(table: str, row: str, template: Optional[str] = None) -> str:
    """Row label with its group, for messages: 「（三）不予公开 1.属于国家秘密」."""
    group = row_group(table, row)
    label = row_label(table, row, template)
    return f"{group} {label}" if group else label


def column_label(table: str, column: str, row: Optional[str] = None,
                 template: Optional[str] = None) -> str:
    """Label of a column; the 2019 form words some columns differently."""
    if table == "t3":
        return T3_COLUMNS.get(column, column)
    if table == "t4":
        return T4_COLUMNS.get(column, column)
    if table == "t2":
        if column == "amount" and (row == "procurement" or _is_2019(template)):
            return "采购总金额"
        if column == "decisions" and _is_2019(template):
            return "处理决定数量"
        return T2_COLUMNS.get(column, column)
    return column


def cell_label(table: Optional[str], row: Optional[str], column: Optional[str],
               template: Optional[str] = None) -> str:
    """「表三 （三）不予公开 1.属于国家秘密 / 自然人」 for any part that is known."""
    if not table:
        return ""
    out = TABLE_SHORT.get(table, table)
    if row:
        out += " " + row_full_label(table, row, template)
    if column:
        out += " / " + column_label(table, column, row, template)
    return out
