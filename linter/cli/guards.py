"""Guards the command line runs before and after checking.

Everything a user can get wrong on the command line (a size, a code, a
config file, an output path that is one of the reports) ends here in one
line on stderr and exit status 2, before any report is read, and never in a
traceback.  Output files are written atomically, and never over an input.
"""
from __future__ import annotations

import os
import sys
from typing import Any, Iterable, NoReturn, Optional

import click


def usage_error(zh: str, en: str, lang: str) -> NoReturn:
    """Print one line in the user's language and exit 2: usage mistakes never show a traceback.

    A message of several lines (several bad rule files) prints each with the prefix.
    """
    for line in (zh if lang == "zh" else en).splitlines() or [""]:
        click.echo(f"govlint: {line}", err=True)
    sys.exit(2)


def guard_output(path: Optional[str], inputs: Iterable[str], lang: str) -> None:
    """Refuse to write an output file over one of the reports being checked."""
    if not path or not os.path.exists(path):
        return
    for f in inputs:
        try:
            if os.path.samefile(path, f):
                usage_error(f"输出文件 {path} 就是被检查的报告，拒绝覆盖",
                            f"the output file {path} is one of the checked reports; refusing to overwrite it",
                            lang)
        except OSError:
            continue


def guard_distinct(named: dict[str, Optional[str]], lang: str) -> None:
    """Refuse two options naming the same file (``-o`` equal to ``--write-baseline`` would
    overwrite the baseline with the findings, or the other way round)."""
    seen: dict[str, str] = {}
    for option, path in named.items():
        if not path:
            continue
        real = os.path.realpath(path)
        if real in seen and not (os.path.exists(real) and not os.path.isfile(real)):  # /dev/null twice is fine
            usage_error(f"{seen[real]} 与 {option} 是同一个文件 {shown(path)}，请分别指定",
                        f"{seen[real]} and {option} name the same file {shown(path)}; give each its own", lang)
        seen[real] = option


def atomic_write(path: str, text: "str | bytes", encoding: str, lang: str) -> None:
    """Write an output file through :mod:`govlint.outfile` (atomic for a regular file, straight
    through to a device, FIFO or a symlink's target, the user's umask); a failure is one line, exit 2.
    ``bytes`` (an annotated Word copy) are written as they are."""
    from ..outfile import write_file

    try:
        write_file(path, text, encoding)
    except OSError as e:
        usage_error(f"无法写入 {shown(path)}：{e.strerror or e}", f"cannot write {shown(path)}: {e.strerror or e}", lang)


def shown(path: str) -> str:
    """A path as it can be printed: bytes that are not UTF-8 (a GBK file name) as %XX, as in the outputs."""
    from ..outfile import ESCAPE

    return path.encode("utf-8", ESCAPE).decode("utf-8")


def prepare(paths: tuple[str, ...], options: Any, exclude: tuple[str, ...], lang: str) -> tuple[Any, list[str]]:
    """Load the configuration and plugins, validate rules, expand folders.

    Plugins come first so that folder expansion sees the suffixes their
    loaders add; every distinct configuration the files will use is loaded
    here, so a broken one stops the run with exit 2 whichever file it is for.
    """
    from .. import batch  # noqa: F401 - registers the cross-report rules (GL7xx) before rules load
    from .. import plugins
    from ..bilingual import in_lang
    from ..config import ConfigError, find_config, read_config_file
    from ..engine import RuleFileError, rules_for
    from ..runner import config_for, iter_files, setup_plugins

    try:
        config = config_for(paths[0] if paths else os.getcwd(), options)
        setup_plugins(config)
        rules_for(config)
        plugins.configure(config)  # a failing govlint_configure is recorded here, for the run's GL907
    except (ConfigError, RuleFileError) as e:
        usage_error(in_lang(str(e), "zh"), str(e), lang)
    files, missing = iter_files(paths, (*exclude, *getattr(config, "exclude", ())))
    if missing:
        usage_error(f"路径不存在：{'、'.join(missing)}", f"no such path: {', '.join(missing)}", lang)
    if not files:
        usage_error("没有找到可检查的报告文件（支持 .txt .md .html .docx .pdf）",
                    "no report files found to check (.txt .md .html .docx .pdf)", lang)
    seen: set[str] = set()
    if not options.config:
        for f in files:
            found = find_config(f)
            if found and found not in seen:
                seen.add(found)
                try:
                    rules_for(read_config_file(found))
                except (ConfigError, RuleFileError) as e:
                    usage_error(in_lang(str(e), "zh"), str(e), lang)
    validate_codes(options, config, lang)
    for cfg in [config, *(read_config_file(f) for f in sorted(seen))]:  # every config the run uses
        validate_config_codes(cfg, lang)
    return config, files


