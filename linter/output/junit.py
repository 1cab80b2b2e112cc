"""``--output-format junit``: JUnit XML for CI servers (Jenkins, GitLab).

CI servers already show JUnit results per file and per failure, so each
checked file is a ``<testsuite>`` and each finding a ``<testcase>`` with a
``<failure>``; a clean file gets one passing ``<testcase>`` so it still
counts as checked.  ElementTree does the escaping; characters XML 1.0
forbids (control codes from broken PDFs) are dropped first.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..model import Diagnostic, FileResult
from .common import (OutputOptions, display_path, has_line, severity_label, sorted_diagnostics,
                     sorted_results)

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("", text)


def _where(diag: Diagnostic, path: str) -> str:
    s = diag.span
    loc = f"{path}:{s.line}:{s.column}" if has_line(s) else path
    return loc


def _testcase(parent: ET.Element, diag: Diagnostic, path: str, opts: OutputOptions) -> None:
    s = diag.span
    pos = f" ({s.line}:{s.column})" if has_line(s) else ""
    case = ET.SubElement(parent, "testcase", {
        "classname": _clean(path),
        "name": _clean(f"{diag.code} {diag.name}{pos}"),
        "file": _clean(path),
        "time": "0",
    })
    if has_line(s):
        case.set("line", str(s.line))
    body = [f"{_where(diag, path)}: {diag.code} [{severity_label(diag.severity, opts.lang)}] "
            f"{diag.message}"]
    if s is not None and s.page:
        body.append(f"page {s.page}" if opts.en else f"第{s.page}页")
    if s is not None and s.where:
        body.append(s.where)
    if s is not None and s.table:
        body.append(".".join(p for p in (s.table, s.row, s.column_key) if p))
    if diag.url:
        body.append(diag.url)
    failure = ET.SubElement(case, "failure", {"message": _clean(diag.message),
                                              "type": diag.severity.value})
    failure.text = _clean("\n".join(body))


def build_junit(results: list[FileResult], opts: OutputOptions) -> ET.Element:
    """One test suite per file and one failing test case per finding; a clean file gets one passing case."""
    root = ET.Element("testsuites", {"name": "govlint"})
    total_tests = total_failures = 0
    total_time = 0.0
    for result in sorted_results(results):
        path = display_path(result.path, opts.root)
        diags = sorted_diagnostics(result)
        tests = max(1, len(diags))
        suite = ET.SubElement(root, "testsuite", {
            "name": _clean(path), "tests": str(tests), "failures": str(len(diags)),
            "errors": "0", "skipped": "0", "time": f"{result.seconds:.3f}"})
        if diags:
            for diag in diags:
                _testcase(suite, diag, path, opts)
        else:
            ET.SubElement(suite, "testcase", {"classname": _clean(path), "name": "govlint",
                                              "file": _clean(path), "time": f"{result.seconds:.3f}"})
        total_tests += tests
        total_failures += len(diags)
        total_time += result.seconds
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    root.set("time", f"{total_time:.3f}")
    return root


def render_junit(results: list[FileResult], opts: OutputOptions) -> str:
    """The JUnit XML document, indented, for CI systems that display test reports."""
    root = build_junit(results, opts)
    ET.indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(root, encoding="unicode") + "\n")
