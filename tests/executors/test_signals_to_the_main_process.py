"""Signals sent to the main process alone (``kill PID``, a supervisor, two quick Ctrl-C in a
wrapper): with ``-j 2`` the run still ends with status 130, no worker left, no output, no
temporary file.  The ``communicate`` timeout is the harness's bound on a deadlock."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gen.paths import SEEDS


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as fh:
            return [int(x) for x in fh.read().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="reads worker pids from /proc (Linux)")
@pytest.mark.parametrize("signals", [(signal.SIGINT, signal.SIGINT), (signal.SIGTERM,)], ids=["two-sigint", "sigterm"])
def test_signals_to_the_main_process_stop_the_run_and_its_workers(tmp_path: Path, signals) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for i in range(300):
        src = SEEDS[i % len(SEEDS)]
        shutil.copy(src, reports / f"{i:03d}_{src.name}")
    out = tmp_path / "findings.txt"
    proc = subprocess.Popen([sys.executable, "-m", "govlint", "check", str(reports), "-j", "2", "--no-cache",
                             "-o", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while len(_children(proc.pid)) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(proc.pid)
    time.sleep(1.0)  # the workers are busy with files
    assert proc.poll() is None and workers, "the run finished before it could be interrupted"
    for sig in signals:
        os.kill(proc.pid, sig)
        time.sleep(0.05)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130 and "Traceback" not in err, err
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".govlint-")]
    deadline = time.monotonic() + 20
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [w for w in workers if _alive(w)], "a worker outlived the interrupted run"
