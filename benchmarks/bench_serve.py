"""Latency of ``govlint serve``: one upload answered by the JSON API and by the page.

Usage:
    python benchmarks/bench_serve.py [--requests N] [--concurrent C]

Starts a real server on 127.0.0.1 (a free port), uploads seed 004 rebuilt as
.docx ``N`` times to ``/api/check`` and to ``/check`` (the page adds the HTML
report and the annotated copy), then ``C`` uploads at once, and prints the
median seconds per request and the server's peak memory.  A measurement, not
a test: nothing here asserts on time.  Needs the serve and dev extras.
"""
from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> int:
    import httpx

    from gen.build import content_from_seed, to_docx

    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=10)
    ap.add_argument("--concurrent", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        doc = Path(tmp) / "seed004.docx"
        to_docx(content_from_seed(str(next((ROOT / "tests/data/shared/seeds").glob("004_*.txt")))), str(doc))
        data = doc.read_bytes()
        proc = subprocess.Popen([sys.executable, "-m", "govlint", "serve", "--port", str(port)], cwd=tmp,
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    httpx.get(url + "/healthz", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)

            def post(path: str) -> float:
                t0 = time.perf_counter()
                r = httpx.post(url + path, files=[("files", ("r.docx", data))], timeout=120)
                r.raise_for_status()
                return time.perf_counter() - t0

            for path in ("/api/check", "/check"):
                post(path)  # warm-up: imports, rule packs
                times = [post(path) for _ in range(args.requests)]
                print(f"{path:12s} median {statistics.median(times):.3f} s over {args.requests} requests")
            t0 = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.concurrent) as pool:
                list(pool.map(lambda _i: post("/api/check"), range(args.concurrent)))
            print(f"{args.concurrent} at once: all answered in {time.perf_counter() - t0:.2f} s")
            status = Path(f"/proc/{proc.pid}/status")
            if status.exists():
                hwm = next(ln for ln in status.read_text().splitlines() if ln.startswith("VmHWM"))
                print(f"server peak memory: {int(hwm.split()[1]) // 1024} MB")
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
