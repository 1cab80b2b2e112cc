"""``govlint check``: lint reports and print the findings in a chosen format."""
from __future__ import annotations

import sys
from typing import Optional

import click

from .annotating import guard_annotate, write_annotated
from .guards import usage_error
from .options import CONTEXT, common_run_options, executor_options, split_codes

OUTPUT_FORMATS = ["text", "json", "jsonl", "sarif", "github", "junit", "csv", "html"]


@click.command(context_settings=CONTEXT)
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
@click.option("--show-unverifiable", is_flag=True,
              help="逐条列出因缺表、缺行、截断而无法核对的后果性发现（默认归并到其原因）")
@click.option("--baseline", type=click.Path(dir_okay=False), help="基线文件：只显示新问题")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="把当前问题写成基线文件")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="warning",
              show_default=True, help="达到该级别的问题才使退出码为 1")
@click.option("--color/--no-color", default=None, help="彩色输出（默认仅在终端上）")
@click.option("--previous", multiple=True, type=click.Path(exists=True), metavar="PATH",
              help="上年报告（文件、文件夹或 govlint extract 的 JSON/CSV），用于跨年度核对")
@click.option("--roster", type=click.Path(dir_okay=False), metavar="CSV",
              help="应报单位名册（name, aliases, level），核对缺报单位")
@click.option("--annotate", type=click.Path(dir_okay=False), metavar="FILE",
              help="把问题写成批注，另存为此文件（.docx：Word 批注；.txt/.md：<!-- govlint --> 注释）")
@common_run_options
@executor_options
def check(paths: tuple[str, ...], fmt: str, output: Optional[str], select: tuple[str, ...],
          ignore: tuple[str, ...], extend_select: tuple[str, ...], config: Optional[str],
          exclude: tuple[str, ...], statistics: bool, show_unverifiable: bool,
          baseline: Optional[str], write_baseline: Optional[str],
          fail_on: str, color: Optional[bool], previous: tuple[str, ...], roster: Optional[str],
          annotate: Optional[str], lang: str, max_file_size: int, jobs: int, ocr: str,
          executor: str, scheduler: Optional[str], no_cache: bool) -> None:
    """检查年度报告（文件或文件夹）。 Check reports (files or folders)."""
    from ..engine import plugin_problems
    from ..executors import Plan
    from ..executors.emit import Emit, RunError, check_run
    from ..load import Limits
    from ..output import FORMATS
    from ..runner import RunOptions
    from . import guards as cs

    options = RunOptions(lang=lang, limits=Limits(max_bytes=max_file_size, ocr=ocr), config=config,
                         select=split_codes(select), ignore=split_codes(ignore),
                         extend_select=split_codes(extend_select),
                         show_unverifiable=show_unverifiable)
    run_config, files = cs.prepare(paths, options, exclude, lang)
    if fmt not in FORMATS:
        usage_error(f"未知的输出格式：{fmt}（可用：{'、'.join(sorted(FORMATS))}）",
                     f"unknown output format: {fmt} (known: {', '.join(sorted(FORMATS))})", lang)
    cs.guard_output(output, files, lang)
    cs.guard_output(write_baseline, files, lang)
    cs.guard_distinct({"--output": output, "--write-baseline": write_baseline, "--baseline": baseline,
                       "--annotate": annotate}, lang)
    guard_annotate(annotate, files, lang)
    base = cs.load_baseline(baseline, lang) if baseline else None
    if executor == "dask" and not scheduler:
        usage_error("--executor dask 需要 --scheduler tcp://HOST:8786",
                    "--executor dask needs --scheduler tcp://HOST:8786", lang)
    emit = Emit(fmt, output, lang, color, statistics, run_config, base, write_baseline, fail_on,
                given=paths, cross_report=bool(previous or roster),
                batch=lambda results: cs.cross_report_stage(results, run_config, lang, previous, roster,
                                                            options.limits),
                run_diagnostics=lambda: plugin_problems(run_config, lang),  # a broken plugin: once per run
                then=(lambda results: write_annotated(annotate, results, lang)) if annotate else None)
    try:
        status = check_run(files, options, Plan(jobs, executor, scheduler, cache=not no_cache), emit)
    except RunError as e:
        usage_error(e.zh, e.en, lang)
    for line in emit.messages:
        click.echo(line, err=True)
    sys.exit(status)
