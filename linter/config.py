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
    exclude: ["drafts/*", "*.bak.md"]   # files to skip when a folder is checked (like --exclude)
    limits: {max-pages: 500, max-seconds: 120}   # resource limits for loading one file

``limits`` keys are the fields of :class:`govlint.load.Limits` (``max-bytes``,
``max-pages``, ``max-unpacked``, ``max-elements``, ``max-depth``,
``max-seconds``, ``max-ocr-pages``, ``max-ocr-seconds``), each a positive number, and
``ocr`` (auto, always or never); they override the command-line ones.

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
CONFIG_MAX_BYTES = 1024 * 1024  # a config is a few lines; a device or a huge file named as one is refused
KEYS = {"select", "ignore", "extend_select", "severity", "per_file_ignores", "options",
        "plugins", "limits", "rule_files", "exclude"}


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
    limits: dict[str, Any] = field(default_factory=dict)  # Limits field name -> value (validated)
    exclude: tuple[str, ...] = ()  # globs of files to skip when expanding folders
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

    def reports_failure(self, code: str, path: Optional[str] = None) -> bool:
        """Whether a finding that says a check could not run (GL9xx, GL907, GL908) is shown.

        Neither ``select`` nor ``ignore`` (nor a per-file ignore) hides one:
        ``--select GL2`` or ``--ignore GL9`` on an empty or binary file must
        not say "no problems" when nothing was checked.  Only ``severity:
        {CODE: off}`` in the configuration does: a setting written down for
        one code, where a reviewer can see it, not a command-line filter.
        """
        return self.severity.get(code.upper(), "").lower() != "off"

    def _file_prefixes(self, path: str) -> list[str]:
        if not self.per_file_ignores:
            return []
        p = Path(path)
        try:  # os.path.realpath: a symlink loop is just a path that matches no glob, not a traceback
            rel = Path(os.path.realpath(p)).relative_to(os.path.realpath(self.root)).as_posix()
        except ValueError:
            rel = p.as_posix()
        out = []
        for glob, codes in self.per_file_ignores.items():
            if fnmatch.fnmatch(rel, glob) or fnmatch.fnmatch(p.name, glob):
                out += list(codes)
        return out

    def file_ignores(self, code: str, path: str) -> bool:
        """Whether ``per-file-ignores`` turns ``code`` off for ``path`` (globs relative to ``root``)."""
        return _prefix_len(code.upper(), self._file_prefixes(path)) >= 0

    def severity_for(self, code: str, default: Severity) -> Severity:
        """The configured severity, else ``default``; "off" is left to :meth:`is_enabled`, not a severity."""
        s = self.severity.get(code.upper())
        return Severity(s) if s and s != "off" else default

    def options_for(self, code: str, base: Optional[dict[str, Any]] = None) -> dict[str, Any]:
        """A rule's own options (``base``) with this config's ``options:`` for it merged on top."""
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


def _mapping(value: Any, where: str, key: str, expected: str) -> dict[Any, Any]:
    """``value`` as a dict (None → {}), else a ConfigError naming ``key``."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: {key}: expected {expected}, got {_kind(value)}")
    return value


def _kind(value: Any) -> str:
    """A short, one-line description of a wrong value for error messages."""
    text = " ".join(repr(value).split())
    if len(text) <= 40:
        return text
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return text[:39] + "…"


def _strings(value: Any, where: str, key: str, what: str) -> list[str]:
    """A list of strings (a single string is a one-item list; None is empty)."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key}: expected a list of {what}, got {_kind(value)}")
    return list(value)


def _limits(value: Any, where: str) -> dict[str, Any]:
    """Check ``limits:`` against :class:`govlint.limits.Limits`: known fields, positive numbers."""
    from dataclasses import fields

    from .limits import Limits

    types = {f.name: type(getattr(Limits(), f.name)) for f in fields(Limits)}
    out: dict[str, Any] = {}
    for k, v in _mapping(value, where, "limits", "a mapping of limit names to numbers").items():
        name = str(k).replace("-", "_")
        if name not in types:
            raise ConfigError(f"{where}: limits.{k}: unknown limit "
                              f"(known: {', '.join(n.replace('_', '-') for n in types)})")
        want = types[name]
        choices = next(f.metadata.get("choices") for f in fields(Limits) if f.name == name)
        if choices:  # a mode, not a number (limits.ocr)
            if v not in choices:
                raise ConfigError(f"{where}: limits.{k}: expected one of {', '.join(choices)}, got {v!r}")
            out[name] = v
            continue
        ok = isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0
        if ok and want is int and isinstance(v, float):
            ok = v.is_integer()  # 1e6 is a float in YAML 1.2
        if not ok:
            kind = "a positive whole number" if want is int else "a positive number"
            raise ConfigError(f"{where}: limits.{k}: expected {kind}, got {_kind(v)}")
        out[name] = want(v)
    return out


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
    for code, level in _mapping(norm.get("severity"), where, "severity",
                                "a mapping of rule code to error, warning, info or off").items():
        if not isinstance(level, str) or level.lower() not in ("error", "warning", "info", "off"):
            raise ConfigError(f"{where}: severity.{code}: expected error, warning, info or off, got {_kind(level)}")
        sev[str(code).upper()] = level.lower()
    pfi = {}
    for glob, codes in _mapping(norm.get("per_file_ignores"), where, "per-file-ignores",
                                "a mapping of glob to a list of rule codes").items():
        pfi[str(glob)] = tuple(_codes(codes, f"{where}: per-file-ignores.{glob}"))
    opts = _mapping(norm.get("options"), where, "options", "a mapping of rule code to a mapping of options")
    for code, v in opts.items():
        if v is not None and not isinstance(v, dict):
            raise ConfigError(f"{where}: options.{code}: expected a mapping of options, got {_kind(v)}")
    plugins = _mapping(norm.get("plugins"), where, "plugins", "{enable: [...], disable: [...]}")
    if set(plugins) - {"enable", "disable"}:
        raise ConfigError(f"{where}: plugins: expected {{enable: [...], disable: [...]}}, "
                          f"got key(s) {', '.join(sorted(map(str, set(plugins) - {'enable', 'disable'})))}")
    plugin_names = {k: tuple(_strings(v, where, f"plugins.{k}", "plugin names")) for k, v in plugins.items()}
    limits = _limits(norm.get("limits"), where)
    rule_files = _strings(norm.get("rule_files"), where, "rule-files", "paths")
    exclude = _strings(norm.get("exclude"), where, "exclude", "glob patterns")
    return Config(
        select=tuple(_codes(norm["select"], f"{where}: select")) if norm.get("select") is not None else None,
        ignore=tuple(_codes(norm.get("ignore"), f"{where}: ignore")),
        extend_select=tuple(_codes(norm.get("extend_select"), f"{where}: extend-select")),
        severity=sev, per_file_ignores=pfi,
        options={str(k).upper(): dict(v or {}) for k, v in opts.items()},
        plugins=plugin_names,
        rule_files=tuple(rule_files),
        limits=limits,
        exclude=tuple(exclude),
        path=path, root=str(Path(path).parent) if path else ".",
    )


