"""Special files, loops and broken configs met on the way to the reports: one diagnostic or one
line each, never a hang, a traceback or a silently skipped check.

Every case runs the real command line in a subprocess; its ``timeout`` is
the harness's bound on a hang (a FIFO read blocks for ever, /dev/zero reads
until memory runs out).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gen.paths import SEEDS

SEED = SEEDS[0]


def _govlint(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    r = subprocess.run([sys.executable, "-m", "govlint", *args], capture_output=True, text=True, cwd=cwd,
                       timeout=120, env=dict(os.environ, NO_COLOR="1", **env))
    assert "Traceback" not in r.stderr + r.stdout, r.stderr
    return r


def _folder(tmp_path: Path) -> Path:
    d = tmp_path / "reports"
    d.mkdir()
    shutil.copy(SEED, d / "r.txt")
    return d


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_and_a_device_in_a_folder_are_gl901_and_the_rest_is_checked(tmp_path):
    d = _folder(tmp_path)
    os.mkfifo(d / "x.txt")
    (d / "big.txt").symlink_to("/dev/zero")
    for cache in ((), ("--no-cache",)):
        r = _govlint(tmp_path, "check", "reports", *cache)
        assert r.returncode == 1, r.stderr
        assert "reports/x.txt: GL901 [错误] 这是命名管道，不是普通文件，未读取" in r.stdout, r.stdout
        assert "reports/big.txt: GL901 [错误] 这是字符设备，不是普通文件，未读取" in r.stdout
        assert "reports/r.txt:2:1: GL301" in r.stdout and "共检查 3 个文件" in r.stdout


def test_symlink_loop_is_gl901_whether_in_a_folder_or_named(tmp_path):
    d = _folder(tmp_path)
    (d / "a.txt").symlink_to("b.txt")
    (d / "b.txt").symlink_to("a.txt")
    r = _govlint(tmp_path, "check", "reports")
    assert "reports/a.txt: GL901 [错误] 无法读取文件：符号链接形成循环" in r.stdout, r.stdout
    assert "reports/r.txt:2:1: GL301" in r.stdout
    named = _govlint(tmp_path, "check", "reports/a.txt", "--lang", "en")
    assert named.returncode == 1 and "GL901" in named.stdout and "symbolic links" in named.stdout, named.stderr


@pytest.mark.parametrize("args", [("check", "reports"), ("test", "/dev/zero")])
def test_rule_file_that_is_a_device_is_one_line(tmp_path, args):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero on this system")
    _folder(tmp_path)
    (tmp_path / ".govlint.yaml").write_text("rule-files: [/dev/zero]\n", encoding="utf-8")
    r = _govlint(tmp_path, *args, "--lang", "en")
    assert r.returncode == 2 and r.stderr.strip() == \
        "govlint: /dev/zero: cannot read rule file: /dev/zero is a character device, not a regular file", r.stderr
    zh = _govlint(tmp_path, *args)  # Chinese by default
    assert zh.returncode == 2 and zh.stderr.strip() == "govlint: /dev/zero：无法读取规则文件：这是字符设备，不是普通文件", \
        zh.stderr


def test_gbk_pyproject_of_another_tool_is_passed_over(tmp_path):
    _folder(tmp_path)
    (tmp_path / "pyproject.toml").write_bytes('[tool.other]\nname = "报告"\n'.encode("gbk"))
    r = _govlint(tmp_path, "check", "reports")
    assert r.returncode == 1 and "GL301" in r.stdout, r.stderr


def test_gbk_pyproject_with_a_govlint_table_is_one_line(tmp_path):
    _folder(tmp_path)
    (tmp_path / "pyproject.toml").write_bytes('[tool.govlint]\nselect = ["GL3"]\n# 报告\n'.encode("gbk"))
    r = _govlint(tmp_path, "check", "reports")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "pyproject.toml: cannot read TOML: not UTF-8" in r.stderr


@pytest.mark.parametrize("name,text", [
    (".govlint.yaml", "select: " + "[" * 5000 + "]" * 5000 + "\n"),
    ("pyproject.toml", "[tool.govlint]\nselect = " + "[" * 5000 + "]" * 5000 + "\n"),
])
def test_config_nested_5000_deep_is_one_line(tmp_path, name, text):
    _folder(tmp_path)
    (tmp_path / name).write_text(text, encoding="utf-8")
    r = _govlint(tmp_path, "check", "reports")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and name in r.stderr, r.stderr
    assert "nested too deeply" in r.stderr


def test_parse_cache_entry_of_the_wrong_shape_is_dropped(tmp_path):
    _folder(tmp_path)
    cache = tmp_path / "cache"
    first = _govlint(tmp_path, "check", "reports", GOVLINT_CACHE_DIR=str(cache))
    entries = sorted(cache.glob("yaml-*.json")) + sorted(cache.glob("template-*.json"))
    assert entries, "the first run caches the parsed rule packs and templates"
    for p in entries:
        p.write_text("null", encoding="utf-8")
    for _ in range(2):  # the bad entries are dropped and rewritten: the next run is as good
        again = _govlint(tmp_path, "check", "reports", GOVLINT_CACHE_DIR=str(cache))
        assert again.returncode == first.returncode == 1 and again.stdout == first.stdout, again.stderr
    assert all(p.read_text("utf-8") != "null" for p in entries)


def test_select_never_hides_that_a_file_could_not_be_checked(tmp_path):
    d = _folder(tmp_path)
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 8)
    for select in (("--select", "GL2"), ("--select", "GL201", "--ignore", "GL1")):
        r = _govlint(tmp_path, "check", "reports/empty.txt", "reports/binary.txt", *select)
        assert r.returncode == 1 and "未发现问题" not in r.stdout, r.stdout
        assert r.stdout.count("GL901") == 2
    (tmp_path / ".govlint.yaml").write_text("select: [GL6]\n", encoding="utf-8")
    r = _govlint(tmp_path, "check", "reports/empty.txt")
    assert r.returncode == 1 and "GL901" in r.stdout, r.stdout


@pytest.mark.parametrize("line", ["select: [GL2O1]", "ignore: [GL20l]", "extend-select: [GLX9]",
                                  "severity: {GL2O1: off}", "per-file-ignores: {'*.txt': [GL2O1]}"])
def test_unknown_code_in_the_config_is_one_line_naming_the_file_and_the_code(tmp_path, line):
    _folder(tmp_path)
    (tmp_path / ".govlint.yaml").write_text(line + "\n", encoding="utf-8")
    r = _govlint(tmp_path, "check", "reports")
    assert r.returncode == 2 and not r.stdout, r.stdout
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and ".govlint.yaml" in lines[0] and "未知的规则代码或前缀" in lines[0], r.stderr


@pytest.mark.parametrize("size", ["inf", "nan", "-inf", "1e400"])
def test_max_file_size_that_is_not_a_number_is_a_usage_error(tmp_path, size):
    _folder(tmp_path)
    r = _govlint(tmp_path, "check", "reports", "--max-file-size", size)
    assert r.returncode == 2 and "invalid size" in r.stderr, r.stderr


def test_jobs_are_capped_at_the_cores(tmp_path):
    from govlint.cli.options import _cap_jobs

    assert _cap_jobs(None, None, 100_000) == (os.cpu_count() or 1)
    assert _cap_jobs(None, None, 0) == 0  # 0 still means "one per core"
    _folder(tmp_path)
    r = _govlint(tmp_path, "check", "reports", "-j", "100000", "--no-cache")
    assert r.returncode == 1 and "GL301" in r.stdout, r.stderr


@pytest.mark.parametrize("text,why", [
    ('{"version": 2, "findings": [{"path": "r.txt", "code": "GL301", "fingerprint": ["x"]}]}', "not a string"),
    ('{"version": 1e400, "findings": []}', "not a whole number"),
    ('{"version": 2, "findings": [null]}', "not a govlint baseline file"),
    ("[" * 5000 + "]" * 5000, "not a govlint baseline file"),
])
def test_weird_baseline_is_one_line(tmp_path, text, why):
    _folder(tmp_path)
    (tmp_path / "base.json").write_text(text, encoding="utf-8")
    r = _govlint(tmp_path, "check", "reports", "--baseline", "base.json")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and why in r.stderr, r.stderr


@pytest.mark.parametrize("expr", ["(" * 2000 + "1" + ")" * 2000, "1+" * 2000 + "1", "-" * 2000 + "1"])
def test_expression_nested_2000_deep_is_one_line(tmp_path, expr):
    _folder(tmp_path)
    (tmp_path / "deep.yaml").write_text(f"""rules:
