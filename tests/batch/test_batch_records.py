"""The cross-report stage on slim records gives the findings it gives on whole reports.

Why: a worker now sends back a :class:`govlint.model.BatchRecord` instead of
the parsed report, and the run parks each file's findings packed until the
stage has run; neither may change a finding.  The reference is the stage run
in this process on whole reports (``check_paths`` keeps them), compared with
the command line at ``-j 1`` and ``-j 2`` over the seeds, the corpus and a
generated series with last year's reports and a roster.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from gen.paths import CORPUS, SEEDS
from gen.series import ISSUERS, series, write
from govlint.batch.stage import cross_report
from govlint.cli import main
from govlint.config import load_config
from govlint.runner import RunOptions, check_paths, iter_files, set_aside_non_reports


def _inputs(tmp_path: Path) -> tuple[Path, Path, Path]:
    run, prev = tmp_path / "run", tmp_path / "prev"
    write(series(), run)
    prev.mkdir()
    for p in sorted(run.iterdir()):
        if "2020" in p.name:  # the first year comes in as last year's reports
            shutil.move(str(p), prev / p.name)
    for src in [*SEEDS, *CORPUS]:
        shutil.copy(src, run / src.name)
    roster = tmp_path / "roster.csv"
    roster.write_text("name,level\n" + "".join(f"{n},部门\n" for n in ISSUERS) + "示例县缺报局,部门\n",
                      encoding="utf-8")
    return run, prev, roster


def _cli(run: Path, prev: Path, roster: Path, jobs: str) -> str:
    res = CliRunner().invoke(main, ["check", str(run), "--no-cache", "-j", jobs, "--output-format", "json",
                                    "--previous", str(prev), "--roster", str(roster)])
    assert res.exit_code in (0, 1), res.output
    return res.output


def _reference(run: Path, prev: Path, roster: Path) -> list[tuple]:
    files, _ = iter_files([str(run)])
    results, _ = set_aside_non_reports(check_paths(files, RunOptions(), jobs=1), [str(run)])
    assert all(r.record is None for r in results)  # whole reports: the stage builds the records itself
    out = cross_report(results, load_config(str(run), None), "zh", [str(prev)], str(roster))
    return sorted((d.path, d.code, d.message, d.span.line if d.span else None) for r in out
                  for d in r.diagnostics if d.code.startswith("GL7"))


def test_records_give_the_findings_of_whole_reports_at_every_job_count(tmp_path):
    run, prev, roster = _inputs(tmp_path)
    one, two = _cli(run, prev, roster, "1"), _cli(run, prev, roster, "2")
    assert one == two
    found = sorted((i["filename"], i["code"], i["message"], (i.get("location") or {}).get("line"))
                   for i in json.loads(one) if i["code"].startswith("GL7"))
    expected = _reference(run, prev, roster)
    assert {c for _, c, _, _ in expected} >= {"GL707", "GL708"}  # the stage has work to do
    assert found == expected
