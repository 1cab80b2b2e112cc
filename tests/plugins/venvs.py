"""Install a plugin for real: pip into a throw-away venv that also sees this environment's
packages (govlint itself), so the plugin is found by its entry point exactly as a user's is."""
from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path


def install_in_venv(folder: Path, plugin_src: Path) -> Path:
    """Create a venv in ``folder``, pip-install the plugin at ``plugin_src`` into it; return its python."""
    venv.EnvBuilder(with_pip=False).create(folder)
    py = folder / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    here = sysconfig.get_paths()["purelib"]
    Path(site, "_govlint_parent_env.pth").write_text(f"import site; site.addsitedir({here!r})\n")
    src = folder / "src"  # build from a copy: pip leaves build/ and *.egg-info behind
    shutil.copytree(plugin_src, src, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    base = [sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "-q"]
    # offline first (needs setuptools+wheel here); else let pip build in isolation
    r = subprocess.run(base + ["--no-build-isolation", "--no-index", str(src)], capture_output=True,
                       text=True, timeout=600)
    if r.returncode != 0:
        r = subprocess.run(base + [str(src)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return py
