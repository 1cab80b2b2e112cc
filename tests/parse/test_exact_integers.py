"""Whole numbers stay exact from the cell to the message: 99999999999999999999 is not 1e20."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from gen.paths import SEEDS

SEED = next(p for p in SEEDS if p.name.startswith("000"))


def test_a_twenty_digit_count_stays_exact(tmp_path):
    text = SEED.read_text("utf-8").replace("（一）予以公开 1 ", "（一）予以公开 99999999999999999999 ", 1)
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    run = [sys.executable, "-m", "govlint"]
    r = subprocess.run([*run, "check", "--no-cache", "big.txt"], capture_output=True, text=True, cwd=tmp_path,
                       timeout=120, env=dict(os.environ, NO_COLOR="1"))
    assert "相差99999999999999999998" in r.stdout and "e+" not in r.stdout, r.stdout
    x = subprocess.run([*run, "extract", "big.txt"], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert "99999999999999999999" in x.stdout and json.loads(x.stdout)
