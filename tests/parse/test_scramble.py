"""Scrambled layouts never change a cell (issue 14).

From every clean real report in tests/data and a set of generated ones, the
table regions are re-laid as exporters produce them (tests/gen/scramble.py);
for each variant every cell govlint reads must equal the clean report's cell
(missing is allowed, changed never), and no arithmetic (GL2xx) error may
appear that the clean report does not have.  The counts are printed (``-s``)
and written to the test's ``record_property`` for the report.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

import pytest

from gen.damage import Damage, build, random_values
from gen.paths import CORPUS, SEEDS
from gen.scramble import plans, variant
from govlint.config import Config
from govlint.engine import run
from govlint.load import load
from govlint.model import Report, Severity
from govlint.parse import parse_text
from govlint.scaffold.synth import render_report

PER_SOURCE = 80


def _sources() -> list[tuple[str, str]]:
    out = [(p.name, p.read_text(encoding="utf-8")) for p in SEEDS]
    out += [(p.name, p.read_text(encoding="utf-8")) for p in CORPUS if p.suffix in (".txt", ".md")]
    for p in CORPUS:  # a PDF as its text layer reads: the lines another tool would export
        if p.suffix == ".pdf":
            out.append((p.name, "\n".join(ln.text for ln in load(str(p)).lines)))
    for template in ("2019", "2021"):
        year = 2020 if template == "2019" else 2022
        out.append((f"synth-{template}.md", render_report(template, year)))
        for k, layout in enumerate(("space", "tab")):
            rng = random.Random(f"scramble-{template}-{layout}")
            vals = random_values(template, rng)
            out.append((f"damage-{template}-{layout}.txt", build(template, vals, Damage(layout=layout), seed=k)))
    return out


def _cells(rep: Report) -> dict[str, float | None]:
    return {k: c.value for t in rep.tables.values() for k, c in t.cells.items()}


def _arith_errors(rep: Report) -> set[str]:
    return {d.code for d in run(rep, Config()) if d.code.startswith("GL2") and d.severity is Severity.ERROR}


@dataclass
class Tally:
    variants: int = 0
    kept: int = 0
    lost: int = 0
    misreads: list[str] = field(default_factory=list)
    new_errors: list[str] = field(default_factory=list)


def scramble_all(per_source: int = PER_SOURCE) -> Tally:
    tally = Tally()
    for name, text in _sources():
        clean = parse_text(text, name)
        want = {k: v for k, v in _cells(clean).items() if v is not None}
        base_errors = _arith_errors(clean)
        rng = random.Random(f"scramble:{name}")
        for n, layouts in enumerate(plans(rng, per_source)):
            scrambled = variant(text, clean, rng, layouts)
            rep = parse_text(scrambled, name)
            got = _cells(rep)
            tally.variants += 1
            for key, v in got.items():
                if v is not None and want.get(key) != v:
                    tally.misreads.append(f"{name}#{n} {'+'.join(layouts)}: {key}={v} (clean {want.get(key)})")
            kept = sum(1 for k, v in want.items() if got.get(k) == v)
            tally.kept += kept
            tally.lost += len(want) - kept
            extra = _arith_errors(rep) - base_errors
            if extra:
                tally.new_errors.append(f"{name}#{n} {'+'.join(layouts)}: {sorted(extra)}")
    return tally


def test_scrambled_layouts_never_change_a_cell(record_property):
    t = scramble_all()
    summary = (f"scramble: {t.variants} variants, {t.kept} cells kept, {t.lost} cells lost, "
               f"{len(t.misreads)} misreads, {len(t.new_errors)} new GL2xx errors")
    print(summary)
    record_property("scramble", summary)
    assert t.variants >= 2000
    assert not t.misreads, "\n".join(t.misreads[:30])
    assert not t.new_errors, "\n".join(t.new_errors[:30])
