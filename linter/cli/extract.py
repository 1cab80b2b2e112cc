"""``govlint extract``: the parsed tables as data (the DESIGN.md extract contract)."""
from __future__ import annotations

import sys
from typing import Optional

import click

from .guards import usage_error
from .options import CONTEXT, common_run_options


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="写入文件而不是标准输出")
@common_run_options
def extract(paths: tuple[str, ...], fmt: str, output: Optional[str], lang: str, max_file_size: int,
            jobs: int) -> None:
    """输出解析出的表格数据。 Print the parsed tables as data."""
    from ..load import Limits
    from ..output.extract import render_extract, report_to_json
    from ..runner import RunOptions, check_paths, iter_files
    from .guards import atomic_write, guard_output

    files, missing = iter_files(paths)
    if missing:
        usage_error(f"路径不存在：{'、'.join(missing)}", f"no such path: {', '.join(missing)}", lang)
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
    text = render_extract(data, fmt)
    if output:
        atomic_write(output, text, "utf-8", lang)
    else:
        click.echo(text, nl=False)
    sys.exit(1 if failed else 0)


