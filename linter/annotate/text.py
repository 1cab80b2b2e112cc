"""Inline notes for text and Markdown reports: ``<!-- govlint: … -->``.

An HTML comment does not show when the Markdown is rendered, and govlint's
parser cuts a comment that ends a line off before reading, so an annotated
report checks the same as the original.  A finding on a line gets its note
at the end of that line, right after its last character (in a Markdown
table the text after the last ``|`` is ignored, so the table still renders);
a finding without a line goes to the top of the file.
The file keeps its encoding and line breaks; an encoding that cannot hold a
message (Big5 and a simplified character) falls back to UTF-8 with a BOM,
which the loader recognises first.
"""
from __future__ import annotations

import re

from ..model import Diagnostic
from . import comment_text


def _note(d: Diagnostic, lang: str) -> str:
    body = "；".join(comment_text(d, lang)) if not lang.lower().startswith("en") else \
        "; ".join(comment_text(d, lang))
    body = re.sub(r"-{2,}", "—", body.replace("\n", " "))  # "--" would end the comment early
    return f"<!-- govlint: {body} -->"


def annotate_text(data: bytes, diagnostics: list[Diagnostic], lang: str = "zh") -> bytes:
    """The text with a note per finding, encoded as the original was."""
    from ..load.text import _LINE_SPLIT, decode

    text, encoding = decode(data)
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    parts = re.split(f"({_LINE_SPLIT.pattern})", text)  # [line, break, line, break, …, line]
    lines, breaks = parts[0::2], parts[1::2] + [""]
    newline = breaks[0] if breaks[0] else "\n"
    top: list[str] = []
    for d in diagnostics:
        s = d.span
        if s is not None and 1 <= s.line <= len(lines):
            lines[s.line - 1] += _note(d, lang)  # no space: the parser cuts the note off exactly
        else:
            top.append(_note(d, lang))
    out = "".join(top_line + newline for top_line in top) + "".join(
        line + br for line, br in zip(lines, breaks))
    if bom:
        out = "\ufeff" + out
    try:
        return out.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return out.lstrip("\ufeff").encode("utf-8-sig")
