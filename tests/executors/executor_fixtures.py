"""Fixtures for the executor tests: a folder of real reports in every input format.

The five seeds and the vendored corpus as they are, plus the seeds rebuilt
as HTML, DOCX and PDF by the test generator — so a parallel, cached or
clustered run is compared with ``-j 1`` on every loader and on real text.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gen.paths import CORPUS, SEEDS


_built: dict[str, Path] = {}


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per session, whichever test module asks first (they import this fixture)."""
    if "reports" not in _built:
        _built["reports"] = _build(tmp_path_factory.mktemp("reports"))
    return _built["reports"]


def _build(d: Path) -> Path:
    from gen import build

    for src in [*SEEDS, *CORPUS]:
        shutil.copy(src, d / src.name)
    for seed in SEEDS:
        content = build.content_from_seed(str(seed))
        (d / f"{seed.stem}.html").write_text(build.to_html(content), encoding="utf-8")
        build.to_docx(content, str(d / f"{seed.stem}.docx"))
        build.to_pdf(content, str(d / f"{seed.stem}.pdf"))
    return d


def govlint(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the installed command line in a fresh process."""
    return subprocess.run([sys.executable, "-m", "govlint", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=600)
