"""A report in a folder one may not enter, and a sub-folder one may not enter: GL901 saying so,
never a traceback or "no such path", and the other reports are checked.

Permissions mean nothing to root, so as root the command runs as ``nobody``
through setpriv(1) (skipped with a message where that is not possible).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from gen.paths import SEEDS


@pytest.fixture()
def place():
    d = Path(tempfile.mkdtemp(prefix="govlint-perm-"))  # not under pytest's 0700 folder: nobody must reach it
    d.chmod(0o755)
    (d / "locked").mkdir()
    shutil.copy(SEEDS[0], d / "r.txt")
    shutil.copy(SEEDS[0], d / "locked" / "r.txt")
    (d / "locked").chmod(0o000)
    yield d
    (d / "locked").chmod(0o755)
    shutil.rmtree(d)


def _as_user(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "govlint", *args]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv(1): permissions cannot be tested")
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    env = dict(os.environ, NO_COLOR="1", GOVLINT_CACHE_DIR=str(cwd / "cache"), HOME=str(cwd))
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=120, env=env)
    if r.returncode == 126 or "Permission denied" in r.stderr and "python" in r.stderr.split(":")[0]:
        pytest.skip(f"the test user cannot run this Python: {r.stderr.strip()[:120]}")
    assert "Traceback" not in r.stderr, r.stderr
    return r


def test_named_file_in_an_unreadable_folder_is_gl901(place):
    r = _as_user(place, "check", "--no-cache", "locked/r.txt")
    assert r.returncode == 1 and "locked/r.txt: GL901 [错误] 无法读取文件：没有读取权限" in r.stdout, r.stdout + r.stderr


def test_unreadable_sub_folder_is_gl901_and_the_rest_is_checked(place):
    r = _as_user(place, "check", "--no-cache", ".")
    assert r.returncode == 1, r.stderr
    assert "locked: GL901 [错误] 无法进入此文件夹（没有权限），其中的报告未检查" in r.stdout, r.stdout
    assert "r.txt:2:1: GL301" in r.stdout
