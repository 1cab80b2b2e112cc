"""Re-lay a clean report's tables the way other exporters do, to prove the
parser never shifts a cell.

Why: a parser that reads every layout it was shown can still move a number
into the wrong row on a layout it was not shown, and one invented imbalance
is enough for a reviewer to stop trusting the tool.  So from a report the
parser reads cleanly this module derives layouts as PDF-to-text tools,
web pages and Word exports produce them -- labels split over lines, number
rows before or after their labels, page numbers and running headers between
rows, numbers wrapped inside their cell, a column left out -- and the test
compares every cell govlint reads from a variant with the clean report's
cell: a cell may go missing, none may change.

Only the lines of the table regions change, and which lines those are is
taken from the clean parse (the span of a table's first label to its last
cell), so no knowledge of any one report's wording is needed.  Everything is
drawn from a seeded ``random.Random``: a variant is reproducible from its
source and number.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Callable, Optional

_NUM = re.compile(r"^[-−+]?\d+(?:\.\d+)?(?:万元|元)?$")
_BLANK = {"", "/", "／", "-", "—", "无"}
PAGE_NUMBERS = ["1", "2", "3", "5", "— 5 —", "- 12 -", "第 2 页 共 5 页", "3/7", "— 2 —"]


@dataclass
class Item:
    """One line of a table region, split into its label text and its cells.

    ``raw`` is kept for lines that are neither (numbers inside a label, header
    text): those are copied unchanged."""

    label: str = ""
    nums: list[str] = field(default_factory=list)
    sep: str = " "
    raw: Optional[str] = None

    def lines(self) -> list[str]:
        if self.raw is not None:
            return [self.raw]
        if self.label and self.nums:
            return [self.label + self.sep + self.sep.join(self.nums)]
        if self.label:
            return [self.label]
        return [self.sep.join(self.nums)] if self.nums else []


def split_line(text: str) -> Item:
    """A region line as label + cells, or verbatim when it is anything else."""
    sep = "\t" if "\t" in text else " "
    if "|" in text:
        return Item(raw=text)
    parts = text.split("\t") if sep == "\t" else text.split()
    k = 0
    while k < len(parts) and not _NUM.match(parts[k].strip()) and parts[k].strip() not in _BLANK - {""}:
        k += 1
    label = (sep if sep == " " else "").join(p.strip() for p in parts[:k]) if sep == " " else \
        "\t".join(parts[:k]).strip()
    cells = [p.strip() for p in parts[k:]]
    if sep == " ":
        cells = [c for c in cells if c]
    if any(c and not _NUM.match(c) and c not in _BLANK for c in cells):
        return Item(raw=text)  # numbers in the middle of a label: keep as is
    if not any(_NUM.match(c) for c in cells):
        return Item(label=text.strip(), sep=sep) if text.strip() else Item(raw=text)
    return Item(label=label, nums=cells, sep=sep)


@dataclass
class Region:
    """The lines [lo, hi) of one table in the source text."""

    table: str
    lo: int
    hi: int


def regions(report) -> list[Region]:  # type: ignore[no-untyped-def]
    """Each table's lines, from the clean parse: its first label to its last cell."""
    out = []
    for name, t in report.tables.items():
        lines = [c.span.line for c in t.cells.values() if c.span is not None]
        if not t.found or t.span is None or not lines:
            continue
        lo, hi = min([t.span.line, *lines]) - 1, max(lines)
        out.append(Region(name, lo, hi))
    return sorted(out, key=lambda r: r.lo)


# --------------------------------------------------------------- the layouts

Layout = Callable[[list[Item], random.Random, dict], list[str]]


def _emit(items: list[Item]) -> list[str]:
    return [ln for it in items for ln in it.lines()]


def split_labels(items: list[Item], rng: random.Random, ctx: dict) -> list[str]:
    """A label wrapped over two or three lines; its numbers stay on the last."""
    out: list[str] = []
    for it in items:
        if it.raw is None and len(it.label) >= 6 and rng.random() < 0.6:
            n = rng.choice((2, 3)) if len(it.label) >= 9 else 2
            cuts = sorted(rng.sample(range(2, len(it.label) - 1), n - 1))
            pieces = [it.label[a:b] for a, b in zip([0, *cuts], [*cuts, len(it.label)])]
            out += pieces[:-1]
            out += Item(pieces[-1], it.nums, it.sep).lines()
        else:
            out += it.lines()
    return out


def numbers_before(items: list[Item], rng: random.Random, ctx: dict) -> list[str]:
    """Every row's numbers on the line above its label (a PDF whose number
    cells sit higher than their wrapped label)."""
    out: list[str] = []
    for it in items:
        if it.raw is None and it.label and it.nums:
            out += [it.sep.join(it.nums), it.label]
        else:
            out += it.lines()
    return out


def some_numbers_before(items: list[Item], rng: random.Random, ctx: dict) -> list[str]:
    """Only some rows' numbers above their label."""
    out: list[str] = []
    for it in items:
        if it.raw is None and it.label and it.nums and rng.random() < 0.3:
            out += [it.sep.join(it.nums), it.label]
        else:
            out += it.lines()
    return out


def numbers_after(items: list[Item], rng: random.Random, ctx: dict) -> list[str]:
    """Labels and numbers on lines of their own, numbers below."""
    out: list[str] = []
    for it in items:
        if it.raw is None and it.label and it.nums:
            out += [it.label, it.sep.join(it.nums)]
        else:
            out += it.lines()
    return out


def page_numbers(items: list[Item], rng: random.Random, ctx: dict) -> list[str]:
    """Page furniture between rows: a bare page number or a '— 5 —'."""
    out: list[str] = []
    for it in items:
        out += it.lines()
        if rng.random() < 0.25:
            out.append(rng.choice(PAGE_NUMBERS))
    return out


