"""The ``govlint`` command line.

Kept light on import: ``govlint --version`` loads only click and this module;
each command imports what it needs when it runs.  Exit status: 0 clean,
1 findings at or above ``--fail-on``, 2 usage or configuration error.
"""
from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Any, Optional

import click

from . import __version__
from .cli_support import SizeType, usage_error as _usage_error

if TYPE_CHECKING:
    from .config import Config
    from .model import FileResult, Report

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
OUTPUT_FORMATS = ["text", "json", "sarif", "github", "junit", "csv", "html"]


def _split_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="govlint")
def main() -> None:
    """govlint：政府信息公开工作年度报告合规检查工具。

    \b
    常用：
      govlint check 报告.docx            检查一个或多个文件/文件夹
      govlint extract 报告.pdf           以 JSON 输出解析出的表格数据
      govlint rules / govlint rule GL201 查看规则及其依据
    """


def _common_run_options(f):
    f = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
                     help="消息语言 / message language")(f)
    f = click.option("--max-file-size", type=SizeType(), default="20M", show_default=True,
                     help="单个文件大小上限 / per-file size limit")(f)
    f = click.option("-j", "--jobs", type=int, default=1, show_default=True,
                     help="并行进程数，0 表示全部 CPU / worker processes, 0 = all cores")(f)
    return f


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--output-format", "--format", "fmt", default="text", show_default=True,
              metavar="FORMAT", help="输出格式：" + "|".join(OUTPUT_FORMATS) + "（插件可增加）")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="写入文件而不是标准输出")
@click.option("--select", multiple=True, help="只启用这些规则（代码或前缀，逗号分隔）")
@click.option("--ignore", multiple=True, help="忽略这些规则")
@click.option("--extend-select", multiple=True, help="在配置基础上追加启用")
@click.option("--config", type=click.Path(exists=True, dir_okay=False), help="配置文件路径")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="检查文件夹时跳过的文件（如 'drafts/*'）；README、LICENSE 等默认跳过")
@click.option("--statistics", is_flag=True, help="按规则统计问题数量")
@click.option("--baseline", type=click.Path(dir_okay=False), help="基线文件：只显示新问题")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="把当前问题写成基线文件")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="warning",
              show_default=True, help="达到该级别的问题才使退出码为 1")
@click.option("--color/--no-color", default=None, help="彩色输出（默认仅在终端上）")
@_common_run_options
def check(paths: tuple[str, ...], fmt: str, output: Optional[str], select: tuple[str, ...],
          ignore: tuple[str, ...], extend_select: tuple[str, ...], config: Optional[str],
          exclude: tuple[str, ...], statistics: bool, baseline: Optional[str], write_baseline: Optional[str],
          fail_on: str, color: Optional[bool], lang: str, max_file_size: int, jobs: int) -> None:
    """检查年度报告（文件或文件夹）。 Check reports (files or folders)."""
    from . import cli_support as cs
    from .load import Limits
    from .output import FORMATS
    from .runner import RunOptions, check_paths, progress_printer

    options = RunOptions(lang=lang, limits=Limits(max_bytes=max_file_size), config=config,
                         select=_split_codes(select), ignore=_split_codes(ignore),
                         extend_select=_split_codes(extend_select))
    run_config, files = cs.prepare(paths, options, exclude, lang)
    if fmt not in FORMATS:
        _usage_error(f"未知的输出格式：{fmt}（可用：{'、'.join(sorted(FORMATS))}）",
                     f"unknown output format: {fmt} (known: {', '.join(sorted(FORMATS))})", lang)
    cs.guard_output(output, files, lang)
    cs.guard_output(write_baseline, files, lang)
    base = cs.load_baseline(baseline, lang) if baseline else None
    results = check_paths(files, options, jobs=jobs, progress=progress_printer())
    if write_baseline:
        from .engine import baseline as bl

        try:
            n = bl.write_baseline(write_baseline, bl.results_for_baseline(results))
        except OSError as e:
            _usage_error(f"无法写入基线文件：{e}", f"cannot write the baseline file: {e}", lang)
        click.echo(f"已写入基线文件 {write_baseline}（{n} 条）" if lang == "zh"
                   else f"wrote {n} entries to {write_baseline}", err=True)
    if base is not None:
        for r in results:
            r.diagnostics = base.filter(r.diagnostics, r.report.source_lines if r.report else [])
    _emit(results, fmt, output, lang, color, statistics, run_config)
    rank = {"error": 3, "warning": 2, "info": 1}[fail_on]
    failing = any(d.severity.rank >= rank for r in results for d in r.diagnostics)
    sys.exit(1 if failing else 0)


