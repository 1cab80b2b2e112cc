"""Check many files: load → parse → rules, one file at a time, never giving up.

Each file is isolated: whatever goes wrong in one (unreadable bytes, a parser
bug, a plugin that raises) becomes a GL9xx diagnostic for that file and the
run goes on.  With ``jobs > 1`` files are checked in worker processes.
"""
from __future__ import annotations

import os
import time
import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional

from .errors import INPUT_CODES, LoadError
from .load import Limits, load, supported_suffixes
from .model import Diagnostic, FileResult, Report, Severity

if TYPE_CHECKING:
    from .config import Config

_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}
# a folder of reports also holds its own README and notes: not reports
DEFAULT_EXCLUDE = ("README*", "CHANGELOG*", "CONTRIBUTING*", "LICENSE*", "NOTICE*", "~$*")


@dataclass
class RunOptions:
    """Everything a worker needs to check one file (picklable)."""

    lang: str = "zh"
    limits: Limits = field(default_factory=Limits)
    config: Optional[str] = None  # explicit config file
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    parse_only: bool = False  # extract: no rules
    show_unverifiable: bool = False  # list consequences ("cannot verify" …) instead of folding them


def input_diagnostic(path: str, code: str, message: str) -> Diagnostic:
    """A GL9xx finding about the file itself, named from ``INPUT_CODES`` (no span: the file is the place)."""
    name = INPUT_CODES.get(code, ("input-problem",))[0]
    return Diagnostic(code=code, name=name, severity=Severity.ERROR, message=message,
                      span=None, path=path)


def _excluded(path: str, patterns: Iterable[str]) -> bool:
    from fnmatch import fnmatch

    name = os.path.basename(path)
    norm = path.replace(os.sep, "/")
    return any(fnmatch(name, p) or fnmatch(norm, p) or fnmatch(norm, "*/" + p) for p in patterns)


def iter_files(paths: Iterable[str], exclude: Iterable[str] = ()) -> tuple[list[str], list[str]]:
    """Expand folders into the supported files inside them.

    Returns (files, problems): a path that does not exist is a usage error the
    CLI reports; files given explicitly are kept whatever their suffix (they
    will get a GL902 diagnostic if unsupported) and whatever ``exclude`` says.
    Inside folders, README/LICENSE-like files and ``exclude`` globs are skipped.
    """
    patterns = (*DEFAULT_EXCLUDE, *exclude)
    suffixes = set(supported_suffixes()) | {".doc", ".wps", ".ofd"}
    files: list[str] = []
    missing: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            # a sub-folder one may not enter is listed: its GL901 says its reports went unchecked
            for root, dirs, names in os.walk(p, onerror=lambda e: files.append(e.filename)):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
                for n in sorted(names):
                    full = os.path.join(root, n)
                    if os.path.splitext(n)[1].lower() in suffixes and not _excluded(full, patterns):
                        files.append(full)
        else:
            try:
                os.lstat(p)
                files.append(p)  # a dangling link or a symlink loop is checked, and gets its GL901
            except (FileNotFoundError, NotADirectoryError):
                missing.append(p)
            except OSError:
                files.append(p)  # there but out of reach (a folder one may not enter): GL901 says why
    seen: set[str] = set()
    unique = [f for f in files if not (f in seen or seen.add(f))]
    return unique, missing


def config_for(path: str, options: RunOptions) -> Config:
    """The configuration that applies to one file (walks up from it)."""
    from .config import load_config

    return load_config(path, options.config).with_overrides(
        select=list(options.select) or None, ignore=list(options.ignore) or None,
        extend_select=list(options.extend_select) or None)


_plugin_keys: set = set()


def setup_plugins(config: Config) -> None:
    """Register plugin-provided loaders and output formats (once per process
    and plugin configuration, so worker processes get them too)."""
    from . import plugins
    from .load import register_loader
    from .output import register_format

    key = getattr(config, "plugin_key", ())
    if key in _plugin_keys:
        return
    _plugin_keys.add(key)
    for suffix, func in plugins.loaders(config).items():
        register_loader(suffix, func)
    for name, func in plugins.output_formats(config).items():
        register_format(name, func)
    plugins.register_plugin_templates(config)  # problems are reported by the engine as GL907


