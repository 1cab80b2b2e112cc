"""Helpers every output format shares: options, ordering, counting, wording.

Formats differ in syntax only; what they say (which findings, in which order,
how a severity is called in Chinese or English, how many of each) must be the
same everywhere, so it is decided once, here.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional

from ..model import Diagnostic, FileResult, RuleMeta, Severity, Span


@dataclass
class OutputOptions:
    """Everything a formatter may use besides the results.

    A dataclass rather than keyword arguments so a plugin's formatter keeps
    working when an option is added later.
    """

    rules: dict[str, RuleMeta] = field(default_factory=dict)
    lang: str = "zh"
    color: bool = False
    statistics: bool = False
    root: Optional[str] = None
    # findings about the run, not a file (a plugin that failed to load): printed once
    run_diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def en(self) -> bool:
        """Any "en…" language means English output; everything else prints Chinese."""
        return self.lang.lower().startswith("en")


SEVERITY_LABELS: dict[str, dict[str, str]] = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}

SEVERITIES: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def severity_label(severity: Severity, lang: str) -> str:
    """The severity as every format names it (错误/警告/提示 or error/warning/info)."""
    table = SEVERITY_LABELS["en" if lang.lower().startswith("en") else "zh"]
    return table[severity.value]


def sorted_results(results: Iterable[FileResult]) -> list[FileResult]:
    """Files by path, so output is stable whatever order workers finished in."""
    return sorted(results, key=lambda r: r.path)


def sorted_diagnostics(result: FileResult) -> list[Diagnostic]:
    """One file's findings by position then code, so output is stable across runs."""
    return sorted(result.diagnostics, key=lambda d: d.sort_key)


def all_diagnostics(results: Iterable[FileResult]) -> list[Diagnostic]:
    """Every finding of the run, ordered by file then position."""
    out: list[Diagnostic] = []
    for r in sorted_results(results):
        out.extend(sorted_diagnostics(r))
    return out


def severity_counts(diags: Iterable[Diagnostic]) -> Counter[Severity]:
    """Findings per severity; a Counter so an absent severity reads as 0."""
    return Counter(d.severity for d in diags)


def has_line(span: Optional[Span]) -> bool:
    """Spans of DOCX paragraphs or whole files may carry line 0: no line."""
    return span is not None and span.line > 0


def summary_sentence(results: list[FileResult], lang: str, extra: Iterable[Diagnostic] = ()) -> str:
    """The one-line verdict both text and HTML print (``extra``: findings about the run itself)."""
    diags = [d for r in results for d in r.diagnostics] + list(extra)
    c = severity_counts(diags)
    n_files, n = len(results), len(diags)
    if lang.lower().startswith("en"):
        files = f"{n_files} file" + ("" if n_files == 1 else "s")
        if not n:
            return f"Checked {files}, no problems found"
        parts = [f"{c[Severity.ERROR]} error" + ("" if c[Severity.ERROR] == 1 else "s"),
                 f"{c[Severity.WARNING]} warning" + ("" if c[Severity.WARNING] == 1 else "s"),
                 f"{c[Severity.INFO]} info"]
        return f"Checked {files}, found {n} problem{'' if n == 1 else 's'} ({', '.join(parts)})"
    if not n:
        return f"共检查 {n_files} 个文件，未发现问题"
    return (f"共检查 {n_files} 个文件，发现 {n} 个问题（错误 {c[Severity.ERROR]}，"
            f"警告 {c[Severity.WARNING]}，提示 {c[Severity.INFO]}）")


def code_statistics(results: list[FileResult]) -> list[tuple[str, str, Severity, int, int]]:
    """(code, name, severity, findings, files) per code and severity as emitted, most frequent first.

    A rule whose identity could not be verified emits an info where it would
    emit an error; counting it under the rule's default severity would read
    as "13 reports don't balance", so each severity a code was emitted with
    is its own row.
    """
    count: Counter[tuple[str, Severity]] = Counter()
    files: dict[tuple[str, Severity], set[str]] = {}
    name: dict[str, str] = {}
    for r in results:
        for d in r.diagnostics:
            key = (d.code, d.severity)
            count[key] += 1
            files.setdefault(key, set()).add(r.path)
            name.setdefault(d.code, d.name)
    rows = [(code, name[code], sev, n, len(files[(code, sev)])) for (code, sev), n in count.items()]
    rows.sort(key=lambda row: (-row[3], row[0], -row[2].rank))
    return rows


def folded_note(diag: Diagnostic, lang: str) -> str:
    """What a finding also explains (its folded consequences), or ""."""
    if not diag.folded:
        return ""
    codes = list(dict.fromkeys(d.code for d in diag.folded))
    if lang == "en":
        return (f"also explains {len(diag.folded)} finding(s) not listed ({', '.join(codes)});"
                " --show-unverifiable lists them")
    return f"由此另有{len(diag.folded)}项未单列（{'、'.join(codes)}），加 --show-unverifiable 逐条列出"


def display_path(path: str, root: Optional[str]) -> str:
    """Path relative to ``root`` (forward slashes) when it lies inside it."""
    if not root:
        return path
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # different drive on Windows
        return path
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return path
    return rel.replace(os.sep, "/")


def rule_summary(rule: Optional[RuleMeta], lang: str) -> str:
    """A rule's one-line summary in ``lang`` (Chinese when no English one exists); "" for an unknown rule."""
    if rule is None:
        return ""
    return rule.summary_en if lang.lower().startswith("en") and rule.summary_en else rule.summary_zh
