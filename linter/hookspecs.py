"""Hook specifications for govlint plugins (pluggy project name ``govlint``).

A plugin is any module or object with functions marked ``@hookimpl``,
registered through the ``govlint`` entry-point group::

    # pyproject.toml of govlint-myprovince
    [project.entry-points.govlint]
    myprovince = "govlint_myprovince.plugin"

    # govlint_myprovince/plugin.py
    from govlint.hookspecs import hookimpl

    @hookimpl
    def govlint_rule_files():
        from importlib.resources import files
        return [files("govlint_myprovince") / "rules.yaml"]

Built-in rules are provided by :mod:`govlint.builtin_plugin` through these
same hooks.  Every hook is called once per plugin, separately: a plugin that
raises is reported as a GL907 diagnostic naming it and the others still run.
All hooks are optional.
"""
from __future__ import annotations

from typing import Any, Callable

import pluggy

PROJECT = "govlint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def govlint_rule_files() -> list[Any]:
    """Return YAML rule packs to load.

    :return: a list of paths (``str``/``pathlib.Path``) or
        ``importlib.resources`` Traversables.  Each pack is validated against
        ``rules/schema/rule.schema.json``; an invalid pack of a third-party
        plugin is reported as GL907 and skipped.
    """


@hookspec
def govlint_python_rules() -> list[Any]:
    """Return Python rules: subclasses (or instances) of
    :class:`govlint.engine.pyrule.PyRule`, each with ``code``, ``name``,
    ``severity``, ``message``, ``summary``, ``docs`` (with examples) and a
    ``check(report, ctx)`` generator of Diagnostics."""


@hookspec
def govlint_loaders() -> dict[str, Callable[..., Any]]:
    """Return ``{".suffix": loader}``; a loader takes ``(path: str)`` and
    returns a :class:`govlint.document.Document` (or raises
    :class:`govlint.errors.LoadError`)."""


@hookspec
def govlint_output_formats() -> dict[str, Callable[..., Any]]:
    """Return ``{"name": formatter}`` for ``--output-format name``; a formatter
    takes ``(results: list[FileResult], lang: str)`` and returns the text."""


@hookspec
def govlint_templates() -> list[Any]:
    """Return paths of extra template YAML files (a new official format)."""


@hookspec
def govlint_configure(config: Any) -> Any:
    """Adjust the configuration before a run.

    :param config: the :class:`govlint.config.Config` about to be used.
    :return: a replacement Config (it is immutable; use
        ``dataclasses.replace``) or None to keep it.
    """
