"""Click commands about rules and plugins: ``rules``, ``rule CODE``, ``plugins``, ``test``.

Standalone commands that :mod:`govlint.cli` attaches to the group.  Imports
of the engine happen inside the command functions so ``govlint --help`` stays
fast.
"""
from __future__ import annotations

import json
import sys
from typing import Any, Optional

import click

from ..bilingual import in_lang
from .guards import usage_error as _fail

_LANG = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
                     help="Language of summaries and messages.")
_CONFIG = click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
                       help="Configuration file (default: nearest .govlint.yaml / pyproject.toml).")


def _config(config_path: Optional[str], lang: str = "zh") -> Any:
    from .. import batch  # noqa: F401 - registers the cross-report rules (GL7xx) before rules load
    from ..config import ConfigError, load_config

    try:
        return load_config(".", config_path)
    except ConfigError as e:
        msg = " ".join(str(e).split())
        _fail(f"配置错误：{msg}", f"configuration error: {msg}", lang)


def _ruleset(config: Any, lang: str = "zh") -> Any:
    from ..engine import rules_for
    from ..engine.loader import RuleFileError

    try:
        return rules_for(config)
    except RuleFileError as e:
        zh, en = ([" ".join(line.split()) for line in e.message(lg).splitlines()] for lg in ("zh", "en"))
        _fail("\n".join(f"规则文件无效：{m}" for m in zh), "\n".join(f"invalid rule file: {m}" for m in en), lang)


@click.command("rules")
@_LANG
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_CONFIG
def rules_cmd(lang: str, fmt: str, config_path: Optional[str]) -> None:
    """List every rule: code, severity, name, summary, source."""
    from ..engine import catalog

    config = _config(config_path, lang)
    _ruleset(config, lang)
    metas = catalog(config)
    if fmt == "json":
        click.echo(json.dumps([{"code": m.code, "name": m.name, "severity": m.severity.value,
                                "summary": m.summary_zh if lang == "zh" else m.summary_en,
                                "source": m.source, "url": m.url, "enabled": config.is_enabled(m.code)}
                               for m in metas.values()], ensure_ascii=False, indent=2))
        return
    for m in metas.values():
        summary = m.summary_zh if lang == "zh" else m.summary_en
        off = "" if config.is_enabled(m.code) else (" (未启用)" if lang == "zh" else " (disabled)")
        click.echo(f"{m.code:<7} {m.severity.value:<7} {m.name:<28} {summary}{off}"
                   + ("" if m.source == "govlint" else f"  [{m.source}]"))


@click.command("rule")
@click.argument("code")
@_LANG
@_CONFIG
def rule_cmd(code: str, lang: str, config_path: Optional[str]) -> None:
    """Explain one rule: why, the official basis, its options now, a failing and a passing example."""
    from ..engine.examples import example_diagnostics
    from .explain import describe_example, options_lines, when_line

    config = _config(config_path, lang)
    rs = _ruleset(config, lang)
    code = code.upper()
    rule = rs.by_code.get(code) or next((r for r in rs.hidden if r.code == code), None)
    if rule is None:
        from ..errors import INPUT_CODES

        if code in INPUT_CODES:
            name, zh, en = INPUT_CODES[code]
            click.echo(f"{code} {name}: {zh if lang == 'zh' else en}")
            return
        _fail(f"未知的规则代码：{code}（可用 govlint rules 查看全部规则）",
              f"unknown rule code: {code} (see `govlint rules`)", lang)
    zh = lang == "zh"
    docs = rule.docs or {}
    click.echo(f"{rule.code} {rule.name} [{rule.severity.value}]  ({rule.source})")
    click.echo(rule.text(rule.summary, lang))
    if code in rs.replaced:
        by = rs.by_code.get(rs.replaced[code])
        click.echo((f"已被 {rs.replaced[code]}（{by.source if by else ''}）取代（replaces: true），不再运行"
                    if zh else f"replaced by {rs.replaced[code]} ({by.source if by else ''}, replaces: true): "
                               "it no longer runs"))
    elif getattr(rule, "extends", None) and getattr(rule, "replaces", False):
        click.echo((f"在 {rule.extends} 的基础上修改（extends），并取代 {rule.extends}（replaces: true），"
                    f"{rule.extends} 不再运行" if zh
                    else f"extends {rule.extends} and replaces it (replaces: true): {rule.extends} no longer runs"))
    elif getattr(rule, "extends", None):
        click.echo((f"在 {rule.extends} 的基础上修改（extends），两条规则都会运行" if zh
                    else f"extends {rule.extends}; both rules run"))
    click.echo("")
    click.echo(("为什么：" if zh else "Why: ") + rule.text(docs.get("rationale") or {}, lang))
    click.echo(("依据：" if zh else "Basis: ") + str(docs.get("basis", "")))
    gate = when_line(rule, lang)
    if gate:
        click.echo(("适用范围：" if zh else "Applies to: ") + gate)
    opts = options_lines(rule, config, lang)
    if opts:
        click.echo(("选项（当前值，可在配置 options: 中修改）：" if zh
                    else "Options (current values; change them under options: in the configuration):"))
        for line in opts:
            click.echo(line)
    for kind, title in (("fail", "不通过的例子" if zh else "Failing example"),
                        ("pass", "通过的例子" if zh else "Passing example")):
        exs = rule.examples[kind]
        if not exs:
            continue
        click.echo("")
        click.echo(f"{title}：" if zh else f"{title}:")
        for line in describe_example(exs[0], lang):
            click.echo(f"  {line}")
        try:
            found = [d for d in example_diagnostics(exs[0], [*rs.rules, *([rule] if rule not in rs.rules else [])],
                                                    rule, lang) if d.code == rule.code]
        except Exception as e:  # noqa: BLE001 - documentation must still print
            click.echo(f"  (example could not run: {e})")
            continue
        for d in found[:3]:
            click.echo(f"  → {d.code} {d.message}")
        if not found:
            click.echo("  → " + ("无此问题" if zh else "no finding"))


