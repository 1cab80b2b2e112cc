"""The built-in plugin: govlint's own rule packs and Python rules.

Registered by :mod:`govlint.plugins` through exactly the same hooks as a
third-party plugin, so built-ins get no privileges a province's plugin does
not have.
"""
from __future__ import annotations

from typing import Any

from .hookspecs import hookimpl

NAME = "govlint"


@hookimpl
def govlint_rule_files() -> list[Any]:
    from .engine.loader import builtin_packs

    return builtin_packs()


@hookimpl
def govlint_python_rules() -> list[Any]:
    from .engine.builtin_rules import RULES

    return list(RULES)
