"""Chinese labels for canonical cell keys, as the official forms print them.

Canonical keys (``t3.denied.state_secret.natural_person``) are stable and
machine-friendly; a reviewer reading an HTML report or a message wants the
words of the form instead ("（三）不予公开 1.属于国家秘密 / 自然人").  The
wording comes from the templates (rules/templates/*.yaml), which own it: a
new form is a new YAML file, and every output follows.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ..templates import Template, builtin_templates, template_for_year

TABLE_SHORT: dict[str, str] = {"t2": "表二", "t3": "表三", "t4": "表四"}

# group headers above several columns (two-row table head of 表三)
COLUMN_GROUPS: dict[str, dict[str, list[str]]] = {
    "t3": {"法人或其他组织": ["commercial", "research", "social_welfare", "legal_service",
                          "other_org"]},
}

# a heading row the form prints before this row (no numbers of its own)
T3_BEFORE: dict[str, str] = {}


def _template(template: Optional[str]) -> Template:
    ts = builtin_templates()
    return ts.get(str(template)) if template and str(template) in ts else template_for_year(None)


@lru_cache(maxsize=8)
def _rows(template: Optional[str], table: str) -> dict[str, str]:
    spec = _template(template).tables.get(table)
    if spec is None:
        return {}
    if spec.single_row:
        return dict(spec.groups)
    return {r.key: r.label for r in spec.rows}


def _init_before() -> None:
    spec = _template(None).tables.get("t3")
    if spec and not T3_BEFORE:
        rows = spec.rows
        for prev, nxt in zip(rows, rows[1:]):
            if prev.group and "." not in prev.key and not nxt.group and "." not in nxt.key \
                    and not prev.fallback_key:
                T3_BEFORE[nxt.key] = prev.label  # 三、本年度办理结果 before （一）予以公开


_init_before()


def split_key(key: str) -> tuple[str, str, str]:
    """``t3.denied.state_secret.total`` → (``t3``, ``denied.state_secret``, ``total``).

    Rows may contain dots, columns never do, so the table is the first part
    and the column the last.
    """
    parts = key.split(".")
    if len(parts) < 3:
        return parts[0], ".".join(parts[1:]), ""
    return parts[0], ".".join(parts[1:-1]), parts[-1]


def table_label(table: str) -> str:
    spec = _template(None).tables.get(table)
    return f"{spec.label} {spec.title}" if spec else table


def row_label(table: str, row: str, template: Optional[str] = None) -> str:
    """Label of a row as the form prints it; the key itself when unknown."""
    return _rows(template, table).get(row) or _rows(None, table).get(row) or row


def row_group(table: str, row: str) -> Optional[str]:
    """The heading a sub-row sits under (``denied.x`` → 「（三）不予公开」)."""
    if table == "t3" and "." in row:
        return _rows(None, table).get(row.split(".", 1)[0])
    return None


def row_full_label(table: str, row: str, template: Optional[str] = None) -> str:
    """Row label with its group, for messages: 「（三）不予公开 1.属于国家秘密」."""
    group = row_group(table, row)
    label = row_label(table, row, template)
    return f"{group} {label}" if group else label


def column_label(table: str, column: str, row: Optional[str] = None,
                 template: Optional[str] = None) -> str:
    """Label of a column in the report's own form (the 2019 form words some differently)."""
    if table == "t2" and row == "procurement":
        template = template or "2019"
    for tid in (template, None):
        spec = _template(tid).tables.get(table)
        if spec and column in spec.columns:
            return spec.columns[column]
    for t in builtin_templates().values():  # a column only another form has
        spec = t.tables.get(table)
        if spec and column in spec.columns:
            return spec.columns[column]
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
