"""The supervisor's list of units that must publish (``--roster units.csv``).

A CSV with a header row: ``name`` (or 名称/单位名称), optional ``aliases``
(别名: other spellings, separated by ``;`` ``；`` ``、`` or ``|``) and
``level`` (层级/级别: 乡镇, 部门 …, free text shown to people).  UTF-8 (with or
without BOM) or GB18030, as Excel writes it.  Anything malformed is a
:class:`RosterError` whose message is one line naming the file and the row,
because a roster that is read wrongly would report the wrong units missing.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from ..parse.issuer import issuer_key, squash_name
from .errors import BatchInputError

HEADERS = {
    "name": ("name", "名称", "单位名称", "单位", "机关名称", "发布机关"),
    "aliases": ("aliases", "alias", "别名", "其他名称"),
    "level": ("level", "层级", "级别", "类别"),
}


class RosterError(BatchInputError):
    """The roster cannot be used (one line naming the file and the row)."""


@dataclass
class RosterUnit:
    """One row of the roster: the unit's name, other spellings, level, and the row's line."""

    name: str
    aliases: list[str] = field(default_factory=list)
    level: str = ""
    line: int = 0  # 1-based line in the roster file
    text: str = ""  # the row as written, for messages and snippets


@dataclass
class Roster:
    """Every unit that must publish, as read from ``path``."""

    path: str
    units: list[RosterUnit]
    lines: list[str] = field(default_factory=list)  # the file's text lines

    @classmethod
    def from_rows(cls, rows: list[dict[str, Any]], path: str = "roster.csv") -> "Roster":
        """A roster given as data (rule examples): ``[{name, aliases, level}]``, rows from line 2."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["name", "aliases", "level"])
        for r in rows:
            w.writerow([r.get("name", ""), ";".join(r.get("aliases") or []), r.get("level", "")])
        return parse_roster(buf.getvalue(), path)


def read_roster(path: str) -> Roster:
    """Read and check a roster file (see the module docstring)."""
    try:
        data = open(path, "rb").read()
    except OSError as e:
        raise RosterError(f"无法读取名册 {path}：{e.strerror or e}",
                          f"cannot read the roster {path}: {e.strerror or e}") from None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return parse_roster(data.decode(enc), path)
        except UnicodeDecodeError:
            continue
    raise RosterError(f"名册 {path} 的编码无法识别（请存为 UTF-8 或 GB18030 的 CSV）",
                      f"the roster {path} is neither UTF-8 nor GB18030 (save it as CSV)")


def _column(header: list[str], field_: str) -> Optional[int]:
    names = [h.strip().lower() for h in header]
    for alias in HEADERS[field_]:
        if alias in names:
            return names.index(alias)
    return None


def parse_roster(text: str, path: str) -> Roster:
    """Parse roster CSV text; raises RosterError naming the row for anything malformed."""
    lines = text.splitlines()
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as e:
        raise RosterError(f"名册 {path} 不是有效的 CSV：{e}", f"the roster {path} is not valid CSV: {e}") from None
    if not rows or not any(c.strip() for c in rows[0]):
        raise RosterError(f"名册 {path} 第1行：缺少表头（name, aliases, level）",
                          f"{path}, row 1: no header row (name, aliases, level)")
    header = rows[0]
    col = {f: _column(header, f) for f in HEADERS}
    if col["name"] is None:
        raise RosterError(f"名册 {path} 第1行：缺少“name”（名称）列，表头为：{'、'.join(header)}",
                          f"{path}, row 1: no 'name' column; the header is: {', '.join(header)}")
    units: list[RosterUnit] = []
    seen: dict[str, int] = {}
    line = 1
    for k, row in enumerate(rows[1:], 2):
        line = _line_of(lines, row, line)
        if not any(c.strip() for c in row):
            continue
        if len(row) > len(header):
            raise RosterError(f"名册 {path} 第{k}行：有{len(row)}列，表头只有{len(header)}列",
                              f"{path}, row {k}: {len(row)} fields, the header has {len(header)}")
        name = squash_name(row[col["name"]]) if col["name"] < len(row) else ""
        if not name:
            raise RosterError(f"名册 {path} 第{k}行：单位名称为空", f"{path}, row {k}: the name is empty")
        key = issuer_key(name)
        if key in seen:
            raise RosterError(f"名册 {path} 第{k}行：“{name}”与第{seen[key]}行重复",
                              f"{path}, row {k}: '{name}' repeats row {seen[key]}")
        seen[key] = k
        aliases = []
        if col["aliases"] is not None and col["aliases"] < len(row):
            aliases = [squash_name(a) for a in re.split(r"[;；、|]", row[col["aliases"]]) if a.strip()]
        level = row[col["level"]].strip() if col["level"] is not None and col["level"] < len(row) else ""
        units.append(RosterUnit(name, aliases, level, line, lines[line - 1] if line <= len(lines) else ""))
    if not units:
        raise RosterError(f"名册 {path}：没有任何单位", f"the roster {path} lists no unit")
    return Roster(path, units, lines)


def _line_of(lines: list[str], row: list[str], after: int) -> int:
    """The file line a CSV row starts on (rows may span lines inside quotes): the
    first line after ``after`` that holds the row's first non-empty field."""
    first = next((c for c in row if c.strip()), "")
    for i in range(after, len(lines)):
        if not first or first.splitlines()[0] in lines[i]:
            return i + 1
    return min(after + 1, max(len(lines), 1))
