"""Fix hints for a failed arithmetic identity: which single cell, changed to
what, would make it hold.

Why: "表三 自然人列：一+二=3034，三(七)+四=3035，相差1" tells an officer
that something is wrong, not what to type.  Usually one cell is mistyped, so
for every cell the identity read we compute the value that would balance it
if all the others were right ("若三(七)+四正确，一、本年新收政府信息公开申请
数量 自然人应为3001").  Each is only a hint: govlint cannot know which cell is
wrong, so it offers every plausible one (a count stays a whole number, never
negative) and never applies any.

The value is found by evaluating the identity again with the cell changed
(through the same safe expression evaluator), so it works for any rule
written in the identity kind, sums, globs and ``coalesce`` included; a cell
the identity does not depend on linearly is skipped after a check.
"""
from __future__ import annotations

from typing import Any, Optional

from .. import labels
from ..model import Fix, Report
from .expr import Expr, ReportResolver
from .pyrule import fmt_num

MAX_HINTS = 6  # a sum of 25 sub-rows would otherwise give 25 hints: keep the likeliest
TEXT = {"zh": "若{other}正确，{cell}应为{value}", "en": "if {other} is right, {cell} should be {value}"}


class _Changed:
    """A resolver that reads one cell as ``value`` and everything else from ``base``."""

    def __init__(self, base: ReportResolver, key: str, value: float) -> None:
        self.base, self.key, self.new = base, key, value

    def value(self, key: str) -> Optional[float]:
        """The changed cell's new value; any other cell as the report has it."""
        return self.new if key == self.key else self.base.value(key)

    def known(self, key: str) -> bool:
        """Delegated: changing a value never changes which keys exist."""
        return self.base.known(key)

    def expand(self, pattern: str) -> list[str]:
        """Delegated, so globs cover the same keys as in the original evaluation."""
        return self.base.expand(pattern)

    def variable(self, name: str) -> Optional[float]:
        """Delegated (``year``)."""
        return self.base.variable(name)


def _gap(lhs: Expr, rhs: Expr, res: Any, b: dict[str, str]) -> float:
    return lhs.evaluate(res, b).value - rhs.evaluate(res, b).value


def cell_name(key: str, lang: str, template: Optional[str]) -> str:
    """「一、本年新收政府信息公开申请数量 自然人」: the row (with its group) and column, no table."""
    table, row, col = labels.split_key(key)
    sep = ", " if labels.is_en(lang) else " "
    return sep.join((labels.message_row_label(table, row, lang, template),
                     labels.message_column_label(table, col, lang, template)))


def single_cell_fixes(report: Report, lhs: Expr, rhs: Expr, b: dict[str, str], res: ReportResolver,
                      tol: float, side_labels: tuple[str, str], lang: str,
                      anchor: Optional[str] = None) -> list[Fix]:
    """One hint per cell whose change alone would make ``lhs == rhs`` hold.

    ``side_labels`` name the two sides ("一+二", "三(七)+四"): a cell of one
    side is corrected assuming the other side is right.  The cell the finding
    is anchored on (``anchor``, a key) comes first, then cells holding a
    number other than 0 (a mistyped figure is likelier than a forgotten
    one), at most :data:`MAX_HINTS`.
    """
    a, c = lhs.evaluate(res, b), rhs.evaluate(res, b)
    gap = a.value - c.value
    cells = [report.cell(k) for k in dict.fromkeys(a.used + c.used)]
    whole = all(float(x.value).is_integer() for x in cells if x is not None and x.value is not None)
    out: list[tuple[bool, bool, Fix]] = []
    for cell in cells:
        if cell is None or cell.value is None:
            continue
        step = _gap(lhs, rhs, _Changed(res, cell.key, cell.value + 1), b) - gap
        if abs(step) < 1e-9:
            continue  # the identity does not read this cell after all (another coalesce branch)
        need = cell.value - gap / step
        if abs(_gap(lhs, rhs, _Changed(res, cell.key, need), b)) > tol + 1e-9:
            continue  # not linear in this cell: no honest single-cell answer
        if need < -1e-9 or (whole and abs(need - round(need)) > 1e-9):
            continue  # a count cannot be negative or fractional
        need = float(round(need)) if whole else need
        other = side_labels[1] if cell.key in a.used else side_labels[0]
        text = TEXT["en" if labels.is_en(lang) else "zh"].format(
            other=other, cell=cell_name(cell.key, lang, report.template), value=fmt_num(need))
        out.append((cell.key != anchor, cell.value == 0, Fix(text, cell.span, fmt_num(need))))
    out.sort(key=lambda t: t[:2])
    return [fix for *_k, fix in out[:MAX_HINTS]]
