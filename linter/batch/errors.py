"""The one error of the batch stage's inputs: ``--previous`` or ``--roster`` cannot be used.

One line, in both languages, naming the file (and the row), so the command
line can print it and exit 2 before any report is checked.
"""
from __future__ import annotations


class BatchInputError(Exception):
    """An unusable input; ``zh``/``en`` are the one-line explanations."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en

    def message(self, lang: str = "zh") -> str:
        """The explanation in the user's language."""
        return self.en if lang.startswith("en") else self.zh
