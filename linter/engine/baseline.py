"""Baseline files: accept today's findings, report only new ones.

A fingerprint must survive unrelated edits (a paragraph inserted above moves
every line number), so it never contains a line number.  It is a hash of:
the file path relative to the baseline file's folder, the code, and either
the cell key (table.row.column — stable as long as the cell exists) or the
whitespace-free text of the source line the finding points at, or, for
findings without a usable line, the span's ``where`` locator if any (else
nothing more than path and code).  Never the message: it depends on
``--lang`` and on wording changes between releases, and a baseline written
in Chinese must filter the same findings shown in English.  Identical
fingerprints are counted, so two equal findings in a file need two baseline
entries.

Version 1 files used the message for findings without a location; they are
still read (those entries match by the old fingerprint too) and rewritten as
version 2 by ``--write-baseline``.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

from ..model import Diagnostic

VERSION = 2


def _rel(path: str, base_dir: str) -> str:
    try:
        return Path(os.path.relpath(Path(path).resolve(), Path(base_dir).resolve())).as_posix()
    except ValueError:  # other drive on Windows
        return Path(path).as_posix()


def _anchor(d: Diagnostic, source_lines: Sequence[str]) -> str:
    s = d.span
    if s is not None and s.table and s.row and s.column_key:
        return f"cell:{s.table}.{s.row}.{s.column_key}"
    if s is not None and 0 < s.line <= len(source_lines):
        return "line:" + "".join(source_lines[s.line - 1].split())
    if s is not None and s.where:
        return "where:" + "".join(s.where.split())
    return "none"


def _hash(d: Diagnostic, anchor: str, base_dir: str) -> str:
    raw = "\x1f".join([_rel(d.path, base_dir), d.code, anchor])
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:24]  # a GBK file name: its bytes


def fingerprint(d: Diagnostic, source_lines: Sequence[str], base_dir: str) -> str:
    """A hash of path, code and a stable anchor — never the (localised) message."""
    return _hash(d, _anchor(d, source_lines), base_dir)


def _legacy_fingerprint(d: Diagnostic, source_lines: Sequence[str], base_dir: str) -> str:
    """The version-1 fingerprint (message for findings without a line)."""
    anchor = _anchor(d, source_lines)
    if not anchor.startswith(("cell:", "line:")):
        anchor = "msg:" + d.message
    return _hash(d, anchor, base_dir)


class Baseline:
    """Fingerprints loaded from a baseline file."""

    def __init__(self, path: str, fingerprints: Iterable[str] = (), version: int = VERSION):
        self.path = path
        self.base_dir = str(Path(path).resolve().parent)
        self.counts: Counter[str] = Counter(fingerprints)
        self.version = version

    def filter(self, diags: list[Diagnostic], source_lines: Sequence[str]) -> list[Diagnostic]:
        """Findings not in the baseline (each entry absorbs one finding)."""
        left = Counter(self.counts)
        out = []
        for d in diags:
            fp = fingerprint(d, source_lines, self.base_dir)
            if left[fp] <= 0 and self.version < 2:
                fp = _legacy_fingerprint(d, source_lines, self.base_dir)
            if left[fp] > 0:
                left[fp] -= 1
            else:
                out.append(d)
        return out


def load_baseline(path: str) -> Baseline:
    """Read a baseline; a missing file is an empty baseline, a broken one a ValueError."""
    p = Path(path)
    if not p.exists():
        return Baseline(path)
    try:
        from ..reading import read_capped

        data = json.loads(read_capped(str(p), 256 * 1024 * 1024).decode("utf-8"))
        fps = [e["fingerprint"] for e in data["findings"]]
        bad = next((f for f in fps if not isinstance(f, str)), None)
        if bad is not None:
            raise ValueError(f"a fingerprint is {type(bad).__name__} {json.dumps(bad)[:40]}, not a string")
        version = data.get("version", 1)
        if not isinstance(version, int) or isinstance(version, bool):  # 1e400 is a float: inf
            raise ValueError(f"version {json.dumps(version)[:40]} is not a whole number")
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
        raise ValueError(f"{path}: not a govlint baseline file ({e})") from None
    return Baseline(path, fps, version)


def write_baseline(path: str, results: Iterable[tuple[list[Diagnostic], Sequence[str]]]) -> int:
    """Write every finding of ``results`` ((diagnostics, source lines) per file); returns the count.

    Written atomically (temp file + rename) so an interrupted run leaves the
    old baseline intact.
    """
    base_dir = str(Path(path).resolve().parent)
    entries = []
    for diags, lines in results:
        for d in diags:
            entries.append({"path": _rel(d.path, base_dir), "code": d.code,
                            "fingerprint": fingerprint(d, lines, base_dir)})
    entries.sort(key=lambda e: (e["path"], e["code"], e["fingerprint"]))
    from ..outfile import write_file

    write_file(str(path), json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=1) + "\n")
    return len(entries)


def results_for_baseline(file_results: Iterable[object]) -> list[tuple[list[Diagnostic], Sequence[str]]]:
    """Adapter for :class:`govlint.model.FileResult` lists."""
    out = []
    for fr in file_results:
        report = getattr(fr, "report", None)
        out.append((list(getattr(fr, "diagnostics", [])), report.source_lines if report else []))
    return out

