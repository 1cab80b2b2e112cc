"""-j N: the same bytes as -j 1, in order, from workers that send back only what the output reads."""
from __future__ import annotations

import os
import pickle
import signal
import time
from pathlib import Path

import pytest

from govlint.executors import Plan, run_files
from govlint.executors.local import PoolBackend, cpu_count, workers_for
from govlint.executors.slim import slim
from govlint.load import register_loader
from govlint.model import FileResult
from govlint.output import REPORT_NEEDS, render, report_needs
from govlint.runner import RunOptions, check_file, check_paths, iter_files

from executor_fixtures import govlint, sample_dir  # noqa: F401 - a fixture


def _files(d: Path) -> list[str]:
    return sorted(iter_files([str(d)])[0])


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_two_workers_print_the_same_bytes_as_one(sample_dir: Path, tmp_path: Path, fmt: str) -> None:
    one, two = tmp_path / f"j1.{fmt}", tmp_path / f"j2.{fmt}"
    r1 = govlint("check", str(sample_dir), "--no-cache", "-j", "1", "--output-format", fmt, "-o", str(one))
    r2 = govlint("check", str(sample_dir), "--no-cache", "-j", "2", "--output-format", fmt, "-o", str(two))
    assert r1.returncode == r2.returncode == 1, r1.stderr + r2.stderr
    assert one.read_bytes() == two.read_bytes()
    assert one.stat().st_size > 10_000  # real findings from every format, not an empty list


@pytest.mark.slow
def test_results_come_back_in_input_order_with_nothing_lost_or_repeated(sample_dir: Path) -> None:
    files = _files(sample_dir) * 3  # the same files again: order, not content, tells them apart
    files = files[::-1]
    results = list(run_files(files, RunOptions(), Plan(jobs=2, cache=False, level="meta")))
    assert [r.path for r in results] == files
    serial = {f: check_file(f, RunOptions()) for f in set(files)}
    for r in results:
        assert [d.to_json() for d in r.diagnostics] == [d.to_json() for d in serial[r.path].diagnostics]


def test_jobs_zero_means_every_core_and_more_jobs_than_cores_are_capped() -> None:
    assert workers_for(0) == cpu_count()
    assert workers_for(10_000) == cpu_count()
    assert workers_for(1) == 1
    assert 1 <= PoolBackend(2, RunOptions(), "meta", None, 1000).chunk_size <= 16
    assert PoolBackend(2, RunOptions(), "meta", None, 8).chunk_size == 1


def test_a_worker_sends_back_a_fraction_of_the_report(sample_dir: Path) -> None:
    """The measured point of slimming: pickled bytes per result, full report vs what JSON needs."""
    for f in _files(sample_dir)[:8]:
        full = check_file(f, RunOptions())
        if full.report is None:
            continue
        whole = len(pickle.dumps(full, pickle.HIGHEST_PROTOCOL))
        meta = len(pickle.dumps(slim(full, "meta"), pickle.HIGHEST_PROTOCOL))
        excerpt = len(pickle.dumps(slim(full, "excerpt"), pickle.HIGHEST_PROTOCOL))
        assert meta * 3 < whole and excerpt < whole, (f, whole, excerpt, meta)


@pytest.mark.parametrize("fmt", sorted(REPORT_NEEDS) + ["html"])
def test_every_format_prints_the_same_from_slim_results(sample_dir: Path, fmt: str) -> None:
    """What a format declares it needs is all it reads: the output from results cut to that
    level (and pickled across, as from a worker) equals the output from whole reports."""
    full = check_paths(_files(sample_dir), RunOptions())
    level = report_needs(fmt)
    cut = [pickle.loads(pickle.dumps(slim(r, level))) for r in full]
    for statistics in (False, True):
        for lang in ("zh", "en"):
            want = render(fmt, full, rules={}, lang=lang, statistics=statistics, root=str(sample_dir))
            got = render(fmt, cut, rules={}, lang=lang, statistics=statistics, root=str(sample_dir))
            assert got == want, (fmt, lang, statistics)
    assert level == ("full" if fmt == "html" else REPORT_NEEDS[fmt])


def _crash_loader(path: str, data: bytes, limits: object) -> object:
    os._exit(3)  # a native library dying: the worker process ends without a word


def _children() -> set[int]:
    me = str(os.getpid())
    out = set()
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except OSError:
                continue
            if stat.rsplit(")", 1)[1].split()[1] == me:
                out.add(int(pid))
    return out


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the workers")
def test_a_killed_worker_loses_no_file_and_a_file_that_kills_its_worker_is_a_finding(
        sample_dir: Path, tmp_path: Path) -> None:
    register_loader(".crash", _crash_loader)  # forked workers inherit it, as a plugin's loader
    bomb = tmp_path / "bomb.crash"
    bomb.write_text("x", encoding="utf-8")
    files = _files(sample_dir)[:12] * 2
    files.insert(7, str(bomb))
    before = _children()
    got: list[FileResult] = []
    killed = False
    for r in run_files(files, RunOptions(), Plan(jobs=2, cache=False, level="meta")):
        got.append(r)
        if not killed and len(got) == 2:
            workers = _children() - before
            assert workers, "the pool should have worker processes"
            os.kill(min(workers), signal.SIGKILL)
            killed = True
    assert killed
    assert [r.path for r in got] == files
    crashed = got[7]
    assert [d.code for d in crashed.diagnostics] == ["GL905"]
    serial = {f: check_file(f, RunOptions()) for f in set(files) if f != str(bomb)}
    for r in got:
        if r.path != str(bomb):
            assert [d.to_json() for d in r.diagnostics] == [d.to_json() for d in serial[r.path].diagnostics]
    deadline = time.monotonic() + 10
    while _children() - before and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _children() - before, "no worker may outlive the run"
