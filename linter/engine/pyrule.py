"""The rule base class shared by YAML rules and Python rules.

Why one base: `govlint rules`, config (select/ignore/severity/options),
suppressions and `govlint test` must treat a rule the same way whether it
came from a YAML pack or from a plugin's Python code.  A Python rule is::

    class TownsHaveNoRules(PyRule):
        code = "GLX201"
        name = "town-no-rules"
        severity = Severity.WARNING
        message = {"zh": "乡镇不能制定规章，但表二规章本年制发{n}件",
                   "en": "towns cannot make rules (规章) but Table 2 lists {n}"}
        summary = {"zh": "…", "en": "…"}
        docs = {"rationale": {...}, "basis": "…", "examples": {"fail": [...], "pass": [...]}}
        when = {"template": ["2021"]}

        def check(self, report, ctx):
            n = report.value("t2.rules.issued")
            if n:
                yield self.diagnostic(ctx, report.cell("t2.rules.issued").span, n=n)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from ..model import Diagnostic, Report, RuleMeta, Severity, Span
from . import userregex

# Rules carry a documentation URL only when their pack gives one: govlint has
# no hosted docs, and `govlint rule CODE` explains every rule offline.


class _SafeDict(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fmt_num(v: Any) -> str:
    """5.0 → "5", 1.25 → "1.25" (officers read whole numbers without ".0")."""
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else f"{round(v, 4):g}"
    return str(v)


def render(template: str, params: dict[str, Any]) -> str:
    """Fill message placeholders; an unknown ``{name}`` stays as written instead of raising KeyError."""
    return template.format_map(_SafeDict({k: fmt_num(v) for k, v in params.items()}))


@dataclass
class RuleContext:
    """Per-run facts a rule may use: language, its merged options, the config."""

    lang: str = "zh"
    options: dict[str, Any] = field(default_factory=dict)
    config: Any = None
    cache: dict[str, Any] = field(default_factory=dict)  # shared per report


class Rule:
    """Base of every rule.  Subclasses set the class attributes and ``check``."""

    code: str = ""
    name: str = ""
    severity: Severity = Severity.ERROR
    message: dict[str, str] = {}
    summary: dict[str, str] = {}
    docs: dict[str, Any] = {}
    when: dict[str, Any] = {}
    options: dict[str, Any] = {}
    url: Optional[str] = None
    source: str = "govlint"
    origin: str = ""  # file or module the rule was defined in (for messages)

    # ------------------------------------------------------------ metadata
    def meta(self) -> RuleMeta:
        """The catalog entry for this rule (what ``govlint rules`` and output formats list)."""
        return RuleMeta(self.code, self.name, Severity(self.severity),
                        self.summary.get("zh", ""), self.summary.get("en", ""),
                        self.url, self.source)

    def text(self, field_: dict[str, str], lang: str) -> str:
        """Pick a localised string, falling back to zh, then en, so a half-translated rule still speaks."""
        return field_.get(lang) or field_.get("zh") or field_.get("en") or ""

    @property
    def examples(self) -> dict[str, list[dict[str, Any]]]:
        """``docs.examples`` normalised to both keys, so callers never test for a missing list."""
        ex = (self.docs or {}).get("examples") or {}
        return {"fail": list(ex.get("fail") or []), "pass": list(ex.get("pass") or [])}

    # ------------------------------------------------------------ gating
    def applies(self, report: Report) -> bool:
        """The `when:` gate: template, year range, issuer pattern."""
        w = self.when or {}
        if "template" in w:
            if report.template is None or str(report.template) not in [str(t) for t in w["template"]]:
                return False
        years = w.get("years")
        if years:
            if report.year is None:
                return False
            if years.get("min") is not None and report.year < years["min"]:
                return False
            if years.get("max") is not None and report.year > years["max"]:
                return False
        if "issuer" in w and not userregex.search(w["issuer"], report.issuer or ""):
            return False
        if "not_issuer" in w and userregex.search(w["not_issuer"], report.issuer or ""):
            return False
        return True

    # ------------------------------------------------------------ output
    def diagnostic(self, ctx: RuleContext, span: Optional[Span], *, report: Optional[Report] = None,
                   message: Optional[dict[str, str]] = None, severity: Optional[Severity] = None,
                   related: Iterable[Span] = (), path: Optional[str] = None,
                   covers: Iterable[str] = (), needs: Iterable[str] = (), **params: Any) -> Diagnostic:
        """Build a localised Diagnostic; ``params`` fill the message placeholders.

        ``covers``/``needs`` name root causes ("section:4", "table:t3", cell
        keys) so that a consequence folds into its cause (govlint.engine.fold).
        """
        tmpl = self.text(message or self.message, ctx.lang)
        p = path or (span.path if span else (report.path if report else ""))
        return Diagnostic(self.code, self.name, Severity(severity or self.severity),
                          render(tmpl, params), span, p, list(related),
                          url=self.url, covers=frozenset(covers), needs=frozenset(needs))

    def check(self, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
        """Yield this rule's findings for one report; subclasses must override it."""
        raise NotImplementedError


class PyRule(Rule):
    """Base class for rules written in Python (plugins and built-ins alike)."""

    def __init_subclass__(cls, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        if isinstance(cls.severity, str) and cls.severity in {s.value for s in Severity}:
            cls.severity = Severity(cls.severity)
        # any other value is left for the engine to report as GL907 naming this class: raising
        # here would fail the import of the whole plugin module, every other rule with it
