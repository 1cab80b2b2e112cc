"""Stage 5: results → text, JSON, SARIF, GitHub annotations, JUnit, CSV or HTML.

Every format is a function ``(results, options) -> str``.  Built-in formats
are named here as ``"module:function"`` strings and imported only when used,
so printing a terminal report never imports the HTML or SARIF code.  Plugins
add formats with :func:`register_format` (a callable or a "module:function"
string); the CLI lists :data:`FORMATS` for ``--output-format``.

May import the foundation (model, labels) and, for the supervisor's table and
the HTML report's year-by-year view, the batch stage's column layout and
units (:mod:`govlint.batch.columns`, :mod:`govlint.batch.model`); rule
metadata arrives as an argument.
"""
from __future__ import annotations

import importlib
import os
from typing import Callable, Optional, TextIO, Union

from dataclasses import replace

from ..model import Diagnostic, FileResult, RuleMeta
from .common import OutputOptions

Formatter = Callable[[list[FileResult], OutputOptions], str]

# name -> "module:function" (lazy) or a callable (registered by a plugin)
FORMATS: dict[str, Union[str, Formatter]] = {
    "text": "govlint.output.text:render_text",
    "json": "govlint.output.json_:render_json",
    "jsonl": "govlint.output.json_:render_jsonl",
    "sarif": "govlint.output.sarif:render_sarif",
    "github": "govlint.output.github:render_github",
    "junit": "govlint.output.junit:render_junit",
    "csv": "govlint.output.csv_:render_csv",
    "html": "govlint.output.html:render_html",
}

# how the CLI should encode a format's text when writing a file; the BOM
# lets Excel recognise UTF-8 CSV (without it, Chinese turns to mojibake)
ENCODINGS: dict[str, str] = {"csv": "utf-8-sig"}

# what each built-in format reads of a checked report besides its findings, so a run
# keeps (and a worker sends back) no more (see govlint.executors.slim): "meta" = the
# report's scalar facts (issuer, year, template …), "excerpt" = also the source lines the
# findings point at and the tables; any other format (HTML, a plugin's) gets the report
REPORT_NEEDS: dict[str, str] = {"json": "meta", "jsonl": "meta", "sarif": "meta", "github": "meta",
                                "junit": "meta", "csv": "meta", "text": "excerpt"}

__all__ = ["FORMATS", "ENCODINGS", "REPORT_NEEDS", "OutputOptions", "register_format", "get_formatter",
           "render", "should_color", "output_encoding", "report_needs"]


def register_format(name: str, func: Union[str, Formatter], *, encoding: Optional[str] = None) -> None:
    """Add (or replace) an output format; ``func`` takes ``(results, options)``."""
    if not name or not isinstance(name, str):
        raise ValueError("format name must be a non-empty string")
    FORMATS[name] = func
    if encoding:
        ENCODINGS[name] = encoding


def report_needs(fmt: str) -> str:
    """What ``fmt`` reads of each report: "meta", "excerpt" or "full" (see :data:`REPORT_NEEDS`).

    A format a plugin registered (or replaced) gets the whole report: govlint cannot know what
    it reads.
    """
    target = FORMATS.get(fmt)
    where = target if isinstance(target, str) else getattr(target, "__module__", "") or ""
    builtin = where.startswith("govlint.output.")
    return REPORT_NEEDS.get(fmt, "full") if builtin else "full"


def get_formatter(fmt: str) -> Formatter:
    """Resolve a format name to its function (importing it on first use)."""
    try:
        target = FORMATS[fmt]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise ValueError(f"unknown output format {fmt!r} (known: {known})") from None
    if callable(target):
        return target
    module_name, _, func_name = target.partition(":")
    func = getattr(importlib.import_module(module_name), func_name)
    FORMATS[fmt] = func  # cache the import
    return func


def output_encoding(fmt: str) -> str:
    """Encoding the CLI should use when it writes ``fmt`` to a file."""
    return ENCODINGS.get(fmt, "utf-8")


def render(fmt: str, results: list[FileResult], *, rules: dict[str, RuleMeta],
           lang: str = "zh", color: bool = False, statistics: bool = False,
           root: Optional[str] = None, run_diagnostics: Optional[list[Diagnostic]] = None) -> str:
    """Render ``results`` in format ``fmt``.

    ``rules`` supplies rule metadata (SARIF rule list, HTML summaries);
    ``color`` adds ANSI colours (text only: the CLI decides with
    :func:`should_color`); ``statistics`` appends a per-code count table
    (text); ``root`` makes paths relative (SARIF URIs, CSV, text).
    ``run_diagnostics`` (a broken plugin's GL907) are reported once: the
    text format prints them with its summary; every other format gets them
    with the first file, so its schema stays the same.
    """
    results = list(results)
    run_diags = list(run_diagnostics or [])
    if run_diags and fmt != "text" and results:
        first = min(range(len(results)), key=lambda i: results[i].path)
        r = results[first]
        results[first] = replace(r, diagnostics=[replace(d, path=r.path) for d in run_diags] + r.diagnostics)
        run_diags = []
    options = OutputOptions(rules=dict(rules or {}), lang=lang, color=color,
                            statistics=statistics, root=root, run_diagnostics=run_diags)
    return get_formatter(fmt)(results, options)


def should_color(stream: TextIO) -> bool:
    """Whether to colour output written to ``stream``.

    NO_COLOR (https://no-color.org: set and non-empty) always wins, then
    FORCE_COLOR (set, non-empty and not "0") forces colour even into a pipe
    (CI logs render ANSI), otherwise colour only on a real terminal that is
    not TERM=dumb.
    """
    if os.environ.get("NO_COLOR"):
        return False
    force = os.environ.get("FORCE_COLOR")
    if force and force != "0":
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):  # closed stream
        return False
