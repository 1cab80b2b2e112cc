"""The report model: every value carries the place it came from.

Data flows one way: ``load`` builds a :class:`~govlint.document.Document`,
``parse`` turns it into a :class:`Report`, rules turn a Report into
:class:`Diagnostic` objects, and ``output`` prints them.  Nothing here imports
a later stage, so every stage (and every plugin) can depend on this module.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Optional


class Severity(str, Enum):
    """How bad a finding is.  Ordered: error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """A number for comparing severities (error 3 > warning 2 > info 1), e.g. for ``--fail-on``."""
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True)
class Span:
    """A region of the source file, 1-based, in the file's own coordinates.

    ``line``/``column`` point into the original file (not the normalised
    text), so an editor can jump to them.  ``page`` is set for paged sources
    (PDF).  ``table``/``row``/``column_key`` name the table cell when the
    span is a cell.  ``where`` is a human locator for sources without useful
    line numbers (DOCX: "表格3 第5行 第2列").
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    page: Optional[int] = None
    table: Optional[str] = None
    row: Optional[str] = None
    column_key: Optional[str] = None
    where: Optional[str] = None

    def with_cell(self, table: str, row: str, column_key: str) -> "Span":
        """A copy naming the table cell (spans are frozen, so shared spans are never changed)."""
        return Span(self.path, self.line, self.column, self.end_line, self.end_column,
                    self.page, table, row, column_key, self.where)


@dataclass
class Cell:
    """One table cell mapped to a canonical key such as ``t3.new.natural_person``.

    ``value`` is None when the cell is present but blank ("", "/", "-").
    """

    key: str
    value: Optional[float]
    raw: str
    span: Span

    @property
    def number(self) -> Optional[float]:
        """An alias of ``value`` for rule code; None means the cell is blank, not zero."""
        return self.value


@dataclass
class Section:
    """One of the six numbered sections (一 … 六)."""

    number: int
    heading: str
    span: Span
    standard: bool = True  # heading wording matches an accepted variant
    body_start: int = 0  # index into Report.lines of the first body line
    body_end: int = 0  # index one past the last body line


@dataclass
class TextLine:
    """A line of normalised report text with a way back to the source."""

    text: str
    span: Span


@dataclass
class ParseNote:
    """A structural fact the parser found (missing row, extra values …).

    Rules, not the parser, decide whether a note becomes a diagnostic; the
    parser only records what it saw.  ``kind`` is one of:
    ``table_missing``, ``row_missing``, ``cell_blank``, ``value_count``,
    ``extra_values``, ``section_missing``, ``heading_wording``,
    ``rows_cut_off``, ``order_uncertain`` (a row whose numbers the layout
    does not prove its own: left missing, see ``parse/align.py``),
    ``cell_not_number`` (a cell among a row's numbers holding text such as
    "五": read as missing, data ``column`` and ``raw``).
    """

    kind: str
    span: Optional[Span]
    table: Optional[str] = None
    row: Optional[str] = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Table:
    """A parsed table: canonical key → Cell, plus the keys the template expects."""

    name: str  # "t2", "t3", "t4"
    found: bool
    span: Optional[Span]
    cells: dict[str, Cell] = field(default_factory=dict)
    expected: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        """Expected keys with no value (absent or blank): what an identity cannot verify."""
        return [k for k in self.expected if k not in self.cells or self.cells[k].value is None]


@dataclass
class Report:
    """Everything the rules need to know about one report."""

    path: str
    title: Optional[str] = None
    title_span: Optional[Span] = None
    issuer: Optional[str] = None
    issuer_span: Optional[Span] = None  # where the issuer is named (None: from the file name)
    issuer_source: Optional[str] = None  # title, signature, sentence, portal, filename
    year: Optional[int] = None
    template: Optional[str] = None  # template id actually used by the tables
    template_scores: dict[str, int] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)
    lines: list[TextLine] = field(default_factory=list)
    dates: list[tuple[str, Span]] = field(default_factory=list)  # ISO date, where
    notes: list[ParseNote] = field(default_factory=list)
    source_lines: list[str] = field(default_factory=list)  # original text, for messages
    kind: str = "text"  # text, markdown, html, docx, pdf

    def cell(self, key: str) -> Optional[Cell]:
        """The parsed cell for a canonical key; None when the table or the cell was not found."""
        table = self.tables.get(key.split(".", 1)[0])
        return table.cells.get(key) if table else None

    def value(self, key: str) -> Optional[float]:
        """A cell's number; None for an absent or blank cell (never 0), so rules can tell "not given"."""
        c = self.cell(key)
        return c.value if c else None

    def section(self, number: int) -> Optional[Section]:
        """The section with that number, or None; the first one wins if a report repeats a number."""
        for s in self.sections:
            if s.number == number:
                return s
        return None

    def section_text(self, number: int) -> list[TextLine]:
        """The body lines of a section (heading excluded); [] when the section is missing."""
        s = self.section(number)
        return self.lines[s.body_start:s.body_end] if s else []

    def section_body(self, number: int) -> str:
        """The body of a section as one string, lines joined by newlines ("" when missing)."""
        return "\n".join(ln.text for ln in self.section_text(number))

    @property
    def all_cells(self) -> dict[str, Cell]:
        """Every parsed cell of every table by key, for rules that scan keys by glob."""
        out: dict[str, Cell] = {}
        for t in self.tables.values():
            out.update(t.cells)
        return out


def _pack(value: Any) -> str:
    import base64
    import json
    import zlib

    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b85encode(zlib.compress(raw, 1)).decode("ascii")


def _unpack(packed: str) -> Any:
    import base64
    import json
    import zlib

    return json.loads(zlib.decompress(base64.b85decode(packed.encode("ascii"))).decode("utf-8")) if packed else {}


