"""``govlint check … --annotate OUT`` from the command line: guards, umask, the input untouched."""
from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import docx

from gen.build import sample_values, standard_content, to_docx

SEEDS = Path(__file__).resolve().parents[1] / "data" / "shared" / "seeds"


def _govlint(*args: str, cwd: Path, umask: int = 0o022) -> subprocess.CompletedProcess:
    code = f"import os, sys; os.umask({umask}); from govlint.cli import main; sys.argv[0] = 'govlint'; main()"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_annotate_writes_a_copy_with_the_users_umask_and_leaves_the_input(tmp_path):
    v = sample_values("2021")
    v["t4.review.total"] = "9"
    src = tmp_path / "年报.docx"
    to_docx(standard_content(v), str(src))
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    proc = _govlint("check", src.name, "--annotate", "年报-审核.docx", cwd=tmp_path, umask=0o027)
    assert proc.returncode == 1, proc.stderr
    out = tmp_path / "年报-审核.docx"
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o640
    comments = list(docx.Document(str(out)).comments)
    assert f"已写入 年报-审核.docx（{len(comments)} 条批注）" in proc.stderr
    assert proc.stdout.count(": GL") == len(comments) and {c.author for c in comments} == {"govlint"}
    assert any(c.text.startswith("GL204 [错误] 表四“行政复议”") for c in comments)
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".govlint-")]  # no temp file left


def test_output_file_mode_follows_the_umask_too(tmp_path):
    src = tmp_path / "r.txt"
    src.write_bytes(next(SEEDS.glob("004_*.txt")).read_bytes())
    proc = _govlint("check", "r.txt", "--output-format", "json", "-o", "r.json", cwd=tmp_path, umask=0o002)
    assert proc.returncode == 1, proc.stderr
    assert stat.S_IMODE(os.stat(tmp_path / "r.json").st_mode) == 0o664


def test_annotate_refuses_what_it_cannot_do_in_one_line(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    for p in (a, b):
        p.write_bytes(next(SEEDS.glob("004_*.txt")).read_bytes())
    html = tmp_path / "c.html"
    html.write_text("<html><body><h1>x</h1></body></html>", "utf-8")
    for args, words in ((["a.txt", "b.txt", "--annotate", "x.txt"], "只能用于一个报告文件"),
                        (["a.txt", "--annotate", "a.txt"], "拒绝覆盖"),
                        (["c.html", "--annotate", "x.html"], "只支持 Word")):
        proc = _govlint("check", *args, cwd=tmp_path)
        assert proc.returncode == 2 and words in proc.stderr and "Traceback" not in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.txt").exists()


def test_an_unreadable_file_gets_its_gl9xx_and_no_copy(tmp_path):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    proc = _govlint("check", bad.name, "--annotate", "out.docx", cwd=tmp_path)
    assert proc.returncode == 1 and "GL901" in proc.stdout
    assert "未生成批注副本" in proc.stderr and not (tmp_path / "out.docx").exists()
