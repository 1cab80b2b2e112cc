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
    """The shipped YAML packs, offered through the same hook any plugin uses."""
    from .engine.loader import builtin_packs

    return builtin_packs()


@hookimpl
def govlint_python_rules() -> list[Any]:
    """The built-in Python rules, offered through the same hook any plugin uses."""
    from .engine.builtin_rules import RULES

    return list(RULES)
