"""Official report formats, loaded from YAML (``rules/templates/*.yaml``).

The parser knows nothing about 2019 or 2021: it reads these objects.  A new
official format, or a province's variant, is a new YAML file (plugins can
contribute more through the ``govlint_templates`` hook).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Optional

from .yamlio import cached

# Characters dropped when comparing labels: whitespace, punctuation, brackets,
# quotes and list punctuation.  Digits and CJK stay.
_SQUASH_DROP = re.compile(
    r"[\s\u3000\"'“”‘’()（）\[\]【】{}<>《》〈〉「」『』、,，.．。:：;；!！?？·•\-—–_~～|/\\*#+=]")


def squash(text: str) -> str:
    """Normalise a label for comparison: NFKC, then drop spacing and punctuation."""
    return _SQUASH_DROP.sub("", unicodedata.normalize("NFKC", text))


@dataclass
class RowSpec:
    key: str
    label: str
    match: list[str]  # squashed, longest first
    columns: list[str]  # column keys of this row (empty for groups)
    group: bool = False
    fallback_key: Optional[str] = None
    values: Optional[list[str]] = None  # explicit "row.column" list (single-row tables)
    label_en: Optional[str] = None  # English label (messages with --lang en)
    block: Optional[str] = None  # 表二: the 第二十条 item the row is printed under

    def label_in(self, lang: str = "zh") -> str:
        """The row's label in ``lang`` (English falls back to the key's words)."""
        if _is_en(lang):
            return self.label_en or self.key.rsplit(".", 1)[-1].replace("_", " ")
        return self.label

    def cell_keys(self, table: str) -> list[str]:
        """Canonical keys of the row's cells (a single-row table lists its ``values`` explicitly)."""
        if self.values:
            return [f"{table}.{v}" for v in self.values]
        return [f"{table}.{self.key}.{c}" for c in self.columns]


@dataclass
class ColumnGroup:
    """A header cell printed over several columns (表三 「法人或其他组织」)."""

    label: str
    columns: list[str]
    label_en: Optional[str] = None


@dataclass
class TableSpec:
    name: str
    title: str
    label: str
    section: int
    start_markers: list[str]
    columns: dict[str, str]
    rows: list[RowSpec]
    single_row: bool = False
    groups: dict[str, str] = field(default_factory=dict)
    # words of the printed form that name no cell, and English labels
    label_en: Optional[str] = None  # "Table 3"
    title_en: Optional[str] = None
    columns_en: dict[str, str] = field(default_factory=dict)
    groups_en: dict[str, str] = field(default_factory=dict)
    note: str = ""  # 表三 「（本列数据的勾稽关系为：…）」 in the top-left header cell
    column_header: str = ""  # 表三 「申请人情况」 over all value columns
    row_header: str = ""  # 表二 「信息内容」 over the label column
    column_groups: list[ColumnGroup] = field(default_factory=list)
    group_header: dict[str, list[str]] = field(default_factory=dict)  # 表四 header path per group

    @property
    def expected_keys(self) -> list[str]:
        """Every cell key the printed form has; group rows only head sub-rows and hold no cells."""
        out: list[str] = []
        for r in self.rows:
            if not r.group:
                out.extend(r.cell_keys(self.name))
        return out

    def row(self, key: str) -> Optional[RowSpec]:
        """The row spec for a row key; None when this template has no such row (e.g. an older form's row)."""
        for r in self.rows:
            if r.key == key:
                return r
        return None

    def table_label(self, lang: str = "zh") -> str:
        """「表三」 / "Table 3"."""
        return (self.label_en or f"Table {self.name.lstrip('t')}") if _is_en(lang) else self.label

    def table_title(self, lang: str = "zh") -> str:
        """The printed title; English falls back to the Chinese one rather than to nothing."""
        return (self.title_en or self.title) if _is_en(lang) else self.title

    def column_label(self, key: str, lang: str = "zh") -> Optional[str]:
        """Label of a column key, None when the table has no such column."""
        if key not in self.columns:
            return None
        if _is_en(lang):
            return self.columns_en.get(key) or key.replace("_", " ")
        return self.columns[key]

    def group_label(self, key: str, lang: str = "zh") -> Optional[str]:
        """Label of a group of a single-row table (表四 ``review`` → 「行政复议」)."""
        if key not in self.groups:
            return None
        if _is_en(lang):
            return self.groups_en.get(key) or key.replace("_", " ")
        return self.groups[key]

    def column_group(self, key: str) -> Optional[ColumnGroup]:
        """The header group a column sits under, if any."""
        for g in self.column_groups:
            if key in g.columns:
                return g
        return None

    def header_path(self, group: str) -> list[str]:
        """Header cells over a group, outermost first (default: its label)."""
        return list(self.group_header.get(group) or [self.groups.get(group, group)])


@dataclass
class SectionSpec:
    number: int
    heading: str
    variants: list[str]  # squashed
    heading_en: Optional[str] = None

    def heading_in(self, lang: str = "zh") -> str:
        """The standard heading; English falls back to "section N" when the template gives none."""
        return (self.heading_en or f"section {self.number}") if _is_en(lang) else self.heading