- code: GLZ130
  name: deep
  kind: identity
  severity: error
  options: {{lhs: "t3.new.total", rhs: "{expr}"}}
  message: {{zh: 不符, en: mismatch}}
  summary: {{zh: 深, en: deep}}
  docs:
    rationale: {{zh: 因为, en: because}}
    basis: 示例
    examples: {{fail: [{{template: "2021", year: 2022}}], pass: [{{template: "2021", year: 2022}}]}}
""", encoding="utf-8")
    (tmp_path / ".govlint.yaml").write_text("rule-files: [deep.yaml]\n", encoding="utf-8")
    r = _govlint(tmp_path, "check", "reports")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "GLZ130" in r.stderr and "表达式嵌套超过" in r.stderr
    en = _govlint(tmp_path, "check", "reports", "--lang", "en")
    assert en.returncode == 2 and "GLZ130" in en.stderr and "nested more than" in en.stderr, en.stderr


@pytest.mark.parametrize("options,why,why_en", [
    ("{GL201: {tolerance: abc}}", "options.GL201.tolerance：'abc' 应为数", "options.GL201.tolerance: 'abc' is not"),
    ("{GL201: {tolerence: 1}}", "不允许的键：'tolerence'", "'tolerence' was unexpected"),
    ("{GL2O1: {tolerance: 1}}", "未知的规则代码或前缀：GL2O1", "unknown rule code or prefix: GL2O1"),
])
def test_config_options_are_validated_when_the_config_loads(tmp_path, options, why, why_en):
    _folder(tmp_path)
    (tmp_path / ".govlint.yaml").write_text(f"options: {options}\n", encoding="utf-8")
    for lang, expected in (("zh", why), ("en", why_en)):
        r = _govlint(tmp_path, "check", "reports", "--lang", lang)
        assert r.returncode == 2 and not r.stdout and len(r.stderr.strip().splitlines()) == 1, r.stdout + r.stderr
        assert ".govlint.yaml" in r.stderr and expected in r.stderr, r.stderr
