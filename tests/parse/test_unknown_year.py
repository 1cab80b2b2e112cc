"""A report year govlint cannot read (9999年) skips every year-gated rule: the run says so."""
from __future__ import annotations

import os
import subprocess
import sys

from gen.paths import SEEDS

SEED = next(p for p in SEEDS if p.name.startswith("000"))


def test_year_9999_is_a_gl905_warning_naming_the_skipped_checks(tmp_path):
    (tmp_path / "r.txt").write_text(SEED.read_text("utf-8").replace("2020年", "9999年"), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "govlint", "check", "--no-cache", "r.txt"], capture_output=True,
                       text=True, cwd=tmp_path, timeout=120, env=dict(os.environ, NO_COLOR="1"))
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert "r.txt: GL905 [警告] 未能识别报告年度" in r.stdout and "未进行" in r.stdout, r.stdout
