"""Project configuration: ``.govlint.yaml`` or ``[tool.govlint]`` in pyproject.toml.

Found by walking up from each checked file (the nearest file wins, like
ruff/flake8), so a repository of reports can keep different settings per
folder.  Keys (dashes or underscores)::

    select: [GL1, GL2]          # code prefixes; default: every rule
    extend-select: [GLX]        # added to select
    ignore: [GL304]             # removed; the longer (more specific) prefix wins
    severity: {GL110: error, GL601: off}   # "off" = ignore
    per-file-ignores: {"drafts/*.md": [GL3]}   # globs relative to the config file
    options: {GL303: {default: {month: 2, day: 28}}}   # merged over a rule's options
    plugins: {enable: [my_module], disable: [govlint-example-province]}
    rule-files: [my_rules.yaml]  # extra YAML packs, relative to the config file
    limits: {max-file-mb: 50}    # passed through to the runner

Errors are :class:`ConfigError` with one line naming the file and key.
"""
from __future__ import annotations

import fnmatch
import functools
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Optional

from .model import Severity

CONFIG_NAMES = (".govlint.yaml", ".govlint.yml")
KEYS = {"select", "ignore", "extend_select", "severity", "per_file_ignores", "options",
        "plugins", "limits", "rule_files"}


class ConfigError(Exception):
    """The configuration cannot be used; ``str(err)`` is the one-line reason."""


def _codes(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of rule codes or prefixes")
    return [v.strip().upper() for v in value]


def _prefix_len(code: str, prefixes: Iterable[str]) -> int:
    """Length of the longest prefix matching ``code`` (ALL matches with length 0); -1 if none."""
    best = -1
    for p in prefixes:
        if p == "ALL":
            best = max(best, 0)
        elif code.startswith(p):
            best = max(best, len(p))
    return best


@dataclass(frozen=True)
class Config:
    select: Optional[tuple[str, ...]] = None  # None: every rule
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    plugins: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rule_files: tuple[str, ...] = ()
    limits: dict[str, Any] = field(default_factory=dict)
    path: Optional[str] = None  # the file this came from
    root: str = "."  # globs and rule files are relative to this directory

    # ------------------------------------------------------------ selection
    def is_enabled(self, code: str, path: Optional[str] = None) -> bool:
        """Selected (select/extend-select), not ignored, not ignored for ``path``."""
        code = code.upper()
        sel = max(_prefix_len(code, self.select) if self.select is not None else 0,
                  _prefix_len(code, self.extend_select))
        if self.severity.get(code, "").lower() == "off":
            return False
        if sel < 0 or _prefix_len(code, self.ignore) >= sel:
            return False
        return not (path and self.file_ignores(code, path))

    def _file_prefixes(self, path: str) -> list[str]:
        if not self.per_file_ignores:
            return []
        p = Path(path)
        try:
            rel = p.resolve().relative_to(Path(self.root).resolve()).as_posix()
        except ValueError:
            rel = p.as_posix()
        out = []
        for glob, codes in self.per_file_ignores.items():
            if fnmatch.fnmatch(rel, glob) or fnmatch.fnmatch(p.name, glob):
                out += list(codes)
        return out

    def file_ignores(self, code: str, path: str) -> bool:
        return _prefix_len(code.upper(), self._file_prefixes(path)) >= 0

    def severity_for(self, code: str, default: Severity) -> Severity:
        s = self.severity.get(code.upper())
        return Severity(s) if s and s != "off" else default

    def options_for(self, code: str, base: Optional[dict[str, Any]] = None) -> dict[str, Any]:
        merged = dict(base or {})
        merged.update(self.options.get(code.upper()) or {})
        return merged

    def with_overrides(self, select: Optional[Iterable[str]] = None, ignore: Optional[Iterable[str]] = None,
                       extend_select: Optional[Iterable[str]] = None) -> "Config":
        """Command-line values: --select replaces, --ignore/--extend-select add."""
        return replace(
            self,
            select=tuple(_codes(list(select), "--select")) if select else self.select,
            ignore=self.ignore + tuple(_codes(list(ignore or []), "--ignore")),
            extend_select=self.extend_select + tuple(_codes(list(extend_select or []), "--extend-select")),
        )

    @property
    def plugin_key(self) -> tuple:
        """What decides which rules are loaded (for caching rule sets)."""
        return (tuple(self.plugins.get("enable", ())), tuple(self.plugins.get("disable", ())),
                tuple(str(Path(self.root, f)) for f in self.rule_files))


def from_mapping(data: Any, path: Optional[str] = None) -> Config:
    """Build a Config from the parsed file contents, checking every key."""
    where = path or "<config>"
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: the configuration must be a mapping")
    norm = {str(k).replace("-", "_"): v for k, v in data.items()}
    unknown = set(norm) - KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s): {', '.join(sorted(unknown))} "
                          f"(known: {', '.join(sorted(k.replace('_', '-') for k in KEYS))})")
    sev = {}
    for code, level in (norm.get("severity") or {}).items():
        if str(level).lower() not in ("error", "warning", "info", "off"):
            raise ConfigError(f"{where}: severity.{code}: expected error, warning, info or off, got {level!r}")
        sev[str(code).upper()] = str(level).lower()
    pfi = {}
    for glob, codes in (norm.get("per_file_ignores") or {}).items():
        pfi[str(glob)] = tuple(_codes(codes, f"{where}: per-file-ignores.{glob}"))
    opts = norm.get("options") or {}
    if not isinstance(opts, dict) or not all(isinstance(v, dict) for v in opts.values()):
        raise ConfigError(f"{where}: options: expected a mapping of rule code to a mapping of options")
    plugins = norm.get("plugins") or {}
    if not isinstance(plugins, dict) or set(plugins) - {"enable", "disable"}:
        raise ConfigError(f"{where}: plugins: expected {{enable: [...], disable: [...]}}")
    limits = norm.get("limits") or {}
    if not isinstance(limits, dict):
        raise ConfigError(f"{where}: limits: expected a mapping")
    rule_files = norm.get("rule_files") or []
    if not isinstance(rule_files, list):
        raise ConfigError(f"{where}: rule-files: expected a list of paths")
    return Config(
        select=tuple(_codes(norm["select"], f"{where}: select")) if norm.get("select") is not None else None,
        ignore=tuple(_codes(norm.get("ignore"), f"{where}: ignore")),
        extend_select=tuple(_codes(norm.get("extend_select"), f"{where}: extend-select")),
        severity=sev, per_file_ignores=pfi,
        options={str(k).upper(): dict(v) for k, v in opts.items()},
        plugins={k: tuple(str(x) for x in (v or [])) for k, v in plugins.items()},
        rule_files=tuple(str(f) for f in rule_files),
        limits={str(k).replace("-", "_"): v for k, v in limits.items()},
        path=path, root=str(Path(path).parent) if path else ".",
    )


