"""Plugin entry points, found without scanning every installed distribution on every run.

``importlib.metadata.entry_points()`` reads the metadata of every package on
``sys.path`` — tens of milliseconds of a one-file check, for an answer that
changes only when something is installed or removed.  Installing or removing
a package creates or deletes its ``*.dist-info`` folder, which changes the
modification time of the folder on ``sys.path`` holding it; so the entry
points of a group are remembered under the user's cache folder, keyed by
every ``sys.path`` entry and its modification time, and looked up again only
when one of those changed.  Any cache problem means "scan now".

May import the foundation (yamlio for the cache folder) only; imports no stage.
"""
from __future__ import annotations

import functools
import hashlib
import importlib
import json
import os
import re
import sys
from typing import Any, NamedTuple, Optional

_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


class Dist(NamedTuple):
    """The distribution an entry point comes from (name and version only)."""

    name: Optional[str]
    version: Optional[str]


class EntryPoint(NamedTuple):
    """What govlint reads of an entry point: its name, target and distribution."""

    name: str
    value: str
    group: str
    dist: Optional[Dist] = None

    def load(self) -> Any:
        """Import the target (``module`` or ``module:attr.attr``), as importlib.metadata does."""
        m = _VALUE.match(self.value)
        if m is None:
            raise ValueError(f"invalid entry point value {self.value!r}")
        obj: Any = importlib.import_module(m.group("module"))
        for attr in filter(None, (m.group("attr") or "").split(".")):
            obj = getattr(obj, attr)
        return obj


def _key(group: str) -> str:
    """Every ``sys.path`` entry with its modification time.

    The working folder (``python -m govlint`` puts it first) changes with
    every file written there — an ``-o`` output, a report — so for it only
    the metadata folders it holds count.
    """
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{sys.version}\0{group}\0".encode())
    cwd = os.getcwd()
    for p in sys.path:
        try:
            if not p or os.path.abspath(p) == cwd:
                for n in sorted(os.listdir(p or ".")):
                    if n.endswith((".dist-info", ".egg-info", ".egg-link")):
                        h.update(f"{n}\0{os.stat(os.path.join(p or '.', n)).st_mtime_ns}\0".encode())
                continue
            st = os.stat(p)
        except OSError:
            h.update(f"{p}\0-\0".encode())
            continue
        h.update(f"{p}\0{st.st_mtime_ns}\0{st.st_size}\0".encode())
    return h.hexdigest()


def _scan(group: str) -> list[EntryPoint]:
    from importlib.metadata import entry_points

    eps = entry_points()
    found = eps.select(group=group) if hasattr(eps, "select") else eps.get(group, [])  # type: ignore[attr-defined]
    out = []
    for ep in found:
        dist = getattr(ep, "dist", None)
        out.append(EntryPoint(ep.name, ep.value, group,
                              Dist(getattr(dist, "name", None), getattr(dist, "version", None))
                              if dist is not None else None))
    return out


def group(name: str) -> list[EntryPoint]:
    """The entry points of group ``name``, from the cache when nothing was installed since."""
    return list(_group(name, _key(name)))


@functools.lru_cache(maxsize=16)
def _group(name: str, key: str) -> tuple[EntryPoint, ...]:
    from .yamlio import cache_dir

    folder = cache_dir()
    path = folder / f"entry-points-{key}.json" if folder is not None else None
    if path is not None:
        try:
            data = json.loads(path.read_text("utf-8"))
            return tuple(EntryPoint(e["name"], e["value"], name,
                                    Dist(e["dist"], e["version"]) if e.get("has_dist") else None)
                         for e in data)
        except (OSError, ValueError, KeyError, TypeError):
            pass
    eps = _scan(name)
    if path is not None:
        import tempfile

        try:
            folder.mkdir(parents=True, exist_ok=True)  # type: ignore[union-attr]
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump([{"name": e.name, "value": e.value, "has_dist": e.dist is not None,
                            "dist": e.dist.name if e.dist else None,
                            "version": e.dist.version if e.dist else None} for e in eps], fh)
            os.replace(tmp, path)
        except OSError:
            pass
    return tuple(eps)
