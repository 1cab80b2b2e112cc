"""govlint's speed, measured in one run: the floor, -j 1, -j 2, cold start, per format, memory, cache.

Usage (from a fresh clone)::

    pip install -e . && python benchmarks/bench.py    # everything below; 5-10 minutes on 2 cores
    python benchmarks/bench.py --big 0                # without the 10,000-report part (2 minutes)
    python benchmarks/bench.py --profile              # cProfile of -j 1 over the batch: where the time goes

What it prints (every figure measured now, on this machine; nothing here is
asserted — speed is never a test):

* the machine: cores, CPU, Python, and the load average before and after
  (other work on the machine makes every figure worse, and -j 2 most);
* floor: read + NFKC + one regex scan of the same files — what no linter of
  these files can beat;
* ``govlint check`` of a folder of ``--files`` text reports (the seeds and the
  corpus over and over, JSON to a file) as a command: with -j 1 and -j 2, as
  run by default (the cross-report stage on, so every report is kept until
  it has run) and with ``--ignore GL7`` (findings stream, nothing is kept);
  then twice with a fresh cache (cold, then the rerun): wall seconds,
  reports/s, CPU seconds, peak RSS of the largest process of that run alone,
  and the ratios to the floor and of -j 2 to -j 1;
* the same for ``--big`` reports (default 10,000) with ``--ignore GL7``:
  peak memory with -j 1 and -j 2, a cold cache and the cached rerun;
* cold start: medians (wall and CPU) of ``govlint --version`` and of
  ``govlint check`` of one text report;
* per format (txt, html, docx, pdf — the seeds rebuilt by the test
  generator, plus the real corpus PDF): median in-process ms per file, wall
  and CPU;
* bytes a worker sends back per result: whole report, and cut to what JSON
  (``meta``) and the terminal report (``excerpt``) read.

The commands run with their bytecode cached (in the temporary folder), as an
installed package has it: a setting such as PYTHONDONTWRITEBYTECODE would
otherwise make every cold start compile govlint again.
"""
from __future__ import annotations

import argparse
import os
import pickle
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / "tests" / "data" / "shared"
sys.path.insert(0, str(ROOT / "tests"))


def text_sources() -> list[Path]:
    """The real text reports vendored for the tests: the five seeds and the corpus."""
    return sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("*.txt"))


def make_batch(folder: Path, n: int) -> list[Path]:
    """``n`` text reports: the real ones over and over, each under its own name."""
    folder.mkdir(parents=True, exist_ok=True)
    src = text_sources()
    out = []
    for i in range(n):
        s = src[i % len(src)]
        p = folder / f"r{i:05d}_{s.name}"
        p.write_bytes(s.read_bytes())
        out.append(p)
    return out


def floor(files: list[Path]) -> float:
    """Seconds to read, decode, NFKC-normalise and scan every file once with one regex."""
    number = re.compile(r"\d+")
    t0 = time.perf_counter()
    for f in files:
        data = f.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030", errors="replace")
        number.findall(unicodedata.normalize("NFKC", text))
    return time.perf_counter() - t0