def _toml(path: Path) -> dict[str, Any]:
    try:
        import tomllib  # type: ignore[import-not-found]
    except ImportError:  # Python < 3.11: the declared `tomli` dependency
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: cannot read TOML: {e}") from None


def read_config_file(path: str) -> Config:
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    if p.suffix == ".toml":
        data = _toml(p).get("tool", {}).get("govlint", {})
    else:
        from ruamel.yaml.error import YAMLError

        from .yamlio import safe_load

        try:
            data = safe_load(p.read_text("utf-8"))
        except (YAMLError, OSError, UnicodeDecodeError) as e:
            raise ConfigError(f"{path}: cannot read configuration: {' '.join(str(e).split())}") from None
    return from_mapping(data, str(p))


@functools.lru_cache(maxsize=256)
def _find_in(directory: str) -> Optional[str]:
    d = Path(directory)
    for name in CONFIG_NAMES:
        if (d / name).is_file():
            return str(d / name)
    pp = d / "pyproject.toml"
    if pp.is_file() and "govlint" in _toml(pp).get("tool", {}):
        return str(pp)
    parent = d.parent
    return None if parent == d else _find_in(str(parent))


def find_config(for_path: str) -> Optional[str]:
    p = Path(for_path).resolve()
    return _find_in(str(p if p.is_dir() else p.parent))


def load_config(for_path: Optional[str] = None, explicit: Optional[str] = None) -> Config:
    """The config for a checked file: ``explicit`` if given, else the nearest one, else defaults."""
    if explicit:
        return read_config_file(explicit)
    found = find_config(for_path or os.getcwd())
    return read_config_file(found) if found else Config()
