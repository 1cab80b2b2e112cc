"""Command-line mistakes end in one line and exit 2, never a traceback or a
damaged input file; GL9xx findings obey the configuration like any other."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from gen.paths import SEEDS

GOVLINT = [sys.executable, "-m", "govlint"]


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([*GOVLINT, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.fixture()
def report(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes(SEEDS[0].read_bytes())
    return p


def _usage(res: subprocess.CompletedProcess) -> None:
    assert res.returncode == 2, (res.returncode, res.stdout, res.stderr)
    assert "Traceback" not in res.stderr
    assert len([ln for ln in res.stderr.splitlines() if ln.strip()]) <= 3, res.stderr  # click: usage + hint + error


def test_output_over_an_input_is_refused(report):
    before = report.read_bytes()
    _usage(run("check", str(report), "-o", str(report)))
    _usage(run("extract", str(report), "-o", str(report)))
    _usage(run("check", str(report), "--write-baseline", str(report)))
    assert report.read_bytes() == before


@pytest.mark.parametrize("args", [
    ["check", "{r}", "-o", "{d}/nodir/o.txt"],
    ["extract", "{r}", "-o", "{d}/nodir/o.json"],
    ["check", "{r}", "--write-baseline", "{d}/nodir/b.json"],
    ["check", "{r}", "--baseline", "{d}/bad.json"],
    ["check", "{r}", "--baseline", "{d}/missing.json"],
    ["check", "{r}", "--max-file-size", "abc"],
    ["extract", "{r}", "--max-file-size", "-5"],
    ["check", "{r}", "--select", "GLXYZ"],
    ["check", "{r}", "--ignore", "GL301,NOPE"],
    ["check", "{r}", "--output-format", "pdf"],
    ["check", "{d}/empty_folder"],
])
def test_bad_options_are_usage_errors(report, tmp_path, args):
    (tmp_path / "bad.json").write_text('{"x": 1}', encoding="utf-8")
    (tmp_path / "empty_folder").mkdir()
    _usage(run(*[a.format(r=report, d=tmp_path) for a in args]))
    assert not list(tmp_path.glob("**/*.tmp")) and not list(tmp_path.glob("**/.govlint-*"))


def test_broken_config_of_any_file_stops_the_run(tmp_path, report):
    other = tmp_path / "other"
    other.mkdir()
    (other / ".govlint.yaml").write_text("ignore: 5\n", encoding="utf-8")
    (other / "r.txt").write_bytes(SEEDS[1].read_bytes())
    for order in ([str(report), str(other / "r.txt")], [str(other / "r.txt"), str(report)]):
        res = run("check", *order)
        _usage(res)
        assert ".govlint.yaml" in res.stderr


def test_input_findings_ignore_select_and_ignore_but_obey_severity(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("会议纪要\n今天开会。\n", encoding="utf-8")
    assert run("check", str(notes)).returncode == 1
    # neither select nor ignore hides that a file went unchecked (issue 19); severity: off does
    for flags in (("--ignore", "GL9"), ("--ignore", "GL909"), ("--select", "GL2")):
        assert run("check", str(notes), *flags).returncode == 1, flags
    (tmp_path / ".govlint.yaml").write_text("severity: {GL909: \"off\"}\n", encoding="utf-8")
    assert run("check", str(notes)).returncode == 0
    (tmp_path / ".govlint.yaml").write_text("severity: {GL909: info}\n", encoding="utf-8")
    res = run("check", str(notes), "--output-format", "json")
    assert res.returncode == 0
    assert [(d["code"], d["severity"]) for d in json.loads(res.stdout)] == [("GL909", "info")]


def test_parallel_run_equals_serial():
    folder = str(SEEDS[0].parents[1])
    serial = run("check", folder, "--output-format", "json")
    parallel = run("check", folder, "-j", "2", "--output-format", "json")
    assert serial.stdout == parallel.stdout and serial.returncode == parallel.returncode
