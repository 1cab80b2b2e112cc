"""Results as JSON, for the result cache and for results crossing a process boundary.

No pickle in the cache, so reading a cache file cannot run code.  Generic
over the dataclasses of :mod:`govlint.model` (a field added to the model is
stored without a change here): an object is ``{"@": ClassName, "v": [its
init fields in order]}``; enums, tuples, sets and dicts with ``@`` keys are
tagged.  Decoding builds only classes of the model and raises
:class:`ValueError` on anything else, so a damaged or foreign entry reads as
"not cached", never as a wrong result.

A report's tables are most of its objects (every cell and its span) and most
outputs never look at them, so :class:`LazyTables` carries them packed — as
one JSON string — and unpacks them on first access.  Pickling packs them too,
so a worker sends the parent a string, not hundreds of objects.

May import the foundation (model) only.
"""
from __future__ import annotations

import dataclasses
import enum
import json
import zlib
from collections.abc import Mapping, Sequence
from typing import Any, Iterator, Optional

from .. import model


def _classes() -> dict[str, type]:
    return {name: obj for name, obj in vars(model).items()
            if isinstance(obj, type) and obj.__module__ == model.__name__
            and (dataclasses.is_dataclass(obj) or issubclass(obj, enum.Enum))}


_CLASSES = _classes()
_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls) if f.init)
    return names


