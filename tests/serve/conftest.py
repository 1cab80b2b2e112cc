"""A real ``govlint serve`` on 127.0.0.1 for the server tests, stopped at the end whatever happens.

The server runs as its own process (uvicorn, as officers run it) with
``TMPDIR`` pointing into the test's folder, so the tests can see that uploads
go there and nowhere else, and that nothing stays behind.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="govlint[serve] not installed")
pytest.importorskip("uvicorn", reason="govlint[serve] not installed")
httpx = pytest.importorskip("httpx", reason="httpx (dev extra) not installed")

MAX_BYTES = 1024 * 1024  # 1 MB per file in the test server's config


@dataclass
class Server:
    url: str
    pid: int
    tmp: Path  # the server's TMPDIR
    root: Path  # the test's folder (TMPDIR's parent)

    def leftovers(self) -> list[Path]:
        return sorted(self.tmp.rglob("*"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Server:
    root = tmp_path_factory.mktemp("serve")
    tmp = root / "tmp"
    tmp.mkdir()
    cfg = root / "conf" / ".govlint.yaml"
    cfg.parent.mkdir()
    cfg.write_text(f"limits: {{max-bytes: {MAX_BYTES}, max-seconds: 30}}\n", "utf-8")
    port = _free_port()
    env = {**os.environ, "TMPDIR": str(tmp), "GOVLINT_NO_CACHE": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "govlint", "serve", "--port", str(port),
                             "--config", str(cfg), "--workers", "2"],
                            env=env, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
                pytest.fail(f"govlint serve did not start: {out}")
            time.sleep(0.2)
        yield Server(url, proc.pid, tmp, root)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
