"""Hook implementations: found by govlint through the `govlint` entry point."""
from __future__ import annotations

from typing import Any

from govlint.hookspecs import hookimpl


@hookimpl
def govlint_rule_files() -> list[Any]:
    from importlib.resources import files

    return [files("govlint_example_province") / "rules.yaml"]


@hookimpl
def govlint_python_rules() -> list[Any]:
    from .pyrules import CountyFeeAmount

    return [CountyFeeAmount]
