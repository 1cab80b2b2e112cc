"""The README's first command must stay true: the bundled example is clean."""
from __future__ import annotations

import re
import shlex

from click.testing import CliRunner

from gen.paths import ROOT
from govlint.cli import main


def test_readme_example_is_clean():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = readme.split("```bash", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(first) == 2 and first[1].strip() == ".venv/bin/python -m pytest"
    m = re.search(r"govlint check (\S+)", first[0])
    example = ROOT / shlex.split(m.group(1))[0]
    assert example.exists()
    res = CliRunner().invoke(main, ["check", str(example)])
    assert res.exit_code == 0, res.output


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1].strip() == ".venv/bin/python -m pytest"
