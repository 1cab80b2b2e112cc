"""Per-file resource limits, shared by the configuration and the loaders.

Why a module of its own: ``config`` reads ``limits:`` and the loaders obey
them; neither stage may import the other, so the dataclass sits in the
foundation beside the model.
"""
from __future__ import annotations

from dataclasses import dataclass, field

OCR_MODES = ("auto", "always", "never")


@dataclass
class Limits:
    """Resource limits for one file; all configurable (config ``limits:``)."""

    max_bytes: int = 20 * 1024 * 1024  # input file size
    max_pages: int = 300  # PDF pages read
    max_unpacked: int = 100 * 1024 * 1024  # total uncompressed size inside a .docx
    max_elements: int = 500_000  # HTML elements / DOCX XML nodes
    max_depth: int = 2_000  # HTML nesting depth
    max_seconds: float = 60.0  # wall-clock budget for one file's loading (OCR time not counted)
    max_ocr_pages: int = 30  # pages one file may have read by OCR (more: GL908, none read)
    max_ocr_seconds: float = 300.0  # wall-clock budget for one file's OCR
    # pages without text go through OCR ("auto"), every page does ("always"), none ("never")
    ocr: str = field(default="auto", metadata={"choices": OCR_MODES})
