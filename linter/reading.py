"""Reading a file the user named: regular files only, never more than a byte cap.

Why: a FIFO named ``x.txt`` in a folder of reports blocks ``open`` for ever,
and ``/dev/zero`` linked as ``big.txt`` reads until memory runs out; the size
``os.path.getsize`` reports for either says nothing.  So the file is opened
without blocking, its type checked on the open descriptor (no race with a
rename), and at most ``max_bytes + 1`` bytes are read.  Reports, rule files
(``rule-files:``, ``govlint test``) and configs all come through here.

Stage 0: the loaders, the engine's rule-file loader and the config read files.
"""
from __future__ import annotations

import os
import stat


class NotARegularFile(OSError):
    """The path is a FIFO, a device, a socket or a folder: nothing was read from it."""

    def __init__(self, path: str, kind_zh: str, kind_en: str) -> None:
        super().__init__(f"{path} is a {kind_en}, not a regular file")
        self.kind_zh, self.kind_en = kind_zh, kind_en


class TooLarge(OSError):
    """The file holds more than the cap allows (``limit`` bytes)."""

    def __init__(self, path: str, limit: int) -> None:
        super().__init__(f"{path} is larger than {limit} bytes")
        self.limit = limit


_KINDS = ((stat.S_ISFIFO, "命名管道", "FIFO (named pipe)"), (stat.S_ISCHR, "字符设备", "character device"),
          (stat.S_ISBLK, "块设备", "block device"), (stat.S_ISSOCK, "套接字", "socket"),
          (stat.S_ISDIR, "文件夹", "folder"))


def kind_of(mode: int) -> tuple[str, str]:
    """(Chinese, English) name of a file type that is not a regular file."""
    for test, zh, en in _KINDS:
        if test(mode):
            return zh, en
    return "特殊文件", "special file"


def check_regular(path: str) -> os.stat_result:
    """The file's status (symlinks followed), or :class:`NotARegularFile`; never opens it."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise NotARegularFile(path, *kind_of(st.st_mode))
    return st


def read_capped(path: str, max_bytes: float) -> bytes:
    """All of a regular file's bytes, or :class:`NotARegularFile` / :class:`TooLarge` / ``OSError``."""
    check_regular(path)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)  # the file actually opened (it may have been swapped since the stat)
        if not stat.S_ISREG(st.st_mode):
            raise NotARegularFile(path, *kind_of(st.st_mode))
        cap = int(max_bytes) + 1 if max_bytes < float(1 << 62) else 1 << 62
        chunks: list[bytes] = []
        got = 0
        while got < cap:
            chunk = os.read(fd, min(cap - got, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > max_bytes:
            raise TooLarge(path, int(max_bytes))
        return b"".join(chunks)
    finally:
        os.close(fd)