@dataclass
class BatchRecord:
    """What the cross-report stage (GL7xx) keeps of one report, built as the file finishes.

    Why not the report: a parsed report is ≈ 190 KB in memory (every line and
    cell with its span) and a run of 10,000 keeps every one until the stage has
    run.  The stage needs the facts that pair reports (path, issuer, year,
    template), every cell's number, the text of the sections it compares, and
    places for its messages; the places and the text are kept compressed and
    unpacked only when a rule reads them, so a record costs a few KB.
    """

    path: str
    issuer: Optional[str] = None
    issuer_span: Optional[Span] = None
    title_span: Optional[Span] = None
    year: Optional[int] = None
    template: Optional[str] = None
    kind: str = "text"
    values: dict[str, Optional[float]] = field(default_factory=dict)  # every parsed cell's number, by key
    expected: dict[str, list[str]] = field(default_factory=dict)  # table → the keys its template expects
    sections: list[Section] = field(default_factory=list)  # headings only (the places of text findings)
    spans: str = ""  # packed {key: [line, column, end line, end column, page, table, row, column key, where]}
    texts: str = ""  # packed {section number: its body text}

    @classmethod
    def of(cls, report: "Report") -> "BatchRecord":
        """The record of ``report`` (every section's text: which ones are compared is configurable)."""
        from sys import intern

        values: dict[str, Optional[float]] = {}
        spans: dict[str, list[Any]] = {}
        for key, c in report.all_cells.items():
            values[intern(key)] = c.value
            s = c.span
            spans[key] = [s.line, s.column, s.end_line, s.end_column, s.page, s.table, s.row, s.column_key, s.where]
        texts = {str(s.number): report.section_body(s.number) for s in report.sections}
        return cls(report.path, report.issuer, report.issuer_span, report.title_span, report.year,
                   report.template, report.kind, values,
                   {k: [intern(x) for x in t.expected] for k, t in report.tables.items()},
                   [Section(s.number, s.heading, s.span, s.standard) for s in report.sections],
                   _pack(spans) if spans else "", _pack(texts) if texts else "")

    def value(self, key: str) -> Optional[float]:
        """A cell's number; None for an absent or blank cell, as :meth:`Report.value`."""
        return self.values.get(key)

    def cell_span(self, key: str) -> Optional[Span]:
        """Where the cell ``key`` is (unpacked on each call: only a finding asks)."""
        v = _unpack(self.spans).get(key)
        return Span(self.path, *v) if v else None

    def section(self, number: int) -> Optional[Section]:
        """The section with that number (its heading and place), as :meth:`Report.section`."""
        return next((s for s in self.sections if s.number == number), None)

    def section_body(self, number: int) -> str:
        """The body text of a section, lines joined by newlines ("" when missing)."""
        return str(_unpack(self.texts).get(str(number), "")) if self.section(number) else ""


@dataclass
class Fix:
    """A suggested edit (applied only when the user asks)."""

    description: str
    span: Span
    replacement: str


@dataclass
class Diagnostic:
    """One finding.  ``message`` is already localised."""

    code: str
    name: str
    severity: Severity
    message: str
    span: Optional[Span]
    path: str
    related: list[Span] = field(default_factory=list)
    fix: Optional[Fix] = None
    url: Optional[str] = None
    # Root causes: what a finding reports absent ("section:4", "table:t3", cell
    # keys) and what a consequential finding cannot do without.  A finding
    # whose ``needs`` another finding ``covers`` is folded into that one (see
    # govlint.engine.fold) and kept in its ``folded`` list.
    covers: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()
    folded: list["Diagnostic"] = field(default_factory=list)
    # what the related places in other files are ("上年" for last year's report),
    # so every output can say it: text "= 上年：file:line", SARIF relatedLocations
    related_label: Optional[str] = None
    # suggested single-cell corrections, never applied (engine/hints.py)
    hints: list[Fix] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple:
        """Order by file, line, column, code; a finding without a span sorts first in its file."""
        s = self.span
        return (self.path, s.line if s else 0, s.column if s else 0, self.code)

    def to_json(self) -> dict[str, Any]:
        """The JSON contract of DESIGN.md (keys that do not apply are null)."""
        s = self.span
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "filename": self.path,
            "location": {"line": s.line, "column": s.column} if s else None,
            "end_location": {"line": s.end_line, "column": s.end_column} if s else None,
            "page": s.page if s else None,
            "table": s.table if s else None,
            "row": s.row if s else None,
            "column_key": s.column_key if s else None,
            "url": self.url,
            "folded": [{"code": d.code, "name": d.name, "severity": d.severity.value,
                        "message": d.message} for d in self.folded] or None,
            "related": [related_json(r, self.path, self.related_label) for r in self.related],
            "hint": [h.description for h in self.hints] or None,
        }


def related_json(s: Span, path: str, label: Optional[str] = None) -> dict[str, Any]:
    """A related place as JSON: file (its own, else the finding's), position, cell keys, label."""
    return {"filename": s.path or path, "location": {"line": s.line, "column": s.column},
            "page": s.page, "table": s.table, "row": s.row, "column_key": s.column_key,
            "label": label if s.path and s.path != path else None}


@dataclass
class RuleMeta:
    """What output formats (SARIF, HTML, `govlint rules`) need to know of a rule."""

    code: str
    name: str
    severity: Severity
    summary_zh: str
    summary_en: str
    url: Optional[str] = None
    source: str = "govlint"  # plugin or pack that provides it


@dataclass
class FileResult:
    """The outcome of checking one file: its parsed report (if it could be
    parsed) and every diagnostic, input problems (GL9xx) included."""

    path: str
    report: Optional[Report]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0
    record: Optional[BatchRecord] = None  # what the cross-report stage needs (when the run has one)
