"""A plugin's or a rule author's mistake is one GL907 finding or one clear line — never a
stopped or hung run — and the other files' findings are all still there.

Each test writes a throw-away plugin module, enables it through the config
(``plugins: {enable: [module]}``, the same hooks an entry point reaches) and
runs the real command line in a subprocess; ``timeout`` bounds the wall time
(a hang fails the test instead of stalling the suite).
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gen.paths import SEEDS
from govlint.scaffold.synth import render_report

RULE_BODY = """
    message = {"zh": "示例问题", "en": "example finding"}
    summary = {"zh": "示例", "en": "example"}
    docs = {"rationale": {"zh": "例", "en": "ex"}, "basis": "例",
            "examples": {"fail": [{"template": "2021", "year": 2022}], "pass": [{"template": "2021", "year": 2022}]}}
"""
GOOD_RULE = '''
class Flags(PyRule):
    code = "GLY301"
    name = "flags-2022"
    severity = "info"
''' + RULE_BODY.replace('"pass": [{"template": "2021", "year": 2022}]', '"pass": [{"template": "2021", "year": 2023}]') + '''
    def check(self, report, ctx):
        if report.year == 2022:
            yield self.diagnostic(ctx, report.title_span, report=report)
'''


def _rule_beside_flags(cls: str, code: str, severity: str, check: str) -> str:
    """Plugin source: rule ``cls`` (its ``check`` body given) and Flags, both offered by the hook."""
    return GOOD_RULE + f"""
class {cls}(PyRule):
    code = "{code}"
    name = "{cls.lower()}"
    severity = "{severity}"
""" + RULE_BODY + f"""
    def check(self, report, ctx):
        {check}

@hookimpl
def govlint_python_rules():
    return [{cls}, Flags]
"""


PACK = """
rules:
- code: GL201
  name: my-balance
  extends: GL202
