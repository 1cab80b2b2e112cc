"""Throughput benchmark: reports per second, per input format.

Usage:
    python benchmarks/bench.py [--repeat N] [--jobs J] [PATH ...]

Without paths it checks the vendored real reports (tests/data/shared) and,
when the test generator is importable, the five seeds rebuilt as HTML, DOCX
and PDF.  Each file is checked N times in-process (load → parse → rules) and
the median time per file is reported by format.  This is a measurement, not a
test: nothing here asserts on time.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def default_files(tmp: Path) -> list[Path]:
    files = sorted((ROOT / "tests/data/shared/seeds").glob("*.txt"))
    files += sorted(p for p in (ROOT / "tests/data/shared/corpus").iterdir() if p.suffix in (".txt", ".pdf"))
    try:
        from gen import build  # the test suite's own HTML/DOCX/PDF generator
    except Exception as e:  # the generator is optional for the benchmark
        print(f"(no HTML/DOCX/PDF generator: {e})", file=sys.stderr)
        return files
    for seed in sorted((ROOT / "tests/data/shared/seeds").glob("*.txt")):
        try:
            content = build.content_from_seed(seed)
            (tmp / f"{seed.stem}.html").write_text(build.to_html(content), encoding="utf-8")
            build.to_docx(content, str(tmp / f"{seed.stem}.docx"))
            build.to_pdf(content, str(tmp / f"{seed.stem}.pdf"))
        except Exception as e:
            print(f"(could not build {seed.name}: {e})", file=sys.stderr)
    files += sorted(tmp.iterdir())
    return files


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    from govlint.runner import RunOptions, check_file

    with tempfile.TemporaryDirectory() as td:
        files = [Path(p) for p in args.paths] or default_files(Path(td))
        opts = RunOptions()
        per_kind: dict[str, list[float]] = defaultdict(list)
        check_file(str(files[0]), opts)  # warm imports
        for f in files:
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                check_file(str(f), opts)
                times.append(time.perf_counter() - t0)
            per_kind[f.suffix.lower()].append(statistics.median(times))
        print(f"{'format':8} {'files':>5} {'median ms/file':>15} {'reports/s':>10}")
        for kind, ts in sorted(per_kind.items()):
            med = statistics.median(ts)
            print(f"{kind:8} {len(ts):5d} {med * 1000:15.1f} {1 / med:10.1f}")
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, repeat={args.repeat}")


if __name__ == "__main__":
    main()
