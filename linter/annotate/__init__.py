"""Stage 6, beside ``output``: the findings written back into the officer's own file.

An officer drafts the report in Word or WPS and reads review comments
(批注) there, not in a terminal.  ``govlint check 年报.docx --annotate
年报-审核.docx`` therefore writes a copy of the document with one comment per
finding, on the table cell or paragraph it is about; a text or Markdown
report gets inline ``<!-- govlint: … -->`` notes instead.  The input is
never modified (the result is returned as bytes; the caller writes it
atomically elsewhere), and a report without findings comes back byte for
byte.

May import the foundation, ``load`` (to lead the loader's locators back to
Word XML elements and to decode text as the loader did) and ``output`` (the
shared wording of severities and places); python-docx is imported only when
a Word document is annotated.
"""
from __future__ import annotations

import os

from ..model import Diagnostic, FileResult

KINDS = {"docx": "docx", "text": "text", "markdown": "text"}
SUFFIXES = {".docx": "docx", ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text"}


class AnnotateError(Exception):
    """The file cannot be annotated; ``zh``/``en`` are one-line messages for the user."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh, self.en = zh, en

    def message(self, lang: str) -> str:
        """The message in the user's language (Chinese unless "en…")."""
        return self.en if lang.lower().startswith("en") else self.zh


def annotatable(path: str) -> bool:
    """Whether ``--annotate`` can write a copy of this file (by suffix)."""
    return os.path.splitext(path)[1].lower() in SUFFIXES


def comment_text(d: Diagnostic, lang: str = "zh") -> list[str]:
    """A finding as the paragraphs of one comment: code, severity and message, then each fix hint."""
    from ..output.common import severity_label

    en = lang.lower().startswith("en")
    lines = [f"{d.code} [{severity_label(d.severity, lang)}] {d.message}"]
    lines += [("Hint: " if en else "建议：") + h.description for h in d.hints]
    if d.folded:  # consequences folded into this finding: say so, as the terminal does
        codes = list(dict.fromkeys(f.code for f in d.folded))
        lines.append(f"This also explains {len(d.folded)} more finding(s): {', '.join(codes)}" if en
                     else f"由此另有{len(d.folded)}项问题未单列（{'、'.join(codes)}）")
    return lines


def annotate(result: FileResult, data: bytes, lang: str = "zh") -> bytes:
    """The annotated copy of the checked file's bytes ``data``; raises :class:`AnnotateError`.

    No findings: ``data`` itself (a clean document gets no comment and no change).
    """
    kind = KINDS.get(result.report.kind if result.report else "") or SUFFIXES.get(
        os.path.splitext(result.path)[1].lower())
    if kind is None:
        raise AnnotateError("只能为 Word（.docx）、文本（.txt）和 Markdown（.md）报告写批注",
                            "only Word (.docx), text (.txt) and Markdown (.md) reports can be annotated")
    diags = list(result.diagnostics)
    if not diags:
        return data
    if kind == "docx":
        from .docx import annotate_docx

        return annotate_docx(data, diags, result.report, lang)
    from .text import annotate_text

    return annotate_text(data, diags, lang)


def annotated_name(path: str, lang: str = "zh") -> str:
    """「年报.docx」 → 「年报-审核.docx」: the default name of the annotated copy."""
    stem, suffix = os.path.splitext(os.path.basename(path))
    return f"{stem}-{'reviewed' if lang.lower().startswith('en') else '审核'}{suffix}"


__all__ = ["AnnotateError", "annotate", "annotatable", "annotated_name", "comment_text"]