- code: GLY101
  name: needs-website
  kind: text_pattern
  severity: warning
  options: {scope: 6, patterns: ['网址']}
  message: {zh: 第六部分缺少网址, en: no web address}
  summary: {zh: 网址, en: web address}
  docs:
    rationale: {zh: 因为, en: because}
    basis: 示例
    examples:
      fail: [{template: "2021", year: 2022}]
      pass: [{template: "2021", year: 2022, add_text: {section: 6, text: 网址：http://x}}]
"""


def _plugin(tmp_path: Path, name: str, body: str, pack: str = "") -> Path:
    """A plugin module in tmp_path/mods; its pack (if any) beside it."""
    mods = tmp_path / "mods"
    mods.mkdir(exist_ok=True)
    header = "from govlint.hookspecs import hookimpl\nfrom govlint.engine.pyrule import PyRule\n"
    if pack:
        (mods / f"{name}.yaml").write_text(pack, encoding="utf-8")
        header += ("import pathlib\n@hookimpl\ndef govlint_rule_files():\n"
                   f"    return [pathlib.Path(__file__).with_name({name + '.yaml'!r})]\n")
    (mods / f"{name}.py").write_text(header + textwrap.dedent(body), encoding="utf-8")
    return mods


def _reports(tmp_path: Path, *, plugins: tuple[str, ...] = (), extra: str = "") -> Path:
    """Three reports (seed 004, an imbalance, a clean one) and the config that enables ``plugins``."""
    d = tmp_path / "reports"
    d.mkdir()
    (d / "004.txt").write_bytes(next(p for p in SEEDS if p.name.startswith("004")).read_bytes())
    (d / "imbalance.md").write_text(render_report("2021", 2022, cells={"t3.new.natural_person": 6,
                                                                       "t3.new.total": 7}), encoding="utf-8")
    (d / "clean.md").write_text(render_report("2021", 2022), encoding="utf-8")
    (tmp_path / ".govlint.yaml").write_text(
        f"plugins: {{enable: [{', '.join(plugins)}]}}\n" + extra, encoding="utf-8")
    return d


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "mods"), NO_COLOR="1")
    r = subprocess.run([sys.executable, "-m", "govlint", *args], capture_output=True, text=True,
                       cwd=tmp_path, env=env, timeout=120)
    assert "Traceback" not in r.stderr + r.stdout, r.stderr
    return r


def _gl907(out: str) -> list[str]:
    return [ln for ln in out.splitlines() if ln.startswith("GL907") or ": GL907 " in ln]


def test_pack_reusing_a_builtin_code_is_one_gl907_and_the_builtin_stays(tmp_path):
    _plugin(tmp_path, "mistake_pack", "", PACK)
    _reports(tmp_path, plugins=("mistake_pack",))
    r = _run(tmp_path, "check", "reports")
    assert r.returncode == 1, r.stderr
    lines = _gl907(r.stdout)
    assert len(lines) == 1, r.stdout  # once per run, not once per file
    assert "mistake_pack" in lines[0] and "GL201" in lines[0] and "core.yaml" in lines[0]
    assert "代码已在" in lines[0] and "already defined" not in lines[0]  # the user's language, Chinese by default
    en = _gl907(_run(tmp_path, "check", "reports", "--lang", "en").stdout)
    assert len(en) == 1 and "code already defined in" in en[0] and "代码" not in en[0]
    assert "imbalance.md:" in r.stdout and "GL201 [错误] 表三 自然人列：一+二=7，三(七)+四=6" in r.stdout
    assert r.stdout.count("GLY101") == 3  # the pack's other rule loaded and ran on every file
    assert "GL605" in r.stdout and "GL301" in r.stdout  # the other files' findings
    sel = _run(tmp_path, "check", "reports", "--select", "GL6")
    assert len(_gl907(sel.stdout)) == 1 and "GL201" not in sel.stdout.replace(lines[0], "")
    assert "GL605" in sel.stdout
    js = _run(tmp_path, "check", "reports", "--output-format", "json")
    assert js.stdout.count('"GL907"') == 1


def test_bad_severity_in_a_python_rule_names_the_class_and_the_other_rules_load(tmp_path):
    _plugin(tmp_path, "mistake_sev", _rule_beside_flags("Shouty", "GLY302", "fatal", "return []"))
    _reports(tmp_path, plugins=("mistake_sev",))
    r = _run(tmp_path, "check", "reports")
    assert r.returncode == 1, r.stderr  # findings, not a stopped run
    lines = _gl907(r.stdout)
    assert len(lines) == 1 and "mistake_sev.Shouty" in lines[0] and "'fatal'" in lines[0], r.stdout
    assert "不是 error、warning、info 之一" in lines[0] and "is not one of" not in lines[0]
    assert r.stdout.count("GLY301") == 3 and "GL605" in r.stdout


def test_crashing_rule_is_gl907_per_file_and_fails_its_examples(tmp_path):
    _plugin(tmp_path, "mistake_crash", _rule_beside_flags("Crashy", "GLY201", "warning", "return [1 / 0]"))
    _reports(tmp_path, plugins=("mistake_crash",))
    r = _run(tmp_path, "check", "reports")
    assert r.returncode == 1, r.stderr
    crashes = [ln for ln in r.stdout.splitlines() if "GL907" in ln and "GLY201" in ln]
    assert len(crashes) == 3 and all("ZeroDivisionError" in ln for ln in crashes), r.stdout
    assert r.stdout.count("GLY301") == 3 and "GL605" in r.stdout and "GL201" in r.stdout
    t = _run(tmp_path, "test")
    assert t.returncode == 1
    assert "FAIL GLY201 fail[1]: the rule raised ZeroDivisionError: division by zero" in t.stdout
    assert "FAIL GLY201 pass[1]: the rule raised ZeroDivisionError" in t.stdout
    assert "FAIL GLY301" not in t.stdout and "FAIL GL2" not in t.stdout


def test_govlint_test_without_files_tests_installed_plugins_and_reports_broken_ones(tmp_path):
    _plugin(tmp_path, "mistake_broken", '''
@hookimpl
def govlint_rule_files():
    raise RuntimeError("the pack went missing")
''')
    _plugin(tmp_path, "mistake_ok", "", PACK.split("- code: GLY101")[0].replace(
        "- code: GL201\n  name: my-balance\n  extends: GL202\n", "") + "- code: GLY101" + PACK.split("- code: GLY101")[1])
    _reports(tmp_path, plugins=("mistake_broken", "mistake_ok"))
    t = _run(tmp_path, "test")
    assert t.returncode == 1
    assert "FAIL GL907 mistake_broken: govlint_rule_files: RuntimeError: the pack went missing" in t.stdout
    assert "FAIL GLY101" not in t.stdout and "1 plugin problem(s)" in t.stdout
    v = _run(tmp_path, "test", "-v")
    assert "ok   GLY101 fail[1]" in v.stdout  # the installed plugin's rules were tested


def test_several_bad_rule_files_are_all_listed_naming_each_file(tmp_path):
    (tmp_path / "a.yaml").write_text("rules:\n- code: GLZ101\n  name: x\n   kind: bad\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("rules: [unclosed\n", encoding="utf-8")
    _reports(tmp_path, extra="rule-files: [a.yaml, b.yaml]\n")
    r = _run(tmp_path, "check", "reports", "--lang", "en")
    assert r.returncode == 2 and not r.stdout
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 2 and "<unicode string>" not in r.stderr
    assert f"{tmp_path / 'a.yaml'}:4:8: not a valid rule file: mapping values are not allowed here" in lines[0]
    assert f"{tmp_path / 'b.yaml'}:2:1: not a valid rule file" in lines[1]
    zh = _run(tmp_path, "check", "reports")  # Chinese by default, the same places
    lines = zh.stderr.strip().splitlines()
    assert zh.returncode == 2 and len(lines) == 2 and "not a valid" not in zh.stderr, zh.stderr
    assert f"{tmp_path / 'a.yaml'}:4:8：不是有效的规则文件：此处不能出现“键: 值”" in lines[0]
    assert f"{tmp_path / 'b.yaml'}:2:1：不是有效的规则文件：解析方括号列表 [...] 时：应为 ',' 或 ']'，却是 文件结尾" \
        in lines[1]


def test_misspelt_key_in_a_rule_file_is_one_line(tmp_path):
    (tmp_path / "typo.yaml").write_text(textwrap.dedent("""
        rules:
        - code: GLZ102
          name: litigation-total
          kind: identity
          severity: error
          options: {lhs: "t4.litigaton_direct.total", rhs: "t4.litigation_direct.upheld"}
          message: {zh: 不符, en: mismatch}
          summary: {zh: 诉讼, en: litigation}
          docs:
            rationale: {zh: 因为, en: because}
            basis: 示例
            examples: {fail: [{template: "2021", year: 2022}], pass: [{template: "2021", year: 2022}]}
        """), encoding="utf-8")
    _reports(tmp_path, extra="rule-files: [typo.yaml]\n")
    for args in (("check", "reports"), ("test", "typo.yaml")):
        r = _run(tmp_path, *args, "--lang", "en")
        assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
        assert "rule GLZ102" in r.stderr and "'t4.litigaton_direct.total'" in r.stderr
        assert "did you mean 't4.litigation_direct.total'" in r.stderr
        zh = _run(tmp_path, *args)  # Chinese by default
        assert zh.returncode == 2 and len(zh.stderr.strip().splitlines()) == 1, zh.stderr
        assert "规则 GLZ102：options.lhs 处：没有单元格键 't4.litigaton_direct.total'" in zh.stderr
        assert "（是否应为 't4.litigation_direct.total'？）" in zh.stderr and "did you mean" not in zh.stderr


BAD_SEVERITY_PACK = PACK.split("- code: GLY101")[0].replace(
    "- code: GL201\n  name: my-balance\n  extends: GL202\n", "") + "- code: GLY101" + \
    PACK.split("- code: GLY101")[1].replace("severity: warning", "severity: fatal")


def test_a_plugin_packs_mistake_in_gl907_speaks_the_runs_language(tmp_path):
    _plugin(tmp_path, "mistake_schema", "", BAD_SEVERITY_PACK)
    _reports(tmp_path, plugins=("mistake_schema",))
    zh = _gl907(_run(tmp_path, "check", "reports").stdout)
    assert len(zh) == 1 and "插件“mistake_schema”出错（规则文件）" in zh[0], zh
    assert "规则 GLY101：$.rules[0].severity 处：'fatal' 不是允许的值（可用：error、warning、info）" in zh[0]
    assert "is not one of" not in zh[0] and "rule file" not in zh[0]
    en = _gl907(_run(tmp_path, "check", "reports", "--lang", "en").stdout)
    assert len(en) == 1 and "plugin 'mistake_schema' failed (rule file)" in en[0], en
    assert "rule GLY101: at $.rules[0].severity: 'fatal' is not one of ['error', 'warning', 'info']" in en[0]
    t = _run(tmp_path, "test")  # `govlint test` lists the broken plugin in the same language
    assert "FAIL GL907 mistake_schema: 规则文件: " in t.stdout and "'fatal' 不是允许的值" in t.stdout, t.stdout
    assert "'fatal' is not one of" in _run(tmp_path, "test", "--lang", "en").stdout


def test_rule_that_never_returns_is_gl908_naming_it_and_the_run_goes_on(tmp_path):
    _plugin(tmp_path, "mistake_hang", _rule_beside_flags("Forever", "GLY209", "warning", "while True: pass"))
    _reports(tmp_path, plugins=("mistake_hang",), extra="limits: {max-seconds: 2}\n")
    r = _run(tmp_path, "check", "reports")  # the harness's timeout (120 s) fails a hang
    hung = [ln for ln in r.stdout.splitlines() if "GL908" in ln]
    assert len(hung) == 3 and all("GLY209" in ln for ln in hung), r.stdout
    assert r.stdout.count("GLY301") == 3 and "GL605" in r.stdout and "GL201" in r.stdout


def test_rule_that_never_returns_is_stopped_in_pool_workers_too(tmp_path):
    _plugin(tmp_path, "mistake_hang_j", _rule_beside_flags("Forever", "GLY209", "warning", "while True: pass"))
    _reports(tmp_path, plugins=("mistake_hang_j",), extra="limits: {max-seconds: 2}\n")
    r = _run(tmp_path, "check", "reports", "-j", "2", "--no-cache")  # each worker's main thread has the timer
    hung = [ln for ln in r.stdout.splitlines() if "GL908" in ln]
    assert len(hung) == 3 and all("GLY209" in ln for ln in hung), r.stdout
    assert r.stdout.count("GLY301") == 3 and "GL605" in r.stdout


def test_rule_raising_system_exit_is_gl907_and_the_run_goes_on(tmp_path):
    _plugin(tmp_path, "mistake_exit", _rule_beside_flags("Quits", "GLY210", "warning", "raise SystemExit(3)"))
    _reports(tmp_path, plugins=("mistake_exit",))
    r = _run(tmp_path, "check", "reports")
    assert r.returncode == 1, r.stderr
    quits = [ln for ln in r.stdout.splitlines() if "GL907" in ln and "GLY210" in ln]
    assert len(quits) == 3 and all("SystemExit" in ln for ln in quits), r.stdout
    assert r.stdout.count("GLY301") == 3 and "GL605" in r.stdout and "GL201" in r.stdout


def test_rule_yielding_a_non_finding_is_gl907_and_the_files_other_findings_stay(tmp_path):
    _plugin(tmp_path, "mistake_yield", _rule_beside_flags("Stray", "GLY211", "warning", "return ['oops']"))
    _reports(tmp_path, plugins=("mistake_yield",))
    r = _run(tmp_path, "check", "reports")
    stray = [ln for ln in r.stdout.splitlines() if "GL907" in ln and "GLY211" in ln]
    assert len(stray) == 3 and all("'oops'" in ln for ln in stray), r.stdout
    assert r.stdout.count("GLY301") == 3 and "GL605" in r.stdout and "GL201" in r.stdout


def test_loader_that_never_returns_is_gl908_naming_the_stage(tmp_path):
    _plugin(tmp_path, "mistake_loader", '''
@hookimpl
def govlint_loaders():
    def load_slow(path, data, limits):
        while True:
            pass
    return {".slow": load_slow}
''')
    d = _reports(tmp_path, plugins=("mistake_loader",), extra="limits: {max-seconds: 2}\n")
    (d / "x.slow").write_text("x", encoding="utf-8")
    r = _run(tmp_path, "check", "reports/x.slow", "reports/clean.md")
    stopped = [ln for ln in r.stdout.splitlines() if "GL908" in ln]
    assert len(stopped) == 1 and "x.slow" in stopped[0] and "读取文件超过时间上限 2 秒" in stopped[0], r.stdout
    assert "共检查 2 个文件，发现 1 个问题" in r.stdout  # the next file was still checked


@pytest.mark.parametrize("body", ["raise RuntimeError('the format broke')", "return 42"])
def test_output_format_that_raises_is_one_line_and_writes_nothing(tmp_path, body):
    _plugin(tmp_path, "mistake_format", f'''
@hookimpl
def govlint_output_formats():
    def boom(results, options):
        {body}
    return {{"boom": boom}}
''')
    _reports(tmp_path, plugins=("mistake_format",))
    for out in ((), ("-o", "out.txt")):
        r = _run(tmp_path, "check", "reports", "--output-format", "boom", *out)
        assert r.returncode == 2 and not r.stdout, r.stdout
        assert r.stderr.strip().splitlines() == [r.stderr.strip()] and "输出格式 boom 出错" in r.stderr, r.stderr
        assert not [p for p in tmp_path.iterdir() if p.name.startswith((".govlint-", "out.txt"))]


def test_govlint_test_fails_the_examples_of_a_rule_that_never_returns_and_goes_on(tmp_path):
    _plugin(tmp_path, "mistake_hang_t", _rule_beside_flags("Forever", "GLY209", "warning", "while True: pass"))
    _reports(tmp_path, plugins=("mistake_hang_t",))
    t = _run(tmp_path, "test")  # two examples of 10 s each, well inside the harness's 120 s
    assert t.returncode == 1, t.stdout
    assert "FAIL GLY209 fail[1]: the rule raised TimeoutError" in t.stdout, t.stdout
    assert "FAIL GLY301" not in t.stdout
