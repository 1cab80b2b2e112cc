"""Mutation test: any single T3 cell changed by ±1 must be caught by an arithmetic rule.

Starts from balanced reports built directly (no parser) for both templates;
every cell of Table 3 is mutated up and down and the GL2xx rules must report
an error.  (A seed-based variant can reuse `mutants()`.)
"""
from __future__ import annotations

import pytest

from govlint.config import Config
from govlint.engine import check_with, rules_for
from govlint.model import Cell, Report, Severity, Span, Table
from govlint.scaffold.synth import default_cells

ARITH = [r for r in rules_for().rules if r.code.startswith("GL2")]


def balanced(template: str) -> Report:
    tables: dict[str, Table] = {}
    for i, (key, value) in enumerate(default_cells(template).items(), 1):
        name = key.split(".", 1)[0]
        t = tables.setdefault(name, Table(name, True, Span("m", 1, 1, 1, 2)))
        row, col = key.split(".", 1)[1].rsplit(".", 1)
        t.cells[key] = Cell(key, value, str(value), Span("m", i, 1, i, 2, table=name, row=row, column_key=col))
        t.expected.append(key)
    return Report(path="m", year=2022 if template == "2021" else 2020, template=template, tables=tables)


def errors(report: Report) -> list:
    return [d for d in check_with(report, ARITH, Config()) if d.severity is Severity.ERROR]


def mutants(template: str):
    for key in default_cells(template):
        if key.startswith("t3."):
            for delta in (1, -1):
                yield key, delta


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_balanced_report_is_clean(template):
    assert errors(balanced(template)) == []


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_every_single_t3_mutation_is_caught(template):
    escaped = []
    count = 0
    for key, delta in mutants(template):
        rep = balanced(template)
        cell = rep.cell(key)
        cell.value = (cell.value or 0) + delta
        found = errors(rep)
        count += 1
        if not found:
            escaped.append(f"{key}{delta:+d}")
        else:  # the finding points at a cell of the mutated row or column
            row, col = key.split(".", 1)[1].rsplit(".", 1)
            spans = [d.span for d in found] + [s for d in found for s in d.related]
            assert any(s.row == row or s.column_key == col for s in spans), key
    assert count > 150
    assert not escaped, f"mutations not caught: {escaped}"
