"""Ctrl-C (or SIGTERM) on a long run: status 130, the old -o file untouched, no worker left,
no damaged or half-written cache entry."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govlint.executors.cache import ResultCache

from gen.paths import SEEDS


def _entries(folder: Path) -> list[Path]:
    return [p for p in folder.glob("*/*") if p.is_file()]


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups are POSIX")
@pytest.mark.parametrize("jobs,sig", [("2", signal.SIGINT), ("2", signal.SIGTERM), ("1", signal.SIGINT)])
def test_an_interrupted_run_leaves_nothing_half_done(tmp_path: Path, jobs: str, sig: int) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for i in range(120):
        src = SEEDS[i % len(SEEDS)]
        shutil.copy(src, reports / f"{i:03d}_{src.name}")
    out = tmp_path / "findings.json"
    out.write_text("the previous run's findings\n", "utf-8")
    cache = tmp_path / "cache"
    env = {**os.environ, "GOVLINT_CACHE_DIR": str(cache)}
    proc = subprocess.Popen([sys.executable, "-m", "govlint", "check", str(reports), "-j", jobs,
                             "--output-format", "json", "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)  # its own group, as a terminal's foreground job
    deadline = time.monotonic() + 300
    while len(_entries(cache / "results")) < 8 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    os.killpg(proc.pid, sig)  # what Ctrl-C does: the signal goes to every process of the group
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] in ("已中断，未写出结果", "interrupted; no results written")
    assert out.read_text("utf-8") == "the previous run's findings\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".govlint-")]
    deadline = time.monotonic() + 10
    while _group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _group_alive(proc.pid), "a worker outlived the interrupted run"
    entries = _entries(cache / "results")
    assert 8 <= len(entries) < 120
    assert all(ResultCache.decode(p.read_bytes(), p.parent.name + p.name) for p in entries)
    assert not list((cache / "results").glob(".tmp-*"))