@dataclass
class Template:
    id: str
    name: str
    basis: str
    year_min: Optional[int]
    year_max: Optional[int]
    markers: list[str]  # squashed
    sections: list[SectionSpec]
    tables: dict[str, TableSpec]

    def section(self, number: int) -> Optional[SectionSpec]:
        """The spec of a numbered section; None when this template does not define it."""
        for s in self.sections:
            if s.number == number:
                return s
        return None

    def covers_year(self, year: int) -> bool:
        """Whether a report year falls in the template's range (an open end accepts any year on that side)."""
        return (self.year_min is None or year >= self.year_min) and (
            self.year_max is None or year <= self.year_max)

    def label_of(self, key: str) -> str:
        """Chinese label for a cell key, e.g. 't3.new.natural_person' → '一、本年新收…/自然人'."""
        parts = key.split(".")
        table = self.tables.get(parts[0])
        if not table:
            return key
        col = parts[-1]
        row_key = ".".join(parts[1:-1])
        if table.single_row:
            return f"{table.groups.get(row_key, row_key)}/{table.columns.get(col, col)}"
        row = table.row(row_key)
        return f"{row.label if row else row_key}/{table.columns.get(col, col)}"


def _is_en(lang: Optional[str]) -> bool:
    return bool(lang) and str(lang).lower().startswith("en")


def _opt(value: Any) -> Optional[str]:
    return None if value is None else str(value)


def _str_map(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in (value or {}).items()}


def _squashed(items: Iterable[str]) -> list[str]:
    out = sorted({squash(str(i)) for i in items if squash(str(i))}, key=len, reverse=True)
    return out


def template_from_dict(d: dict[str, Any]) -> Template:
    """Build a Template from parsed YAML (already validated by shape)."""
    tables: dict[str, TableSpec] = {}
    for name, t in (d.get("tables") or {}).items():
        rows = []
        for r in t.get("rows") or []:
            rows.append(RowSpec(
                key=str(r["key"]), label=str(r.get("label", r["key"])),
                match=_squashed(r.get("match") or [r.get("label", r["key"])]),
                columns=[str(c) for c in (r.get("columns") or t.get("row_columns") or [])]
                if not r.get("group") else [],
                group=bool(r.get("group", False)),
                fallback_key=r.get("fallback_key"),
                values=[str(v) for v in r["values"]] if r.get("values") else None,
                label_en=_opt(r.get("label_en")), block=_opt(r.get("block")),
            ))
        tables[name] = TableSpec(
            name=name, title=str(t.get("title", name)), label=str(t.get("label", name)),
            section=int(t.get("section", 0)),
            start_markers=_squashed(t.get("start_markers") or []),
            columns={str(k): str(v) for k, v in (t.get("columns") or {}).items()},
            rows=rows, single_row=bool(t.get("single_row", False)),
            groups={str(k): str(v) for k, v in (t.get("groups") or {}).items()},
            label_en=_opt(t.get("label_en")), title_en=_opt(t.get("title_en")),
            columns_en=_str_map(t.get("columns_en")), groups_en=_str_map(t.get("groups_en")),
            note=str(t.get("note") or ""), column_header=str(t.get("column_header") or ""),
            row_header=str(t.get("row_header") or ""),
            column_groups=[ColumnGroup(str(g["label"]), [str(c) for c in g.get("columns") or []],
                                       _opt(g.get("label_en")))
                           for g in t.get("column_groups") or []],
            group_header={str(k): [str(x) for x in (v if isinstance(v, list) else [v])]
                          for k, v in (t.get("group_header") or {}).items()},
        )
    years = d.get("years") or {}
    return Template(
        id=str(d["id"]), name=str(d.get("name", d["id"])), basis=str(d.get("basis", "")),
        year_min=years.get("min"), year_max=years.get("max"),
        markers=_squashed(d.get("markers") or []),
        sections=[SectionSpec(int(s["number"]), str(s["heading"]),
                              _squashed([s["heading"], *(s.get("variants") or [])]),
                              _opt(s.get("heading_en")))
                  for s in d.get("sections") or []],
        tables=tables,
    )


def _read_yaml(text: str) -> Any:
    """Safe-load template YAML (cached on disk by content hash)."""
    from .yamlio import safe_load

    return safe_load(text)


_extra_templates: list[Template] = []


def register_template(t: Template) -> None:
    """Add a template (plugins use this through the govlint_templates hook)."""
    _extra_templates[:] = [x for x in _extra_templates if x.id != t.id] + [t]
    builtin_templates.cache_clear()


@lru_cache(maxsize=1)
def builtin_templates() -> dict[str, Template]:
    """All known templates by id, built-ins first, then plugin-provided ones."""
    out: dict[str, Template] = {}
    folder = resources.files("govlint.rules") / "templates"
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".yaml") and not entry.name.startswith("_"):
            t = template_from_dict(cached("template", entry.read_text(encoding="utf-8"), _read_yaml))
            out[t.id] = t
    for t in _extra_templates:
        out[t.id] = t
    return out


def template_for_year(year: Optional[int]) -> Template:
    """The template the official rules require for a report year."""
    ts = builtin_templates()
    if year is not None:
        for t in sorted(ts.values(), key=lambda t: t.year_min or 0, reverse=True):
            if t.covers_year(year):
                return t
    return max(ts.values(), key=lambda t: t.year_min or 0)
