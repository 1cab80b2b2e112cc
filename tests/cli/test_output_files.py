"""Where an output goes: ``-o`` and ``--write-baseline`` never replace a device, a FIFO or a
symlink, report every write error in one line, and leave no temporary file.

Each runs the real command line in a subprocess whose ``timeout`` bounds a
hang (a FIFO nobody reads).  The ``/dev/null`` and full-disk tests need root
and a private mount namespace (``unshare -m``), so the machine's own
/dev/null is never at risk; they skip with a message elsewhere.
"""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from gen.paths import SEEDS

SEED = SEEDS[0]


def _govlint(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    r = subprocess.run([sys.executable, "-m", "govlint", *args], capture_output=True, text=True,
                       cwd=tmp_path, timeout=120, env=dict(os.environ, NO_COLOR="1"))
    assert "Traceback" not in r.stderr, r.stderr
    return r


def _report(tmp_path: Path) -> str:
    shutil.copy(SEED, tmp_path / "r.txt")
    return "r.txt"


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.name.startswith(".govlint-")]


def test_symlink_is_followed_and_stays_a_link(tmp_path):
    (tmp_path / "link.txt").symlink_to("real.txt")
    r = _govlint(tmp_path, "check", _report(tmp_path), "-o", "link.txt")
    assert r.returncode == 1, r.stderr
    assert (tmp_path / "link.txt").is_symlink() and "GL301" in (tmp_path / "real.txt").read_text("utf-8")
    assert not _leftovers(tmp_path)


def test_fifo_is_written_through(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    r = _govlint(tmp_path, "check", _report(tmp_path), "-o", "out.fifo")
    reader.join(30)
    assert r.returncode == 1, r.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and b"GL301" in got[0]


def test_existing_output_keeps_its_mode(tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    _govlint(tmp_path, "check", _report(tmp_path), "-o", "out.txt")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640 and "GL301" in out.read_text("utf-8")


def test_output_equal_to_the_baseline_is_refused_and_the_baseline_stays(tmp_path):
    r = _govlint(tmp_path, "check", _report(tmp_path), "--write-baseline", "base.json")
    before = (tmp_path / "base.json").read_bytes()
    for args in (("-o", "base.json", "--write-baseline", "base.json"), ("-o", "base.json", "--baseline", "base.json")):
        r = _govlint(tmp_path, "check", "r.txt", *args)
        assert r.returncode == 2 and "同一个文件" in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert (tmp_path / "base.json").read_bytes() == before


def _namespace(script: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run ``script`` (sh) as root in a private mount namespace, or skip.

    Device nodes are only ever written there: a wrong writer renaming over the
    machine's own /dev/null or /dev/full would break every program on it.
    """
    if os.geteuid() != 0 or not shutil.which("unshare"):
        pytest.skip("needs root and unshare(1) for a private mount namespace")
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs none /mnt"], capture_output=True,
                           timeout=30)
    if probe.returncode != 0:
        pytest.skip(f"no private mount namespace here: {probe.stderr.decode(errors='replace').strip()}")
    return subprocess.run(["unshare", "-m", "sh", "-ec", script], capture_output=True, text=True, cwd=tmp_path,
                          timeout=120, env=dict(os.environ, NO_COLOR="1", PY=sys.executable))


def test_dev_null_as_root_stays_a_character_device(tmp_path):
    _report(tmp_path)
    r = _namespace("""
        mount -t tmpfs none /dev
        mknod -m 666 /dev/null c 1 3; mknod -m 666 /dev/zero c 1 5; mknod -m 444 /dev/urandom c 1 9
        "$PY" -m govlint check r.txt -o /dev/null --output-format json || echo "exit $?"
        stat -c %F /dev/null
    """, tmp_path)
    assert "Traceback" not in r.stderr, r.stderr
    assert r.stdout.strip().splitlines() == ["exit 1", "character special file"], r.stdout + r.stderr


def test_dev_full_is_one_line_and_exit_2_and_stays_a_device(tmp_path):
    _report(tmp_path)
    r = _namespace("""
        mount -t tmpfs none /dev
        mknod -m 666 /dev/null c 1 3; mknod -m 666 /dev/full c 1 7; mknod -m 444 /dev/urandom c 1 9
        "$PY" -m govlint check r.txt -o /dev/full || echo "exit $?"
        stat -c %F /dev/full
    """, tmp_path)
    assert r.stdout.strip().splitlines() == ["exit 2", "character special file"], r.stdout + r.stderr
    assert r.stderr.strip().splitlines() == ["govlint: 无法写入 /dev/full：No space left on device"], r.stderr


def test_full_disk_is_one_line_and_leaves_no_temporary_file(tmp_path):
    _report(tmp_path)
    (tmp_path / "small").mkdir()
    r = _namespace("""
        mount -t tmpfs -o size=64k none small
        dd if=/dev/zero of=small/fill bs=4k count=100 2>/dev/null || true
        "$PY" -m govlint check r.txt -o small/out.txt || echo "exit $?"
        "$PY" -m govlint check r.txt --write-baseline small/base.json >/dev/null || echo "exit $?"
        ls -a small
    """, tmp_path)
    assert "Traceback" not in r.stderr, r.stderr
    assert r.stdout.split("\n")[:5] == ["exit 2", "exit 2", ".", "..", "fill"], r.stdout
    assert r.stderr.count("govlint: ") == 2 and "No space left" in r.stderr, r.stderr
