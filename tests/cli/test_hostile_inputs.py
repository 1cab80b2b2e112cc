"""Special files, loops and broken configs met on the way to the reports: one diagnostic or one
line each, never a hang, a traceback or a silently skipped check.

Every case runs the real command line in a subprocess; its ``timeout`` is
the harness's bound on a hang (a FIFO read blocks for ever, /dev/zero reads
until memory runs out).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gen.paths import SEEDS

SEED = SEEDS[0]


def _govlint(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    r = subprocess.run([sys.executable, "-m", "govlint", *args], capture_output=True, text=True, cwd=cwd,
                       timeout=120, env=dict(os.environ, NO_COLOR="1", **env))
    assert "Traceback" not in r.stderr + r.stdout, r.stderr
    return r


def _folder(tmp_path: Path) -> Path:
    d = tmp_path / "reports"
    d.mkdir()
    shutil.copy(SEED, d / "r.txt")
    return d


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_and_a_device_in_a_folder_are_gl901_and_the_rest_is_checked(tmp_path):
    d = _folder(tmp_path)
    os.mkfifo(d / "x.txt")
    (d / "big.txt").symlink_to("/dev/zero")
    for cache in ((), ("--no-cache",)):
        r = _govlint(tmp_path, "check", "reports", *cache)
        assert r.returncode == 1, r.stderr
        assert "reports/x.txt: GL901 [错误] 这是命名管道，不是普通文件，未读取" in r.stdout, r.stdout
        assert "reports/big.txt: GL901 [错误] 这是字符设备，不是普通文件，未读取" in r.stdout
        assert "reports/r.txt:2:1: GL301" in r.stdout and "共检查 3 个文件" in r.stdout


def test_symlink_loop_is_gl901_whether_in_a_folder_or_named(tmp_path):
    d = _folder(tmp_path)
    (d / "a.txt").symlink_to("b.txt")
    (d / "b.txt").symlink_to("a.txt")
    r = _govlint(tmp_path, "check", "reports")
    assert "reports/a.txt: GL901 [错误] 无法读取文件：符号链接形成循环" in r.stdout, r.stdout
    assert "reports/r.txt:2:1: GL301" in r.stdout
    named = _govlint(tmp_path, "check", "reports/a.txt", "--lang", "en")
    assert named.returncode == 1 and "GL901" in named.stdout and "symbolic links" in named.stdout, named.stderr


@pytest.mark.parametrize("args", [("check", "reports"), ("test", "/dev/zero")])
def test_rule_file_that_is_a_device_is_one_line(tmp_path, args):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero on this system")
    _folder(tmp_path)
    (tmp_path / ".govlint.yaml").write_text("rule-files: [/dev/zero]\n", encoding="utf-8")
    r = _govlint(tmp_path, *args)
    assert r.returncode == 2 and r.stderr.strip() == \
        "govlint: /dev/zero: cannot read rule file: /dev/zero is a character device, not a regular file", r.stderr


def test_gbk_pyproject_of_another_tool_is_passed_over(tmp_path):
    _folder(tmp_path)
    (tmp_path / "pyproject.toml").write_bytes('[tool.other]\nname = "报告"\n'.encode("gbk"))
    r = _govlint(tmp_path, "check", "reports")
    assert r.returncode == 1 and "GL301" in r.stdout, r.stderr


def test_gbk_pyproject_with_a_govlint_table_is_one_line(tmp_path):
    _folder(tmp_path)
    (tmp_path / "pyproject.toml").write_bytes('[tool.govlint]\nselect = ["GL3"]\n# 报告\n'.encode("gbk"))
    r = _govlint(tmp_path, "check", "reports")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "pyproject.toml: cannot read TOML: not UTF-8" in r.stderr


@pytest.mark.parametrize("name,text", [
    (".govlint.yaml", "select: " + "[" * 5000 + "]" * 5000 + "\n"),
    ("pyproject.toml", "[tool.govlint]\nselect = " + "[" * 5000 + "]" * 5000 + "\n"),
])
def test_config_nested_5000_deep_is_one_line(tmp_path, name, text):
    _folder(tmp_path)
    (tmp_path / name).write_text(text, encoding="utf-8")
    r = _govlint(tmp_path, "check", "reports")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and name in r.stderr, r.stderr
    assert "nested too deeply" in r.stderr


def test_parse_cache_entry_of_the_wrong_shape_is_dropped(tmp_path):
    _folder(tmp_path)
    cache = tmp_path / "cache"
    first = _govlint(tmp_path, "check", "reports", GOVLINT_CACHE_DIR=str(cache))
    entries = sorted(cache.glob("yaml-*.json")) + sorted(cache.glob("template-*.json"))
    assert entries, "the first run caches the parsed rule packs and templates"
    for p in entries:
        p.write_text("null", encoding="utf-8")
    for _ in range(2):  # the bad entries are dropped and rewritten: the next run is as good
        again = _govlint(tmp_path, "check", "reports", GOVLINT_CACHE_DIR=str(cache))
        assert again.returncode == first.returncode == 1 and again.stdout == first.stdout, again.stderr
    assert all(p.read_text("utf-8") != "null" for p in entries)