def running_headers(items: list[Item], rng: random.Random, ctx: dict) -> list[str]:
    """The report's title (or its issuer and a page number) repeated at a page top."""
    out: list[str] = []
    for it in items:
        out += it.lines()
        if rng.random() < 0.2:
            out.append(rng.choice([ctx["title"], ctx["title"] + "  " + rng.choice(PAGE_NUMBERS)]))
    return out


def wrapped_numbers(items: list[Item], rng: random.Random, ctx: dict) -> list[str]:
    """A number too wide for its cell: its first digits on the row's line, the
    rest on the line below."""
    out: list[str] = []
    for it in items:
        wide = [k for k, c in enumerate(it.nums) if re.fullmatch(r"\d{2,}", c)]
        if it.raw is None and wide and rng.random() < 0.5:
            k = rng.choice(wide)
            cut = rng.randint(1, len(it.nums[k]) - 1)
            head, tail = it.nums[k][:cut], it.nums[k][cut:]
            out += Item(it.label, [*it.nums[:k], head, *it.nums[k + 1:]], it.sep).lines()
            out.append(tail)
        else:
            out += it.lines()
    return out


def column_dropped(items: list[Item], rng: random.Random, ctx: dict) -> list[str]:
    """One column left out of every full row (an exporter losing a narrow
    column); :func:`variant` drops its title from the header too."""
    def cells(it: Item) -> int:  # a trailing tab is layout, not a column
        n = len(it.nums)
        while n and not it.nums[n - 1]:
            n -= 1
        return n

    width = max((cells(it) for it in items if it.raw is None), default=0)
    col = rng.randrange(width) if width else 0
    ctx["dropped"] = (width, col)
    out: list[str] = []
    for it in items:
        if it.raw is None and cells(it) == width and width > 1:
            out += Item(it.label, it.nums[:col] + it.nums[col + 1:], it.sep).lines()
        else:
            out += it.lines()
    return out


FURNITURE = ("page_numbers", "running_headers")
LAYOUTS: dict[str, Layout] = {
    "split_labels": split_labels, "numbers_before": numbers_before,
    "some_numbers_before": some_numbers_before, "numbers_after": numbers_after,
    "page_numbers": page_numbers, "running_headers": running_headers,
    "wrapped_numbers": wrapped_numbers, "column_dropped": column_dropped,
}


def _dropped_titles(spec, width: int, col: int) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    """(title, which occurrence) of the column dropped at ``col`` of the rows ``width`` wide;
    occurrence -1 means every header line printing it (表二 repeats it per block)."""
    if spec.single_row:
        keys = spec.rows[0].cell_keys(spec.name)
        if col >= len(keys):  # a value beyond the form's (an extra one) has no title
            return []
        c = keys[col].rsplit(".", 1)[1]
        nth = sum(1 for k in keys[:col] if k.rsplit(".", 1)[1] == c)
        return [(spec.columns[c], nth)]
    return [(spec.columns[r.columns[col]], -1) for r in spec.rows
            if not r.group and len(r.columns) == width and r.columns[col] in spec.columns]


def _is_header(line: str, spec) -> bool:  # type: ignore[no-untyped-def]
    if re.search(r"\d", line):
        return False
    return sum(1 for t in spec.columns.values() if t in line) >= 2 or "信息内容" in line


def _drop_title(lines: list[str], title: str, nth: int, spec) -> list[str]:  # type: ignore[no-untyped-def]
    """Remove the column's title (and one separator next to it) from the header lines."""
    out, seen = [], 0
    pat = re.compile(r"\t?" + re.escape(title) + r"|" + re.escape(title) + r"[\t ]?")
    for ln in lines:
        if _is_header(ln, spec) and title in ln:
            if nth < 0:
                ln = pat.sub("", ln, count=1)
            else:
                for m in re.finditer(re.escape(title), ln):
                    if seen == nth:
                        ln = ln[:m.start()] + ln[m.end():]
                    seen += 1
        out.append(ln)
    return out


def variant(text: str, report, rng: random.Random, layouts: list[str]) -> str:  # type: ignore[no-untyped-def]
    """``text`` with every table region re-laid by ``layouts`` in turn."""
    from govlint.templates import builtin_templates

    src = text.split("\n")
    title = report.title or "政府信息公开工作年度报告"
    template = builtin_templates()[report.template]
    out: list[str] = []
    pos = 0
    for reg in regions(report):
        if reg.lo < pos:
            continue
        spec = template.tables[reg.table]
        head = max(pos, reg.lo - 8)
        out += src[pos:head]
        lines = [ln for ln in src[reg.lo:reg.hi] if ln.strip()]
        ctx: dict = {"title": title}
        # page furniture is added when the laid-out table is cut into pages,
        # after its cells are placed: it is never itself wrapped or cut
        for name in sorted(layouts, key=lambda x: x in FURNITURE):
            lines = LAYOUTS[name]([split_line(ln) for ln in lines], rng, ctx)
        block = src[head:reg.lo] + lines
        if "dropped" in ctx:
            for t, nth in dict.fromkeys(_dropped_titles(spec, *ctx["dropped"])):
                block = _drop_title(block, t, nth, spec)
        out += block
        pos = reg.hi
    out += src[pos:]
    return "\n".join(out)


def plans(rng: random.Random, n: int) -> list[list[str]]:
    """``n`` layout combinations: each layout alone, then random pairs and triples."""
    names = sorted(LAYOUTS)
    out = [[x] for x in names]
    while len(out) < n:
        k = rng.choice((2, 2, 3))
        picked = rng.sample(names, k)
        if "numbers_before" in picked and "numbers_after" in picked:
            continue
        out.append(picked)
    return out[:n]
