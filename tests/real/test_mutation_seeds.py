"""Mutation test on the real seeds: every T3 cell changed by ±1 in the text.

The number at each extracted cell's location is rewritten in the original
text, the report is parsed and checked again, and an arithmetic rule (GL2xx)
must report an error.  This exercises the parser's locations, the parser and
the rules together: a mutation that lands in the wrong cell, or a rule that
misses it, fails the test.
"""
from __future__ import annotations

import pytest

from gen.paths import SEEDS
from govlint.config import Config
from govlint.engine import check_with, rules_for
from govlint.load import load
from govlint.parse import parse_document, parse_text
from govlint.model import Severity

ARITH = [r for r in rules_for().rules if r.code.startswith("GL2")]


def _arith_errors(report) -> list:
    return [d for d in check_with(report, ARITH, Config()) if d.severity is Severity.ERROR]


def _mutate(lines: list[str], cell, delta: int) -> list[str]:
    out = list(lines)
    i, col = cell.span.line - 1, cell.span.column - 1
    line = out[i]
    assert line[col:col + len(cell.raw)] == cell.raw
    new = str(int(cell.value) + delta)
    out[i] = line[:col] + new + line[col + len(cell.raw):]
    return out


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_every_t3_cell_changed_by_one_is_caught(seed):
    original = parse_document(load(str(seed)))
    assert not _arith_errors(original), "the seeds' T3 tables balance"
    lines = seed.read_text(encoding="utf-8").splitlines()
    cells = [c for c in original.tables["t3"].cells.values() if c.value is not None]
    assert len(cells) >= 80
    missed = []
    for cell in cells:
        for delta in (1, -1):
            mutated = parse_text("\n".join(_mutate(lines, cell, delta)), str(seed), kind="text")
            assert mutated.value(cell.key) == cell.value + delta, (cell.key, delta)
            if not _arith_errors(mutated):
                missed.append((cell.key, delta))
    assert not missed, missed
