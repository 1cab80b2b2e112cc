"""Run rules' own examples (``govlint test RULEFILE...``).

A rule's examples are mini-reports: a clean synthetic report
(:func:`govlint.scaffold.synth.render_report`) plus small edits::

    {template: "2021", year: 2022, issuer: "…", title: "…", date: "2023-02-15",
     set: {t3.new.total: 7}, remove_text: [regex], replace_text: {regex: repl},
     add_text: {section: 1, text: "…"}, omit_sections: [6], section_text: {6: "…"},
     options: {…rule options…}, expect: [other codes that must also appear],
     also: [{year: 2021, set: {…}}, …], roster: [{name, aliases, level}]}

``also`` and ``roster`` are for cross-report rules (:class:`govlint.batch.BatchRule`):
the other reports of the run (template, year and issuer default to the
example's) and a roster; such a rule runs its examples itself
(``run_example``), so this stage never imports the batch stage.

The text then goes through the real parser (``govlint.parse.parse_text``; a
strict fallback reader until it exists) and every rule, so an example tests
the whole pipeline exactly as ``govlint check`` would.  A fail example
passes when the rule's code (and every ``expect`` code) is reported; a pass
example passes when the rule's code is not reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from ..model import Diagnostic
from .pyrule import Rule

NUMERALS = "一二三四五六"


@dataclass
class ExampleResult:
    code: str
    kind: str  # "fail" or "pass"
    index: int  # 1-based within its kind
    ok: bool
    detail: str  # why it failed (empty when ok)
    found: list[str] = field(default_factory=list)  # codes reported
    origin: str = ""

    @property
    def label(self) -> str:
        """"GL301 fail[2]": how a result is named in ``govlint test`` output."""
        return f"{self.code} {self.kind}[{self.index}]"


def build_example_text(ex: dict[str, Any]) -> str:
    """Render the example's report text (see module docstring for the fields)."""
    from ..scaffold.synth import render_report

    text = render_report(
        str(ex["template"]), int(ex["year"]), ex.get("issuer", "示例县人民政府办公室"),
        dict(ex.get("set") or {}), omit_sections=tuple(ex.get("omit_sections") or ()),
        section_text={int(k): v for k, v in (ex.get("section_text") or {}).items()},
        title=ex.get("title"), date=ex.get("date"))
    for pat, repl in (ex.get("replace_text") or {}).items():
        text = re.sub(pat, repl, text, flags=re.M)
    for pat in ex.get("remove_text") or []:
        text = re.sub(pat, "", text, flags=re.M)
    adds = ex.get("add_text") or []
    for add in [adds] if isinstance(adds, dict) else adds:
        text = _add(text, add.get("section"), add["text"])
    return text


def _add(text: str, section: Optional[int], line: str) -> str:
    """Insert a paragraph at the start of a section's prose (or before the 落款)."""
    lines = text.split("\n")
    if section:
        for i, ln in enumerate(lines):
            if re.match(rf"^#+\s*{NUMERALS[section - 1]}、", ln):
                lines[i + 1:i + 1] = ["", line]
                return "\n".join(lines)
    # no such section: before the issuer/date lines at the end
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    lines[max(0, end - 2):max(0, end - 2)] = [line, ""]
    return "\n".join(lines)


def example_diagnostics(ex: dict[str, Any], rules: Sequence[Rule], rule: Optional[Rule] = None,
                        lang: str = "zh", crashes: Optional[list[tuple[str, str]]] = None) -> list[Diagnostic]:
    """Render, parse and check one example with ``rules`` (``crashes`` collects rules that raised)."""
    from ..config import Config
    from . import check_with
    from ..parse import parse_text

    if rule is not None and hasattr(rule, "run_example"):  # a cross-report rule: several mini-reports
        return list(rule.run_example(ex, rules, lang))
    text = build_example_text(ex)
    name = f"example-{rule.code if rule else 'x'}.md"
    report = parse_text(text, name)
    config = Config()
    if rule is not None and ex.get("options"):
        config = replace(config, options={rule.code: config.options_for(rule.code, ex["options"])})
    from .. import budget

    if budget.current() is not None:  # inside a file's budget already (a library caller)
        return check_with(report, list(rules), config, lang, crashes)
    with budget.for_file(EXAMPLE_SECONDS):  # a rule that never returns fails its example, not the run
        return check_with(report, list(rules), config, lang, crashes)


EXAMPLE_SECONDS = 5.0  # an example is a mini-report: its rules take milliseconds
# rules stopped by the budget in an example of this process: left out of the other rules' examples
# (every example runs every rule, so one that never returns would cost each of them the budget)
_STALLED: set[str] = set()


