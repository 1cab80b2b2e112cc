"""Files in a checked folder that are not reports are skipped with one notice, not GL909 errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govlint.scaffold.synth import render_report


def govlint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govlint", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, timeout=120)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    import docx

    d = tmp_path / "reports"
    d.mkdir()
    (d / "2022年报.md").write_text(render_report("2021", 2022), encoding="utf-8")
    (d / "EXPECTED.md").write_text("# What the checks find\n\n| file | findings |\n|---|---|\n"
                                   "| 2022年报.md | none |\n", encoding="utf-8")
    (d / "备注.txt").write_text("这些报告于2023年1月收集。\n", encoding="utf-8")
    note = docx.Document()
    note.add_paragraph("附件说明：报告原件另附。")
    note.save(str(d / "附件说明.docx"))
    return d


def test_folder_run_skips_them_with_one_notice(folder):
    r = govlint("check", "reports", cwd=folder.parent)
    assert r.returncode == 0, r.stdout
    assert "GL909" not in r.stdout
    assert r.stdout.strip().endswith("共检查 1 个文件，未发现问题")
    lines = [ln for ln in r.stderr.splitlines() if "已跳过" in ln]
    assert len(lines) == 1 and lines[0].startswith("已跳过3个不是年度报告的文件")
    assert all(n in lines[0] for n in ("EXPECTED.md", "备注.txt", "附件说明.docx"))


def test_json_and_english(folder):
    r = govlint("check", "--output-format", "json", "--lang", "en", "reports", cwd=folder.parent)
    assert r.returncode == 0 and json.loads(r.stdout) == []
    assert "skipped 3 file(s) that are not annual reports" in r.stderr


def test_a_file_named_explicitly_still_gets_gl909(folder):
    r = govlint("check", "reports/备注.txt", "reports", cwd=folder.parent)
    assert r.returncode == 1
    assert "reports/备注.txt: GL909" in r.stdout
    assert "已跳过2个" in r.stderr and "备注.txt" not in r.stderr
