"""The ``govlint`` command line: one module per command group, attached here.

May import every stage (it sits on top, with the runner); keeps its own import
light: ``govlint --version`` loads only click and the command modules, and
each command imports what it needs when it runs.  Exit status: 0 clean,
1 findings at or above ``--fail-on``, 2 usage or configuration error.
"""
from __future__ import annotations

import click

from .. import __version__
from . import check, extract, kinds, rules, serve, template
from .options import CONTEXT


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="govlint")
def main() -> None:
    """govlint：政府信息公开工作年度报告合规检查工具。

    \b
    常用：
      govlint check 报告.docx            检查一个或多个文件/文件夹
      govlint extract 报告.pdf           以 JSON 输出解析出的表格数据
      govlint rules / govlint rule GL201 查看规则及其依据
      govlint serve                      启动网页检查服务（上传报告即可检查）
      govlint kinds / govlint kind identity  编写规则的参考（规则类型、选项、例子）
    """
    _tolerant_streams()


def _tolerant_streams() -> None:
    """stdout/stderr that cannot encode a character (a GBK file name on a strict UTF-8 stream,
    a GBK console) write an escape instead of raising in the middle of the findings."""
    import sys

    from ..outfile import ESCAPE

    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors=ESCAPE)
            except (ValueError, OSError):  # a detached or closed stream: leave it
                pass


# the command modules keep their names (govlint.cli.check is the module, not the command)
for _cmd in (check.check, extract.extract, *rules.COMMANDS, *kinds.COMMANDS, template.template,
             serve.serve):
    main.add_command(_cmd)