def _emit(results: list[FileResult], fmt: str, output: Optional[str], lang: str, color: Optional[bool],
          statistics: bool, config: Config) -> None:
    from .cli_support import atomic_write
    from .engine import catalog
    from .output import output_encoding, render, should_color

    rules = catalog(config)  # rule metadata for SARIF/HTML, from the run's own config
    use_color = (should_color(sys.stdout) if color is None else color) and not output
    text = render(fmt, results, rules=rules, lang=lang, color=use_color, statistics=statistics,
                  root=os.getcwd())
    if output:
        atomic_write(output, text, output_encoding(fmt), lang)
    else:
        click.echo(text, nl=not text.endswith("\n"))


def _num(v: Optional[float]):
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v


def report_to_json(r: Report) -> dict[str, Any]:
    """The `govlint extract` contract of DESIGN.md for one parsed report."""
    cells = {}
    missing = []
    for t in r.tables.values():
        for key in t.expected:
            c = t.cells.get(key)
            if c is None or c.value is None:
                missing.append(key)
            else:
                cells[key] = {"value": _num(c.value), "raw": c.raw, "line": c.span.line,
                              "column": c.span.column, "page": c.span.page}
        for key, c in t.cells.items():  # fallback keys (e.g. 2021 report keeping the 2019 row)
            if key not in t.expected and c.value is not None:
                cells[key] = {"value": _num(c.value), "raw": c.raw, "line": c.span.line,
                              "column": c.span.column, "page": c.span.page}
    return {
        "path": r.path, "issuer": r.issuer, "year": r.year, "template": r.template,
        "title": r.title,
        "sections": [{"number": s.number, "heading": s.heading, "line": s.span.line,
                      "standard": s.standard} for s in r.sections],
        "cells": cells, "missing": missing,
        "notes": [{"kind": n.kind, "table": n.table, "row": n.row,
                   "line": n.span.line if n.span else None} for n in r.notes],
    }


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="写入文件而不是标准输出")
@_common_run_options
def extract(paths: tuple[str, ...], fmt: str, output: Optional[str], lang: str, max_file_size: int,
            jobs: int) -> None:
    """输出解析出的表格数据。 Print the parsed tables as data."""
    from .cli_support import atomic_write, guard_output
    from .load import Limits
    from .runner import RunOptions, check_paths, iter_files

    files, missing = iter_files(paths)
    if missing:
        _usage_error(f"路径不存在：{'、'.join(missing)}", f"no such path: {', '.join(missing)}", lang)
    guard_output(output, files, lang)
    options = RunOptions(lang=lang, limits=Limits(max_bytes=max_file_size), parse_only=True)
    results = check_paths(files, options, jobs=jobs)
    data = []
    failed = False
    for res in results:
        if res.report is None:
            failed = True
            for d in res.diagnostics:
                click.echo(f"{res.path}: {d.code} {d.message}", err=True)
            continue
        data.append(report_to_json(res.report))
    if fmt == "json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        import csv
        import io

        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["path", "issuer", "year", "template", "key", "value", "raw", "line", "column", "page"])
        for r in data:
            for key, c in r["cells"].items():
                w.writerow([r["path"], r["issuer"], r["year"], r["template"], key, c["value"],
                            c["raw"], c["line"], c["column"], c["page"]])
            for key in r["missing"]:
                w.writerow([r["path"], r["issuer"], r["year"], r["template"], key, "", "", "", "", ""])
        text = buf.getvalue()
    if output:
        atomic_write(output, text, "utf-8", lang)
    else:
        click.echo(text, nl=False)
    sys.exit(1 if failed else 0)


def _attach_commands() -> None:
    """Commands that live in their own modules (each keeps its imports lazy)."""
    from .cli_rules import COMMANDS
    from .cli_template import template

    for cmd in [*COMMANDS, template]:
        main.add_command(cmd)


_attach_commands()

if __name__ == "__main__":  # pragma: no cover
    main()
