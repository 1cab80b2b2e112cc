"""``govlint serve``: the upload page and JSON API for officers who never open a terminal.

The command only checks its options and starts uvicorn; the application is
:mod:`govlint.serve`.  Without the ``govlint[serve]`` extra it says which
packages to install, in one line.
"""
from __future__ import annotations

from typing import Optional

import click

from .guards import usage_error
from .options import CONTEXT, SizeType


@click.command(context_settings=CONTEXT)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；默认只允许本机访问，0.0.0.0 对外开放 / address to bind")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="端口 / port")
@click.option("--config", type=click.Path(exists=True, dir_okay=False),
              help="配置文件（规则、限制）；默认在当前目录向上查找 / config file")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="同时检查的文件数 / files checked at once")
@click.option("--max-files", default=20, show_default=True, type=click.IntRange(1, 1000),
              help="一次最多上传的文件数 / files per request")
@click.option("--max-file-size", type=SizeType(), default="20M", show_default=True,
              help="单个文件大小上限（配置文件 limits.max-bytes 优先）/ per-file size limit")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="消息语言 / message language")
def serve(host: str, port: int, config: Optional[str], workers: int, max_files: int, max_file_size: int,
          lang: str) -> None:
    """启动网页检查服务（上传报告、查看结果、下载批注版）。 Serve the upload page and JSON API."""
    from importlib.util import find_spec

    # python-multipart is imported as python_multipart (older releases: multipart) by starlette
    missing = [name for name, mods in (("starlette", ("starlette",)), ("uvicorn", ("uvicorn",)),
                                       ("python-multipart", ("python_multipart", "multipart")))
               if not any(find_spec(m) for m in mods)]
    if missing:
        usage_error(f"网页服务需要额外的库（{'、'.join(missing)}）：pip install 'govlint[serve]'",
                    f"the web service needs extra packages ({', '.join(missing)}): pip install 'govlint[serve]'",
                    lang)
    import uvicorn
    from ..config import ConfigError
    from ..limits import Limits
    from ..serve import Settings, create_app

    try:
        settings = Settings.from_config(config, lang=lang, workers=workers, max_files=max_files,
                                        limits=Limits(max_bytes=max_file_size))
    except ConfigError as e:
        usage_error(str(e), str(e), lang)
    where = f"http://{'localhost' if host in ('127.0.0.1', '::1') else host}:{port}/"
    click.echo(f"govlint 网页检查服务：{where}（Ctrl+C 停止）" if lang == "zh"
               else f"govlint web service: {where} (Ctrl+C to stop)", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", access_log=False)
