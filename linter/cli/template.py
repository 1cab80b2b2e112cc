"""``govlint template YEAR``: write a blank report in the right official format.

Why a command and not a file in the docs: the format changed in 2021
(国办公开办函〔2021〕30号) and reports keep being written on last period's
form; the command picks the form from the year, so the officer cannot pick
the wrong one.  The output is deliberately not clean under ``govlint check``
until it is filled in (blank cells are GL122), and clean once it is filled
with consistent numbers.
"""
from __future__ import annotations

import io
import os
from typing import Optional

import click

from .guards import atomic_write, usage_error
from .options import CONTEXT

FORMATS = ("md", "docx")
# = scaffold.form.DEFAULT_ISSUER; repeated so that importing this module (done
# by every `govlint` start-up to attach the command) loads nothing else
DEFAULT_ISSUER = "（发布机关）"


def _fail(msg: str) -> None:
    usage_error(msg, msg, "zh")


def _format_for(fmt: Optional[str], output: Optional[str]) -> str:
    """Explicit --format wins; otherwise the suffix of -o; otherwise Markdown."""
    if fmt:
        return fmt
    if output and output.lower().endswith(".docx"):
        return "docx"
    return "md"


@click.command("template", context_settings=CONTEXT)
@click.argument("year", type=int)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="输出格式：md（默认）或 docx（Word，需配合 -o）")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="写入文件而不是标准输出")
@click.option("--issuer", default=DEFAULT_ISSUER, show_default=True, help="发布机关名称")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件")
def template(year: int, fmt: Optional[str], output: Optional[str], issuer: str,
             force: bool) -> None:
    """生成指定年度的空白年度报告模板。 Write a blank report for YEAR.

    \b
    2019—2020年度使用国办公开办函〔2019〕60号格式，
    2021年度起使用国办公开办函〔2021〕30号格式。
    例：govlint template 2025 -o 2025年报.md
        govlint template 2025 --format docx -o 2025年报.docx --issuer 示例县人民政府办公室
    """
    from ..scaffold.form import check_year

    try:
        check_year(year)
    except ValueError as e:
        _fail(str(e))
    issuer = issuer.strip() or DEFAULT_ISSUER
    kind = _format_for(fmt, output)
    if output and os.path.exists(output) and not force:
        _fail(f"文件已存在：{output}（如需覆盖请加 --force）")
    try:
        _write(kind, year, issuer, output)
    except OSError as e:
        _fail(f"无法写入 {output}：{e.strerror or e}")
    if output:
        click.echo(f"已生成 {output}", err=True)


def _write(kind: str, year: int, issuer: str, output: Optional[str]) -> None:
    if kind == "docx":
        from ..scaffold.docx import write_docx

        if not output:
            _fail("Word 格式需要用 -o 指定输出文件，例如 -o 报告.docx")
        buf = io.BytesIO()
        write_docx(buf, year, issuer)
        atomic_write(output, buf.getvalue(), "utf-8", "zh")  # atomic, with the user's umask
        return
    from ..scaffold.form import render_markdown

    text = render_markdown(year, issuer)
    if output:
        atomic_write(output, text, "utf-8", "zh")
    else:
        click.echo(text, nl=not text.endswith("\n"))
