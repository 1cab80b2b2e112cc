"""Acceptance: a plugin built from the reference's examples alone works.

docs/plugins.md holds a complete plugin, file by file (code blocks whose info
string names the file).  This test writes exactly those blocks, pip-installs
the package into a throw-away venv and runs ``govlint plugins``, ``govlint
test`` and ``govlint check`` on it, as a province's developer would.  The
YAML rule shown in the reference page of a kind is used too: a rule copied
from `govlint kind text_claim` goes into the plugin's pack.
"""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from govlint.engine.reference import example_blocks
from govlint.scaffold.synth import render_report
from venvs import install_in_venv

ROOT = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"^```(\w+) (\S+)\n(.*?)^```$", re.M | re.S)


def doc_files() -> dict[str, str]:
    """path → content of every code block of docs/plugins.md that names a file."""
    return {path: body for _lang, path, body in FENCE.findall((ROOT / "docs" / "plugins.md").read_text("utf-8"))}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, Path]:
    """(python of a venv with the docs' plugin installed, a folder of reports)."""
    src = tmp_path_factory.mktemp("demo-src")
    files = doc_files()
    assert {"pyproject.toml", "govlint_demo/plugin.py", "govlint_demo/rules.yaml",
            "govlint_demo/pyrules.py"} <= set(files), sorted(files)
    # a kind page's example, renamed as the page says: a province copies it into its pack
    claim = example_blocks()["text_claim"].replace("GLR116", "GLD116")
    files["govlint_demo/rules.yaml"] += claim + "\n"
    for rel, body in files.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(body, encoding="utf-8")
    py = install_in_venv(tmp_path_factory.mktemp("demo-venv"), src)
    reports = tmp_path_factory.mktemp("reports")
    (reports / "late-no-licences.md").write_text(render_report(
        "2021", 2022, cells={"t2.licensing.decisions": 0}, date="2023-01-25"), encoding="utf-8")
    (reports / "clean.md").write_text(render_report(
        "2021", 2022, date="2023-01-10", section_text={6: "本年度未收取信息处理费。咨询电话：0000-1234567。"}),
        encoding="utf-8")
    (reports / "claims.md").write_text(render_report(
        "2021", 2022, date="2023-01-10", section_text={
            1: "本年度未收到政府信息公开申请。本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
            6: "本年度未收取信息处理费。网址：http://www.example.gov.cn"}), encoding="utf-8")
    return py, reports


def _govlint(py: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1")
    env.pop("PYTHONPATH", None)
    r = subprocess.run([str(py), "-m", "govlint", *args], capture_output=True, text=True, cwd=cwd,
                       env=env, timeout=300)
    assert "Traceback" not in r.stdout + r.stderr, r.stderr
    return r


def test_plugins_lists_the_docs_plugin(demo, tmp_path):
    py, _ = demo
    r = _govlint(py, "plugins", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "demo 0.1.0 (govlint_demo.plugin)" in r.stdout
    assert "GLD101" in r.stdout and "GLD116" in r.stdout and "GLD201" in r.stdout and "GLD303" in r.stdout
    assert "GL907" not in r.stdout


def test_test_runs_the_plugins_examples_with_the_builtin_ones(demo, tmp_path):
    py, _ = demo
    r = _govlint(py, "test", "-v", cwd=tmp_path)
    assert r.returncode == 0, r.stdout
    for label in ("GLD101 fail[1]", "GLD116 fail[1]", "GLD201 pass[2]", "GLD303 fail[1]", "GL201 fail[1]"):
        assert f"ok   {label}" in r.stdout, label
    assert "FAIL" not in r.stdout


def test_check_reports_the_plugins_findings_and_replaces_gl303(demo, tmp_path):
    py, reports = demo
    r = _govlint(py, "check", str(reports), cwd=tmp_path)
    assert r.returncode == 1
    out = r.stdout
    late = [ln for ln in out.splitlines() if ln.startswith(str(reports / "late-no-licences.md"))]
    codes = {re.search(r": (GL\w+) \[", ln).group(1) for ln in late}
    assert {"GLD101", "GLD201", "GLD303"} <= codes, out
    assert "GL303" not in codes  # replaced: one finding for the late date, not two
    assert "表二“行政许可”本年处理决定数量为0，少于本省要求的1" in out
    assert "正文称“未收到政府信息公开申请”，但表三 一、本年新收政府信息公开申请数量 总计为6" in out
    assert not [ln for ln in out.splitlines() if ln.startswith(str(reports / "clean.md"))]
    only = _govlint(py, "check", str(reports), "--select", "GLD", cwd=tmp_path)
    assert {m for m in re.findall(r": (GL\w+) \[", only.stdout)} == {"GLD101", "GLD116", "GLD201", "GLD303"}
    rule = _govlint(py, "rule", "GL303", cwd=tmp_path)
    assert "GLD303" in rule.stdout and "取代" in rule.stdout
