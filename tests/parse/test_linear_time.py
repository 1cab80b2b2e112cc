"""Hostile layouts parse in linear time: a line of 40,000 spaces, 20,000 repeated 表三 rows.

Each runs the real command line in a subprocess under ``limits: max-seconds``;
the subprocess ``timeout`` (the harness's bound, not a timed assertion) fails
a parser that is still quadratic, and GL908 in the output says the budget
stopped it.  The seed's own findings must all still be there.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from gen.paths import SEEDS

SEED = next(p for p in SEEDS if p.name.startswith("000"))


def _findings(tmp_path: Path, name: str, text: str) -> list[tuple[str, str]]:
    (tmp_path / ".govlint.yaml").write_text("limits: {max-seconds: 20}\n", encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "govlint", "check", "--no-cache", "--format", "json", name],
                       capture_output=True, text=True, cwd=tmp_path, timeout=120,
                       env=dict(os.environ, NO_COLOR="1"))
    assert r.returncode in (0, 1) and "Traceback" not in r.stderr, r.stderr
    return sorted((d["code"], d["message"]) for d in json.loads(r.stdout))


def _seed_lines() -> list[str]:
    return SEED.read_text("utf-8").split("\n")


def test_a_line_of_40000_spaces_keeps_the_seeds_findings(tmp_path):
    lines = _seed_lines()
    expected = _findings(tmp_path, "seed.txt", "\n".join(lines))
    for at in (5, 9, 13, 17):  # ≈ 10 s each for the quadratic cleaning: 40 s, twice the budget
        lines.insert(at, "甲" + " " * 40_000 + ("乙" if at % 2 else ""))
    got = _findings(tmp_path, "spaces.txt", "\n".join(lines))
    assert not [f for f in got if f[0] == "GL908"], got
    assert got == expected


def test_20000_repeated_table_three_rows_finish_with_findings(tmp_path):
    lines = _seed_lines()
    i = next(k for k, ln in enumerate(lines) if ln.startswith("（一）予以公开"))
    lines[i + 1:i + 1] = ["| （一）予以公开 | 1 | | 0 | 0 | 1 | 0 | 2 | |"] * 20_000
    got = _findings(tmp_path, "rows.txt", "\n".join(lines))
    assert not [f for f in got if f[0] == "GL908"], got
    assert got  # real findings: the repeated rows break the table's sums

