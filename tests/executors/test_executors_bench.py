"""The benchmark runs from a clone with its one documented command and prints every figure.

Only that it runs and what it prints are checked, never a time: speed is
measured by the benchmark, not asserted by a test.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_benchmark_prints_every_figure_in_one_run() -> None:
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--files", "6", "--big", "6",
                        "--repeat", "1", "--runs", "1"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Traceback" not in r.stderr
    out = r.stdout
    for row in ("floor (read+NFKC+regex)", "govlint -j 1 ", "govlint -j 2 ", "govlint -j 1 --ignore GL7",
                "govlint -j 2 --ignore GL7", "govlint -j 2, cache cold", "govlint, cached rerun"):
        assert len(re.findall(rf"^{re.escape(row)}.*\d", out, re.M)) >= (2 if "cache" in row or row in (
            "govlint -j 1 ", "govlint -j 2 ") else 1), (row, out)
    assert "6 text reports" in out and out.count("-j 2 / -j 1 throughput") == 3
    assert re.search(r"cold start \(medians of 1\): govlint --version \d+ ms wall, \d+ ms CPU; "
                     r"govlint check \S+ \d+ ms wall, \d+ ms CPU", out)
    for fmt in (".txt", ".html", ".docx", ".pdf"):
        assert re.search(rf"^{re.escape(fmt)}\s+\d+\s+[\d.]+\s+\d+\s+[\d.]+\s+\d+$", out, re.M), (fmt, out)
    assert re.search(r"load average before: .+\n", out) and "load average after" in out
