"""Labels for messages: tables, rows, columns and sections, in zh or en.

Why: messages must name cells the way the printed form does ("表三 自然人列",
"（七）总计"), and those names are data — the template YAML, read through
:mod:`govlint.templates`.  The lookup itself lives in :mod:`govlint.labels`
(shared with the output formatters); this module keeps the signatures the
rule kinds call (``lang`` before ``template_id``, short labels without the
long parenthesised notes, sub-rows prefixed by their group).

The old module-level maps (``TEMPLATE_IDS``, ``TABLE_ZH``, ``SECTION_ZH``,
``ROW_EN`` …) are still importable; they are derived from the loaded
templates on access, so plugin-registered templates appear in them too.
"""
from __future__ import annotations

from typing import Any, Optional

from .. import labels as _L
from ..labels import NUMERALS, section_heading as _section_heading, short_label as _strip  # noqa: F401


def _words(key: str) -> str:
    return key.replace("_", " ")


def rows(template_id: str, table: str) -> list[dict[str, Any]]:
    """The template's rows of ``table`` in printed order (groups included), as
    plain mappings (``key``, ``label``, ``columns``, ``group``, ``block`` …)."""
    spec = _L.default_template(template_id).tables.get(table)
    out: list[dict[str, Any]] = []
    for r in spec.rows if spec else []:
        d: dict[str, Any] = {"key": r.key, "label": r.label, "columns": list(r.columns)}
        for name in ("group", "fallback_key", "values", "label_en", "block"):
            if getattr(r, name):
                d[name] = getattr(r, name)
        out.append(d)
    return out


def columns(template_id: str, table: str) -> dict[str, str]:
    """Column key → printed label of ``table`` in that template ({} for an unknown table)."""
    spec = _L.default_template(template_id).tables.get(table)
    return dict(spec.columns) if spec else {}


def section_heading(number: int, template_id: Optional[str] = None, lang: str = "zh") -> str:
    """Re-exported so rule kinds take every label from one module; see :mod:`govlint.labels`."""
    return _section_heading(number, template_id, lang)


def section_label(number: int, lang: str = "zh", template_id: Optional[str] = None) -> str:
    """Re-exported so rule kinds take every label from one module; see :mod:`govlint.labels`."""
    return _L.section_label(number, lang, template_id)


def table_label(table: str, lang: str = "zh", template_id: Optional[str] = None) -> str:
    """Re-exported so rule kinds take every label from one module; see :mod:`govlint.labels`."""
    return _L.table_label(table, lang, template_id)


def column_label(table: str, col: str, lang: str = "zh", template_id: Optional[str] = None) -> str:
    """Printed column name; an unknown column falls back to its key (words in English), never None."""
    label = _L.column_label(table, col, lang, template_id)
    if label is None:
        return _words(col) if _L.is_en(lang) else col
    return label


def row_label(table: str, row: str, lang: str = "zh", template_id: Optional[str] = None) -> str:
    """Label of a row key such as ``denied.third_party`` (parent group prefixed)."""
    en = _L.is_en(lang)
    label = _L.row_label(table, row, lang, template_id)
    if label is None and "." not in row:
        return _words(row) if en else row
    if label is None:  # unknown sub-row: its key's words under the parent (en) / the key (zh)
        if not en:
            return row
        parent, _, rest = row.partition(".")
        head = _L.row_label(table, parent, lang, template_id) or _words(parent)
        return f"{head}: " + " ".join(_words(p) for p in rest.split("."))
    if "." in row:
        parent = _L.row_parent(table, row, lang, template_id)
        if parent:
            return f"{parent}: {label}" if en else f"{_strip(parent)}{_strip(label)}"
    return label if en else _strip(label)


def cell_label(key: str, lang: str = "zh", template_id: Optional[str] = None) -> str:
    """"表三 （一）予以公开 自然人" / "Table 3, (1) granted, natural person"."""
    parts = key.split(".")
    if len(parts) < 3:
        return key
    table, row, col = _L.split_key(key)
    if not _L.is_en(lang):
        return (f"{table_label(table)} {row_label(table, row, 'zh', template_id)} "
                f"{column_label(table, col, 'zh', template_id)}")
    return (f"{table_label(table, 'en')}, {row_label(table, row, 'en', template_id)}, "
            f"{column_label(table, col, 'en', template_id)}")


def _row_en() -> dict[str, str]:
    out: dict[str, str] = {}
    for t in _L.templates():
        for spec in t.tables.values():
            for key in spec.groups:
                out.setdefault(key, spec.group_label(key, "en") or key)
            for r in spec.rows:
                if "." not in r.key:
                    out.setdefault(r.key, r.label_in("en"))
    return out


def _column_en() -> dict[str, str]:
    out: dict[str, str] = {}
    for t in _L.templates():
        for spec in t.tables.values():
            for key in spec.columns:
                out.setdefault(key, spec.column_label(key, "en") or key)
    return out


_DERIVED = {
    "TEMPLATE_IDS": _L.template_ids,
    "TABLE_ZH": lambda: _L.table_labels("zh"),
    "TABLE_EN": lambda: _L.table_labels("en"),
    "SECTION_ZH": lambda: _L.section_headings("zh"),
    "SECTION_EN": lambda: _L.section_headings("en"),
    "ROW_EN": _row_en,
    "COLUMN_EN": _column_en,
}


def __getattr__(name: str) -> Any:
    """The old constant maps, derived from the loaded templates on access."""
    if name in _DERIVED:
        return _DERIVED[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
