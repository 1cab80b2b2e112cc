"""One root cause, one finding: consequences fold into the finding that explains them."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from govlint.config import Config
from govlint.engine import run
from govlint.parse import parse_text
from govlint.scaffold.synth import render_report

SEEDS = Path(__file__).resolve().parents[1] / "data" / "shared" / "seeds"
SEED_002 = next(SEEDS.glob("002_*.txt"))


def govlint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govlint", *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def _cut_after_t3_row(label: str) -> str:
    """A clean report cut off inside 表三, before ``label``: an excerpt that stops."""
    md = render_report("2021", 2022)
    return md[:md.index(label)]


def _pairs(diags) -> list[tuple[str, str]]:
    return sorted((d.code, d.severity.value) for d in diags)


def test_truncated_seed_002_is_one_error_with_its_infos_folded():
    r = govlint("check", "--output-format", "json", str(SEED_002))
    items = json.loads(r.stdout)
    assert sorted((i["code"], i["severity"]) for i in items) == [
        ("GL110", "warning"), ("GL121", "error"), ("GL122", "warning")]
    cut = next(i for i in items if i["code"] == "GL121")
    assert [f["code"] for f in cut["folded"]] == ["GL201", "GL202", "GL203"]
    assert all(f["severity"] == "info" and f["message"].startswith("无法核对") for f in cut["folded"])
    assert all(i["folded"] is None for i in items if i["code"] != "GL121")


def test_show_unverifiable_lists_the_infos_again():
    r = govlint("check", "--output-format", "json", "--show-unverifiable", str(SEED_002))
    codes = sorted(i["code"] for i in json.loads(r.stdout))
    assert codes == ["GL110", "GL121", "GL122", "GL201", "GL202", "GL203"]


def test_text_output_says_what_was_folded():
    out = govlint("check", str(SEED_002)).stdout
    assert "由此另有3项未单列（GL201、GL202、GL203），加 --show-unverifiable 逐条列出" in out
    assert "发现 3 个问题（错误 1，警告 2，提示 0）" in out


def test_report_stopping_inside_table_3_is_two_findings():
    rep = parse_text(_cut_after_t3_row("（五）不予处理"), "cut.md")
    diags = run(rep, Config())
    assert [d.code for d in diags] == ["GL121", "GL104"]
    ends = diags[1]
    assert ends.message == ("报告在“三、收到和处理政府信息公开申请情况”之后没有其他部分："
                            "缺少第四、五、六部分（报告不完整或被截断）")
    assert sorted(d.code for d in ends.folded) == ["GL105", "GL106", "GL120", "GL401"]
    shown = run(rep, Config(), fold_consequences=False)
    assert {"GL105", "GL106", "GL120", "GL401", "GL201"} <= {d.code for d in shown}


def test_a_consequence_whose_cause_is_ignored_is_shown():
    rep = parse_text(_cut_after_t3_row("（五）不予处理"), "cut.md")
    codes = [d.code for d in run(rep, Config(ignore=("GL104",)))]
    assert {"GL105", "GL106", "GL120", "GL401"} <= set(codes)
    assert "GL201" not in codes  # still folded into GL121
    codes = [d.code for d in run(rep, Config(ignore=("GL121",)))]
    assert {"GL201", "GL202", "GL203"} <= set(codes)


def test_one_missing_section_is_still_its_own_finding():
    rep = parse_text(render_report("2021", 2022, omit_sections=(5,)), "r.md")
    assert [(d.code, d.message) for d in run(rep, Config())] == [
        ("GL105", "缺少第五部分“五、存在的主要问题及改进情况”")]


def test_blank_cells_are_one_finding_per_table():
    md = render_report("2021", 2022)
    blanked = "\n".join(re.sub(r"\t0(?=\t|$)", "\t", ln) if "\t" in ln else ln
                        for ln in md.split("\n"))
    diags = [d for d in run(parse_text(blanked, "b.md"), Config()) if d.code == "GL122"]
    assert len(diags) == 3  # 表二, 表三, 表四: one each
    t3 = next(d for d in diags if d.message.startswith("表三"))
    assert re.match(r"表三有\d+行共\d+个空白单元格（一、本年新收政府信息公开申请数量、", t3.message)
    assert t3.message.endswith("…），没有发生的应填0")
    assert not [d for d in run(parse_text(blanked, "b.md"), Config()) if d.code.startswith("GL2")]


@pytest.mark.parametrize("show", [False, True])
def test_statistics_count_severities_as_emitted(tmp_path, show):
    """GL201 as an error in one report and as an info in another: two rows, and
    the numbers are the JSON's."""
    bad = tmp_path / "bad.md"
    bad.write_text(render_report("2021", 2022, cells={"t3.new.natural_person": 6, "t3.new.total": 7}),
                   encoding="utf-8")
    cut = tmp_path / "cut.md"
    cut.write_text(_cut_after_t3_row("（五）不予处理"), encoding="utf-8")
    extra = ["--show-unverifiable"] if show else []
    items = json.loads(govlint("check", "--output-format", "json", *extra, str(bad), str(cut)).stdout)
    want: dict[tuple[str, str], int] = {}
    for i in items:
        sev = {"error": "错误", "warning": "警告", "info": "提示"}[i["severity"]]
        want[(i["code"], sev)] = want.get((i["code"], sev), 0) + 1
    text = govlint("check", "--statistics", *extra, str(bad), str(cut)).stdout
    rows = re.findall(r"^\s+(\d+)\s+(GL\d+)\s+\S+\s+(错误|警告|提示)\s+\d+$", text, re.M)
    assert {(code, sev): int(n) for n, code, sev in rows} == want
    assert (("GL201", "提示") in want) is show


def test_statistics_of_truncated_seed_002_are_the_json_severities():
    """Seed 002 (表三 cut off): one error, two warnings, no infos, and
    --statistics counts exactly those severities."""
    items = json.loads(govlint("check", "--output-format", "json", str(SEED_002)).stdout)
    assert sorted(i["severity"] for i in items) == ["error", "warning", "warning"]
    zh = {"error": "错误", "warning": "警告", "info": "提示"}
    want = sorted((i["code"], zh[i["severity"]]) for i in items)
    text = govlint("check", "--statistics", str(SEED_002)).stdout
    rows = re.findall(r"^\s+(\d+)\s+(GL\d+)\s+\S+\s+(错误|警告|提示)\s+\d+$", text, re.M)
    assert sorted((code, sev) for n, code, sev in rows for _ in range(int(n))) == want
    assert "（错误 1，警告 2，提示 0）" in text
