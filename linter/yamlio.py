"""YAML in: ruamel.yaml's safe loader, and nothing else — plus a small cache.

Always the pure-Python safe loader (YAML 1.2): the C loader is faster but
follows YAML 1.1 (``on``/``no`` become booleans, ``a: b:c`` in flow style is
an error), and a rule file must mean the same everywhere.  Both refuse tags
such as ``!!python/object``.

Rule packs and templates are read on every run, and parsing and validating
them was most of a single-file check's time.  :func:`cached` keeps a parse
result as typed JSON under the user's cache folder, keyed by a hash of the
file's text and govlint's version, so a changed file or a new release can
never be served stale data; :func:`validated` remembers payloads that passed
schema validation.  JSON, not pickle: reading the cache cannot run code.
``GOVLINT_NO_CACHE=1`` turns it off; any cache problem means "not cached".
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Optional


def safe_load(text: str) -> Any:
    """Safe, pure-Python YAML 1.2 (see the module docstring for why not the C loader)."""
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(text)


def _encode(v: Any) -> Any:
    """JSON with the types safe YAML yields that JSON lacks (non-string keys, dates)."""
    import datetime

    if isinstance(v, dict):
        if all(isinstance(k, str) for k in v):
            return {k: _encode(x) for k, x in v.items()}
        return {"\u0000map": [[_encode(k), _encode(x)] for k, x in v.items()]}
    if isinstance(v, list):
        return [_encode(x) for x in v]
    if isinstance(v, datetime.datetime):
        return {"\u0000datetime": v.isoformat()}
    if isinstance(v, datetime.date):
        return {"\u0000date": v.isoformat()}
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    raise TypeError(type(v).__name__)


def _decode(v: Any) -> Any:
    import datetime

    if isinstance(v, dict):
        if len(v) == 1:
            (k, x), = v.items()
            if k == "\u0000map":
                return {_decode(a): _decode(b) for a, b in x}
            if k == "\u0000date":
                return datetime.date.fromisoformat(x)
            if k == "\u0000datetime":
                return datetime.datetime.fromisoformat(x)
        return {k: _decode(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_decode(x) for x in v]
    return v


def cache_dir() -> Optional[Path]:
    """Where parse results are cached; None when ``GOVLINT_NO_CACHE`` turns caching off."""
    if os.environ.get("GOVLINT_NO_CACHE"):
        return None
    base = os.environ.get("GOVLINT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "govlint")
    return Path(base)


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The govlint version plus the size and mtime of every module of the package.

    Why: a cache entry is the product of the code that built it; a changed
    module (an upgrade, a checkout of another branch, an editable install)
    must not read entries another version of the code wrote, even when the
    version number did not move.  Stat-ing the package costs well under a
    millisecond, once per process.
    """
    from . import __version__

    root = Path(__file__).resolve().parent
    parts = [__version__]
    for p in sorted(root.rglob("*.py")):
        try:
            st = p.stat()
        except OSError:
            continue
        parts.append(f"{p.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def cached(kind: str, text: str, build: Callable[[str], Any]) -> Any:
    """``build(text)`` (safe load, validate …), memoised on disk as JSON.

    An entry is ``{"kind": kind, "value": …}`` whose value has the type a build
    gives (a mapping for every YAML document govlint reads); anything else
    (``null``, a damaged or hand-edited file) is dropped and rebuilt, never
    handed to the caller: one bad entry must not fail every later run.
    """
    folder = cache_dir()
    if folder is None:
        return build(text)
    key = hashlib.sha256(f"{code_fingerprint()}\0{kind}\0{text}".encode("utf-8")).hexdigest()
    path = folder / f"{kind}-{key[:32]}.json"
    try:
        entry = json.loads(path.read_text("utf-8"))
        if isinstance(entry, dict) and entry.get("kind") == kind and isinstance(entry.get("value"), dict):
            return _decode(entry["value"])
        path.unlink()  # the wrong shape: drop it, the build below writes a good one
    except (OSError, ValueError, TypeError, RecursionError):
        pass
    value = build(text)
    try:
        data = json.dumps({"kind": kind, "value": _encode(value)}, ensure_ascii=False)
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except (OSError, TypeError, ValueError):
        pass
    return value


def validated(kind: str, payload: str, validate: Callable[[], None]) -> None:
    """Run ``validate()`` (which raises on invalid input) unless this exact
    payload already passed it under this code (:func:`code_fingerprint`).

    Passing is remembered as an empty marker file named by the payload's
    hash; a payload that fails is never remembered, so errors are always
    reported.  This keeps jsonschema out of an ordinary run.
    """
    folder = cache_dir()
    if folder is None:
        validate()
        return
    key = hashlib.sha256(f"{code_fingerprint()}\0{kind}\0{payload}".encode("utf-8")).hexdigest()
    marker = folder / f"valid-{kind}-{key[:32]}"
    if os.path.exists(marker):  # os.path: a cache folder one may not enter is "not cached", not a traceback
        return
    validate()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass
