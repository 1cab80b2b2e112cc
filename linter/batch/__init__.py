"""Stage 5, the reports of a run together: cross-report findings (GL7xx).

A supervisor receives the reports of 30–40 units every year and checks them
against each other and against last year's; this stage does that
deterministically, with a location on every finding.  It is fed by the same
:class:`govlint.model.Report` objects the engine checked, after the engine:

- :class:`Batch` groups the run's reports by issuer and year (names matched
  by :func:`govlint.parse.issuer.same_body`, or fixed by a roster), with last
  year's reports from ``--previous`` (report files, or the JSON/CSV that
  ``govlint extract`` wrote);
- :class:`BatchRule` is a rule like the others (listed, documented,
  configured, tested by its examples of two or more mini-reports) whose
  ``check_batch`` sees the whole batch;
- :func:`cross_report` runs every plugin's ``govlint_batch`` hook (the
  built-in one runs every BatchRule) and attaches each finding to the file
  it points at.

May import the foundation, load, parse and engine (rules are engine rules;
last year's report files are loaded and parsed here), never output or later.
Importing this package registers its built-in plugin with the plugin host.
"""
from __future__ import annotations

from typing import Any

from .. import plugins
from . import builtin_plugin

__all__ = ["Batch", "Entry", "Unit", "Roster", "RosterError", "BatchRule", "BatchInputError",
           "cross_report", "run_batch"]

# where each public name lives: imported on first use, so that importing this
# package (the command line does, to register the rules) stays as light as
# ``govlint --version`` must be
_LAZY = {"Batch": "model", "Entry": "model", "Unit": "model", "Roster": "roster", "RosterError": "roster",
         "BatchRule": "rule", "BatchInputError": "errors", "cross_report": "stage", "run_batch": "stage"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


plugins.register_builtin(builtin_plugin.NAME, builtin_plugin)
