"""``govlint extract``: the parsed tables as data (the DESIGN.md extract contract).

``json`` and ``csv-long`` (one row per cell) are the parsed data only.  The
supervisor's formats, ``csv`` (one row per report) and ``xlsx`` (a sheet per
template and a sheet of findings), also count each report's findings, so
they run every check, the cross-report stage included.
"""
from __future__ import annotations

import os
import sys
import tempfile
from typing import Optional

import click

from .guards import usage_error
from .options import CONTEXT, common_run_options

FORMATS = ["json", "csv", "csv-long", "xlsx"]


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
              help="json、csv（每份报告一行）、csv-long（每个单元格一行）、xlsx（需 -o）")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="写入文件而不是标准输出")
@common_run_options
def extract(paths: tuple[str, ...], fmt: str, output: Optional[str], lang: str, max_file_size: int,
            jobs: int, ocr: str) -> None:
    """输出解析出的表格数据。 Print the parsed tables as data."""
    from ..load import Limits
    from ..output.extract import render_extract, report_to_json
    from ..runner import RunOptions, check_paths, iter_files
    from . import guards as cs

    full = fmt in ("csv", "xlsx")
    if fmt == "xlsx" and not output:
        usage_error("xlsx 格式需要用 -o 指定输出文件", "the xlsx format needs an output file (-o FILE)", lang)
    options = RunOptions(lang=lang, limits=Limits(max_bytes=max_file_size, ocr=ocr), parse_only=not full)
    if full:
        config, files = cs.prepare(paths, options, (), lang)
    else:
        files, missing = iter_files(paths)
        if missing:
            usage_error(f"路径不存在：{'、'.join(missing)}", f"no such path: {', '.join(missing)}", lang)
    cs.guard_output(output, files, lang)
    results = check_paths(files, options, jobs=jobs)
    if full:
        results = cs.cross_report_stage(results, config, lang, limits=options.limits)
    data = []
    failed = False
    for res in results:
        if res.report is None:
            if res.path in files:
                failed = True
                for d in res.diagnostics:
                    click.echo(f"{res.path}: {d.code} {d.message}", err=True)
            continue
        data.append(report_to_json(res.report))
    if fmt == "xlsx":
        _write_xlsx(output, data, results, lang)  # type: ignore[arg-type]
        sys.exit(1 if failed else 0)
    if fmt == "csv":
        from ..output.extract_table import render_wide_csv

        text = render_wide_csv(data, results, lang)
    else:
        text = render_extract(data, "json" if fmt == "json" else "csv-long")
    if output:
        cs.atomic_write(output, text, "utf-8", lang)
    else:
        click.echo(text, nl=False)
    sys.exit(1 if failed else 0)


def _write_xlsx(output: str, data: list, results: list, lang: str) -> None:
    """Save the workbook to a private temporary file, then write it the safe way (govlint.outfile)."""
    try:
        from ..output.extract_table import write_xlsx
        import openpyxl  # noqa: F401
    except ImportError:
        usage_error("xlsx 格式需要 openpyxl：pip install openpyxl", "the xlsx format needs openpyxl: pip install openpyxl",
                    lang)
    from .guards import atomic_write

    fd, tmp = tempfile.mkstemp(prefix=".govlint-", suffix=".xlsx")  # openpyxl wants a path; then the safe write
    os.close(fd)
    try:
        write_xlsx(tmp, data, results, lang)
        with open(tmp, "rb") as fh:
            workbook = fh.read()
    except OSError as e:
        usage_error(f"无法写入 {output}：{e.strerror or e}", f"cannot write {output}: {e.strerror or e}", lang)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    atomic_write(output, workbook, "utf-8", lang)
