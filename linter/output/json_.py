"""``--output-format json``: the DESIGN.md contract, one object per finding.

The objects come from :meth:`Diagnostic.to_json` so the contract lives in
one place (the model); this module only orders them (file, then position,
so two runs diff cleanly) and keeps Chinese readable (``ensure_ascii=False``).
"""
from __future__ import annotations

import json

from ..model import FileResult
from .common import OutputOptions, all_diagnostics
from .jsonindent import dumps_indented


def render_json(results: list[FileResult], opts: OutputOptions) -> str:
    """The findings as a JSON array (the DESIGN.md contract), ordered so two runs diff cleanly."""
    items = [d.to_json() for d in all_diagnostics(results)]
    return dumps_indented(items) + "\n"  # = json.dumps(items, ensure_ascii=False, indent=2)


def render_jsonl(results: list[FileResult], opts: OutputOptions) -> str:
    """JSON Lines: one finding object per line (the same objects as ``json``), for streams and big runs."""
    return "".join(json.dumps(d.to_json(), ensure_ascii=False) + "\n" for d in all_diagnostics(results))
