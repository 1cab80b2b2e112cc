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
from ..bilingual import both, chinese
from ..model import Diagnostic, Report, RuleMeta, Severity
from . import builtin_plugin, kinds_arith, kinds_sections, kinds_structure, kinds_text  # noqa: F401 - registers the kinds
from .fold import fold
from .loader import RuleFileError, load_rule_file
from .pyrule import PyRule, Rule, RuleContext
from .suppress import apply_suppressions

__all__ = ["run", "catalog", "rules_for", "RuleSet", "RuleFileError", "PyRule", "Rule", "RuleContext"]


@dataclass
class RuleSet:
    rules: list[Rule]
    own_problems: list[Any] = field(default_factory=list)  # plugins.PluginProblem met while loading
    host: Any = None  # the plugins.PluginHost the rules came from
    replaced: dict[str, str] = field(default_factory=dict)  # parent code → the `replaces: true` rule
    hidden: list[Rule] = field(default_factory=list)  # those parents (for `govlint test` and docs)

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
    """Instantiate and check a Python rule; every TypeError names its class, so a
    plugin author knows which rule to fix."""
    import re

    cls = obj if isinstance(obj, type) else type(obj)
    label = f"{cls.__module__}.{cls.__qualname__}"
    if isinstance(obj, type) and not issubclass(obj, Rule) or not isinstance(obj, type) and not isinstance(obj, Rule):
        raise TypeError(both(f"{label} 不是 govlint.engine.pyrule.PyRule 的子类",
                             f"{label} is not a subclass of govlint.engine.pyrule.PyRule"))
    rule = obj() if isinstance(obj, type) else obj
    if not re.fullmatch(r"[A-Z]{2,4}[0-9]{3}", rule.code or "") or not rule.name:
        raise TypeError(both(f"Python 规则 {label}：code/name 缺失或格式不对（code 形如 GLX201，name 形如 county-fee-amount）",
                             f"Python rule {label}: bad or missing code/name "
                             f"(code like GLX201, name like county-fee-amount)"))
    try:
        rule.severity = Severity(rule.severity)
    except ValueError:
        raise TypeError(both(f"Python 规则 {label}（{rule.code}）：级别 {rule.severity!r} 不是 error、warning、info 之一",
                             f"Python rule {label} ({rule.code}): severity {rule.severity!r} is not one of "
                             "error, warning, info")) from None
    from .keycheck import example_key_problem

    problem = example_key_problem(rule.docs or {})
    if problem:
        raise TypeError(both(f"Python 规则 {label}（{rule.code}）：{chinese(problem)}",
                             f"Python rule {label} ({rule.code}): {problem}"))
    rule.source = plugin
    rule.origin = rule.origin or cls.__module__
    return rule


def _load(config: Any) -> RuleSet:
    """Rules from every plugin and the config's ``rule-files``.

    A third-party plugin's mistakes (an unreadable pack, a bad rule, a code
    another source already defines) become GL907 problems naming it and
    drop only the rules concerned; the built-in rules are always kept.
    Mistakes in the built-in packs or the config's own ``rule-files`` raise
    :class:`RuleFileError` (one line per bad rule or file): the user's own
    configuration is broken and the run must say so and stop.
    """
    from ..plugins import PluginProblem, get_host
    from .loader import build, load_raw

    host = get_host(config)
    problems: list[Any] = []  # this load's own problems; RuleSet.problems adds the host's, live
    raw: list[tuple[dict[str, Any], str, str, int]] = []
    for plugin, files in host.call("govlint_rule_files"):
        for src in files or []:
            try:
                raw += [(r, str(src), plugin, i) for i, r in enumerate(load_rule_file(src))]
            except RuleFileError as e:
                if plugin == builtin_plugin.NAME:
                    raise
                problems.append(PluginProblem(plugin, "rule file", str(e)))
    rule_files = [(Path(getattr(config, "root", "."), f), "config") for f in getattr(config, "rule_files", ()) or ()]
    fatal: list[str] = []
    raw += load_raw(rule_files, fatal)
    raw = _drop_taken_codes(raw, problems)
    built = build(raw)
    fatal += [msg for source, msg in built.errors if source in (builtin_plugin.NAME, "config")]
    if fatal:
        raise RuleFileError("\n".join(fatal))
    problems += [PluginProblem(source, "rule file", msg) for source, msg in built.errors]
    rules: list[Rule] = list(built.rules)
    seen = {r.code: r.origin for r in rules} | {code: "replaced" for code in built.replaced}
    for plugin, objs in host.call("govlint_python_rules"):
        for obj in objs or []:
            try:
                rule = _py_rule(obj, plugin)
                if rule.code in seen:
                    label = f"{type(rule).__module__}.{type(rule).__qualname__}"
                    where = f" in {seen[rule.code]}" if seen[rule.code] != "replaced" else ""
                    zh_where = f"（在 {seen[rule.code]} 中）" if where else ""
                    raise TypeError(both(f"Python 规则 {label}：规则代码 {rule.code} 已被定义{zh_where}",
                                         f"Python rule {label}: rule code {rule.code} is already defined{where}"))
            except Exception as e:  # noqa: BLE001
                problems.append(PluginProblem(plugin, "python rule", both(
                    f"{type(e).__name__}：{chinese(str(e))}", f"{type(e).__name__}: {e}")))
                continue
            seen[rule.code] = rule.origin
            rules.append(rule)
    rules.sort(key=lambda r: r.code)
    return RuleSet(rules, problems, host, dict(built.replaced), list(built.hidden))


