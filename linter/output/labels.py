"""Chinese labels for canonical cell keys, as the official forms print them.

Canonical keys (``t3.denied.state_secret.natural_person``) are stable and
machine-friendly; a reviewer reading an HTML report or a message wants the
words of the form instead ("（三）不予公开 1.属于国家秘密 / 自然人").  The
wording comes from the templates (rules/templates/*.yaml), which own it; the
lookup is :mod:`govlint.labels`, shared with the engine's messages.  This
module keeps the formatters' signatures (full labels, "group label" with a
space, " / " before the column).

``TABLE_SHORT``, ``COLUMN_GROUPS`` and ``T3_BEFORE`` are derived from the
loaded templates on access (plugin templates included).
"""
from __future__ import annotations

from typing import Any, Optional

from .. import labels as _L
from ..labels import split_key  # noqa: F401  (re-exported)


def table_label(table: str) -> str:
    """「表三 收到和处理政府信息公开申请情况」."""
    return _L.table_full_label(table)


def row_label(table: str, row: str, template: Optional[str] = None) -> str:
    """Label of a row as the form prints it; the key itself when unknown."""
    return _L.row_label(table, row, "zh", template) or row


def row_group(table: str, row: str) -> Optional[str]:
    """The heading a sub-row sits under (``denied.x`` → 「（三）不予公开」)."""
    return _L.row_parent(table, row)


def row_full_label(table: str, row: str, template: Optional[str] = None) -> str:
    """Row label with its group, for messages: 「（三）不予公开 1.属于国家秘密」."""
    group = row_group(table, row)
    label = row_label(table, row, template)
    return f"{group} {label}" if group else label


def column_label(table: str, column: str, row: Optional[str] = None,
                 template: Optional[str] = None) -> str:
    """Label of a column in the report's own form (the 2019 form words some differently)."""
    return _L.column_label(table, column, "zh", template, row) or column


def cell_label(table: Optional[str], row: Optional[str], column: Optional[str],
               template: Optional[str] = None) -> str:
    """「表三 （三）不予公开 1.属于国家秘密 / 自然人」 for any part that is known."""
    if not table:
        return ""
    out = _L.table_label(table)
    if row:
        out += " " + row_full_label(table, row, template)
    if column:
        out += " / " + column_label(table, column, row, template)
    return out


_DERIVED = {
    "TABLE_SHORT": lambda: _L.table_labels("zh"),
    "COLUMN_GROUPS": lambda: {name: _L.column_groups(name) for name in _L.table_labels()
                              if _L.column_groups(name)},
    "T3_BEFORE": lambda: _L.rows_before("t3"),
}


def __getattr__(name: str) -> Any:
    """Template-derived maps, computed on access."""
    if name in _DERIVED:
        return _DERIVED[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