def run_command(args: list[str], env: Optional[dict[str, str]] = None) -> dict[str, float]:
    """Run a command to completion: wall and CPU seconds, and the peak RSS of its largest
    process (itself or a worker it waited for) — of this run alone, from ``wait4``."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0  # reaped here; keeps Popen from waiting again
    wall = time.perf_counter() - t0
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}


def median_run(args: list[str], runs: int, env: Optional[dict[str, str]] = None) -> tuple[float, float]:
    """Median wall and median CPU seconds of ``runs`` runs after one warm-up (CPU time is the
    steadier figure on a shared machine)."""
    run_command(args, env)
    results = [run_command(args, env) for _ in range(runs)]
    return statistics.median(r["wall"] for r in results), statistics.median(r["cpu"] for r in results)


def format_files(tmp: Path) -> list[Path]:
    """One file per format per seed (HTML, DOCX, PDF from the test generator), the seeds' text,
    and the real corpus PDF."""
    files = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("*.pdf"))
    try:
        from gen import build
    except Exception as e:  # noqa: BLE001 - the generator needs the dev extra (reportlab)
        print(f"(no HTML/DOCX/PDF generator: {e}; text and the corpus PDF only)")
        return files
    for seed in sorted((SHARED / "seeds").glob("*.txt")):
        content = build.content_from_seed(str(seed))
        (tmp / f"{seed.stem}.html").write_text(build.to_html(content), encoding="utf-8")
        build.to_docx(content, str(tmp / f"{seed.stem}.docx"))
        build.to_pdf(content, str(tmp / f"{seed.stem}.pdf"))
    return files + sorted(p for p in tmp.iterdir() if p.suffix in (".html", ".docx", ".pdf"))


def per_format(files: list[Path], repeat: int) -> dict[str, list[tuple[float, float]]]:
    """Median in-process (wall, CPU) seconds per file (load → parse → rules), grouped by suffix."""
    from govlint.runner import RunOptions, check_file

    opts = RunOptions()
    for f in files:
        check_file(str(f), opts)  # warm: imports, rule set, templates
    out: dict[str, list[tuple[float, float]]] = {}
    for f in files:
        walls, cpus = [], []
        for _ in range(repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            check_file(str(f), opts)
            walls.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
        out.setdefault(f.suffix.lower(), []).append((statistics.median(walls), statistics.median(cpus)))
    return out


def pickled_sizes(files: list[Path]) -> dict[str, float]:
    """Mean pickled bytes of a result: the whole report, and cut to meta and excerpt."""
    from govlint.executors.slim import slim
    from govlint.runner import RunOptions, check_file

    sizes: dict[str, list[int]] = {"full": [], "excerpt": [], "meta": []}
    for f in files:
        r = check_file(str(f), RunOptions())
        for level in sizes:
            sizes[level].append(len(pickle.dumps(slim(r, level), pickle.HIGHEST_PROTOCOL)))
    return {k: statistics.mean(v) for k, v in sizes.items()}


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu or 'unknown CPU'}, Python {sys.version.split()[0]}, {platform.system()}"


def load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def profile(files: list[Path]) -> None:
    """cProfile of checking ``files`` in-process (-j 1), the 30 costliest functions."""
    import cProfile
    import pstats

    from govlint.runner import RunOptions, check_file

    opts = RunOptions()
    check_file(str(files[0]), opts)
    prof = cProfile.Profile()
    prof.enable()
    for f in files:
        check_file(str(f), opts)
    prof.disable()
    pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
    pstats.Stats(prof).sort_stats("tottime").print_stats(30)


def bench_env(tmp: Path) -> dict[str, str]:
    """The commands' environment: their own cache folder, bytecode cached under ``tmp``."""
    env = {**os.environ, "GOVLINT_CACHE_DIR": str(tmp / "cache"), "PYTHONPYCACHEPREFIX": str(tmp / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


HEADER = f"{'':34} {'wall s':>8} {'reports/s':>10} {'cpu s':>8} {'peak MB':>8} {'× floor':>8}"


def batch_rows(folder: Path, n: int, fl: float, govlint: list[str], env: dict[str, str],
               rows: list[tuple[str, list[str]]]) -> dict[str, dict[str, float]]:
    """Run ``govlint check folder`` once per row (label, extra arguments) and print each."""
    out = {}
    check = [*govlint, "check", str(folder), "--output-format", "json", "-o", str(folder.parent / "out.json")]
    print(HEADER)
    print(f"{'floor (read+NFKC+regex)':34} {fl:8.2f} {n / fl:10.0f} {fl:8.2f} {'':>8} {1:8.1f}")
    for label, extra in rows:
        if "cache" in label and "rerun" not in label:
            shutil.rmtree(env["GOVLINT_CACHE_DIR"], ignore_errors=True)
        r = out[label] = run_command(check + extra, env)
        print(f"{label:34} {r['wall']:8.2f} {n / r['wall']:10.0f} {r['cpu']:8.2f} {r['rss_mb']:8.0f} "
              f"{r['wall'] / fl:8.1f}")
    return out


def ratios(rows: dict[str, dict[str, float]], n: int, j1: str, j2: str) -> str:
    a, b = rows[j1], rows[j2]
    return (f"-j 2 / -j 1 throughput: {a['wall'] / b['wall']:.2f}×; -j 1 per core: "
            f"{n / a['cpu']:.0f} reports per CPU second")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=1000, help="text reports in the batch (default 1000)")
    ap.add_argument("--big", type=int, default=10000,
                    help="text reports for the memory and cache figures (default 10000; 0: skip)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per file for the per-format figures")
    ap.add_argument("--runs", type=int, default=10, help="runs of each cold-start command (median)")
    ap.add_argument("--profile", action="store_true", help="only profile -j 1 over the batch")
    args = ap.parse_args()
    govlint = [sys.executable, "-m", "govlint"]
    with tempfile.TemporaryDirectory(prefix="govlint-bench-") as td:
        tmp = Path(td)
        batch = tmp / "batch"
        files = make_batch(batch, args.files)
        if args.profile:
            profile(files)
            return
        print(f"machine: {machine()}")
        print(f"load average before: {load()}")
        env = bench_env(tmp)
        subprocess.run([*govlint, "check", str(files[0])], env=env, capture_output=True, check=False)
        fl = floor(files)
        n = len(files)
        print(f"\n{n} text reports ({sum(f.stat().st_size for f in files) / 1e6:.1f} MB); "
              "default rules: the cross-report stage keeps every report until it has run")
        nc, quiet = ["--no-cache"], ["--ignore", "GL7"]
        rows = batch_rows(batch, n, fl, govlint, env, [
            ("govlint -j 1", [*nc, "-j", "1"]), ("govlint -j 2", [*nc, "-j", "2"]),
            ("govlint -j 1 --ignore GL7", [*nc, *quiet, "-j", "1"]),
            ("govlint -j 2 --ignore GL7", [*nc, *quiet, "-j", "2"]),
            ("govlint -j 2, cache cold", ["-j", "2"]), ("govlint, cached rerun", ["-j", "1"])])
        print(ratios(rows, n, "govlint -j 1", "govlint -j 2") + " (default rules)")
        print(ratios(rows, n, "govlint -j 1 --ignore GL7", "govlint -j 2 --ignore GL7") + " (--ignore GL7)")
        shutil.rmtree(batch)

        if args.big:
            big = tmp / "big"
            bfiles = make_batch(big, args.big)
            bfl = floor(bfiles)
            print(f"\n{args.big} text reports ({sum(f.stat().st_size for f in bfiles) / 1e6:.1f} MB), "
                  "--ignore GL7 (findings stream)")
            brows = batch_rows(big, args.big, bfl, govlint, env, [
                ("govlint -j 1", [*nc, *quiet, "-j", "1"]), ("govlint -j 2", [*nc, *quiet, "-j", "2"]),
                ("govlint -j 2, cache cold", [*quiet, "-j", "2"]), ("govlint, cached rerun", [*quiet, "-j", "1"])])
            print(ratios(brows, args.big, "govlint -j 1", "govlint -j 2"))
            shutil.rmtree(big)

        one = sorted((SHARED / "seeds").glob("*.txt"))[-1]
        vw, vc = median_run([*govlint, "--version"], args.runs, env)
        cw, cc = median_run([*govlint, "check", "--no-cache", str(one)], args.runs, env)
        print(f"\ncold start (medians of {args.runs}): govlint --version {vw * 1000:.0f} ms wall, "
              f"{vc * 1000:.0f} ms CPU; govlint check {one.name} {cw * 1000:.0f} ms wall, {cc * 1000:.0f} ms CPU")

        fmt_dir = tmp / "formats"
        fmt_dir.mkdir()
        ffiles = format_files(fmt_dir)
        print(f"\nper format, in-process, median of {args.repeat} runs per file, then over the files:")
        print(f"{'format':8} {'files':>5} {'ms/file':>9} {'reports/s':>10} {'CPU ms':>9} {'per CPU s':>10}")
        for kind, ts in sorted(per_format(ffiles, args.repeat).items()):
            wall = statistics.median(t[0] for t in ts)
            cpu = statistics.median(t[1] for t in ts)
            print(f"{kind:8} {len(ts):5d} {wall * 1000:9.1f} {1 / wall:10.0f} {cpu * 1000:9.1f} {1 / cpu:10.0f}")
        sizes = pickled_sizes(ffiles)
        print(f"\npickled result per file: whole report {sizes['full'] / 1024:.1f} KB, excerpt (text) "
              f"{sizes['excerpt'] / 1024:.1f} KB, meta (JSON, SARIF …) {sizes['meta'] / 1024:.1f} KB")
        print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
