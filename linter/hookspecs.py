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

Built-in rules are provided by :mod:`govlint.engine.builtin_plugin` through these
same hooks.  Every hook is called once per plugin, separately: a plugin that
raises is reported as a GL907 diagnostic naming it and the others still run.
All hooks are optional.

The import name is ``govlint`` (the repository's source folder is ``linter/``).
docs/plugins.md is a complete, tested plugin; docs/rules.md and
``govlint kinds`` / ``govlint kind NAME`` document every YAML rule field and kind.
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
        ``rules/schema/rule.schema.json`` (and its cell keys against the
        templates); a third-party plugin's unreadable pack, each invalid
        rule, and each rule reusing a code already defined (a built-in's)
        is reported as GL907 naming the plugin and skipped — the built-in
        rule is kept and the pack's other rules load.
    """


@hookspec
def govlint_python_rules() -> list[Any]:
    """Return Python rules: subclasses (or instances) of
    :class:`govlint.engine.pyrule.PyRule`.

    A rule sets class attributes and a ``check`` generator::

        from govlint.engine.pyrule import PyRule, RuleContext
        from govlint.model import Diagnostic, Report, Severity

        class FewLicensingDecisions(PyRule):
            code = "GLD201"                 # 2–4 capitals + 3 digits, your own prefix
            name = "few-licensing-decisions"  # kebab-case
            severity = Severity.WARNING     # or "error" / "warning" / "info"
            when = {"template": ["2021"], "not_issuer": "(乡|镇|街道)"}   # as a YAML rule's when:
            options = {"min_decisions": 1}  # defaults; config ``options: {GLD201: …}`` merges over them
            message = {"zh": "…{n}…{min}…", "en": "…{n}…{min}…"}          # placeholders: see check
            summary = {"zh": "…", "en": "…"}
            docs = {"rationale": {"zh": "…", "en": "…"}, "basis": "…",
                    "examples": {"fail": [{"template": "2021", "year": 2022,
                                           "set": {"t2.licensing.decisions": 0}}],
                                 "pass": [{"template": "2021", "year": 2022}]}}

            def check(self, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
                n = report.value("t2.licensing.decisions")   # None: absent or blank, never 0
                if n is not None and n < ctx.options["min_decisions"]:
                    cell = report.cell("t2.licensing.decisions")   # .value, .raw, .span
                    yield self.diagnostic(ctx, cell.span, report=report, n=n,
                                          min=ctx.options["min_decisions"])

    What ``check`` may read: ``report.value(key)`` / ``report.cell(key)``
    by canonical key (``rules/templates/*.yaml``), ``report.tables["t3"].found``,
    ``report.section(n)`` and ``report.section_text(n)`` (lines with
    ``.text`` and ``.span``), ``report.lines``, ``report.issuer``,
    ``report.year``, ``report.template``; ``ctx.options`` (merged) and
    ``ctx.lang``.  ``self.diagnostic(ctx, span, report=report, **params)``
    makes a finding with the rule's code, severity and localised message
    (``severity=`` and ``related=[spans]`` optional).  A rule that raises is
    a GL907 finding naming the plugin and the rule, for that file; a rule
    with a bad code, name or severity is a GL907 naming its class and is not
    loaded.  ``docs.examples`` are mini-reports, exactly as in YAML (see
    docs/rules.md), and ``govlint test`` runs them.  docs/plugins.md is a
    complete plugin.
    """


@hookspec
def govlint_loaders() -> dict[str, Callable[..., Any]]:
    """Return ``{".suffix": loader}`` for files with that suffix.

    A loader is called as ``loader(path: str, data: bytes, limits:
    govlint.load.Limits) -> govlint.document.Document``: ``data`` is the
    file's content, already read (and checked against ``limits.max_bytes``);
    honour the other limits (pages, elements, seconds) where they apply.
    Raise :class:`govlint.errors.LoadError` for a file that cannot be read
    (any other exception becomes a GL901 diagnostic for that file).
    Registered with :func:`govlint.load.register_loader`; a plugin's loader
    replaces a built-in one for the same suffix.
    """


@hookspec
def govlint_output_formats() -> dict[str, Callable[..., Any]]:
    """Return ``{"name": formatter}`` for ``--output-format name``.

    A formatter is called as ``formatter(results: list[govlint.model.FileResult],
    options: govlint.output.common.OutputOptions) -> str`` and returns the
    whole output text; ``options`` carries ``lang``, ``rules`` (code →
    RuleMeta), ``color``, ``statistics`` and ``root`` (new fields may be
    added, so read only the ones you need).  Registered with
    :func:`govlint.output.register_format`.
    """


@hookspec
def govlint_templates() -> list[Any]:
    """Return extra report-format templates (a new official format).

    :return: a list of paths (``str``/``pathlib.Path``) or
        ``importlib.resources`` Traversables of template YAML files, shaped
        like ``rules/templates/2021.yaml`` (``id``, ``years: {min, max}``,
        ``markers``, ``sections``, ``tables``).  Each is registered with
        :func:`govlint.templates.register_template` (by
        :func:`govlint.plugins.register_plugin_templates`); a template with
        the id of an existing one replaces it.  A file that cannot be read
        is reported as GL907 naming the plugin.
    """


@hookspec
def govlint_configure(config: Any) -> Any:
    """Adjust the configuration before a run.

    :param config: the :class:`govlint.config.Config` about to be used.
    :return: a replacement Config (it is immutable; use
        ``dataclasses.replace``) or None to keep it.
    """


@hookspec
def govlint_batch(batch: Any, config: Any, lang: str) -> list[Any]:
    """Check the reports of one run together (the cross-report stage, after every file's own checks).

    :param batch: a :class:`govlint.batch.Batch`: this run's reports grouped
        by issuer and year (``batch.groups``, ``batch.units``), last year's
        (``batch.previous``, from ``--previous``), ``batch.last_year(entry)``
        and the roster (``batch.roster``, from ``--roster``); each entry holds
        a parsed :class:`govlint.model.Report`.
    :param config: the run's :class:`govlint.config.Config`.
    :param lang: ``"zh"`` or ``"en"``, for messages.
    :return: :class:`govlint.model.Diagnostic` objects; each is attached to
        the file its ``path`` names and filtered by select/ignore,
        per-file-ignores and severity overrides like any finding.

    A cross-report check that should be listed, documented, configured and
    tested like a rule is better written as a :class:`govlint.batch.BatchRule`
    returned from :func:`govlint_python_rules`: govlint's own implementation
    of this hook runs every BatchRule of the rule set, yours included.
    """
