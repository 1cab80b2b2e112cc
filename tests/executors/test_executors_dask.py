"""The Dask executor against a real dask.distributed LocalCluster (extra govlint[dask], installed in CI)."""
from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from govlint.executors import Plan, run_files
from govlint.runner import RunOptions, check_file, iter_files

from executor_fixtures import govlint, sample_dir  # noqa: F401 - a fixture

distributed = pytest.importorskip("distributed", reason="the dask extra: pip install -e '.[dask]'")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=50) as c:
        yield c


def test_a_cluster_prints_the_same_json_as_one_process(cluster, sample_dir: Path, tmp_path: Path) -> None:
    one, dask = tmp_path / "one.json", tmp_path / "dask.json"
    r1 = govlint("check", str(sample_dir), "--no-cache", "--output-format", "json", "-o", str(one))
    r2 = govlint("check", str(sample_dir), "--no-cache", "--output-format", "json", "-o", str(dask),
                 "--executor", "dask", "--scheduler", cluster.scheduler_address)
    assert r1.returncode == r2.returncode == 1, r2.stderr
    assert dask.read_bytes() == one.read_bytes()
    assert one.stat().st_size > 10_000


def test_relative_paths_and_the_cache_work_through_the_cluster(cluster, sample_dir: Path,
                                                               tmp_path: Path) -> None:
    """Workers open files by absolute path; findings still name them as given, and the client
    stores the results so a rerun needs no cluster work."""
    env = {**os.environ, "GOVLINT_CACHE_DIR": str(tmp_path / "c")}
    args = ["check", ".", "--output-format", "text", "--executor", "dask", "--scheduler",
            cluster.scheduler_address]
    want = govlint("check", ".", "--no-cache", cwd=sample_dir).stdout
    first = govlint(*args, env=env, cwd=sample_dir)
    assert first.stdout == want, first.stderr
    assert len(list((tmp_path / "c" / "results").glob("*/*"))) == len(iter_files([str(sample_dir)])[0])
    assert govlint(*args, env=env, cwd=sample_dir).stdout == want


def test_a_worker_that_dies_mid_run_loses_no_file_and_repeats_none(cluster, sample_dir: Path) -> None:
    files = sorted(iter_files([str(sample_dir)])[0]) * 2
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        pids = client.run(os.getpid)
        got = []
        for r in run_files(files, RunOptions(), Plan(executor="dask", client=client, cache=False,
                                                     level="meta")):
            got.append(r)
            if len(got) == 1:  # the other chunks are on both workers now: kill one of them
                os.kill(sorted(pids.values())[0], signal.SIGKILL)
        assert [r.path for r in got] == files  # each file once, in order
        serial = {f: check_file(f, RunOptions()) for f in set(files)}
        for r in got:
            assert [d.to_json() for d in r.diagnostics] == [d.to_json() for d in serial[r.path].diagnostics]
        client.wait_for_workers(2, timeout=60)  # the nanny restarted the killed worker
        assert sorted(pids.values())[0] not in client.run(os.getpid).values()


def test_an_unreachable_scheduler_is_one_line_and_status_2(sample_dir: Path) -> None:
    r = govlint("check", str(sample_dir), "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert "tcp://127.0.0.1:9" in r.stderr
    r = govlint("check", str(sample_dir), "--executor", "dask")
    assert r.returncode == 2 and "--scheduler" in r.stderr