def encode(value: Any) -> Any:
    """A JSON-ready form of ``value`` (model objects, containers, scalars)."""
    if isinstance(value, enum.Enum):  # first: Severity is a str too
        return {"@e": type(value).__name__, "v": value.value}
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, list):  # plain values as they are: most of a report's values, no call each
        return [v if type(v) in _SCALARS else encode(v) for v in value]
    if isinstance(value, _Packed):
        return {"@lazy": value.packed(), "k": type(value).__name__}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        if _CLASSES.get(cls.__name__) is not cls:
            raise TypeError(f"cannot store {cls.__name__} (not a govlint.model class)")
        values = [getattr(value, n) for n in _field_names(cls)]
        return {"@": cls.__name__, "v": [v if type(v) in _SCALARS else encode(v) for v in values]}
    if isinstance(value, tuple):
        return {"@t": [encode(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        return {"@s": sorted((encode(v) for v in value), key=repr), "f": isinstance(value, frozenset)}
    if isinstance(value, dict):
        if all(isinstance(k, str) and not k.startswith("@") for k in value):
            return {k: v if type(v) in _SCALARS else encode(v) for k, v in value.items()}
        return {"@d": [[encode(k), encode(v)] for k, v in value.items()]}
    raise TypeError(f"cannot store {type(value).__name__}")


def decode(data: Any) -> Any:
    """The inverse of :func:`encode`; :class:`ValueError` for anything it did not make."""
    if isinstance(data, dict):
        if "@" in data:
            return _object(data)
        return _tagged(data)
    if isinstance(data, list):
        return [v if type(v) in _SCALARS else decode(v) for v in data]
    if data is None or isinstance(data, (str, bool, int, float)):
        return data
    raise ValueError(f"unexpected {type(data).__name__}")


def _object(data: dict) -> Any:
    """A model object, built the way pickle builds one (no ``__init__``: frozen spans are
    otherwise set field by field through ``object.__setattr__``, the slowest part of a read)."""
    known = _BUILDERS.get(data["@"])
    values = data.get("v")
    if known is None or not isinstance(values, list) or len(values) != len(known[1]):
        raise ValueError(f"not a stored {data['@']!r}")
    cls, names = known
    obj = object.__new__(cls)
    obj.__dict__.update(zip(names, [v if type(v) in _SCALARS else decode(v) for v in values]))
    return obj


_BUILDERS: dict[str, tuple[type, tuple[str, ...]]] = {
    name: (cls, _field_names(cls)) for name, cls in _CLASSES.items() if dataclasses.is_dataclass(cls)}
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _tagged(data: dict) -> Any:
    if "@e" in data:
        cls = _CLASSES.get(data["@e"])
        if cls is None or not issubclass(cls, enum.Enum):
            raise ValueError(f"unknown enum {data['@e']!r}")
        return cls(data.get("v"))
    if "@t" in data:
        return tuple([v if type(v) in _SCALARS else decode(v) for v in _list(data["@t"])])
    if "@s" in data:
        items = [v if type(v) in _SCALARS else decode(v) for v in _list(data["@s"])]
        return frozenset(items) if data.get("f") else set(items)
    if "@d" in data:
        return {decode(k): decode(v) for k, v in (_pair(p) for p in _list(data["@d"]))}
    if "@lazy" in data:
        packed = data["@lazy"]
        cls = {"LazyTables": LazyTables, "LazyLines": LazyLines}.get(data.get("k", "LazyTables"))
        if not isinstance(packed, str) or cls is None:
            raise ValueError("not a packed value")
        return cls.from_packed(packed)
    return {k: v if type(v) in _SCALARS else decode(v) for k, v in data.items()}


def _list(v: Any) -> list[Any]:
    if not isinstance(v, list):
        raise ValueError("expected a list")
    return v


def _pair(p: Any) -> tuple[Any, Any]:
    if not isinstance(p, list) or len(p) != 2:
        raise ValueError("expected a key/value pair")
    return p[0], p[1]


# ------------------------------------------------------------ rows of lines and cells
# A report holds hundreds of lines and cells, each with a span: stored as rows of plain
# values, they decode without a call per value.  Used while the classes have the fields
# they have today; a field added later falls back to the generic form above.
_SPAN = _field_names(model.Span)


def _span_row(span: Any) -> Optional[list[Any]]:
    if type(span) is not model.Span:
        return None
    row = [getattr(span, n) for n in _SPAN]
    return row if all(type(v) in _SCALARS for v in row) else None


def _span(values: list[Any]) -> Any:
    # JSON gives plain values, and the entry's checksum held: only the shape needs checking
    if len(values) != len(_SPAN):
        raise ValueError("not a stored span")
    obj = object.__new__(model.Span)
    obj.__dict__.update(zip(_SPAN, values))
    return obj


def _pack_lines(lines: list[Any]) -> Any:
    if _field_names(model.TextLine) == ("text", "span"):
        rows = []
        for tl in lines:
            span = _span_row(tl.span) if type(tl) is model.TextLine and type(tl.text) is str else None
            if span is None:
                break
            rows.append([tl.text, *span])
        else:
            return {"@lines": rows}
    return encode(lines)


def _unpack_lines(data: Any) -> list[Any]:
    if not (isinstance(data, dict) and "@lines" in data):
        return decode(data)
    out = []
    for row in _list(data["@lines"]):
        if not isinstance(row, list) or not row or type(row[0]) is not str:
            raise ValueError("not a stored line")
        tl = object.__new__(model.TextLine)
        tl.__dict__.update(text=row[0], span=_span(row[1:]))
        out.append(tl)
    return out


def _pack_tables(tables: dict[str, Any]) -> Any:
    cell_fields = _field_names(model.Cell) == ("key", "value", "raw", "span")
    out = {}
    for name, t in tables.items():
        cells = getattr(t, "cells", None) if type(t) is model.Table and cell_fields else None
        rows = []
        for key, c in (cells or {}).items():
            span = _span_row(c.span) if type(c) is model.Cell and c.key == key else None
            if span is None or type(c.raw) is not str or type(c.value) not in (float, int, type(None)):
                rows = None
                break
            rows.append([c.key, c.value, c.raw, *span])
        if cells is None or rows is None or not isinstance(name, str) or name.startswith("@"):
            return encode(tables)
        rest = encode(dataclasses.replace(t, cells={}))
        out[name] = {"@table": rest, "cells": rows}
    return out


def _unpack_tables(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict) or not all(isinstance(v, dict) and "@table" in v for v in data.values()):
        return decode(data)
    out = {}
    for name, v in data.items():
        table = decode(v["@table"])
        if type(table) is not model.Table:
            raise ValueError("not a stored table")
        cells = {}
        for row in _list(v.get("cells")):
            if not isinstance(row, list) or len(row) < 3:
                raise ValueError("not a stored cell")
            c = object.__new__(model.Cell)
            c.__dict__.update(key=row[0], value=row[1], raw=row[2], span=_span(row[3:]))
            cells[row[0]] = c
        table.cells = cells
        out[name] = table
    return out


class _Packed:
    """A value kept as compressed JSON until first read (see :class:`LazyTables`, :class:`LazyLines`)."""

    __slots__ = ("_value", "_packed", "_compressed")
    _empty: Any = None

    def __init__(self, value: Any = None):
        self._value: Any = type(self)._fresh(value)
        self._packed: Optional[str] = None
        self._compressed: Optional[bytes] = None

    @staticmethod
    def _fresh(value: Any) -> Any:
        raise NotImplementedError

    @staticmethod
    def _pack(value: Any) -> Any:
        return encode(value)

    @staticmethod
    def _unpack(data: Any) -> Any:
        return decode(data)

    @classmethod
    def from_packed(cls, packed: str) -> Any:
        """The value as :meth:`packed` gave it, not yet decoded."""
        lazy = cls()
        lazy._value, lazy._packed = None, packed
        return lazy

    @classmethod
    def from_compressed(cls, blob: bytes) -> Any:
        """The value as :meth:`compressed` gave it (a cache entry keeps it apart, so reading
        the entry's findings never even parses it)."""
        lazy = cls()
        lazy._value, lazy._compressed = None, blob
        return lazy

    def packed(self) -> str:
        """The value as one JSON string (kept, so packing twice costs nothing)."""
        if self._packed is None:
            if self._value is None:
                self._packed = zlib.decompress(self._compressed or b"").decode("utf-8")
            else:
                self._packed = json.dumps(type(self)._pack(self._value), ensure_ascii=False,
                                          separators=(",", ":"))
        return self._packed

    def compressed(self) -> bytes:
        """:meth:`packed`, zlib-compressed."""
        if self._compressed is None:
            self._compressed = zlib.compress(self.packed().encode("utf-8"), 1)
        return self._compressed

    def _unpacked(self) -> Any:
        if self._value is None:
            try:
                value = type(self)._unpack(json.loads(self.packed()))
            except (ValueError, TypeError, KeyError, zlib.error, UnicodeDecodeError):
                value = None
            self._value = type(self)._fresh(value)
        return self._value

    def __reduce__(self) -> tuple:
        return (type(self).from_compressed, (self.compressed(),))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({'packed' if self._value is None else len(self._value)})"


class LazyTables(_Packed, Mapping):
    """A report's tables (name → :class:`~govlint.model.Table`), unpacked on first access.

    A packed form that does not decode reads as no tables (the cache checked
    the entry's checksum already, so that means a bug, not a damaged file).
    """

    __slots__ = ()
    _pack = staticmethod(_pack_tables)
    _unpack = staticmethod(_unpack_tables)

    @staticmethod
    def _fresh(value: Any) -> dict[str, Any]:
        return dict(value) if isinstance(value, Mapping) else {}

    def __getitem__(self, key: str) -> Any:
        return self._unpacked()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._unpacked())

    def __len__(self) -> int:
        return len(self._unpacked())


class LazyLines(_Packed, Sequence):
    """A report's normalised lines (:class:`~govlint.model.TextLine`), unpacked on first access.

    Only the cross-report stage reads them once the rules have run (the text
    of sections, for copied text); every other output never does.
    """

    __slots__ = ()
    _pack = staticmethod(_pack_lines)
    _unpack = staticmethod(_unpack_lines)

    @staticmethod
    def _fresh(value: Any) -> list[Any]:
        return list(value) if isinstance(value, (list, tuple, Sequence)) and not isinstance(value, str) else []

    def __getitem__(self, index: Any) -> Any:
        return self._unpacked()[index]  # a slice gives a list, as on Report.lines

    def __len__(self) -> int:
        return len(self._unpacked())

    def __iter__(self) -> Iterator[Any]:
        return iter(self._unpacked())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, (list, Sequence)) and list(self) == list(other)  # type: ignore[arg-type]

    __hash__ = None  # type: ignore[assignment]


LAZY = {"tables": LazyTables, "lines": LazyLines}
