"""Text, JSON and JSON Lines written piece by piece, as each file's results arrive.

A run over ten thousand reports should print its first finding after the
first report, and should not hold every finding until the end.  A streamer
turns each file's result into its part of the output at once, keeping only
what the end of the output needs (the code, name and severity of every
finding, for the statistics and the verdict), and its pieces join into
exactly the text the format's ``render`` function gives for the whole run —
provided the results arrive in path order, as the executors deliver them.

Formats that need the whole run at once (SARIF, JUnit, CSV, HTML, a plugin's)
have no streamer: :func:`streamer` returns None and the caller renders them
at the end.

May import the foundation and the output package.
"""
from __future__ import annotations

import json
from typing import Optional

from ..model import Diagnostic, FileResult
from .common import OutputOptions, sorted_diagnostics
from .jsonindent import dumps_indented


class Streamer:
    """``head()``, then ``file(result)`` per file in path order, then ``tail()``."""

    def head(self) -> str:
        """What comes before the first file (nothing for these formats)."""
        return ""

    def file(self, result: FileResult) -> str:
        """One file's part of the output."""
        raise NotImplementedError

    def tail(self) -> str:
        """What follows the last file."""
        return ""


class _Tally:
    """Stand-ins for the run's results: per file, its path and one shared small finding per
    (code, name, severity) — what statistics and the verdict read, a few bytes a finding."""

    def __init__(self) -> None:
        self.results: list[FileResult] = []
        self._kinds: dict[tuple, Diagnostic] = {}

    def add(self, result: FileResult) -> None:
        diags = []
        for d in result.diagnostics:
            k = (d.code, d.name, d.severity)
            lite = self._kinds.get(k)
            if lite is None:
                lite = self._kinds[k] = Diagnostic(d.code, d.name, d.severity, "", None, "")
            diags.append(lite)
        self.results.append(FileResult(result.path, None, diags))


class TextStreamer(Streamer):
    """The terminal report (:func:`govlint.output.text.render_text`), file by file."""

    def __init__(self, opts: OutputOptions, n_files: int):
        from .text import _Painter

        self.opts = opts
        self.paint = _Painter(opts.color)
        self.many = n_files > 1
        self.tally = _Tally()

    def file(self, result: FileResult) -> str:
        """The file's heading and findings (nothing when it has none)."""
        from .text import file_block

        self.tally.add(result)
        lines = file_block(result, self.opts, self.paint, self.many)
        return "\n".join(lines) + "\n" if lines else ""

    def tail(self) -> str:
        """Statistics (when asked for) and the verdict over every file seen."""
        from .text import tail

        return "\n".join(tail(self.tally.results, self.opts, self.paint)) + "\n"


class JsonStreamer(Streamer):
    """The JSON array of findings (:func:`govlint.output.json_.render_json`), item by item."""

    def __init__(self) -> None:
        self.first = True

    def file(self, result: FileResult) -> str:
        """Each finding as an element of the array, indented as ``json.dumps(indent=2)`` does."""
        parts = []
        for d in sorted_diagnostics(result):
            item = dumps_indented(d.to_json(), 1)  # an element of the array: one level in
            parts.append(("[\n  " if self.first else ",\n  ") + item)
            self.first = False
        return "".join(parts)

    def tail(self) -> str:
        """Close the array (or print an empty one)."""
        return "[]\n" if self.first else "\n]\n"


class JsonLinesStreamer(Streamer):
    """One finding per line (:func:`govlint.output.json_.render_jsonl`)."""

    def file(self, result: FileResult) -> str:
        """The file's findings, a line each."""
        return "".join(json.dumps(d.to_json(), ensure_ascii=False) + "\n" for d in sorted_diagnostics(result))


def streamer(fmt: str, opts: OutputOptions, n_files: int) -> Optional[Streamer]:
    """A streamer for a built-in ``text``, ``json`` or ``jsonl`` format; None for any other
    (or for one of these names that a plugin replaced)."""
    from . import FORMATS

    target = FORMATS.get(fmt)
    name = target if isinstance(target, str) else (
        f"{getattr(target, '__module__', '')}:{getattr(target, '__name__', '')}")
    if name == "govlint.output.text:render_text":
        return TextStreamer(opts, n_files)
    if name == "govlint.output.json_:render_json":
        return JsonStreamer()
    if name == "govlint.output.json_:render_jsonl":
        return JsonLinesStreamer()
    return None