def _rules(report: Report, options: RunOptions, config: Optional[Config] = None) -> list[Diagnostic]:
    """Run the rule engine with the configuration that applies to this file (looked up once per file)."""
    from .engine import run
    from .plugins import configure

    config = configure(config if config is not None else config_for(report.path, options))
    return run(report, config, options.lang, fold_consequences=not options.show_unverifiable,
               include_plugin_problems=False)  # the CLI reports them once per run


def check_file(path: str, options: RunOptions) -> FileResult:
    """Check one file; every failure is turned into a diagnostic."""
    t0 = time.perf_counter()
    config = None
    limits = options.limits
    if not options.parse_only:
        try:
            config = config_for(path, options)
            setup_plugins(config)
            limits = _limits(options.limits, getattr(config, "limits", None) or {})
        except Exception:  # the CLI validates configs before the run; a library caller gets defaults
            config = None
    report, diags = _check(path, options, limits, config)
    if config is not None:
        diags = _configure_inputs(diags, config, path)
    diags.sort(key=lambda d: d.sort_key)
    return FileResult(path, report, diags, time.perf_counter() - t0)


def _configure_inputs(diags: list[Diagnostic], config: Config, path: str) -> list[Diagnostic]:
    """Select/ignore, per-file ignores and severity overrides for the GL9xx
    input findings the runner makes itself (rule findings went through the
    engine already)."""
    out = []
    for d in diags:
        if d.code.startswith("GL9"):
            if not config.reports_failure(d.code, path):
                continue
            d.severity = config.severity_for(d.code, d.severity)
        out.append(d)
    return out


def _over_budget(path: str, stage_zh: str, stage_en: str, seconds: float, lang: str) -> Diagnostic:
    """GL908 for a stage stopped by the file's time budget (:mod:`govlint.budget`)."""
    msg = (f"{stage_zh}超过时间上限 {seconds:g} 秒，已停止（limits: max-seconds）" if lang == "zh"
           else f"{stage_en} took longer than the {seconds:g} s limit and was stopped (limits: max-seconds)")
    return input_diagnostic(path, "GL908", msg)


def _check(path: str, options: RunOptions, limits: Limits,
           config: Optional[Config] = None) -> tuple[Optional[Report], list[Diagnostic]]:
    """Load, parse and check one file inside its time budget (``limits.max_seconds``)."""
    from . import budget

    with budget.for_file(limits.max_seconds):
        return _stages(path, options, limits, config)


