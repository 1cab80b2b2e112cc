"""A report whose file name is GBK bytes (not UTF-8, as a Windows share or an old zip gives):
every output names it as %XX per byte, no writer raises, and JSON outputs stay valid JSON.

The real command line in a subprocess (``timeout`` bounds it); skipped on a
file system that refuses names that are not UTF-8.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gen.paths import SEEDS

NAME = "报告.txt".encode("gbk")  # b'\xb1\xa8\xb8\xe6.txt'
SHOWN = "%B1%A8%B8%E6.txt"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    try:
        shutil.copy(SEEDS[0], os.path.join(os.fsencode(tmp_path), NAME))
    except (OSError, UnicodeError) as e:
        pytest.skip(f"this file system refuses a GBK file name: {e}")
    return tmp_path


def _govlint(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    name = os.fsdecode(NAME)
    argv = [a.replace("{name}", name) for a in args]
    r = subprocess.run([sys.executable, "-m", "govlint", *argv], capture_output=True, cwd=cwd, timeout=120,
                       env=dict(os.environ, NO_COLOR="1", **env))
    # a stdout whose errors are surrogateescape (a C locale) passes the name's bytes through: fine there
    out, err = r.stdout.decode("utf-8", "surrogateescape"), r.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    return subprocess.CompletedProcess(r.args, r.returncode, out, err)


def test_text_output_file_and_strict_utf8_stdout(folder):
    r = _govlint(folder, "check", "{name}", "-o", "out.txt")
    assert r.returncode == 1 and (folder / "out.txt").read_text("utf-8").startswith(f"{SHOWN}:2:1: GL301")
    strict = _govlint(folder, "check", "{name}", PYTHONIOENCODING="utf-8:strict")
    assert strict.returncode == 1 and strict.stdout.startswith(f"{SHOWN}:2:1: GL301"), strict.stdout


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "html", "csv", "github"])
def test_every_format_to_a_file(folder, fmt):
    r = _govlint(folder, "check", ".", "--output-format", fmt, "-o", f"out.{fmt}")
    assert r.returncode == 1, r.stderr
    text = (folder / f"out.{fmt}").read_text("utf-8-sig")
    if fmt in ("json", "sarif"):
        json.loads(text)
    assert "%B1%A8%B8%E6" in text


def test_baseline_written_and_read_back(folder):
    w = _govlint(folder, "check", "{name}", "--write-baseline", "base.json")
    assert w.returncode == 1 and json.loads((folder / "base.json").read_text("utf-8"))["findings"]
    again = _govlint(folder, "check", "{name}", "--baseline", "base.json")
    assert again.returncode == 0 and "未发现问题" in again.stdout, again.stdout + again.stderr


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_extract_to_a_file(folder, fmt):
    r = _govlint(folder, "extract", "{name}", "--format", fmt, "-o", f"x.{fmt}")
    assert r.returncode in (0, 1) and (folder / f"x.{fmt}").stat().st_size > 0, r.stderr
