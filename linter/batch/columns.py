"""The columns of the supervisor's wide table: one row per report, one column per cell.

Why here: ``govlint extract --format csv/xlsx`` writes this table and
``--previous`` reads it back next year, so both must agree on one layout.
The order is stable and comes from the template data: the fixed columns,
then for 表二, 表三, 表四 in turn every key of the newest template in its
printed order, then the keys only older templates have (2019's 政府集中采购 …).
Headers are the form's own words (Chinese, or English with ``--lang en``).
"""
from __future__ import annotations

from typing import Optional

from ..labels import message_cell_label, templates

# (field, Chinese header, English header)
FIXED = [("path", "文件", "file"), ("issuer", "发布机关", "issuer"), ("year", "年度", "year"),
         ("template", "模板", "template"), ("errors", "错误", "errors"), ("warnings", "警告", "warnings"),
         ("infos", "提示", "info")]
TABLES = ("t2", "t3", "t4")


def cell_keys(template: Optional[str] = None) -> list[str]:
    """Every cell key in column order (of one template when ``template`` is given)."""
    out: list[str] = []
    seen: set[str] = set()
    for table in TABLES:
        for t in templates():
            if template is not None and t.id != str(template):
                continue
            spec = t.tables.get(table)
            for key in (spec.expected_keys if spec else []):
                if key not in seen:
                    seen.add(key)
                    out.append(key)
    return out


def _template_of(key: str) -> Optional[str]:
    table = key.split(".", 1)[0]
    for t in templates():
        spec = t.tables.get(table)
        if spec and key in spec.expected_keys:
            return t.id
    return None


def cell_header(key: str, lang: str = "zh") -> str:
    """「表三 一、本年新收政府信息公开申请数量 总计」 / "Table 3, I. new requests, total"."""
    return message_cell_label(key, "en" if lang.startswith("en") else "zh", _template_of(key))


def columns(keys: list[str], lang: str = "zh") -> list[tuple[str, str]]:
    """(field or cell key, header) in order; a header two keys would share gets its key appended."""
    en = lang.startswith("en")
    out = [(f, en_h if en else zh_h) for f, zh_h, en_h in FIXED]
    headers = [cell_header(k, lang) for k in keys]
    for k, h in zip(keys, headers):
        out.append((k, f"{h} [{k}]" if headers.count(h) > 1 else h))
    return out


def header_map() -> dict[str, str]:
    """Every header either language gives (fixed and cell columns, of every template) → its field or key."""
    out: dict[str, str] = {}
    keys = cell_keys()
    for lang in ("zh", "en"):
        for f, h in columns(keys, lang):
            out[h] = f
        for t in templates():
            for f, h in columns(cell_keys(t.id), lang):
                out.setdefault(h, f)
    for k in keys:
        out.setdefault(k, k)  # a raw key as header is understood too
    return out