def check_rule_examples(rule: Rule, rules: Sequence[Rule]) -> list[ExampleResult]:
    """Run one rule's examples against ``rules`` and say which passed.

    A rule lacking a fail or a pass example is itself a failure, a crashing
    example is reported rather than raised (so the remaining examples still
    run), and an example on which the rule itself raises fails with the
    exception's text — a pass example included, since silence from a rule
    that crashed proves nothing.
    """
    out: list[ExampleResult] = []
    ex = rule.examples
    if not ex["fail"] or not ex["pass"]:
        out.append(ExampleResult(rule.code, "fail" if not ex["fail"] else "pass", 0, False,
                                 "the rule needs at least one fail and one pass example", origin=rule.origin))
    for kind in ("fail", "pass"):
        for i, example in enumerate(ex[kind], 1):
            crashes: list[tuple[str, str]] = []
            try:
                diags = example_diagnostics(example, [r for r in rules if r is rule or r.code not in _STALLED],
                                            rule, crashes=crashes)
                _STALLED.update(code for code, text in crashes if text.startswith("TimeoutError:"))
            except Exception as e:  # noqa: BLE001 - report, keep testing the others
                out.append(ExampleResult(rule.code, kind, i, False, f"example crashed: {type(e).__name__}: {e}",
                                         origin=rule.origin))
                continue
            codes = sorted({d.code for d in diags})
            mine = [text for code, text in crashes if code == rule.code]
            if mine:
                out.append(ExampleResult(rule.code, kind, i, False, f"the rule raised {mine[0]}", codes,
                                         rule.origin))
                continue
            if kind == "fail":
                want = [rule.code] + [c for c in example.get("expect") or [] if c != rule.code]
                lacking = [c for c in want if c not in codes]
                ok = not lacking
                detail = "" if ok else f"expected {', '.join(lacking)}; got {', '.join(codes) or 'nothing'}"
            else:
                found = [d for d in diags if d.code == rule.code]
                ok = not found
                detail = "" if ok else f"unexpected {rule.code}: {found[0].message}"
            out.append(ExampleResult(rule.code, kind, i, ok, detail, codes, rule.origin))
    return out


def run_examples(rule_files: Iterable[str | Path] = (), rules: Optional[Sequence[Rule]] = None,
                 config: Any = None) -> list[ExampleResult]:
    """Run the examples of every rule defined in ``rule_files`` (and of ``rules``).

    The packs are loaded together with all installed rules, so a pack may
    ``extends:`` a built-in rule and its examples see every other finding
    (a ``replaces: true`` rule's parent is switched off for them too).
    With no files and no rules, every installed rule's examples run, the
    installed plugins' included (:func:`installed_problems` says which
    plugins could not be loaded).  Raises
    :class:`~govlint.engine.loader.RuleFileError` listing every broken file.
    """
    from . import rules_for
    from .loader import RuleFileError, build, load_raw

    rs = rules_for(config)
    installed = list(rs.rules)
    files = [str(Path(f).resolve()) for f in rule_files]
    tested: list[Rule] = list(rules or [])
    if files:
        errors: list[str] = []
        raw = load_raw([(f, "test") for f in files], errors)
        mine = {r[0]["code"] for r in raw}
        # installed YAML rules are rebuilt with the files so `extends:` resolves across them
        base = [(dict(getattr(r, "data")), r.origin, r.source, 0) for r in installed + list(rs.hidden)
                if hasattr(r, "data") and r.code not in mine and str(Path(r.origin).resolve()) not in files]
        result = build(base + raw)
        errors += [msg for _, msg in result.errors]
        if errors:
            raise RuleFileError("\n".join(errors))
        new = [r for r in result.rules if r.code in mine]
        py_rules = [r for r in installed if not hasattr(r, "data") and r.code not in mine]
        everything = list(result.rules) + py_rules
        tested += new
    else:
        everything = installed
        if rules is None:
            tested = installed
    everything += [r for r in tested if r not in everything and r.code not in {x.code for x in everything}]
    results: list[ExampleResult] = []
    for rule in sorted(tested, key=lambda r: r.code):
        results.extend(check_rule_examples(rule, everything))
    return results


def installed_problems(config: Any = None, lang: str = "zh") -> list[str]:
    """One line per installed plugin that could not be loaded whole (a pack, a rule, a hook)."""
    from ..bilingual import in_lang
    from . import rules_for

    return [f"GL907 {p.plugin}: {p.what_in(lang)}: {in_lang(p.error, lang)}" for p in rules_for(config).problems]
