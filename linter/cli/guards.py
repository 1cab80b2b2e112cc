"""Guards the command line runs before and after checking.

Everything a user can get wrong on the command line (a size, a code, a
config file, an output path that is one of the reports) ends here in one
line on stderr and exit status 2, before any report is read, and never in a
traceback.  Output files are written atomically, and never over an input.
"""
from __future__ import annotations

import os
import sys
import tempfile
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


def atomic_write(path: str, text: "str | bytes", encoding: str, lang: str) -> None:
    """Write via a temporary file in the same folder, then rename: a reader
    never sees half a file, and a failure leaves nothing behind.  The file
    gets the mode the user's umask gives a new file (mkstemp's is 0600).
    ``bytes`` (an annotated Word copy) are written as they are."""
    folder = os.path.dirname(os.path.abspath(path))
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".govlint-", suffix=".tmp")
        os.chmod(tmp, 0o666 & ~_umask())
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as fh:
                fh.write(text)
        else:
            with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
                fh.write(text)
        os.replace(tmp, path)
        tmp = None
    except OSError as e:
        usage_error(f"无法写入 {path}：{e.strerror or e}", f"cannot write {path}: {e.strerror or e}", lang)
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)


def _umask() -> int:
    """The process umask (reading it means setting it; set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


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
    if not options.config:
        seen: set[str] = set()
        for f in files:
            found = find_config(f)
            if found and found not in seen:
                seen.add(found)
                try:
                    rules_for(read_config_file(found))
                except (ConfigError, RuleFileError) as e:
                    usage_error(in_lang(str(e), "zh"), str(e), lang)
    validate_codes(options, config, lang)
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
