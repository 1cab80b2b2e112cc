"""Writing an output file the user named: atomic for regular files, straight through otherwise.

Why one module for every writer (``-o``, ``--write-baseline``, ``extract -o``,
``--annotate``, ``template -o``): a regular file is written to a temporary
file beside it and renamed into place, so a reader never sees half a file
and a failure leaves the old one; but renaming over ``/dev/null`` as root
turns the machine's /dev/null into a regular file, renaming over a FIFO
cuts off its reader, and renaming over a symlink replaces the link.  So a
character device, a FIFO (anything not a regular file) is opened and
written as it is, and a symlink is followed to its target first.  The mode
of a new file is what the user's umask gives (``mkstemp``'s is 0600); an
existing file keeps its own.  Every failure is an ``OSError`` for the caller
to report in one line; no temporary file is ever left behind.

Stage 0: the command line, the executors and the engine's baseline all write.
"""
from __future__ import annotations

import codecs
import os
import stat
import tempfile
from typing import IO, Any, Optional

# How text that cannot be encoded is written: a file name that is not UTF-8
# (GBK bytes, kept by Python as lone surrogates) appears as %XX per byte,
# anything else as &#xNNNN;.  Neither contains a backslash, so a JSON, SARIF
# or baseline file stays valid JSON, and every output valid in its encoding.
ESCAPE = "govlint-escape"


def _escape(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeEncodeError):
        raise err
    bad = err.object[err.start:err.end]
    out = "".join(f"%{ord(ch) - 0xDC00:02X}" if 0xDC80 <= ord(ch) <= 0xDCFF else f"&#x{ord(ch):X};"
                  for ch in bad)
    return out, err.end


codecs.register_error(ESCAPE, _escape)


def umask() -> int:
    """The process umask (reading it means setting it; set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def target_of(path: str) -> str:
    """Where writing ``path`` lands: a symlink's final target (which may not exist yet)."""
    return os.path.realpath(path) if os.path.islink(path) else path


class OutputFile:
    """An output being written; :meth:`commit` puts it in place, :meth:`abort` drops it."""

    def __init__(self, path: str, *, binary: bool = False, encoding: str = "utf-8") -> None:
        self.path = path
        self.target = target_of(path)
        self.tmp: Optional[str] = None
        self.fh: Optional[IO[Any]] = None
        try:
            st: Optional[os.stat_result] = os.stat(self.target)
        except FileNotFoundError:
            st = None
        mode = "wb" if binary else "w"
        kw: dict[str, Any] = {} if binary else {"encoding": encoding, "newline": "", "errors": ESCAPE}
        if st is not None and not stat.S_ISREG(st.st_mode):  # a device, a FIFO (a folder fails here, cleanly)
            self.fh = open(self.target, mode, **kw)
            return
        folder = os.path.dirname(os.path.abspath(self.target))
        fd, self.tmp = tempfile.mkstemp(dir=folder, prefix=".govlint-", suffix=".tmp")
        try:
            os.chmod(self.tmp, stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~umask())
            self.fh = os.fdopen(fd, mode, **kw)
        except BaseException:
            os.close(fd)
            self.abort()
            raise

    def write(self, data: "str | bytes") -> None:
        assert self.fh is not None
        self.fh.write(data)

    def commit(self) -> None:
        """Flush and close (a full disk or /dev/full fails here), then rename a temporary file into place."""
        try:
            if self.fh is not None:
                fh, self.fh = self.fh, None
                fh.close()
            if self.tmp:
                os.replace(self.tmp, self.target)
                self.tmp = None
        finally:
            self.abort()

    def abort(self) -> None:
        """Drop the temporary file: the old output (if any) stays as it was."""
        if self.fh is not None:
            fh, self.fh = self.fh, None
            try:
                fh.close()
            except OSError:
                pass
        if self.tmp:
            tmp, self.tmp = self.tmp, None
            try:
                os.unlink(tmp)
            except OSError:
                pass


def write_file(path: str, data: "str | bytes", encoding: str = "utf-8") -> None:
    """Write all of ``data`` to ``path`` the safe way (see the module docstring); raises OSError."""
    out = OutputFile(path, binary=isinstance(data, bytes), encoding=encoding)
    try:
        out.write(data)
        out.commit()
    except BaseException:
        out.abort()
        raise
