"""The result cache: a rerun reads nothing but the cache, and any change that matters is a miss."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import govlint
from govlint.executors import Plan, fingerprint, run_files
from govlint.executors.cache import MAGIC, ResultCache, max_bytes_from_env
from govlint.runner import RunOptions, check_file

from executor_fixtures import govlint as run_govlint
from executor_fixtures import sample_dir  # noqa: F401 - a fixture
from gen.paths import SEEDS


def _json(results: list) -> list:
    return [[d.to_json() for d in r.diagnostics] for r in results]


def _run(files: list[str], cache: ResultCache, options: RunOptions | None = None,
         level: str = "excerpt", jobs: int = 1) -> list:
    return list(run_files(files, options or RunOptions(), Plan(jobs=jobs, level=level), cache=cache))


@pytest.fixture()
def reports(tmp_path: Path) -> list[str]:
    d = tmp_path / "reports"
    d.mkdir()
    out = []
    for s in SEEDS:
        shutil.copy(s, d / s.name)
        out.append(str(d / s.name))
    return out


@pytest.fixture()
def cache(tmp_path: Path) -> ResultCache:
    return ResultCache(tmp_path / "cache")


def _entries(cache: ResultCache) -> list[Path]:
    return sorted(p for p in cache.folder.glob("*/*") if p.is_file())


def test_a_rerun_reads_every_result_from_the_cache_and_parses_nothing(reports, cache):
    first = _run(reports, cache)
    assert (cache.hits, cache.misses) == (0, len(reports))
    assert len(_entries(cache)) == len(reports)
    again = ResultCache(cache.folder)
    second = _run(reports, again)
    assert (again.hits, again.misses) == (len(reports), 0)
    assert _json(second) == _json(first) == _json([check_file(f, RunOptions()) for f in reports])
    # what the text output reads came back too: the cited source lines and the template
    for a, b in zip(first, second):
        assert b.report.template == a.report.template
        for d in b.diagnostics:
            if d.span is not None and d.span.line > 0:
                assert b.report.source_lines[d.span.line - 1] == a.report.source_lines[d.span.line - 1]


def test_a_changed_file_is_checked_again_and_only_that_one(reports, cache):
    first = _run(reports, cache)
    changed = Path(reports[0])
    text = changed.read_text("utf-8")
    lines = text.splitlines(keepends=True)
    changed.write_text("".join(lines[: len(lines) // 2]), "utf-8")  # the second half lost
    again = ResultCache(cache.folder)
    results = _run(reports, again)
    assert (again.hits, again.misses) == (len(reports) - 1, 1)
    assert _json(results[:1]) == _json([check_file(reports[0], RunOptions())])
    assert _json(results[:1]) != _json(first[:1])


def test_a_changed_config_or_rule_pack_is_a_miss(reports, tmp_path):
    """Each run a new process, as when a user edits the config or a rule pack and checks again:
    a miss stores a new entry per file, a hit stores nothing."""
    folder = Path(reports[0]).parent
    env = {**os.environ, "GOVLINT_CACHE_DIR": str(tmp_path / "c")}
    store = ResultCache(tmp_path / "c" / "results")
    pack = folder / "extra.yaml"
    pack.write_text(
        "rules:\n- code: GLX901\n  name: fee-word\n  kind: text_pattern\n  severity: warning\n"
        "  options: {patterns: ['信息公开'], mode: absent}\n"
        "  message: {zh: '出现“{text}”', en: 'found {text}'}\n"
        "  summary: {zh: 测试, en: test}\n"
        "  docs: {rationale: {zh: 测试, en: test}, basis: test,\n"
        "         examples: {fail: [{template: '2021', year: 2022}], pass: []}}\n", "utf-8")
    config = folder / ".govlint.yaml"
    config.write_text("rule-files: [extra.yaml]\n", "utf-8")

    def run() -> tuple[int, str]:
        before = len(_entries(store))
        r = run_govlint("check", str(folder), "--output-format", "json", env=env)
        assert r.returncode == 1, r.stderr
        return len(_entries(store)) - before, r.stdout

    n = len(reports)
    new, first = run()
    assert new == n and "GLX901" in first and "GL301" in first
    assert run() == (0, first)  # nothing changed: every file from the cache
    config.write_text("rule-files: [extra.yaml]\nignore: [GL301]\n", "utf-8")
    new, second = run()
    assert new == n and "GL301" not in second and "GLX901" in second
    pack.write_text(pack.read_text("utf-8").replace("出现“{text}”", "含有“{text}”"), "utf-8")
    new, third = run()
    assert new == n and "含有“信息公开”" in third and "出现“" not in third


def test_a_new_govlint_version_is_a_miss(reports, cache, monkeypatch):
    _run(reports, cache)
    monkeypatch.setattr(govlint, "__version__", govlint.__version__ + ".post1")
    fingerprint.forget()
    try:
        again = ResultCache(cache.folder)
        _run(reports, again)
        assert (again.hits, again.misses) == (0, len(reports))
    finally:
        fingerprint.forget()


def test_other_options_are_other_entries(reports, cache):
    _run(reports, cache)
    en = ResultCache(cache.folder)
    results = _run(reports, en, RunOptions(lang="en"))
    assert (en.hits, en.misses) == (0, len(reports))
    assert _json(results) == _json([check_file(f, RunOptions(lang="en")) for f in reports])


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "wrong-shape", "other-key"])
def test_a_damaged_entry_is_ignored_and_rewritten(reports, cache, damage):
    want = _json(_run(reports, cache))
    entries = _entries(cache)
    victim = entries[0]
    raw = victim.read_bytes()
    if damage == "garbage":
        victim.write_bytes(os.urandom(len(raw)))
    elif damage == "truncated":
        victim.write_bytes(raw[: len(raw) // 2])
    elif damage == "empty":
        victim.write_bytes(b"")
    elif damage == "wrong-shape":
        import zlib
        head = zlib.compress(b'{"key": "x", "result": [1, 2, 3], "tables": [0, 0]}')
        victim.write_bytes(MAGIC + len(head).to_bytes(4, "big") + head)
    else:  # another file's entry under this key
        victim.write_bytes(entries[1].read_bytes())
    again = ResultCache(cache.folder)
    assert _json(_run(reports, again)) == want
    assert (again.hits, again.misses) == (len(reports) - 1, 1)
    assert ResultCache.decode(victim.read_bytes(), victim.parent.name + victim.name) is not None


def test_results_with_a_crash_or_a_time_limit_are_not_stored(tmp_path, cache):
    big = tmp_path / "big.txt"
    big.write_text("x" * 2000, "utf-8")
    options = RunOptions(limits=govlint.load.Limits(max_bytes=100))
    results = _run([str(big)], cache, options)
    assert [d.code for d in results[0].diagnostics] == ["GL904"]
    assert ResultCache.storable(results[0])
    from govlint.model import Diagnostic, FileResult, Severity
    hit_limit = FileResult("x", None, [Diagnostic("GL908", "resource-limit", Severity.WARNING, "", None, "x")])
    assert not ResultCache.storable(hit_limit)


def test_a_fifo_is_never_read_to_key_it(tmp_path, cache):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert cache.key_for(str(fifo), "run", 1 << 20) is None  # would block forever if it read


def test_no_cache_writes_nothing(tmp_path):
    env = {**os.environ, "GOVLINT_CACHE_DIR": str(tmp_path / "c")}
    r = run_govlint("check", str(SEEDS[0]), "--no-cache", env=env)
    assert r.returncode == 1, r.stderr
    assert not list((tmp_path / "c").glob("results/*/*"))
    r = run_govlint("check", str(SEEDS[0]), env=env)
    assert len(list((tmp_path / "c").glob("results/*/*"))) == 1


def test_the_cache_stays_under_its_size_bound(reports, tmp_path, monkeypatch):
    monkeypatch.setenv("GOVLINT_CACHE_MAX", "16k")
    assert max_bytes_from_env() == 16 * 1024
    small = ResultCache(tmp_path / "small", max_bytes_from_env())
    _run(reports, small)
    total = sum(p.stat().st_size for p in _entries(small))
    assert 0 < total <= 16 * 1024
    assert len(_entries(small)) < len(reports)


@pytest.mark.slow
def test_two_runs_sharing_the_cache_at_once_both_print_the_right_findings(sample_dir, tmp_path):
    want = run_govlint("check", str(sample_dir), "--no-cache", "--output-format", "json").stdout
    assert len(want) > 10_000
    env = {**os.environ, "GOVLINT_CACHE_DIR": str(tmp_path / "shared")}
    cmd = [sys.executable, "-m", "govlint", "check", str(sample_dir), "--output-format", "json"]
    procs = [subprocess.Popen(cmd + (["-j", "2"] if i else []), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env) for i in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 1, err
        assert out == want
    cache = ResultCache(tmp_path / "shared" / "results")
    entries = _entries(cache)
    assert entries and not list(cache.folder.glob(".tmp-*"))
    assert all(ResultCache.decode(p.read_bytes(), p.parent.name + p.name) for p in entries)
    third = run_govlint("check", str(sample_dir), "--output-format", "json", env=env)
    assert third.stdout == want