def _stages(path: str, options: RunOptions, limits: Limits,
            config: Optional[Config] = None) -> tuple[Optional[Report], list[Diagnostic]]:
    from .budget import OverBudget, limit

    lang = options.lang
    try:
        with limit():
            doc = load(path, limits)
    except OverBudget as e:
        return None, [_over_budget(path, "读取文件", "reading the file", e.seconds, lang)]
    except LoadError as e:
        return None, [input_diagnostic(path, e.code, e.message(lang))]
    except Exception as e:  # a loader bug must not stop the batch
        msg = (f"读取文件时出错：{type(e).__name__}: {e}" if lang == "zh"
               else f"error while reading the file: {type(e).__name__}: {e}")
        return None, [input_diagnostic(path, "GL901", msg)]
    try:
        from .parse import parse_document

        with limit():
            report = parse_document(doc)
    except OverBudget as e:
        return None, [_over_budget(path, "解析文件", "parsing the file", e.seconds, lang)]
    except Exception as e:
        if os.environ.get("GOVLINT_DEBUG"):
            traceback.print_exc()
        msg = (f"解析失败（{type(e).__name__}: {e}），请将此文件报告给 govlint 维护者"
               if lang == "zh" else f"parse failure ({type(e).__name__}: {e}); please report this file")
        return None, [input_diagnostic(path, "GL905", msg)]
    diags: list[Diagnostic] = []
    # about the input itself, checked anyway: notes (GL903 for replaced bytes) and limit warnings (GL908);
    # loaders write "中文 / English"
    for code, w in [*doc.notes, *(("GL908", w) for w in doc.warnings)]:
        zh, _, en = w.partition(" / ")
        diags.append(Diagnostic(code, INPUT_CODES.get(code, ("input-problem",))[0], Severity.WARNING,
                                (en or zh) if lang == "en" else zh, None, path))
    if options.parse_only:
        return report, diags
    if not report.sections and not report.title and not any(t.found for t in report.tables.values()):
        msg = ("未找到年度报告的任何章节或表格，可能不是政府信息公开工作年度报告" if lang == "zh"
               else "no section or table of an annual report found; is this an annual report?")
        diags.append(input_diagnostic(path, "GL909", msg))
        return report, diags
    if report.year is None:  # every rule gated on the year is skipped: say so instead of passing in silence
        msg = ("未能识别报告年度（标题、正文和文件名中没有 2000—2099 之间的年度），与年度有关的检查"
               "（格式版本、统计期限、公开时限、年度一致）未进行" if lang == "zh" else
               "no report year found (none between 2000 and 2099 in the title, text or file name); the "
               "year-dependent checks (form version, statistics period, deadline, year consistency) did not run")
        diags.append(Diagnostic("GL905", INPUT_CODES["GL905"][0], Severity.WARNING, msg, None, path))
    try:
        found = _rules(report, options, config)
        if doc.ocr_pages:
            from .load.ocr_scan import mark_scanned

            mark_scanned(found, doc.ocr_pages, lang)
        diags.extend(found)
    except Exception as e:
        if os.environ.get("GOVLINT_DEBUG"):
            traceback.print_exc()
        msg = (f"规则检查时出错：{type(e).__name__}: {e}" if lang == "zh"
               else f"error while running rules: {type(e).__name__}: {e}")
        diags.append(input_diagnostic(path, "GL905", msg))
    return report, diags


def _limits(base: Limits, overrides: dict[str, Any]) -> Limits:
    """Config ``limits:`` (max_pages, max_seconds …) over the command-line ones."""
    from dataclasses import fields, replace

    known = {f.name for f in fields(Limits)}
    vals = {k: type(getattr(base, k))(v) for k, v in overrides.items() if k in known}
    return replace(base, **vals) if vals else base


def set_aside_non_reports(results: list[FileResult], given: Iterable[str]) -> tuple[list[FileResult], list[str]]:
    """Split off the files found in a folder that are not reports (GL909).

    A folder of reports also holds notes, lists and attachments (EXPECTED.md,
    备注.txt, 附件说明.docx).  Those are not reports with errors: the run says
    once that it skipped them and they count nowhere.  A file named on the
    command line keeps its GL909: asking for it means it was meant as a report.
    """
    named = {os.path.normpath(p) for p in given if not os.path.isdir(p)}
    kept: list[FileResult] = []
    skipped: list[str] = []
    for r in results:
        if os.path.normpath(r.path) not in named and any(d.code == "GL909" for d in r.diagnostics):
            skipped.append(r.path)
        else:
            kept.append(r)
    return kept, skipped


def skipped_notice(skipped: list[str], lang: str) -> str:
    """The one line that says which files of a folder run were not reports."""
    names = "、".join(skipped[:10]) if lang == "zh" else ", ".join(skipped[:10])
    more = "…" if len(skipped) > 10 else ""
    if lang == "en":
        return (f"skipped {len(skipped)} file(s) that are not annual reports "
                f"(no section or table found): {names}{more}")
    return f"已跳过{len(skipped)}个不是年度报告的文件（未找到任何章节或表格）：{names}{more}"


def check_paths(files: list[str], options: RunOptions, jobs: int = 1,
                progress: Optional[Callable[[int, int], None]] = None) -> list[FileResult]:
    """Check files, in parallel when jobs != 1 (0 = one worker per core); whole reports, no cache.

    The work is done by :mod:`govlint.executors` (``govlint check`` uses it
    directly, streaming); this keeps the list-returning call for ``extract``
    and library callers.
    """
    from .executors import Plan, run_files

    return list(run_files(files, options, Plan(jobs=jobs, cache=False, level="full"), progress=progress))
