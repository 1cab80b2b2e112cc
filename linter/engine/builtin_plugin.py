"""The built-in plugin: govlint's own rule packs and Python rules.

The engine registers it with the plugin host (:func:`govlint.plugins.register_builtin`)
when it is imported; it then answers exactly the same hooks as a third-party
plugin, so built-ins get no privileges a province's plugin does not have.
"""
from __future__ import annotations

from typing import Any

from ..hookspecs import hookimpl

NAME = "govlint"


@hookimpl
def govlint_rule_files() -> list[Any]:
    """The shipped YAML packs, offered through the same hook any plugin uses."""
    from .loader import builtin_packs

    return builtin_packs()


@hookimpl
def govlint_python_rules() -> list[Any]:
    """The built-in Python rules, offered through the same hook any plugin uses."""
    from .builtin_rules import RULES
    from .rules_issuer import RULES as ISSUER_RULES

    return [*RULES, *ISSUER_RULES]
