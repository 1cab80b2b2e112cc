"""``--output-format github``: GitHub Actions workflow commands.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`` makes
each finding an annotation on the pull request's diff.  The runner parses
the line itself, so data must escape ``%``, CR and LF, and property values
additionally ``:`` and ``,`` (they delimit properties); an unescaped comma in
a Chinese file name would otherwise cut the path short.
"""
from __future__ import annotations

from ..labels import render_where
from ..model import Diagnostic, FileResult, Severity
from .common import OutputOptions, all_diagnostics, display_path, has_line

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """Escape the message part (after ``::``)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value (``file=``, ``title=``)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(diag: Diagnostic, opts: OutputOptions) -> str:
    """One workflow command for a finding; page and locator go into the message (GitHub has no field)."""
    span = diag.span
    props = [("file", display_path(diag.path, opts.root))]
    if has_line(span):
        props += [("line", str(span.line)), ("col", str(span.column)),
                  ("endLine", str(span.end_line)), ("endColumn", str(span.end_column))]
    props.append(("title", f"{diag.code} {diag.name}"))
    message = diag.message
    extra = []
    if span is not None and span.page:
        extra.append(f"page {span.page}" if opts.en else f"第{span.page}页")
    if span is not None and span.where:
        extra.append(render_where(span.where, opts.lang))
    if extra:
        message += (" (" + "; ".join(extra) + ")") if opts.en else ("（" + "；".join(extra) + "）")
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMANDS[diag.severity]} {head}::{escape_data(message)}"


def render_github(results: list[FileResult], opts: OutputOptions) -> str:
    """One annotation line per finding, in file then position order."""
    lines = [annotation(d, opts) for d in all_diagnostics(results)]
    return "".join(line + "\n" for line in lines)
