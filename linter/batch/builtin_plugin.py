"""The batch stage's built-in plugin: the GL7xx rules, and the hook that runs batch rules.

Registered with the plugin host when :mod:`govlint.batch` is imported, and
answering the same hooks a province's plugin would: its rules come through
``govlint_python_rules`` (so they are listed and configured like any rule)
and its ``govlint_batch`` runs every :class:`~govlint.batch.BatchRule` of the
rule set — a plugin's BatchRules included.
"""
from __future__ import annotations

from typing import Any

from ..hookspecs import hookimpl

NAME = "govlint-batch"


@hookimpl
def govlint_python_rules() -> list[Any]:
    """GL701–GL708."""
    from .rules_names import RULES as NAMES
    from .rules_numbers import RULES as NUMBERS
    from .rules_text import RULES as TEXT

    return [*NUMBERS, *NAMES, *TEXT]


@hookimpl
def govlint_batch(batch: Any, config: Any, lang: str) -> list[Any]:
    """Every BatchRule of the run's rule set over the batch."""
    from ..engine import rules_for
    from .stage import run_rules

    return run_rules(batch, rules_for(config).rules, config, lang)