def _drop_taken_codes(raw: list[tuple[dict[str, Any], str, str, int]],
                      problems: list[Any]) -> list[tuple[dict[str, Any], str, str, int]]:
    """A third-party pack reusing a code an earlier source defined (GL201 …) loses that
    rule, with a GL907 naming the plugin; the earlier rule (the built-in) is kept."""
    from ..plugins import PluginProblem
    from .loader import problem, rule_at

    # built-in packs first whatever order the host calls plugins in (the built-in plugin can be
    # registered after an entry point's when the host was made before the engine was imported)
    raw = sorted(raw, key=lambda item: 0 if item[2] == builtin_plugin.NAME else 2 if item[2] == "config" else 1)
    first: dict[str, str] = {}
    kept = []
    for item in raw:
        r, name, source, i = item
        code = r.get("code")
        if code in first and source not in (builtin_plugin.NAME, "config"):
            problems.append(PluginProblem(source, "rule file", problem(
                rule_at(name, code),
                f"$.rules[{i}].code：代码已在 {first[code]} 中定义；保留那条规则，跳过这一条"
                f"（请使用自己的代码；要修改它，用 `extends: {code}` 加 `replaces: true`）",
                f"at $.rules[{i}].code: code already defined in {first[code]}; "
                f"that rule is kept and this one skipped (use a code of your own, and "
                f"`extends: {code}` with `replaces: true` to change it)")))
            continue
        first.setdefault(code, name)
        kept.append(item)
    return kept


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
    if include_plugin_problems and config.reports_failure("GL907", report.path):
        out += [p.diagnostic(report.path, lang) for p in rs.problems]
    out += check_with(report, rs.rules, config, lang)
    out = apply_suppressions(out, report.source_lines)
    if fold_consequences:
        out = fold(out)
    out.sort(key=lambda d: d.sort_key)
    return out


def plugin_problems(config: Any = None, lang: str = "zh") -> list[Diagnostic]:
    """Every plugin problem met in this process so far (all loaded rule sets), each once,
    as a GL907 finding that belongs to the run rather than to a file (``path`` is "").

    Shown unless the config says ``severity: {GL907: off}``; neither ``select``
    nor ``ignore`` hides it: a broken plugin is news whatever was selected.
    """
    from ..config import Config

    config = config or Config()
    if not config.reports_failure("GL907"):
        return []
    problems = _dedup([p for rs in list(_rulesets.values()) for p in rs.problems])
    out = []
    for p in problems:
        d = p.diagnostic("", lang)
        d.severity = config.severity_for("GL907", d.severity)
        out.append(d)
    return out


def check_with(report: Report, rules: list[Rule], config: Any, lang: str = "zh",
               crashes: Optional[list[tuple[str, str]]] = None) -> list[Diagnostic]:
    """Run ``rules`` on ``report`` honouring ``config`` (selection, options, severity).

    No suppressions and no sorting: :func:`run` adds those.  Used directly by
    the example runner, which supplies its own rule list.  A rule that raises
    becomes a GL907 finding naming its plugin and the rule; ``crashes``, when
    given, also receives (code, "ExceptionType: text") so ``govlint test``
    can fail the example with the exception's text.
    """
    from ..budget import OverBudget, limit

    out: list[Diagnostic] = []
    cache: dict[str, Any] = {}
    for rule in rules:
        if not config.is_enabled(rule.code, report.path):
            continue
        try:
            with limit():  # the file's time budget (govlint.budget): a rule that never returns is stopped
                if not rule.applies(report):
                    continue
                ctx = RuleContext(lang, config.options_for(rule.code, rule.options), config, cache)
                found = list(rule.check(report, ctx) or [])
            strays = [f for f in found if not isinstance(f, Diagnostic)]
            if strays:
                raise TypeError(f"yielded {type(strays[0]).__name__} {strays[0]!r:.60}, not a finding")
        except OverBudget as e:
            if crashes is not None:
                crashes.append((rule.code, f"TimeoutError: over the {e.seconds:g} s budget"))
            out.append(_rule_over_budget(rule, e.seconds, report.path, lang))
            continue
        except KeyboardInterrupt:
            raise
        except BaseException as e:  # noqa: BLE001 - a crashing rule (even SystemExit) must not stop the run
            from ..plugins import PluginProblem

            text = f"{type(e).__name__}: {e}"
            if crashes is not None:
                crashes.append((rule.code, text))
            out.append(PluginProblem(rule.source, f"rule {rule.code}", text).diagnostic(report.path, lang))
            continue
        override = config.severity.get(rule.code)
        for d in found:
            d.path = d.path or report.path
            if override and d.severity == rule.severity:
                d.severity = Severity(override)
            out.append(d)
    return out


def _rule_over_budget(rule: Rule, seconds: float, path: str, lang: str) -> Diagnostic:
    """GL908 naming the rule the time budget stopped; the file's other rules still report."""
    from ..errors import INPUT_CODES

    msg = (f"规则 {rule.code} 超过时间限制（{seconds:g} 秒，limits: max-seconds），已停止；本文件的其他规则照常检查"
           if lang == "zh" else
           f"rule {rule.code} took longer than the time limit ({seconds:g} s, limits: max-seconds) "
           "and was stopped; the file's other rules still ran")
    return Diagnostic("GL908", INPUT_CODES["GL908"][0], Severity.ERROR, msg, None, path)


def severity_of(code: str, config: Optional[Any] = None) -> Optional[Severity]:
    """A code's default severity under the rules ``config`` loads (plugins included); None if unknown."""
    meta = catalog(config).get(code)
    return meta.severity if meta else None
