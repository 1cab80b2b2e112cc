"""Run the cross-report stage: hooks and rules over a batch, findings back to their files.

Why findings go back to files: every output (text, SARIF, HTML, CSV) is
organised by file, and a finding about this year's cell belongs to this
year's report — the officer who must fix it reads that file's findings.
Roster findings point at the roster's rows, so the roster becomes a file of
the results too.
"""
from __future__ import annotations

from typing import Any, Iterable, Optional, Sequence

from ..engine.pyrule import Rule, RuleContext
from ..model import Diagnostic, FileResult, Report, Severity
from .model import Batch
from .errors import BatchInputError
from .roster import read_roster


def _problem(plugin: str, what: str, e: BaseException, path: str, lang: str) -> Diagnostic:
    from ..plugins import PluginProblem

    return PluginProblem(plugin, what, f"{type(e).__name__}: {e}").diagnostic(path, lang)


def run_rules(batch: Batch, rules: Sequence[Rule], config: Any, lang: str = "zh") -> list[Diagnostic]:
    """Run the batch rules among ``rules``; a rule that raises becomes a GL907 finding."""
    from .rule import BatchRule

    out: list[Diagnostic] = []
    first = batch.entries[0].path if batch.entries else ""
    cache: dict = {}  # shared by the rules: the texts' shingles are computed once
    for rule in rules:
        if not isinstance(rule, BatchRule) or not config.is_enabled(rule.code):
            continue
        ctx = RuleContext(lang, config.options_for(rule.code, rule.options), config, cache)
        try:
            out.extend(rule.check_batch(batch, ctx) or [])
        except Exception as e:  # noqa: BLE001 - one broken rule must not stop the run
            out.append(_problem(rule.source, f"rule {rule.code}", e, first, lang))
    return _configured(out, config)


def _configured(diags: Iterable[Diagnostic], config: Any) -> list[Diagnostic]:
    """Per-file ignores and severity overrides, as the engine applies them to one file's findings."""
    out = []
    for d in diags:
        if not config.is_enabled(d.code, d.path):
            continue
        override = config.severity.get(d.code)
        if override and override != "off":
            d.severity = Severity(override)
        out.append(d)
    return out


def run_batch(batch: Batch, config: Any, lang: str = "zh") -> list[Diagnostic]:
    """Call every plugin's ``govlint_batch`` hook (the built-in one runs the BatchRules)."""
    from ..plugins import get_host

    host = get_host(config)
    before = len(host.problems)
    out: list[Diagnostic] = []
    for _plugin, found in host.call("govlint_batch", batch=batch, config=config, lang=lang):
        out.extend(d for d in found or [] if isinstance(d, Diagnostic))
    first = batch.entries[0].path if batch.entries else ""
    for p in host.problems[before:]:  # a hook that raised
        if p.what == "govlint_batch":
            out.append(p.diagnostic(first, lang))
    return _configured(out, config)


def load_inputs(previous: Sequence[str], roster: Optional[str], limits: Any = None,
                warn: Any = None) -> tuple[list[Report], Optional[Any]]:
    """Last year's reports and the roster, or BatchInputError with one line."""
    from .previous import load_previous

    return (load_previous(previous, limits, warn) if previous else []), (read_roster(roster) if roster else None)


def wanted(results: Sequence[FileResult], previous: Sequence[str], roster: Optional[str]) -> bool:
    """The stage runs when there is something to compare: two reports, last year's, or a roster."""
    return bool(previous or roster) or sum(1 for r in results if r.report is not None) > 1


def cross_report(results: list[FileResult], config: Any, lang: str = "zh", previous: Sequence[str] = (),
                 roster: Optional[str] = None, limits: Any = None, warn: Any = None) -> list[FileResult]:
    """Run the stage over checked files; return the results with the findings attached.

    Raises BatchInputError for an unusable ``--previous``/``--roster`` (before any work).
    """
    prev_reports, ros = load_inputs(previous, roster, limits, warn)
    reports = [r.record or r.report for r in results if r.report is not None and not _input_failure(r)]
    batch = Batch(reports, prev_reports, ros)
    diags = run_batch(batch, config, lang)
    by_path = {r.path: r for r in results}
    extra: dict[str, FileResult] = {}
    for d in diags:
        target = by_path.get(d.path) or extra.get(d.path)
        if target is None:  # the roster (or a file only last year's data names)
            target = extra[d.path] = FileResult(d.path, None, [])
        target.diagnostics.append(d)
    for r in (*results, *extra.values()):
        r.diagnostics.sort(key=lambda d: d.sort_key)
    return [*results, *extra.values()]


def _input_failure(result: FileResult) -> bool:
    """A file that is not a report (GL909) has no place in the batch."""
    return any(d.code == "GL909" for d in result.diagnostics)
