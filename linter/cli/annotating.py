"""``govlint check … --annotate OUT``: write the checked report back with the findings in it.

Kept out of ``check.py`` so the command module only gains an option and a
call.  The guards run before any report is read (one input file, an output
that is not the input, a kind of file that can be annotated); the copy is
written atomically with the user's umask, like every other output.
"""
from __future__ import annotations

import os
from typing import Optional

import click

from .guards import atomic_write, guard_output, usage_error


def guard_annotate(path: Optional[str], files: list[str], lang: str) -> None:
    """Refuse, before the run, what ``--annotate`` cannot do: exit 2 with one line."""
    if not path:
        return
    from ..annotate import annotatable

    if len(files) != 1:
        usage_error(f"--annotate 只能用于一个报告文件（现有 {len(files)} 个）",
                    f"--annotate takes exactly one report file ({len(files)} given)", lang)
    if not annotatable(files[0]):
        usage_error("--annotate 只支持 Word（.docx）、文本（.txt）和 Markdown（.md）报告",
                    "--annotate supports Word (.docx), text (.txt) and Markdown (.md) reports only", lang)
    if os.path.isdir(path):
        usage_error(f"--annotate 需要一个文件名，{path} 是文件夹", f"--annotate needs a file name; {path} is a folder",
                    lang)
    guard_output(path, files, lang)


def write_annotated(path: Optional[str], results: list, lang: str) -> None:
    """Write the annotated copy of the one checked file; a file that could not
    be read (a GL9xx finding) gets no copy, and the user is told in one line."""
    if not path or not results:
        return
    from ..annotate import AnnotateError, annotate

    result = results[0]
    try:
        with open(result.path, "rb") as fh:
            data = fh.read()
        if result.report is None:
            raise AnnotateError("文件无法读取，未生成批注副本", "the file could not be read; no annotated copy written")
        out = annotate(result, data, lang)
    except OSError as e:
        usage_error(f"无法读取 {result.path}：{e.strerror or e}", f"cannot read {result.path}: {e.strerror or e}", lang)
    except AnnotateError as e:
        click.echo(f"govlint: {e.message(lang)}", err=True)
        return
    atomic_write(path, out, "utf-8", lang)
    n = len(result.diagnostics)
    click.echo(f"已写入 {path}（{n} 条批注）" if lang == "zh" else f"wrote {path} ({n} comments)", err=True)
