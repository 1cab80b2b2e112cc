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

    def cell_keys(self, table: str) -> list[str]:
        if self.values:
            return [f"{table}.{v}" for v in self.values]
        return [f"{table}.{self.key}.{c}" for c in self.columns]


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

    @property
    def expected_keys(self) -> list[str]:
        out: list[str] = []
        for r in self.rows:
            if not r.group:
                out.extend(r.cell_keys(self.name))
        return out

    def row(self, key: str) -> Optional[RowSpec]:
        for r in self.rows:
            if r.key == key:
                return r
        return None


@dataclass
class SectionSpec:
    number: int
    heading: str
    variants: list[str]  # squashed


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

    def covers_year(self, year: int) -> bool:
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
            ))
        tables[name] = TableSpec(
            name=name, title=str(t.get("title", name)), label=str(t.get("label", name)),
            section=int(t.get("section", 0)),
            start_markers=_squashed(t.get("start_markers") or []),
            columns={str(k): str(v) for k, v in (t.get("columns") or {}).items()},
            rows=rows, single_row=bool(t.get("single_row", False)),
            groups={str(k): str(v) for k, v in (t.get("groups") or {}).items()},
        )
    years = d.get("years") or {}
    return Template(
        id=str(d["id"]), name=str(d.get("name", d["id"])), basis=str(d.get("basis", "")),
        year_min=years.get("min"), year_max=years.get("max"),
        markers=_squashed(d.get("markers") or []),
        sections=[SectionSpec(int(s["number"]), str(s["heading"]),
                              _squashed([s["heading"], *(s.get("variants") or [])]))
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
