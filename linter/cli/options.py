"""Options and parameter types several commands share.

One definition each, so ``check`` and ``extract`` (and the rule commands)
spell ``--lang``, ``-j`` and ``--max-file-size`` the same way.
"""
from __future__ import annotations

from typing import Any, Callable

import click

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def split_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """``("GL2,gl301", "GL4")`` → ``("GL2", "GL301", "GL4")``: repeated and comma-separated codes alike."""
    return tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())


class SizeType(click.ParamType):
    """'20M', '512k', '1048576' → bytes (positive)."""

    name = "SIZE"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        """Parse a size such as ``20M``; zero, negative or unreadable sizes fail as a click usage error."""
        if isinstance(value, int):
            return value
        t = str(value).strip().lower().rstrip("b")
        mult = {"k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}.get(t[-1:], 1)
        try:
            n = int(float(t[:-1] if t[-1:] in "kmg" else t) * mult)
        except (ValueError, OverflowError):  # "abc", "nan", "inf"
            n = 0
        if n <= 0:
            self.fail(f"无效的大小 / invalid size: {value!r}（例如 20M / e.g. 20M）", param, ctx)
        return n


def _cap_jobs(ctx: Any, param: Any, value: int) -> int:
    """``-j 100000`` would fork a hundred thousand workers: more than the cores only waits longer."""
    import os

    cores = os.cpu_count() or 1
    return min(value, cores) if value else 0


def common_run_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--lang``, ``--max-file-size``, ``-j`` and ``--ocr``, for every command that reads reports."""
    f = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
                     help="消息语言 / message language")(f)
    f = click.option("--max-file-size", type=SizeType(), default="20M", show_default=True,
                     help="单个文件大小上限 / per-file size limit")(f)
    f = click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True, callback=_cap_jobs,
                     help="并行进程数，0 表示全部 CPU，至多 CPU 数 / worker processes, 0 = all cores, "
                          "at most the cores")(f)
    f = click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto",
                     show_default=True,
                     help="扫描件识别：auto 只识别没有文字层的页，always 每页都识别，never 不识别"
                          "（需 pip install \"govlint[ocr]\"） / OCR of pages without text "
                          "(auto), of every page (always) or none (never)")(f)
    return f


def executor_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--executor``, ``--scheduler`` and ``--no-cache``: where a check runs and whether it may reuse results."""
    f = click.option("--no-cache", is_flag=True,
                     help="不读取也不写入结果缓存 / neither read nor write the result cache")(f)
    f = click.option("--scheduler", metavar="ADDRESS",
                     help="Dask 调度器地址，如 tcp://HOST:8786 / the Dask scheduler (with --executor dask)")(f)
    f = click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
                     help="本机（-j 个进程）或 Dask 集群 / this machine (-j processes) or a Dask cluster")(f)
    return f
