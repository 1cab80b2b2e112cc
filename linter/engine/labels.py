"""Human labels for tables, rows and columns, read from the template YAML.

Why: messages must name cells the way the printed form does ("表三 自然人列",
"（七）总计"), and those names are data (``rules/templates/20xx.yaml``), not
code.  The templates carry Chinese labels only; English labels are kept here
as a small key → text map, falling back to the key itself so a new template
row still gets a readable (if plain) English name.
"""
from __future__ import annotations

import functools
import re
from typing import Any, Optional

TEMPLATE_IDS = ("2019", "2021")

TABLE_EN = {"t2": "Table 2", "t3": "Table 3", "t4": "Table 4"}
TABLE_ZH = {"t2": "表二", "t3": "表三", "t4": "表四"}

COLUMN_EN = {
    "natural_person": "natural person", "commercial": "commercial enterprise",
    "research": "research institution", "social_welfare": "social welfare organisation",
    "legal_service": "legal service institution", "other_org": "other organisation",
    "total": "total", "upheld": "upheld", "corrected": "corrected", "other": "other result",
    "pending": "pending", "issued": "issued this year", "repealed": "repealed this year",
    "in_force": "in force", "decisions": "decisions", "amount": "amount (10k yuan)",
    "new_made": "newly made", "new_published": "newly published",
    "total_published": "total published", "previous_count": "previous year's items",
    "change": "change this year", "count": "items",
}
ROW_EN = {
    "new": "I. new requests", "carried_over": "II. carried over", "granted": "(1) granted",
    "partial": "(2) partially granted", "denied": "(3) denied", "unavailable": "(4) unavailable",
    "not_processed": "(5) not processed", "other": "(6) other handling",
    "total_handled": "(7) total handled", "carry_forward": "IV. carried forward",
    "review": "administrative review", "litigation_direct": "litigation without prior review",
    "litigation_after_review": "litigation after review", "rules": "rules (规章)",
    "normative_docs": "normative documents", "licensing": "administrative licensing",
    "other_services": "other external services", "penalty": "administrative penalties",
    "enforcement": "administrative enforcement", "fees": "administrative fees",
    "procurement": "government procurement",
}
SECTION_ZH = {1: "总体情况", 2: "主动公开政府信息情况", 3: "收到和处理政府信息公开申请情况",
              4: "政府信息公开行政复议、行政诉讼情况", 5: "存在的主要问题及改进情况",
              6: "其他需要报告的事项"}
SECTION_EN = {1: "overview", 2: "proactive disclosure", 3: "requests received and handled",
              4: "administrative review and litigation", 5: "main problems and improvements",
              6: "other matters"}
NUMERALS = "一二三四五六七八九十"


@functools.lru_cache(maxsize=None)
def template(template_id: str) -> dict[str, Any]:
    """The parsed template YAML (safe loader), or {} if it is not available."""
    from importlib.resources import files
    from ..yamlio import cached, safe_load

    try:
        text = (files("govlint.rules") / "templates" / f"{template_id}.yaml").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return {}
    data = cached("template", text, safe_load)
    return data if isinstance(data, dict) else {}


def rows(template_id: str, table: str) -> list[dict[str, Any]]:
    """The template's rows of ``table`` in printed order (groups included)."""
    return list(template(template_id).get("tables", {}).get(table, {}).get("rows", []))


def columns(template_id: str, table: str) -> dict[str, str]:
    return dict(template(template_id).get("tables", {}).get(table, {}).get("columns", {}))


def section_heading(number: int, template_id: str = "2021") -> str:
    for s in template(template_id).get("sections", []):
        if s.get("number") == number:
            return str(s.get("heading"))
    return SECTION_ZH.get(number, str(number))


def section_label(number: int, lang: str = "zh") -> str:
    if lang == "zh":
        return f"{NUMERALS[number - 1]}、{SECTION_ZH.get(number, '')}"
    return f"section {number} ({SECTION_EN.get(number, '')})"


def table_label(table: str, lang: str = "zh") -> str:
    return (TABLE_ZH if lang == "zh" else TABLE_EN).get(table, table)


def _strip(label: str) -> str:
    """"（七）总计" stays; drop long parenthesised notes from labels in messages."""
    return re.sub(r"（区分处理的.*?）|\(区分处理的.*?\)", "", label)


@functools.lru_cache(maxsize=None)
def _zh_maps(template_id: Optional[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for tid in ([template_id] if template_id else []) + list(TEMPLATE_IDS):
        tpl = template(tid)
        for tname, t in tpl.get("tables", {}).items():
            for col, label in t.get("columns", {}).items():
                out.setdefault(f"{tname}:col:{col}", str(label))
            for grp, label in (t.get("groups") or {}).items():
                out.setdefault(f"{tname}:row:{grp}", str(label))
            for r in t.get("rows", []):
                out.setdefault(f"{tname}:row:{r['key']}", _strip(str(r.get("label", r["key"]))))
    return out


def column_label(table: str, col: str, lang: str = "zh", template_id: Optional[str] = None) -> str:
    if lang != "zh":
        return COLUMN_EN.get(col, col.replace("_", " "))
    return _zh_maps(template_id).get(f"{table}:col:{col}", col)


def row_label(table: str, row: str, lang: str = "zh", template_id: Optional[str] = None) -> str:
    """Label of a row key such as ``denied.third_party`` (parent group prefixed)."""
    if lang != "zh":
        parts = row.split(".")
        head = ROW_EN.get(parts[0], parts[0].replace("_", " "))
        return head + ("" if len(parts) == 1 else ": " + " ".join(p.replace("_", " ") for p in parts[1:]))
    m = _zh_maps(template_id)
    label = m.get(f"{table}:row:{row}")
    if label is None:
        return row
    if "." in row:
        parent = m.get(f"{table}:row:{row.rsplit('.', 1)[0]}")
        if parent:
            return f"{parent}{label}"
    return label


def cell_label(key: str, lang: str = "zh", template_id: Optional[str] = None) -> str:
    """"表三 （一）予以公开 自然人" / "Table 3, (1) granted, natural person"."""
    parts = key.split(".")
    table, col, row = parts[0], parts[-1], ".".join(parts[1:-1])
    if len(parts) < 3:
        return key
    if lang == "zh":
        return f"{table_label(table)} {row_label(table, row, 'zh', template_id)} {column_label(table, col, 'zh', template_id)}"
    return f"{table_label(table, 'en')}, {row_label(table, row, 'en')}, {column_label(table, col, 'en')}"
