"""``govlint serve`` refuses a broken configuration in one line, before it binds anything."""
from __future__ import annotations

import subprocess
import sys

import pytest

pytest.importorskip("uvicorn", reason="govlint[serve] not installed")


def test_a_broken_config_is_one_line_and_exit_2(tmp_path):
    cfg = tmp_path / ".govlint.yaml"
    cfg.write_text("limits: {max-bytes: -5}\n", "utf-8")
    r = subprocess.run([sys.executable, "-m", "govlint", "serve", "--config", str(cfg), "--port", "0"],
                       capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "limits" in r.stderr
