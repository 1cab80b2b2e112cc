"""Fingerprints of everything besides a file that decides its findings.

The result cache (:mod:`govlint.executors.cache`) keys an entry by the file
and by :func:`run_key`: govlint itself, the effective rule set, the
configuration and the run's options.  Each part is hashed once per process
(per configuration), so keying ten thousand files costs ten thousand file
hashes and nothing more.

May import the foundation, the engine and the runner.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, Optional

_package: Optional[str] = None
_rulesets: dict[Any, str] = {}


def package_fingerprint() -> str:
    """govlint's code (:func:`govlint.yamlio.code_fingerprint`: the version and every module's
    size and mtime) plus the size and mtime of the built-in rules, templates and schema.

    A released wheel changes only with its version; a checkout being edited
    changes with every save, and its cached results must go with it.
    """
    global _package
    if _package is None:
        import govlint.rules

        from ..yamlio import code_fingerprint

        h = hashlib.blake2b(digest_size=16)
        h.update(code_fingerprint().encode())
        for root in map(Path, govlint.rules.__path__):
            for p in sorted(root.rglob("*")):
                if p.suffix in (".yaml", ".yml", ".json", ".py") and "__pycache__" not in p.parts:
                    try:
                        st = p.stat()
                    except OSError:
                        continue
                    h.update(f"{p.relative_to(root)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
        _package = h.hexdigest()
    return _package


def _content(src: Any) -> bytes:
    try:
        if hasattr(src, "read_bytes"):
            return src.read_bytes()
        with open(src, "rb") as fh:
            return fh.read()
    except (OSError, TypeError):
        return repr(src).encode()


def ruleset_fingerprint(config: Any) -> str:
    """The rule set a configuration loads: plugins (name, version, module file), their rule
    packs and templates (by content), and the config's own rule files (by content).

    The built-in plugins register themselves when their stage is imported;
    both are imported first, so the fingerprint taken before a process's
    first check equals the one taken after it (else a rerun never hits).
    """
    from .. import batch, engine  # noqa: F401 - register the built-in plugins
    from ..plugins import get_host

    key = (getattr(config, "plugin_key", None), repr(getattr(config, "rule_files", ())))
    found = _rulesets.get(key)
    if found is not None:
        return found
    host = get_host(config)
    h = hashlib.blake2b(digest_size=16)
    for name, plugin in sorted(host.pm.list_name_plugin(), key=lambda x: x[0]):
        f = getattr(plugin, "__file__", None)
        st = os.stat(f) if f and os.path.exists(f) else None
        h.update(f"{name}\0{host.versions.get(name)}\0{f}\0"
                 f"{st.st_size if st else ''}\0{st.st_mtime_ns if st else ''}\0".encode())
    for hook in ("govlint_rule_files", "govlint_templates"):
        for plugin, files in host.call(hook):
            for src in (files if isinstance(files, (list, tuple)) else [files]) or []:
                h.update(f"{hook}\0{plugin}\0{src}\0".encode())
                h.update(hashlib.blake2b(_content(src), digest_size=16).digest())
    for f in getattr(config, "rule_files", ()) or ():
        src = Path(getattr(config, "root", "."), f)
        h.update(f"config\0{src}\0".encode())
        h.update(hashlib.blake2b(_content(src), digest_size=16).digest())
    found = _rulesets[key] = h.hexdigest()
    return found


def run_key(config: Any, options: Any) -> str:
    """Everything but the file: package, rule set, the file's configuration, the run's options."""
    from .. import plugins

    effective = plugins.configure(config) if config is not None else None
    parts = [package_fingerprint(), ruleset_fingerprint(config) if config is not None else "-",
             repr(effective), repr(options)]
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=20).hexdigest()


def forget() -> None:
    """Drop the memoised fingerprints (tests that change plugins or the package within a process)."""
    from ..yamlio import code_fingerprint

    global _package
    _package = None
    _rulesets.clear()
    code_fingerprint.cache_clear()


def _on_plugins_reset() -> None:
    _rulesets.clear()


def _register() -> None:
    from .. import plugins

    plugins.on_reset(_on_plugins_reset)


_register()  # plugins.reset() (a plugin installed at run time) must give a new rule-set fingerprint
