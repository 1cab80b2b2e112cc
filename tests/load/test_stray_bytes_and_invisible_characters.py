"""One stray byte in a UTF-8 report, and invisible characters inside row labels: the report is
read whole, with the same cells as the clean copy (a GL903 warning says what was replaced)."""
from __future__ import annotations

import os
import subprocess
import sys

from gen.paths import SEEDS
from govlint.load import Limits, load
from govlint.parse import parse_document

SEED = next(p for p in SEEDS if p.name.startswith("000"))


def _cells(path) -> dict:
    report = parse_document(load(str(path), Limits()))
    return {k: c.value for t in report.tables.values() for k, c in t.cells.items()}


def test_one_stray_byte_is_replaced_with_a_gl903_warning_and_the_report_checked(tmp_path):
    data = SEED.read_bytes()
    at = data.index("行政许可".encode("utf-8"))
    bad = tmp_path / "stray.txt"
    bad.write_bytes(data[:at] + b"\xff" + data[at:])
    assert _cells(bad) == _cells(SEED)
    r = subprocess.run([sys.executable, "-m", "govlint", "check", "--no-cache", str(bad)], capture_output=True,
                       text=True, timeout=120, env=dict(os.environ, NO_COLOR="1"))
    line = data[:at].count(b"\n") + 1
    assert f"GL903 [警告] 文件有 1 处字节不是有效的 UTF-8（第一处在第 {line} 行）" in r.stdout, r.stdout
    assert "GL301" in r.stdout  # the report's own findings are all there


def test_zero_width_space_and_soft_hyphen_in_row_labels_change_no_cell(tmp_path):
    text = SEED.read_text("utf-8").replace("（一）予以公开", "（一）予以\u200b公开", 1)
    text = text.replace("行政许可", "行政\u00ad许可", 1).replace("（二）部分公开", "（二）部分\ufeff公开", 1)
    p = tmp_path / "invisible.txt"
    p.write_text(text, encoding="utf-8")
    assert _cells(p) == _cells(SEED)
