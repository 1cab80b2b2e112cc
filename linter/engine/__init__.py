"""Stage 4, the rules engine: Report + Config → Diagnostics.

May import the foundation (model, config, templates, labels, plugins), the
parser (rule examples are parsed mini-reports) and the scaffold.

Public API::

    run(report, config, lang="zh") -> list[Diagnostic]
    catalog(config) -> dict[code, RuleMeta]
    rules_for(config) -> RuleSet        (the loaded rules, for docs and tests)

Rules come only from plugins (the built-in ones through
:mod:`govlint.engine.builtin_plugin`) plus the config's ``rule-files``.  A rule set is
loaded once per plugin configuration and cached, so checking thousands of
files parses the YAML packs once.  A rule that raises becomes a GL907
finding naming its plugin; the other rules still run.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from .. import plugins
from ..model import Diagnostic, Report, RuleMeta, Severity
from . import builtin_plugin, kinds_arith, kinds_structure, kinds_text  # noqa: F401 - registers the kinds
from .fold import fold
from .loader import RuleFileError, build_rules, load_rule_file
from .pyrule import PyRule, Rule, RuleContext
from .suppress import apply_suppressions

__all__ = ["run", "catalog", "rules_for", "RuleSet", "RuleFileError", "PyRule", "Rule", "RuleContext"]


@dataclass
class RuleSet:
    rules: list[Rule]
    own_problems: list[Any] = field(default_factory=list)  # plugins.PluginProblem met while loading
    host: Any = None  # the plugins.PluginHost the rules came from

    @property
    def problems(self) -> list[Any]:
        """Every plugin problem, read now (not when the rules were loaded).

        The host keeps collecting problems after the rule set is cached — a
        crashing ``govlint_configure`` or ``govlint_templates`` hook is met
        later — so the answer must not depend on call order.  Deduplicated:
        a hook called once per file fails once per file.
        """
        return _dedup([*(getattr(self.host, "problems", None) or []), *self.own_problems])

    @property
    def by_code(self) -> dict[str, Rule]:
        """Rules keyed by code, rebuilt on each access so it always matches ``rules``."""
        return {r.code: r for r in self.rules}


_rulesets: dict[tuple, RuleSet] = {}
plugins.register_builtin(builtin_plugin.NAME, builtin_plugin)
plugins.on_reset(_rulesets.clear)


def _dedup(problems: list[Any]) -> list[Any]:
    seen: set[tuple] = set()
    out = []
    for p in problems:
        key = (getattr(p, "plugin", None), getattr(p, "what", None), getattr(p, "error", None))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _py_rule(obj: Any, plugin: str) -> Rule:
    rule = obj() if isinstance(obj, type) else obj
    if not isinstance(rule, Rule):
        raise TypeError(f"{obj!r} is not a govlint.engine.pyrule.PyRule")
    import re

    if not re.fullmatch(r"[A-Z]{2,4}[0-9]{3}", rule.code or "") or not rule.name:
        raise TypeError(f"Python rule {type(rule).__name__}: bad or missing code/name")
    rule.severity = Severity(rule.severity)
    rule.source = plugin
    rule.origin = rule.origin or type(rule).__module__
    return rule


def _load(config: Any) -> RuleSet:
    from ..plugins import PluginProblem, get_host

    host = get_host(config)
    problems: list[Any] = []  # this load's own problems; RuleSet.problems adds the host's, live
    raw: list[tuple[dict[str, Any], str, str, int]] = []
    per_plugin: dict[str, list[tuple[dict[str, Any], str, str, int]]] = {}
    for plugin, files in host.call("govlint_rule_files"):
        for src in files or []:
            try:
                for i, r in enumerate(load_rule_file(src)):
                    per_plugin.setdefault(plugin, []).append((r, str(src), plugin, i))
            except RuleFileError as e:
                if plugin == "govlint":
                    raise
                problems.append(PluginProblem(plugin, "rule file", str(e)))
    for f in getattr(config, "rule_files", ()) or ():
        src = Path(getattr(config, "root", "."), f)
        for i, r in enumerate(load_rule_file(src)):
            per_plugin.setdefault("config", []).append((r, str(src), "config", i))
    rules: list[Rule] = []
    while True:
        raw = [x for items in per_plugin.values() for x in items]
        try:
            rules = build_rules(raw)
            break
        except RuleFileError as e:
            culprit = next((p for p, items in per_plugin.items()
                            if p not in ("govlint", "config") and any(str(e).startswith(n) for _, n, _, _ in items)),
                           None)
            if culprit is None:
                raise
            problems.append(PluginProblem(culprit, "rule file", str(e)))
            del per_plugin[culprit]
    seen = {r.code for r in rules}
    for plugin, objs in host.call("govlint_python_rules"):
        for obj in objs or []:
            try:
                rule = _py_rule(obj, plugin)
                if rule.code in seen:
                    raise TypeError(f"rule code {rule.code} is already defined")
            except Exception as e:  # noqa: BLE001
                problems.append(PluginProblem(plugin, "python rule", f"{type(e).__name__}: {e}"))
                continue
            seen.add(rule.code)
            rules.append(rule)
    rules.sort(key=lambda r: r.code)
    return RuleSet(rules, problems, host)


def rules_for(config: Any = None) -> RuleSet:
    """The cached rule set for ``config`` (raises RuleFileError for a broken built-in/config pack)."""
    from ..config import Config

    config = config or Config()
    key = config.plugin_key
    if key not in _rulesets:
        _rulesets[key] = _load(config)
    return _rulesets[key]


def catalog(config: Any = None) -> dict[str, RuleMeta]:
    """Every known code → RuleMeta, including the GL9xx input-problem codes."""
    from ..errors import INPUT_CODES

    out = {r.code: r.meta() for r in rules_for(config).rules}
    for code, (name, zh, en) in INPUT_CODES.items():
        out.setdefault(code, RuleMeta(code, name, Severity.ERROR, zh, en, None, "govlint"))
    return dict(sorted(out.items()))


def run(report: Report, config: Any = None, lang: str = "zh", *,
        include_plugin_problems: bool = True, fold_consequences: bool = True) -> list[Diagnostic]:
    """Check one parsed report.

    Applies select/ignore/per-file-ignores, ``when:`` gates, config severity
    overrides (not to "cannot verify" infos) and inline suppressions, then
    folds consequences into their root cause (``fold_consequences=False``
    lists them separately, as ``--show-unverifiable`` does); returns
    findings sorted by position.  Plugin problems are included as GL907
    (set ``include_plugin_problems=False`` to report them once per run
    instead); they are read when ``run`` is called, so a problem met after
    the rule set was loaded (e.g. in ``govlint_configure``) is reported too.
    """
    from ..config import Config

    config = config or Config()
    rs = rules_for(config)
    out: list[Diagnostic] = []
    if include_plugin_problems and config.is_enabled("GL907", report.path):
        out += [p.diagnostic(report.path, lang) for p in rs.problems]
    out += check_with(report, rs.rules, config, lang)
    out = apply_suppressions(out, report.source_lines)
    if fold_consequences:
        out = fold(out)
    out.sort(key=lambda d: d.sort_key)
    return out


def check_with(report: Report, rules: list[Rule], config: Any, lang: str = "zh") -> list[Diagnostic]:
    """Run ``rules`` on ``report`` honouring ``config`` (selection, options, severity).

    No suppressions and no sorting: :func:`run` adds those.  Used directly by
    the example runner, which supplies its own rule list.
    """
    out: list[Diagnostic] = []
    cache: dict[str, Any] = {}
    for rule in rules:
        if not config.is_enabled(rule.code, report.path):
            continue
        try:
            if not rule.applies(report):
                continue
            ctx = RuleContext(lang, config.options_for(rule.code, rule.options), config, cache)
            found = list(rule.check(report, ctx) or [])
        except Exception as e:  # noqa: BLE001 - a crashing rule must not stop the run
            from ..plugins import PluginProblem

            if config.is_enabled("GL907", report.path):
                out.append(PluginProblem(rule.source, f"rule {rule.code}", f"{type(e).__name__}: {e}")
                           .diagnostic(report.path, lang))
            continue
        override = config.severity.get(rule.code)
        for d in found:
            d.path = d.path or report.path
            if override and d.severity == rule.severity:
                d.severity = Severity(override)
            out.append(d)
    return out


def severity_of(code: str, config: Optional[Any] = None) -> Optional[Severity]:
    """A code's default severity under the rules ``config`` loads (plugins included); None if unknown."""
    meta = catalog(config).get(code)
    return meta.severity if meta else None
