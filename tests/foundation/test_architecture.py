"""The package's imports run one way: foundation → load → parse → engine →
output, with the runner and the command line on top.

Every import in ``linter/`` is read from the source (module level, inside
functions and under ``TYPE_CHECKING`` alike: a lazy import is still a
dependency), resolved to a ``govlint.*`` module, and its stage compared with
the importer's.  A module may import its own stage and earlier ones only.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "linter"

# stage of each top-level name under govlint; equal numbers may import each other
STAGE = {
    # the foundation: data model, templates and their labels, plugin host, config
    "__init__": 0, "__main__": 9, "model": 0, "errors": 0, "limits": 0, "budget": 0, "outfile": 0, "reading": 0, "document": 0,
    "templates": 0, "labels": 0, "yamlio": 0, "hookspecs": 0, "plugins": 0, "config": 0,
    "entry_points": 0, "bilingual": 0,
    "rules": 0,
    "scaffold": 1,  # writes reports from the templates (the engine's examples use it)
    "load": 2,
    "parse": 3,
    "engine": 4,
    "batch": 5,  # cross-report checks, after the single-report engine
    "output": 6, "annotate": 6,  # what the user reads; Word annotation beside the outputs
    "runner": 7, "executors": 7,  # runs the stages per file; executors beside it
    "cli": 8, "serve": 8,  # entry points on top
}


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(["govlint", *parts])


def _is_module(name: str) -> bool:
    rel = Path(*name.split(".")[1:])
    return (SRC / rel).is_dir() or (SRC / rel).with_suffix(".py").is_file()


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute govlint module) for every import of a govlint module in ``path``."""
    mod = _module_name(path)
    package = mod if path.name == "__init__.py" else mod.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "govlint"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "govlint":
                continue
            # ``from . import x``: x is a submodule when a file or folder has its name
            out += [(node.lineno, f"{target}.{a.name}" if _is_module(f"{target}.{a.name}") else target)
                    for a in node.names]
    return out


def _stage(module: str) -> int:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    assert top in STAGE, f"{module}: give the new top-level module or package a stage in STAGE"
    return STAGE[top]


FILES = sorted(SRC.rglob("*.py"))


def test_every_module_has_a_stage():
    for path in FILES:
        _stage(_module_name(path))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_imports_run_one_way(path):
    me = _module_name(path)
    backward = [f"line {line}: {target}" for line, target in _imports(path)
                if _stage(target) > _stage(me)]
    assert not backward, f"{me} imports a later stage: {backward}"


def test_the_check_sees_relative_imports():
    """The walker itself must resolve ``from ..x import y`` and ``from . import z``."""
    found = dict((t, ln) for ln, t in _imports(SRC / "engine" / "__init__.py"))
    assert "govlint.model" in found and "govlint.plugins" in found
    assert "govlint.engine.builtin_plugin" in found


def test_every_package_says_what_it_is_for():
    for init in SRC.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text("utf-8")))
        assert doc and re.search(r"\b(May|may) import|import no stage", doc), \
            f"{init.relative_to(SRC)}: say what it is for and what it may import"
