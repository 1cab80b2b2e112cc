"""Fixes from the code review of config, plugins, hooks, baseline and suppressions.

Fake plugins are small modules written to a temporary folder on sys.path and
enabled through the config's ``plugins: {enable: [...]}`` (the same hooks an
installed plugin's entry point provides).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from govlint import plugins, templates
from govlint.config import Config, ConfigError, load_config, read_config_file
from govlint.engine import rules_for, run
from govlint.engine.baseline import load_baseline, write_baseline
from govlint.parse import parse_text as parse_text_any
from govlint.scaffold.synth import render_report

ROOT = Path(__file__).resolve().parents[2]
BAD = {"t3.new.natural_person": 6, "t3.new.total": 7}


@pytest.fixture()
def fake_plugin(tmp_path, monkeypatch):
    """Write a plugin module and return a Config enabling it (hosts reset around the test)."""
    monkeypatch.syspath_prepend(str(tmp_path))
    plugins.reset()

    def make(name: str, body: str) -> Config:
        (tmp_path / f"{name}.py").write_text("from govlint.hookspecs import hookimpl\n" + body, encoding="utf-8")
        return Config(plugins={"enable": (name,)})

    yield make
    plugins.reset()


# ---------------------------------------------------------------- 1. config types

@pytest.mark.parametrize("text, key", [
    ("severity: [GL1]\n", "severity"),
    ("per-file-ignores: [GL1]\n", "per-file-ignores"),
    ("options: 5\n", "options"),
    ("options: {GL303: 5}\n", "options.GL303"),
    ("limits: {max_bytes: abc}\n", "limits.max_bytes"),
    ("limits: [1]\n", "limits"),
    ("limits: {max-file-mb: 50}\n", "limits.max-file-mb"),
    ("limits: {max-pages: 0}\n", "limits.max-pages"),
    ("limits: {max-pages: 2.5}\n", "limits.max-pages"),
    ("limits: {max_seconds: true}\n", "limits.max_seconds"),
    ("select: 5\n", "select"),
    ("plugins: {enable: 5}\n", "plugins.enable"),
    ("rule-files: {a: b}\n", "rule-files"),
    ("exclude: [1]\n", "exclude"),
    ("exclude: {a: b}\n", "exclude"),
])
def test_wrong_types_are_one_line_config_errors(tmp_path, text, key):
    f = tmp_path / ".govlint.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        read_config_file(str(f))
    msg = str(e.value)
    assert "\n" not in msg and str(f) in msg and f" {key}:" in msg, msg


def test_limits_are_checked_against_load_limits(tmp_path):
    from govlint.load import Limits

    f = tmp_path / ".govlint.yaml"
    f.write_text("limits: {max-bytes: 1000, max_pages: 5, max-seconds: 2, max-elements: 1e6}\n", encoding="utf-8")
    c = read_config_file(str(f))
    assert c.limits == {"max_bytes": 1000, "max_pages": 5, "max_seconds": 2.0, "max_elements": 1000000}
    assert isinstance(c.limits["max_elements"], int) and isinstance(c.limits["max_seconds"], float)
    Limits(**c.limits)  # every key is a Limits field


def test_exclude_key(tmp_path):
    (tmp_path / ".govlint.yaml").write_text("exclude: ['drafts/*', '*.bak.md']\n", encoding="utf-8")
    assert load_config(str(tmp_path / "r.md")).exclude == ("drafts/*", "*.bak.md")
    (tmp_path / ".govlint.yaml").write_text("exclude: 'old/*'\n", encoding="utf-8")
    assert read_config_file(str(tmp_path / ".govlint.yaml")).exclude == ("old/*",)
    assert Config().exclude == ()


def test_docstring_names_only_real_limits():
    import govlint.config

    assert "max-file-mb" not in (govlint.config.__doc__ or "")
    assert "max-pages" in (govlint.config.__doc__ or "")


# ---------------------------------------------------------------- 2. configure hook problems

CONFIGURE_CRASH = "@hookimpl\ndef govlint_configure(config):\n    raise RuntimeError('bad province settings')\n"


def test_crashing_configure_is_reported_whatever_the_call_order(fake_plugin):
    cfg = fake_plugin("crashing_configure_plugin", CONFIGURE_CRASH)
    rep = parse_text_any(render_report("2021", 2022), "r.md")
    rules_for(cfg)  # the rule set is built and cached before the hook runs
    assert plugins.configure(cfg) is cfg
    plugins.configure(cfg)  # once per file: still one problem
    gl907 = [d for d in run(rep, cfg) if d.code == "GL907"]
    assert len(gl907) == 1 and "crashing_configure_plugin" in gl907[0].message
    assert "bad province settings" in gl907[0].message
    assert len([d for d in run(rep, cfg, "en") if d.code == "GL907"]) == 1


# ---------------------------------------------------------------- 3. templates hook

@pytest.fixture()
def clean_templates(monkeypatch):
    monkeypatch.setattr(templates, "_extra_templates", [])
    templates.builtin_templates.cache_clear()
    yield
    templates.builtin_templates.cache_clear()


def test_plugin_template_is_registered(fake_plugin, tmp_path, clean_templates):
    text = (ROOT / "rules" / "templates" / "2021.yaml").read_text(encoding="utf-8")
    text = text.replace('id: "2021"', 'id: "2099"', 1).replace("years: {min: 2021, max: null}", "years: {min: 2099}", 1)
    assert 'id: "2099"' in text and "years: {min: 2099}" in text
    (tmp_path / "t2099.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("- not a template\n", encoding="utf-8")
    cfg = fake_plugin("template_plugin", (
        "from pathlib import Path\n"
        "HERE = Path(__file__).parent\n"
        "@hookimpl\ndef govlint_templates():\n"
        "    return [HERE / 't2099.yaml', str(HERE / 'broken.yaml'), HERE / 'missing.yaml']\n"))
    assert templates.template_for_year(2099).id == "2021"
    problems = plugins.register_plugin_templates(cfg)
    assert templates.template_for_year(2099).id == "2099"
    assert templates.template_for_year(2022).id == "2021"
    assert [(p.plugin, p.what) for p in problems] == [("template_plugin", "template")] * 2
    assert "broken.yaml" in problems[0].error and "missing.yaml" in problems[1].error
    # reported as GL907 by the engine, like other plugin problems
    rep = parse_text_any(render_report("2021", 2022), "r.md")
    msgs = [d.message for d in run(rep, cfg) if d.code == "GL907"]
    assert len(msgs) == 2 and all("template_plugin" in m for m in msgs)


def test_raising_templates_hook_is_a_problem(fake_plugin, clean_templates):
    cfg = fake_plugin("raising_template_plugin",
                      "@hookimpl\ndef govlint_templates():\n    raise ValueError('no templates')\n")
    problems = plugins.register_plugin_templates(cfg)
    assert [(p.plugin, p.what) for p in problems] == [("raising_template_plugin", "govlint_templates")]


# ---------------------------------------------------------------- 4. loader and format signatures

IO_PLUGIN = """
CALLS = {}

