"""``--output-format sarif``: SARIF 2.1.0 for code-scanning dashboards.

GitHub code scanning, GitLab and IDE viewers read SARIF; they need the rule
catalogue (``tool.driver.rules``) to show names, help links and default
levels, and a ``region`` only when a line is known (a DOCX paragraph has no
line: the result still points at the file).  Columns count Unicode code
points, as govlint's spans do (``columnKind``).  Cell keys, PDF page and DOCX
locator go to ``properties`` and ``logicalLocations`` because SARIF regions
cannot express them.  tests/data/sarif-schema-2.1.0.json validates this.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote

from .. import __version__
from ..labels import render_where, where_data
from ..model import Diagnostic, FileResult, Fix, RuleMeta, Severity, Span
from .common import OutputOptions, all_diagnostics, has_line, rule_summary

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/govlint/"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _inside(path: str, root: str) -> Optional[str]:
    """``path`` relative to ``root`` (forward slashes), or None if outside."""
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive (Windows)
        return None
    if rel == os.pardir or rel.startswith(os.pardir + os.sep) or os.path.isabs(rel):
        return None
    return rel.replace(os.sep, "/")


def artifact_location(path: str, root: Optional[str]) -> dict[str, Any]:
    """A relative URI under ``%SRCROOT%`` when the file lies inside ``root``,
    else the path as a (percent-encoded) URI reference."""
    rel = _inside(path, root) if root else None
    if rel is not None:
        return {"uri": quote(_bytes(rel), safe="/"), "uriBaseId": SRCROOT}
    if os.path.isabs(path):
        return {"uri": "file://" + quote(_bytes(Path(path).as_posix()), safe="/")}
    return {"uri": quote(_bytes(path.replace(os.sep, "/")), safe="/")}


def _bytes(path: str) -> bytes:
    """A path's own bytes (a GBK file name is not UTF-8): the URI percent-encodes exactly those."""
    return path.encode("utf-8", "surrogateescape")


def region(span: Optional[Span]) -> Optional[dict[str, int]]:
    """A SARIF region, omitting columns and ends that are 0 or run backwards (consumers reject those).

    None when the span has no line (a whole-file finding): SARIF then points at the file only.
    """
    if not has_line(span):
        return None
    out = {"startLine": span.line}
    if span.column > 0:
        out["startColumn"] = span.column
    if span.end_line >= span.line:
        out["endLine"] = span.end_line
        if span.end_column > 0 and (span.end_line > span.line or span.end_column >= span.column):
            out["endColumn"] = span.end_column
    return out


def physical_location(span: Optional[Span], path: str, root: Optional[str]) -> dict[str, Any]:
    """The file location of a span; the region is left out when the finding has no line."""
    loc: dict[str, Any] = {"artifactLocation": artifact_location(path, root)}
    reg = region(span)
    if reg:
        loc["region"] = reg
    return loc


def _span_properties(span: Optional[Span], lang: str = "zh") -> dict[str, Any]:
    if span is None:
        return {}
    # ``where`` in the output language, and the same place as data (``locator``)
    props = {"page": span.page, "table": span.table, "row": span.row,
             "column_key": span.column_key,
             "where": render_where(span.where, lang) if span.where else None,
             "locator": where_data(span.where)}
    return {k: v for k, v in props.items() if v is not None}


def rule_descriptor(meta: RuleMeta, lang: str) -> dict[str, Any]:
    """A ``tool.driver.rules`` entry: the short text in ``lang``, the full text bilingual."""
    short = rule_summary(meta, lang) or meta.name
    full = " / ".join(t for t in (meta.summary_zh, meta.summary_en) if t) or meta.name
    out: dict[str, Any] = {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "defaultConfiguration": {"level": LEVELS[meta.severity]},
        "properties": {"source": meta.source},
    }
    if meta.url:
        out["helpUri"] = meta.url
    return out


def _rules_for(results: list[FileResult], rules: dict[str, RuleMeta]) -> dict[str, RuleMeta]:
    """The rule catalogue plus any code only seen in results (e.g. a plugin's
    crash diagnostic), so every result has a ``ruleIndex``."""
    catalogue = dict(rules)
    for r in results:
        for d in r.diagnostics:
            if d.code not in catalogue:
                catalogue[d.code] = RuleMeta(d.code, d.name, d.severity, "", "", d.url)
    return dict(sorted(catalogue.items()))


def result_object(diag: Diagnostic, index: int, opts: OutputOptions) -> dict[str, Any]:
    """One SARIF result; a finding on a table also gets its cell key as a logical location."""
    span = diag.span
    location: dict[str, Any] = {"physicalLocation": physical_location(span, diag.path, opts.root)}
    if span is not None and span.table:
        key = ".".join(p for p in (span.table, span.row, span.column_key) if p)
        location["logicalLocations"] = [{"fullyQualifiedName": key, "kind": "element"}]
    out: dict[str, Any] = {
        "ruleId": diag.code,
        "ruleIndex": index,
        "level": LEVELS[diag.severity],
        "message": {"text": diag.message},
        "locations": [location],
    }
    related = [{"id": i + 1, "physicalLocation": physical_location(s, s.path or diag.path, opts.root)}
               for i, s in enumerate(diag.related)]
    for item, s in zip(related, diag.related):
        if diag.related_label and s.path and s.path != diag.path:  # another report (last year's)
            item["message"] = {"text": diag.related_label}
    if related:
        out["relatedLocations"] = related
    # the fix, then every hint whose cell has a line (hints are never applied by govlint)
    fixes = [_fix(f, diag.path, opts) for f in ([diag.fix] if diag.fix else []) + diag.hints
             if has_line(f.span)]
    if fixes:
        out["fixes"] = fixes
    props = _span_properties(span, opts.lang)
    if diag.hints:  # a Word cell has no region: the hint texts travel as a property too
        props["hint"] = [h.description for h in diag.hints]
    if props:
        out["properties"] = props
    return out


def _fix(fix: Fix, path: str, opts: OutputOptions) -> dict[str, Any]:
    """A SARIF ``fix``: replace the span's text (a cell's number) with the suggestion."""
    return {"description": {"text": fix.description},
            "artifactChanges": [{
                "artifactLocation": artifact_location(path, opts.root),
                "replacements": [{"deletedRegion": region(fix.span),
                                  "insertedContent": {"text": fix.replacement}}]}]}


def build_sarif(results: list[FileResult], opts: OutputOptions) -> dict[str, Any]:
    """The SARIF log as a dict (tests validate it against the schema)."""
    catalogue = _rules_for(results, opts.rules)
    index = {code: i for i, code in enumerate(catalogue)}
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "govlint",
            "version": __version__,
            "informationUri": INFORMATION_URI,
            "rules": [rule_descriptor(m, opts.lang) for m in catalogue.values()],
        }},
        "columnKind": "unicodeCodePoints",
        "results": [result_object(d, index[d.code], opts) for d in all_diagnostics(results)],
    }
    if opts.root:
        run["originalUriBaseIds"] = {
            SRCROOT: {"uri": Path(os.path.abspath(opts.root)).as_uri().rstrip("/") + "/"}}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render_sarif(results: list[FileResult], opts: OutputOptions) -> str:
    """The SARIF 2.1.0 log as JSON text (non-ASCII kept readable)."""
    return json.dumps(build_sarif(results, opts), ensure_ascii=False, indent=2) + "\n"
