"""``json.dumps(value, ensure_ascii=False, indent=2)``, byte for byte, several times faster.

Why: with ``indent`` the standard library falls back from its C encoder to
the pure-Python one, and writing the JSON findings of a run was the largest
cost left in the parent process of ``-j 2`` (it competes with the workers
for the cores).  Strings still go through the C ``encode_basestring``;
only the layout is done here, the way the standard library lays it out.

May import nothing of govlint (used by the output formats).
"""
from __future__ import annotations

from json.encoder import encode_basestring  # the C function when available (ensure_ascii=False)
from typing import Any

_INDENT = "  "
_INF = float("inf")


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INF:
        return "Infinity"
    if o == -_INF:
        return "-Infinity"
    return float.__repr__(o)


def _key(k: Any) -> str:
    if isinstance(k, str):
        return k
    if isinstance(k, float):
        return _float(k)
    if k is True:
        return "true"
    if k is False:
        return "false"
    if k is None:
        return "null"
    if isinstance(k, int):
        return int.__repr__(k)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(k).__name__}")


def _write(o: Any, level: int, out: list[str]) -> None:
    if isinstance(o, str):
        out.append(encode_basestring(o))
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif isinstance(o, int):
        out.append(int.__repr__(o))
    elif isinstance(o, float):
        out.append(_float(o))
    elif isinstance(o, (list, tuple)):
        if not o:
            out.append("[]")
            return
        inner = "\n" + _INDENT * (level + 1)
        out.append("[" + inner)
        first = True
        for v in o:
            if not first:
                out.append("," + inner)
            first = False
            _write(v, level + 1, out)
        out.append("\n" + _INDENT * level + "]")
    elif isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        inner = "\n" + _INDENT * (level + 1)
        out.append("{" + inner)
        first = True
        for k, v in o.items():
            if not first:
                out.append("," + inner)
            first = False
            out.append(encode_basestring(_key(k)) + ": ")
            _write(v, level + 1, out)
        out.append("\n" + _INDENT * level + "}")
    else:
        raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


def dumps_indented(value: Any, level: int = 0) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it; ``level``
    indents it as an element nested that deep (its first line is not indented)."""
    out: list[str] = []
    _write(value, level, out)
    return "".join(out)