@hookimpl
def govlint_loaders():
    def load_xyz(path, data, limits):
        from govlint.load.text import load_text
        CALLS['loader'] = (path, data, limits)
        return load_text(path, data, limits)
    return {".xyz": load_xyz}

@hookimpl
def govlint_output_formats():
    def count(results, options):
        CALLS['format'] = (results, options)
        n = sum(len(r.diagnostics) for r in results)
        return f"{n} findings" if options.en else f"{n} 个问题"
    return {"count": count}
"""


def test_plugin_loader_and_format_signatures(fake_plugin, tmp_path):
    import importlib

    from govlint import runner
    from govlint.load import Limits, _extra_loaders, load
    from govlint.model import FileResult
    from govlint.output import ENCODINGS, FORMATS, render
    from govlint.output.common import OutputOptions

    cfg = fake_plugin("io_plugin", IO_PLUGIN)
    report = tmp_path / "r.xyz"
    report.write_text(render_report("2021", 2022, cells=BAD), encoding="utf-8")
    saved = dict(FORMATS), dict(ENCODINGS), dict(_extra_loaders)
    try:
        runner.setup_plugins(cfg)  # registers through register_loader / register_format
        calls = importlib.import_module("io_plugin").CALLS
        limits = Limits(max_pages=7)
        doc = load(str(report), limits)
        path, data, got_limits = calls["loader"]
        assert path == str(report) and isinstance(data, bytes) and data == report.read_bytes()
        assert got_limits is limits
        rep = parse_text_any(report.read_text(encoding="utf-8"), str(report))
        assert doc.source_lines and rep.tables
        results = [FileResult(str(report), rep, run(rep, Config()), 0.0)]
        n = len(results[0].diagnostics)
        assert n == 2  # GL201 twice
        assert render("count", results, rules={}, lang="en") == f"{n} findings"
        got_results, options = calls["format"]
        assert isinstance(got_results, list) and got_results[0].path == str(report)
        assert isinstance(options, OutputOptions) and options.lang == "en"
        assert render("count", results, rules={}) == f"{n} 个问题"
    finally:
        FORMATS.clear(), FORMATS.update(saved[0])
        ENCODINGS.clear(), ENCODINGS.update(saved[1])
        _extra_loaders.clear(), _extra_loaders.update(saved[2])
        getattr(runner, "_plugin_keys", set()).discard(cfg.plugin_key)


def test_hook_docs_match_call_sites():
    from govlint import hookspecs

    assert "(path: str, data: bytes, limits:" in " ".join(hookspecs.govlint_loaders.__doc__.split())
    doc = " ".join(hookspecs.govlint_output_formats.__doc__.split())
    assert "options: govlint.output.common.OutputOptions" in doc and "lang: str" not in doc


# ---------------------------------------------------------------- 5. baseline vs --lang

def test_baseline_written_in_zh_filters_en(fake_plugin, tmp_path):
    cfg = fake_plugin("broken_packs_plugin",
                      "@hookimpl\ndef govlint_rule_files():\n    raise RuntimeError('no packs today')\n")
    path = tmp_path / "r.md"
    rep = parse_text_any(render_report("2021", 2022, cells=BAD, date="2023-02-15"), str(path))
    zh, en = run(rep, cfg, "zh"), run(rep, cfg, "en")
    assert [d.code for d in zh] == [d.code for d in en] and "GL907" in {d.code for d in zh}
    assert {d.message for d in zh if d.span is None} != {d.message for d in en if d.span is None}
    bl = tmp_path / "baseline.json"
    write_baseline(str(bl), [(zh, rep.source_lines)])
    assert load_baseline(str(bl)).filter(en, rep.source_lines) == []
    assert load_baseline(str(bl)).filter(zh, rep.source_lines) == []


def test_version1_baseline_still_matches_by_message(tmp_path):
    import hashlib
    import json

    from govlint.model import Diagnostic, Severity

    d = Diagnostic("GL907", "plugin-error", Severity.ERROR, "插件出错", None, str(tmp_path / "r.md"))
    raw = "\x1f".join(["r.md", "GL907", "msg:插件出错"])
    old = hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]
    bl = tmp_path / "old.json"
    bl.write_text(json.dumps({"version": 1, "findings": [{"path": "r.md", "code": "GL907", "fingerprint": old}]}),
                  encoding="utf-8")
    assert load_baseline(str(bl)).filter([d], []) == []


# ---------------------------------------------------------------- 6. CLI usage errors

def _invoke(cmd, args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no stray .govlint.yaml from the working directory
    r = CliRunner().invoke(cmd, args)
    return r.exit_code, r.output.strip()


def test_unknown_rule_code_is_exit_2_localised(tmp_path, monkeypatch):
    from govlint.cli.rules import rule_cmd

    code, out = _invoke(rule_cmd, ["NOPE"], tmp_path, monkeypatch)
    assert code == 2 and out == "govlint: 未知的规则代码：NOPE（可用 govlint rules 查看全部规则）"
    code, out = _invoke(rule_cmd, ["NOPE", "--lang", "en"], tmp_path, monkeypatch)
    assert code == 2 and out == "govlint: unknown rule code: NOPE (see `govlint rules`)"


@pytest.mark.parametrize("cmd_name", ["rules_cmd", "rule_cmd", "plugins_cmd"])
def test_bad_config_is_exit_2_localised(tmp_path, monkeypatch, cmd_name):
    from govlint.cli import rules as cli_rules

    cmd = getattr(cli_rules, cmd_name)
    bad = tmp_path / "bad.yaml"
    bad.write_text("severity: [GL1]\n", encoding="utf-8")
    extra = ["GL201"] if cmd_name == "rule_cmd" else []
    code, out = _invoke(cmd, [*extra, "--config", str(bad)], tmp_path, monkeypatch)
    assert code == 2 and "\n" not in out and out.startswith("govlint: 配置错误：") and str(bad) in out, out
    assert "severity" in out and "Traceback" not in out
    code, out = _invoke(cmd, [*extra, "--config", str(bad), "--lang", "en"], tmp_path, monkeypatch)
    assert code == 2 and out.startswith("govlint: configuration error: ") and "severity" in out, out
    code, out = _invoke(cmd, [*extra, "--config", str(tmp_path / "none.yaml")], tmp_path, monkeypatch)
    assert code == 2 and "not found" in out


# ---------------------------------------------------------------- 7. suppressions with spaces

@pytest.mark.parametrize("comment", ["disable=GL201 GL303", "disable=GL201,GL303", "disable = GL201 , GL303",
                                     "disable=GL2\tGL3"])
def test_suppression_codes_separated_by_spaces_or_commas(comment):
    text = render_report("2021", 2022, cells=BAD, date="2023-02-15")
    assert {d.code for d in run(parse_text_any(text, "r.md"), Config())} == {"GL201", "GL303"}
    assert run(parse_text_any(f"<!-- govlint: {comment} -->\n" + text, "r.md"), Config()) == []


def test_disable_line_with_spaces():
    lines = render_report("2021", 2022, cells=BAD).split("\n")
    i = next(k for k, ln in enumerate(lines) if ln.startswith("\t（七）总计"))
    lines[i] += " <!-- govlint: disable-line=GL303 GL201 -->"
    assert run(parse_text_any("\n".join(lines), "r.md"), Config()) == []

