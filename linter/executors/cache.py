"""The result cache: a rerun over unchanged reports reads nothing but the cache.

Like ruff's: one entry per checked file, keyed by a hash of

* the file's bytes and its path as given (findings name the path, and
  ``per-file-ignores`` depend on it);
* govlint's version and the size and modification time of every file of the
  installed package (an edited checkout is a new version too);
* the effective rule set: every rule pack and template plugins provide (by
  content), each plugin's name, version and module file, the config's own
  ``rule-files`` (by content);
* the configuration that applies to the file and the run's options
  (``--select``, ``--lang``, limits …).

Change any of them and the entry is simply never found again.  An entry is
the result cut to the ``batch`` level (:mod:`govlint.executors.slim`: all
that every output but HTML and the cross-report stage read), as JSON (no
pickle: reading the cache cannot run code), zlib-compressed, behind a magic
line, and names its own key; anything that does not read
back as exactly that — truncated, corrupt, another version's shape — is
ignored and rewritten.  Writes go to a temporary file and are renamed into
place, so two runs sharing the cache (or a run killed mid-write) never leave
half an entry.  Results that depend on the moment (a time or resource limit
hit, a crash, a plugin failure) are not stored.

Location: ``$GOVLINT_CACHE_DIR/results`` (default ``~/.cache/govlint/results``,
or under ``$XDG_CACHE_HOME``); ``GOVLINT_NO_CACHE=1`` or ``--no-cache`` turn it
off.  Size bound: ``GOVLINT_CACHE_MAX`` (default 256M); after a run that
wrote entries, the oldest are removed until the folder is under 80 % of it.

May import the foundation and the engine (for the rule set's fingerprint).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import stat
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any, Iterable, Optional

from ..model import FileResult, Report
from . import codec

MAGIC = b"govlint-result-cache 3\n"
DEFAULT_MAX = 256 * 1024 * 1024
UNSTABLE_CODES = frozenset({"GL905", "GL907", "GL908"})  # crash, plugin error, resource/time limit
_TMP_PREFIX = ".tmp-"
_STALE_TMP_SECONDS = 3600


def max_bytes_from_env() -> int:
    """``GOVLINT_CACHE_MAX`` as bytes ("512M", "2G", "100000"); the default when unset or unreadable."""
    raw = (os.environ.get("GOVLINT_CACHE_MAX") or "").strip().lower().rstrip("b")
    if not raw:
        return DEFAULT_MAX
    mult = {"k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}.get(raw[-1:], 1)
    try:
        n = int(float(raw[:-1] if raw[-1:] in "kmg" else raw) * mult)
    except ValueError:
        return DEFAULT_MAX
    return n if n > 0 else DEFAULT_MAX


class ResultCache:
    """Entries under ``folder`` (sharded by the key's first two hex digits)."""

    def __init__(self, folder: Path, max_bytes: int = DEFAULT_MAX):
        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self.hits = 0
        self.misses = 0
        self.writes = 0

    @classmethod
    def default(cls) -> Optional["ResultCache"]:
        """The user's cache (see the module docstring); None when caching is turned off."""
        from ..yamlio import cache_dir

        base = cache_dir()
        return cls(base / "results", max_bytes_from_env()) if base is not None else None

    # ------------------------------------------------------------ keys
    def key_for(self, path: str, run_key: str, max_size: int) -> Optional[str]:
        """The entry key of one file, or None when it must not be cached.

        Only regular files no larger than ``max_size`` are read here (a FIFO
        would block, a huge file is the loader's to refuse).
        """
        try:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode) or st.st_size > max_size:
                return None
            with open(path, "rb") as fh:
                data = fh.read(max_size + 1)
        except OSError:
            return None
        h = hashlib.blake2b(digest_size=20)
        h.update(run_key.encode("utf-8"))
        h.update(b"\0")
        h.update(path.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / key[2:]

    # ------------------------------------------------------------ read
    def get(self, key: str) -> Optional[FileResult]:
        """The stored result, or None (absent, unreadable, damaged or not this key's)."""
        try:
            raw = self._entry(key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        result = self.decode(raw, key)
        if result is None:
            self.misses += 1
        else:
            self.hits += 1
        return result

    @staticmethod
    def decode(raw: bytes, key: Optional[str] = None) -> Optional[FileResult]:
        """An entry's bytes as a result; None for anything but a whole entry (of ``key``).

        Layout: the magic line, the length of part one (4 bytes), part one —
        the result without its tables and lines, zlib-compressed JSON, which
        also gives the length and CRC of each part after it — then the tables
        and the lines, each compressed on its own and unpacked only if
        something reads them.
        """
        if not raw.startswith(MAGIC) or len(raw) < len(MAGIC) + 4:
            return None
        start = len(MAGIC) + 4
        size = int.from_bytes(raw[len(MAGIC):start], "big")
        if start + size > len(raw):
            return None
        try:
            data = json.loads(zlib.decompress(raw[start:start + size]).decode("utf-8"))
            if not isinstance(data, dict) or (key is not None and data.get("key") != key):
                return None
            result = codec.decode(data.get("result"))
            if not isinstance(result, FileResult):
                return None
            pos = start + size
            parts = data.get("parts")
            if not isinstance(parts, list):
                return None
            for name, length, crc in parts:
                blob = raw[pos:pos + length]
                pos += length
                if len(blob) != length or zlib.crc32(blob) != crc or result.report is None:
                    return None
                setattr(result.report, name, codec.LAZY[name].from_compressed(blob))
            if pos != len(raw):
                return None
        except Exception:  # noqa: BLE001 - a damaged entry of any kind is a miss
            return None
        return result

    # ------------------------------------------------------------ write
    @staticmethod
    def storable(result: FileResult) -> bool:
        """Whether a result may be stored: not one that depends on the moment (see UNSTABLE_CODES)."""
        return not any(d.code in UNSTABLE_CODES for d in result.diagnostics)

    def put(self, key: str, result: FileResult) -> bool:
        """Store ``result`` (already slimmed to the cache's level) atomically; False when it was not stored."""
        if not self.storable(result):
            return False
        try:
            parts: list[list[Any]] = []
            blobs: list[bytes] = []
            report = result.report
            if report is not None:
                moved = {}
                for name, lazy_type in codec.LAZY.items():
                    value = getattr(report, name)
                    if value:
                        lazy = value if isinstance(value, lazy_type) else lazy_type(value)
                        blob = lazy.compressed()
                        parts.append([name, len(blob), zlib.crc32(blob)])
                        blobs.append(blob)
                        moved[name] = type(getattr(Report(""), name))()
                if moved:
                    result = FileResult(result.path, dataclasses.replace(report, **moved),
                                        result.diagnostics, result.seconds)
            payload = json.dumps({"key": key, "parts": parts, "result": codec.encode(result)},
                                 ensure_ascii=False, separators=(",", ":"), allow_nan=True)
            head = zlib.compress(payload.encode("utf-8"), 1)
            blob = MAGIC + len(head).to_bytes(4, "big") + head + b"".join(blobs)
        except (TypeError, ValueError):
            return False
        target = self._entry(key)
        tmp = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=f"{_TMP_PREFIX}{os.getpid()}-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, target)
            tmp = None
        except OSError:
            return False
        finally:
            if tmp is not None:
                _unlink(tmp)
        self.writes += 1
        return True

    # ------------------------------------------------------------ housekeeping
    def remove_temp(self, pids: Iterable[int]) -> None:
        """Remove the temporary files of processes that were stopped mid-write (an interrupted run)."""
        prefixes = tuple(f"{_TMP_PREFIX}{pid}-" for pid in pids)
        if not prefixes:
            return
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            if name.startswith(prefixes):
                _unlink(self.folder / name)

    def prune(self) -> int:
        """Bring the folder under 80 % of ``max_bytes``, oldest entries first; returns entries removed."""
        entries: list[tuple[float, int, Path]] = []
        total = 0
        now = time.time()
        try:
            with os.scandir(self.folder) as top:
                for shard in top:
                    if shard.name.startswith(_TMP_PREFIX):
                        if _age(shard, now) > _STALE_TMP_SECONDS:
                            _unlink(Path(shard.path))
                        continue
                    if not shard.is_dir(follow_symlinks=False):
                        continue
                    with os.scandir(shard.path) as files:
                        for f in files:
                            try:
                                st = f.stat(follow_symlinks=False)
                            except OSError:
                                continue
                            total += st.st_size
                            entries.append((st.st_mtime, st.st_size, Path(f.path)))
        except OSError:
            return 0
        if total <= self.max_bytes:
            return 0
        removed = 0
        entries.sort()
        goal = self.max_bytes * 0.8
        for _mtime, size, p in entries:
            if total <= goal:
                break
            if _unlink(p):
                total -= size
                removed += 1
        return removed


def _age(entry: os.DirEntry, now: float) -> float:  # type: ignore[type-arg]
    try:
        return now - entry.stat(follow_symlinks=False).st_mtime
    except OSError:
        return 0.0


def _unlink(p: Any) -> bool:
    try:
        os.unlink(p)
        return True
    except OSError:
        return False
