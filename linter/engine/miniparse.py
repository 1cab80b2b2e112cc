"""A minimal parser for the clean synthetic reports of :mod:`govlint.synth`.

Why: rule examples are rendered as text and must go through *a* parser.  The
real one is :func:`govlint.parse.parse_text`; :func:`parse_text_any` uses it
when it exists and falls back to this strict reader (exact labels, one row per
line, tab-separated) so the engine can be developed and tested on its own.
It is not meant for real-world reports.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Callable, Optional

from ..model import Cell, ParseNote, Report, Section, Span, Table, TextLine
from . import labels

_NUM = re.compile(r"^-?\d+(?:\.\d+)?$")
_HEADING = re.compile(r"^#{1,6}\s*([一二三四五六])、(.+)$")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def parse_text_any(text: str, path: str = "<example>") -> Report:
    """Parse with the real parser when available, else with this module."""
    real = real_parser()
    return real(text, path) if real else parse_text(text, path)


def real_parser() -> Optional[Callable[[str, str], Report]]:
    try:
        from .. import parse as parse_pkg
    except Exception:  # noqa: BLE001 - a half-written parser must not break the engine
        return None
    return getattr(parse_pkg, "parse_text", None)


def _span(path: str, ln: int, start: int, end: int) -> Span:
    return Span(path, ln, start + 1, ln, max(start + 1, end) + 1)  # end exclusive, like Line.span


def _detect(lines: list[str]) -> Optional[str]:
    scores = {}
    text = "\n".join(lines)
    for tid in labels.TEMPLATE_IDS:
        scores[tid] = sum(1 for m in labels.template(tid).get("markers", []) if m in text)
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] else None


def parse_text(text: str, path: str = "<example>") -> Report:
    src = text.splitlines()
    rep = Report(path=path, source_lines=src, kind="markdown")
    norm = [unicodedata.normalize("NFKC", s) for s in src]
    for i, s in enumerate(norm, 1):
        if s.strip():
            rep.lines.append(TextLine(s, _span(path, i, 0, len(s))))
    for i, s in enumerate(norm, 1):
        if s.startswith("# "):
            rep.title = s[2:].strip()
            rep.title_span = _span(path, i, 2, len(s))
            m = re.search(r"(\d{4})\s*年", rep.title)
            if m:
                rep.year = int(m.group(1))
                rep.issuer = rep.title[:m.start()].strip() or None
            break
    for s_, tl in enumerate(rep.lines):
        for m in _DATE.finditer(tl.text):
            y, mo, d = (int(g) for g in m.groups())
            rep.dates.append((f"{y:04d}-{mo:02d}-{d:02d}", _span(path, tl.span.line, m.start(), m.end())))
    # sections
    for idx, tl in enumerate(rep.lines):
        m = _HEADING.match(tl.text)
        if m:
            n = labels.NUMERALS.index(m.group(1)) + 1
            rep.sections.append(Section(n, m.group(2).strip(), tl.span, True, idx + 1, len(rep.lines)))
    for a, b in zip(rep.sections, rep.sections[1:]):
        a.body_end = b.body_start - 1
    tpl = _detect(norm) or ("2021" if (rep.year or 0) >= 2021 else "2019")
    rep.template = tpl
    for s in rep.sections:
        official = labels.section_heading(s.number, tpl)
        if s.heading != official:
            s.standard = False
            rep.notes.append(ParseNote("heading_wording", s.span, data={
                "number": s.number, "found": s.heading, "expected": official}))
    have = {s.number for s in rep.sections}
    for n in range(1, 7):
        if n not in have:
            rep.notes.append(ParseNote("section_missing", None, data={
                "number": n, "heading": labels.section_heading(n, tpl)}))
    _tables(rep, norm, tpl)
    return rep


def _row_specs(tpl: str, table: str) -> list[tuple[str, str, list[str]]]:
    """(row key, label, value keys) for every data row of a table."""
    out = []
    if table == "t4":
        for r in labels.rows(tpl, "t4"):
            out.append((r["key"], r["label"], [f"t4.{v}" for v in r.get("values", [])]))
        return out
    cols = labels.template(tpl)["tables"][table].get("row_columns")
    for r in labels.rows(tpl, table):
        if r.get("group") and not r.get("fallback_key"):
            continue
        rc = r.get("columns") or cols
        out.append((r["key"], r["label"], [f"{table}.{r['key']}.{c}" for c in rc]))
    return out


def _tables(rep: Report, norm: list[str], tpl: str) -> None:
    path = rep.path
    for table in ("t2", "t3", "t4"):
        specs = _row_specs(tpl, table)
        t = Table(table, False, None)
        t.expected = [k for key, _, keys in specs for k in keys
                      if not (table == "t3" and tpl == "2021" and key == "other")]
        rep.tables[table] = t
        seen: set[str] = set()
        for i, line in enumerate(norm, 1):
            parts = line.split("\t")
            if table == "t4":
                if len([p for p in parts if _NUM.match(p.strip())]) >= 10 and all(
                        _NUM.match(p.strip()) or not p.strip() for p in parts):
                    _assign(rep, t, specs[0][0], specs[0][2], parts, 0, i, line)
                    seen.add(specs[0][0])
                continue
            labels_idx = [k for k, p in enumerate(parts) if p.strip() and not _NUM.match(p.strip())]
            if not labels_idx:
                continue
            last = labels_idx[-1]
            label = parts[last].strip()
            for key, lab, keys in specs:
                if unicodedata.normalize("NFKC", lab) == label and key not in seen:
                    seen.add(key)
                    _assign(rep, t, key, keys, parts, last + 1, i, line)
                    break
        t.found = bool(seen)
        if not t.found:
            rep.notes.append(ParseNote("table_missing", None, table=table))
            continue
        for key, lab, keys in specs:
            if key in seen or (table == "t3" and key == "other" and tpl == "2021"):
                continue
            if tpl == "2021" and key.startswith("other.") and "other" in seen:
                continue
            rep.notes.append(ParseNote("row_missing", t.span, table=table, row=key, data={"label": lab}))
        if tpl == "2021" and table == "t3" and "other" in seen:
            rows = [k for k, _, _ in specs if k.startswith("other.")]
            rep.notes.append(ParseNote("subrows_missing", t.span, table="t3", row="other", data={"rows": rows}))


def _assign(rep: Report, t: Table, row: str, keys: list[str], parts: list[str],
            first: int, ln: int, line: str) -> None:
    path = rep.path
    while first < len(parts) - len(keys) and not parts[first].strip():
        first += 1  # the empty cell a merged label leaves behind
    values = parts[first:]
    while values and not values[-1].strip() and len(values) > len(keys):
        values.pop()
    offs = [sum(len(p) + 1 for p in parts[:k]) for k in range(len(parts))]
    if t.span is None:
        t.span = _span(path, ln, 0, len(line))
    row_span = _span(path, ln, 0, len(line))
    if len(values) > len(keys):
        rep.notes.append(ParseNote("extra_values", row_span, table=t.name, row=row, data={
            "found": len(values), "expected": len(keys), "extra": [v.strip() for v in values[len(keys):]]}))
        values = values[:len(keys)]
    elif len(values) < len(keys):
        rep.notes.append(ParseNote("value_count", row_span, table=t.name, row=row,
                                   data={"found": len(values), "expected": len(keys)}))
        return
    blank = []
    for k, (key, raw) in enumerate(zip(keys, values)):
        pos = offs[first + k]
        raw_s = raw.strip()
        val = float(raw_s) if _NUM.match(raw_s) else None
        tname, rest = key.split(".", 1)
        r_, c_ = rest.rsplit(".", 1)
        span = _span(path, ln, pos, pos + len(raw)).with_cell(tname, r_, c_)
        t.cells[key] = Cell(key, val, raw, span)
        if val is None:
            blank.append(key)
    if blank:
        rep.notes.append(ParseNote("cell_blank", row_span, table=t.name, row=row, data={"keys": blank}))
