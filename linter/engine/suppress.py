"""Inline suppressions in text and Markdown reports.

Comments (HTML comments, so they do not show when the Markdown is rendered)::

    <!-- govlint: disable=GL301,GL6 -->          anywhere: the codes (or prefixes)
                                                  are off for the WHOLE file
                                                  (separate codes by commas
                                                  and/or spaces: "GL301 GL6")
    <!-- govlint: disable -->                     the whole file, every code
    <!-- govlint: disable-next-line=GL201 -->     only findings on the next
                                                  non-blank line
    … text <!-- govlint: disable-line=GL601 -->   only findings on this line

Why whole-file for a plain ``disable`` wherever it is: reports are documents,
not code; officers put the comment at the top or bottom, and a
position-dependent "from here on" would silently change meaning when
paragraphs move.  Findings without a location (e.g. a missing section) can
only be suppressed file-wide.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from ..model import Diagnostic

_COMMENT = re.compile(r"<!--\s*govlint\s*:\s*(disable(?:-next-line|-line)?)\s*(?:=\s*([A-Za-z0-9,\s]*?))?\s*-->")
ALL = "*"


@dataclass
class Suppressions:
    file_codes: set[str] = field(default_factory=set)
    line_codes: dict[int, set[str]] = field(default_factory=dict)

    def covers(self, d: Diagnostic) -> bool:
        """Whether a finding is suppressed; one without a span can only be covered file-wide."""
        if _match(d.code, self.file_codes):
            return True
        if d.span is None:
            return False
        return _match(d.code, self.line_codes.get(d.span.line, set()))


def _match(code: str, prefixes: set[str]) -> bool:
    return ALL in prefixes or any(code.upper().startswith(p) for p in prefixes)


def _codes(raw: str | None) -> set[str]:
    if not raw or not raw.strip():
        return {ALL}
    return {c.upper() for c in re.split(r"[,\s]+", raw) if c}


def parse_suppressions(source_lines: Iterable[str]) -> Suppressions:
    """Collect ``govlint: disable`` comments from the source lines (see the module docstring).

    ``disable-next-line`` targets the next non-blank line, so a blank line between the comment
    and the text does not defeat it.
    """
    lines = list(source_lines)
    sup = Suppressions()
    for i, text in enumerate(lines, 1):
        if "govlint" not in text:
            continue
        for m in _COMMENT.finditer(text):
            what, codes = m.group(1), _codes(m.group(2))
            if what == "disable":
                sup.file_codes |= codes
            elif what == "disable-line":
                sup.line_codes.setdefault(i, set()).update(codes)
            else:
                j = i + 1
                while j <= len(lines) and not lines[j - 1].strip():
                    j += 1
                sup.line_codes.setdefault(j, set()).update(codes)
    return sup


def apply_suppressions(diags: list[Diagnostic], source_lines: Iterable[str]) -> list[Diagnostic]:
    """Drop findings covered by inline comments."""
    sup = parse_suppressions(source_lines)
    if not sup.file_codes and not sup.line_codes:
        return diags
    return [d for d in diags if not sup.covers(d)]