@click.command("plugins")
@_LANG
@_CONFIG
def plugins_cmd(lang: str, config_path: Optional[str]) -> None:
    """List loaded plugins, their hooks and rules, and any plugin problems."""
    from ..plugins import list_plugins

    config = _config(config_path, lang)
    rs = _ruleset(config, lang)
    for info in list_plugins(config):
        codes = [r.code for r in rs.rules if r.source == info.name]
        click.echo(f"{info.name} {info.version or ''} ({info.module})".replace("  ", " "))
        click.echo(f"  hooks: {', '.join(h for h in info.hooks) or '-'}")
        click.echo(f"  rules: {len(codes)}" + (f" ({', '.join(codes[:12])}{'…' if len(codes) > 12 else ''})"
                                                 if codes else ""))
    for p in rs.problems:  # the host's (load, hooks) and the rule set's own, deduplicated
        click.echo(f"GL907 {p.plugin}: {p.what_in(lang)}: {in_lang(p.error, lang)}")


@click.command("test")
@click.argument("rule_files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option("-v", "--verbose", is_flag=True, help="Show passing examples too.")
@_LANG
@_CONFIG
def test_cmd(rule_files: tuple[str, ...], verbose: bool, lang: str, config_path: Optional[str]) -> None:
    """Run the examples of the rules in RULE_FILES (all installed rules if none).

    Without files, every installed rule is tested — the built-in ones and
    those of every installed plugin — and a plugin whose pack or rules could
    not be loaded is reported (one line each) and fails the run.

    Exit status: 0 all examples behave, 1 some do not (or an installed
    plugin is broken), 2 a rule file given is invalid.
    """
    from .. import batch  # noqa: F401 - the cross-report rules' examples run too
    from ..engine.examples import installed_problems, run_examples
    from ..engine.loader import RuleFileError
    from ..plugins import register_plugin_templates

    config = _config(config_path, lang)
    register_plugin_templates(config)  # a plugin's own template: its keys are valid in its rules
    try:
        results = run_examples(rule_files, config=config)
    except RuleFileError as e:
        for line in e.message(lang).splitlines():
            click.echo(f"govlint: {line}", err=True)
        sys.exit(2)
    broken = [] if rule_files else installed_problems(config, lang)
    bad = [r for r in results if not r.ok]
    for r in results:
        if not r.ok or verbose:
            click.echo(f"{'ok  ' if r.ok else 'FAIL'} {r.label}" + (f": {r.detail}" if r.detail else ""))
    for line in broken:
        click.echo(f"FAIL {line}")
    rules = len({r.code for r in results})
    click.echo(f"{len(results) - len(bad)}/{len(results)} examples ok ({rules} rules)"
               + (f"; {len(broken)} plugin problem(s)" if broken else ""))
    sys.exit(1 if bad or broken else 0)


COMMANDS = [rules_cmd, rule_cmd, plugins_cmd, test_cmd]
