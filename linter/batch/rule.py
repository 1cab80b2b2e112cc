"""The base of cross-report rules: a Python rule whose check sees the whole batch.

Why a PyRule: ``govlint rules`` lists it, ``govlint rule GL701`` explains it,
select/ignore/severity/options configure it and ``govlint test`` runs its
examples exactly as for single-report rules.  Its per-report ``check`` finds
nothing; :meth:`BatchRule.check_batch` runs once per batch.  An example may
hold several mini-reports: the example's own fields make this year's report,
``also: [{year: 2021, set: {…}}, …]`` the others (template, year and issuer
default to the example's), and ``roster: [{name, aliases, level}]`` a roster.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence

from ..engine.pyrule import PyRule, Rule, RuleContext
from ..model import BatchRecord, Diagnostic, Report, Span

if TYPE_CHECKING:
    from .model import Batch, Entry


class BatchRule(PyRule):
    """A cross-report rule.  Subclasses set the usual attributes and ``check_batch``."""

    related: dict[str, str] = {"zh": "上年", "en": "last year"}  # what the related places are

    def check(self, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
        """Nothing for one report alone: the batch stage calls :meth:`check_batch`."""
        return ()

    def check_batch(self, batch: "Batch", ctx: RuleContext) -> Iterable[Diagnostic]:
        """Yield findings over the batch; subclasses must override it."""
        raise NotImplementedError

    def entries(self, batch: "Batch") -> list["Entry"]:
        """This run's entries the rule's ``when:`` gate lets through (last year's are context only)."""
        return [e for e in batch.entries if self.applies(e.report)]

    def finding(self, ctx: RuleContext, span: Optional[Span], report: BatchRecord,
                related: Sequence[Optional[Span]] = (), message: Optional[dict[str, str]] = None,
                **params: Any) -> Diagnostic:
        """A diagnostic on ``report`` (its file, even when the span is None) with related places."""
        d = self.diagnostic(ctx, span, report=report, message=message,
                            related=[s for s in related if s is not None], path=report.path, **params)
        d.related_label = self.text(self.related, ctx.lang)
        return d

    # ------------------------------------------------------------ examples
    def run_example(self, ex: dict[str, Any], rules: Sequence[Rule], lang: str = "zh") -> list[Diagnostic]:
        """Render the example's mini-reports, parse them, and run every batch rule of ``rules`` on them."""
        from ..config import Config
        from ..engine.examples import build_example_text
        from ..parse import parse_text
        from .model import Batch
        from .roster import Roster
        from .stage import run_rules

        base = {"template": ex["template"], "year": ex["year"]}
        if ex.get("issuer"):
            base["issuer"] = ex["issuer"]
        reports = [parse_text(build_example_text(ex), f"example-{self.code}.md")]
        for i, other in enumerate(ex.get("also") or [], 2):
            reports.append(parse_text(build_example_text({**base, **other}), f"example-{self.code}-{i}.md"))
        roster = Roster.from_rows(ex["roster"], f"example-{self.code}-roster.csv") if ex.get("roster") else None
        config = Config()
        if ex.get("options"):
            config = replace(config, options={self.code: config.options_for(self.code, ex["options"])})
        batch = Batch(reports, roster=roster)
        return run_rules(batch, [r for r in rules if isinstance(r, BatchRule)], config, lang)