def validate_codes(options: Any, config: Any, lang: str) -> None:
    """A code or prefix in --select/--ignore/--extend-select that matches no
    rule is a typo that would silently turn checks off: refuse it."""
    from ..engine import catalog, rules_for

    known = list(catalog(config)) + list(rules_for(config).replaced)  # a replaced code is no typo
    for code in (*options.select, *options.ignore, *options.extend_select):
        if code != "ALL" and not any(k.startswith(code) for k in known):
            usage_error(f"未知的规则代码或前缀：{code}（用 govlint rules 查看全部规则）",
                        f"unknown rule code or prefix: {code} (see govlint rules)", lang)


def validate_config_codes(config: Any, lang: str) -> None:
    """The same check for a config file's ``select``/``ignore``/``extend-select``/``per-file-ignores``
    and ``severity`` codes: ``select: [GL2O1]`` would switch every check off without a word."""
    from ..engine import catalog, rules_for

    known = list(catalog(config)) + list(rules_for(config).replaced)
    codes = [*(config.select or ()), *config.ignore, *config.extend_select, *config.severity,
             *(c for cs in (config.per_file_ignores or {}).values() for c in cs), *(config.options or {})]
    where = getattr(config, "path", None) or "配置"
    for code in codes:
        code = str(code).upper()
        if code != "ALL" and not any(k.startswith(code) for k in known):
            usage_error(f"{where}：未知的规则代码或前缀：{code}（用 govlint rules 查看全部规则）",
                        f"{getattr(config, 'path', None) or 'config'}: unknown rule code or prefix: {code} "
                        "(see govlint rules)", lang)
    _validate_options(config, where, lang)


def _validate_options(config: Any, where: str, lang: str) -> None:
    """``options:`` for a YAML rule checked against its kind's schema now, not when a file meets it
    (``tolerance: abc`` crashed the rule on every file, ``tolerence: 1`` was silently ignored)."""
    from ..engine import rules_for
    from ..engine.kinds_base import OPTION_SCHEMAS

    by_code = rules_for(config).by_code
    for code, opts in (config.options or {}).items():
        rule = by_code.get(str(code).upper())
        schema = OPTION_SCHEMAS.get(getattr(rule, "kind", None) or "")
        if rule is None or schema is None:
            continue
        import jsonschema

        merged = {**(rule.options or {}), **(opts or {})}
        error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(merged))
        if error is not None:
            from ..engine.ruletext import schema_error_zh

            at = ".".join(str(p) for p in error.absolute_path)
            usage_error(f"{where}：options.{code}{'.' + at if at else ''}：{schema_error_zh(error)}",
                        f"{where}: options.{code}{'.' + at if at else ''}: {error.message}", lang)


def load_baseline(path: str, lang: str) -> Any:
    """Load ``--baseline`` before any report is read, so a missing or broken file exits 2 at once."""
    from ..engine import baseline as bl

    if not os.path.exists(path):
        usage_error(f"基线文件不存在：{path}", f"baseline file not found: {path}", lang)
    try:
        return bl.load_baseline(path)
    except (ValueError, OSError) as e:
        usage_error(f"基线文件无法使用：{e}", f"cannot use the baseline file: {e}", lang)


def cross_report_stage(results: list[Any], config: Any, lang: str, previous: tuple[str, ...] = (),
                       roster: Optional[str] = None, limits: Any = None) -> list[Any]:
    """The batch stage (GL7xx) when the run has two reports, ``--previous`` or ``--roster``;
    a run of one file without them is left exactly as the engine made it.  An unusable
    ``--previous``/``--roster`` is one line and exit 2."""
    from ..batch import BatchInputError, cross_report
    from ..batch.stage import wanted

    if not wanted(results, previous, roster):
        return results
    try:
        return cross_report(results, config, lang, previous, roster, limits,
                            warn=lambda zh, en: click.echo(f"govlint: {zh if lang == 'zh' else en}", err=True))
    except BatchInputError as e:
        usage_error(e.zh, e.en, lang)
