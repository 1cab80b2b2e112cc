"""Plugin management (pluggy): discovery, guarded hook calls, listing.

Why the guarding: one province's broken plugin must not stop a city's run of
thousands of reports.  Entry points are loaded one by one (the same thing
``PluginManager.load_setuptools_entrypoints("govlint")`` does, but with each
failure caught), and every hook is called per implementation, so an
exception becomes a :class:`PluginProblem` — reported as GL907 naming the
plugin — and the other plugins' results are kept.

This module knows no stage: the engine registers its own built-in plugin
with :func:`register_builtin`, and cached state elsewhere (the engine's rule
sets) is cleared through :func:`on_reset` callbacks.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

import pluggy

from . import hookspecs
from .bilingual import in_lang
from .model import Diagnostic, Severity

ENTRY_POINT_GROUP = "govlint"

# name -> module: plugins every host starts with (the engine's own rules)
_BUILTINS: dict[str, Any] = {}
_RESET_CALLBACKS: list[Callable[[], None]] = []


@dataclass
class PluginProblem:
    plugin: str
    what: str  # "load", a hook name, or "rule GLX201"
    error: str  # English; a loader's line has its Chinese in govlint.bilingual

    def what_in(self, lang: str) -> str:
        """``what`` for a reader of ``lang`` (a hook's name stays: it is what the code says)."""
        if lang != "zh":
            return self.what
        words = {"load": "加载", "rule file": "规则文件", "python rule": "Python 规则", "template": "模板"}
        return words.get(self.what) or (f"规则 {self.what[5:]}" if self.what.startswith("rule ") else self.what)

    def diagnostic(self, path: str, lang: str = "zh") -> Diagnostic:
        """The problem as a GL907 finding: a broken plugin is reported with the results, not fatal."""
        msg = (f"插件“{self.plugin}”出错（{self.what_in(lang)}）：{in_lang(self.error, lang)}；"
               "已跳过该插件的这部分功能，其余检查照常进行"
               if lang == "zh" else
               f"plugin {self.plugin!r} failed ({self.what}): {self.error}; that part was skipped, "
               "the other checks ran")
        return Diagnostic("GL907", "plugin-error", Severity.ERROR, msg, None, path)


@dataclass
class PluginInfo:
    name: str
    module: str
    version: Optional[str]
    hooks: list[str] = field(default_factory=list)
    builtin: bool = False


class PluginHost:
    """A PluginManager plus the problems met while loading and calling plugins."""

    def __init__(self, enable: tuple[str, ...] = (), disable: tuple[str, ...] = (),
                 entry_points: bool = True):
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.problems: list[PluginProblem] = []
        self.versions: dict[str, Optional[str]] = {}
        for name, module in _BUILTINS.items():
            self.add_builtin(name, module)
        for name in disable:
            if name not in _BUILTINS:
                self.pm.set_blocked(name)
        if entry_points:
            self._load_entry_points()
        for modname in enable:
            if self.pm.get_plugin(modname) is None and not self.pm.is_blocked(modname):
                try:
                    module = importlib.import_module(modname)
                    if not self.pm.is_registered(module):  # already found by entry point
                        self.pm.register(module, name=modname)
                except Exception as e:  # noqa: BLE001 - reported, not raised
                    self.problems.append(PluginProblem(modname, "load", _err(e)))

    def add_builtin(self, name: str, module: Any) -> None:
        """Register a built-in plugin (idempotent); it cannot be disabled by config."""
        if self.pm.get_plugin(name) is None:
            self.pm.register(module, name=name)

    def _load_entry_points(self) -> None:
        from .entry_points import group as entry_point_group  # remembered between runs

        for ep in entry_point_group(ENTRY_POINT_GROUP):
            if self.pm.is_blocked(ep.name) or self.pm.get_plugin(ep.name) is not None:
                continue
            try:
                plugin = ep.load()
                self.pm.register(plugin, name=ep.name)
                dist = getattr(ep, "dist", None)
                self.versions[ep.name] = getattr(dist, "version", None)
            except Exception as e:  # noqa: BLE001
                self.problems.append(PluginProblem(ep.name, "load", _err(e)))

    def call(self, hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call ``hook`` on every plugin separately: [(plugin name, result)]."""
        out = []
        caller = getattr(self.pm.hook, hook)
        for impl in reversed(caller.get_hookimpls()):  # registration order
            try:
                res = impl.function(**{k: kwargs[k] for k in impl.argnames if k in kwargs})
            except Exception as e:  # noqa: BLE001
                self.add_problem(PluginProblem(impl.plugin_name, hook, _err(e)))
                continue
            if res is not None:
                out.append((impl.plugin_name, res))
        return out

    def add_problem(self, problem: PluginProblem) -> None:
        """Record a problem once (hooks such as govlint_configure run once per file)."""
        if problem not in self.problems:
            self.problems.append(problem)

    def infos(self) -> list[PluginInfo]:
        """Registered plugins for ``govlint plugins``: the built-in first, each with its hooks."""
        out = []
        for name, plugin in self.pm.list_name_plugin():
            if plugin is None:
                continue
            hooks = sorted(h.name for h in (self.pm.get_hookcallers(plugin) or []))
            mod = getattr(plugin, "__name__", type(plugin).__name__)
            version = self.versions.get(name)
            if name in _BUILTINS:
                from . import __version__
                version = __version__
            out.append(PluginInfo(name, mod, version, hooks, name in _BUILTINS))
        return sorted(out, key=lambda i: (not i.builtin, i.name))


def _err(e: BaseException) -> str:
    return f"{type(e).__name__}: {e}".strip()


_hosts: dict[tuple, PluginHost] = {}


def get_host(config: Any = None) -> PluginHost:
    """The (cached) PluginHost for a config's ``plugins: {enable, disable}``."""
    plugins = getattr(config, "plugins", None) or {}
    key = (tuple(plugins.get("enable", ())), tuple(plugins.get("disable", ())))
    if key not in _hosts:
        _hosts[key] = PluginHost(*key)
    return _hosts[key]


def register_builtin(name: str, module: Any) -> None:
    """Make ``module`` a plugin of every host, present and future (the engine's
    own rules register this way, through the same hooks as any plugin)."""
    known = _BUILTINS.get(name) is module
    _BUILTINS[name] = module
    for host in _hosts.values():
        host.add_builtin(name, module)
    if not known:  # rule sets cached before this plugin was registered lack its rules
        for callback in _RESET_CALLBACKS:
            callback()


def on_reset(callback: Callable[[], None]) -> None:
    """Run ``callback`` whenever :func:`reset` forgets the hosts (caches built from them)."""
    if callback not in _RESET_CALLBACKS:
        _RESET_CALLBACKS.append(callback)


def reset() -> None:
    """Forget cached hosts and whatever was built from them (tests install plugins at run time)."""
    _hosts.clear()
    importlib.invalidate_caches()
    for callback in _RESET_CALLBACKS:
        callback()


def list_plugins(config: Any = None) -> list[PluginInfo]:
    """What ``govlint plugins`` shows."""
    return get_host(config).infos()


def configure(config: Any) -> Any:
    """Let plugins adjust the config (``govlint_configure``); returns the result."""
    host = get_host(config)
    for _, res in host.call("govlint_configure", config=config):
        if res is not None and hasattr(res, "is_enabled"):
            config = res
    return config


def loaders(config: Any = None) -> dict[str, Any]:
    """Suffix → loader from every plugin; for a clash the later-registered plugin wins.

    A raising hook becomes a recorded problem (GL907) and the other plugins' loaders are kept.
    """
    out: dict[str, Any] = {}
    for _, res in get_host(config).call("govlint_loaders"):
        out.update(res or {})
    return out


def output_formats(config: Any = None) -> dict[str, Any]:
    """Format name → renderer from every plugin; for a clash the later-registered plugin wins."""
    out: dict[str, Any] = {}
    for _, res in get_host(config).call("govlint_output_formats"):
        out.update(res or {})
    return out


def template_files(config: Any = None) -> list[Any]:
    """Every template file plugins return, flattened; :func:`register_plugin_templates` does the loading."""
    return [p for _, res in get_host(config).call("govlint_templates") for p in (res or [])]


def register_plugin_templates(config: Any = None) -> list[PluginProblem]:
    """Load and register the templates plugins return from ``govlint_templates``.

    Each item may be a path (``str``/``pathlib.Path``) or an
    ``importlib.resources`` Traversable of a template YAML file (same shape
    as ``rules/templates/2021.yaml``).  A file that cannot be read or built
    becomes a :class:`PluginProblem` for that plugin — returned, and kept on
    the host so the engine reports it as GL907 — and the other templates are
    still registered.  Call once per process and plugin configuration
    (``runner.setup_plugins`` does); registering again replaces by id.
    """
    from pathlib import Path

    from .templates import register_template, template_from_dict
    from .yamlio import safe_load

    host = get_host(config)
    before = list(host.problems)
    results = host.call("govlint_templates")
    problems = [p for p in host.problems if p not in before]  # hooks that raised
    for plugin, files in results:
        if not isinstance(files, (list, tuple)):
            files = [files]
        for src in files:
            try:
                text = (src.read_text(encoding="utf-8") if hasattr(src, "read_text")
                        else Path(src).read_text(encoding="utf-8"))
                data = safe_load(text)
                if not isinstance(data, dict) or "id" not in data:
                    raise ValueError("a template must be a mapping with an 'id'")
                template = template_from_dict(data)
                for bound in (template.year_min, template.year_max):
                    if bound is not None and (not isinstance(bound, int) or isinstance(bound, bool)):
                        raise ValueError(f"years: expected whole years, got {bound!r}")
            except Exception as e:  # noqa: BLE001 - reported, not raised
                problem = PluginProblem(plugin, "template", f"{src}: {_err(e)}")
                host.add_problem(problem)
                problems.append(problem)
                continue
            register_template(template)
    return problems