def _toml(path: Path) -> dict[str, Any]:
    try:
        import tomllib  # type: ignore[import-not-found]
    except ImportError:  # Python < 3.11: the declared `tomli` dependency
        import tomli as tomllib  # type: ignore[no-redef]
    from .reading import read_capped

    try:
        return tomllib.loads(read_capped(str(path), CONFIG_MAX_BYTES).decode("utf-8"))
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: cannot read TOML: not UTF-8 ({e.reason} at byte {e.start})") from None
    except RecursionError:
        raise ConfigError(f"{path}: cannot read TOML: nested too deeply") from None
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: cannot read TOML: {e}") from None


def _project_tool(pp: Path) -> Any:
    """The ``[tool]`` table of a pyproject.toml met while looking for a config.

    Another project's pyproject.toml above the reports is none of govlint's
    business: one it cannot read (GBK bytes, broken TOML) is passed over,
    unless it names ``[tool.govlint]``, whose problem is then the user's to fix.
    """
    try:
        return _toml(pp).get("tool", {})
    except ConfigError:
        try:
            mentions = b"tool.govlint" in pp.read_bytes()[:CONFIG_MAX_BYTES]
        except OSError:
            mentions = False
        if mentions:
            raise
        return {}


def read_config_file(path: str) -> Config:
    """Read one config file (YAML, or ``[tool.govlint]`` of a .toml) into a validated :class:`Config`.

    Any read or parse problem is a one-line :class:`ConfigError`, never a traceback.
    """
    p = Path(path)
    if not os.path.isfile(p):
        raise ConfigError(f"{path}: configuration file not found")
    if p.suffix == ".toml":
        tool = _toml(p).get("tool", {})
        data = tool.get("govlint", {}) if isinstance(tool, dict) else {}
    else:
        from ruamel.yaml.error import YAMLError

        from .yamlio import safe_load

        from .reading import read_capped

        try:
            data = safe_load(read_capped(str(p), CONFIG_MAX_BYTES).decode("utf-8"))
        except RecursionError:
            raise ConfigError(f"{path}: cannot read configuration: nested too deeply") from None
        except (YAMLError, OSError, UnicodeDecodeError) as e:
            raise ConfigError(f"{path}: cannot read configuration: {' '.join(str(e).split())}") from None
    return from_mapping(data, str(p))


@functools.lru_cache(maxsize=256)
def _find_in(directory: str) -> Optional[str]:
    d = Path(directory)
    for name in CONFIG_NAMES:
        if os.path.isfile(d / name):
            return str(d / name)
    pp = d / "pyproject.toml"
    tool = _project_tool(pp) if os.path.isfile(pp) else {}
    if isinstance(tool, dict) and "govlint" in tool:
        return str(pp)
    parent = d.parent
    return None if parent == d else _find_in(str(parent))


def find_config(for_path: str) -> Optional[str]:
    """The nearest config walking up from ``for_path`` (a file or a folder); None when there is none.

    The walk is cached per directory, so checking a folder of reports does not re-read the tree.
    """
    # os.path, not pathlib: a symlink loop or a folder one may not enter is "no config here", not a traceback
    p = os.path.realpath(for_path)
    return _find_in(p if os.path.isdir(p) else os.path.dirname(p))


def load_config(for_path: Optional[str] = None, explicit: Optional[str] = None) -> Config:
    """The config for a checked file: ``explicit`` if given, else the nearest one, else defaults."""
    if explicit:
        return read_config_file(explicit)
    found = find_config(for_path or os.getcwd())
    return read_config_file(found) if found else Config()
