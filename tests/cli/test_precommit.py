"""pre-commit integration, run for real in a throw-away Git repository.

Two setups, as a report repository would use them:

* ``repo: local`` with ``language: system`` and the absolute path of this
  virtualenv's ``govlint``: works offline, tests the working tree.  The hook's
  name and file pattern are read from this checkout's ``.pre-commit-hooks.yaml``
  so the test follows the shipped definition.
* ``repo: <a git copy of this checkout>`` with ``rev`` — exactly what users
  write.  pre-commit clones it and pip-installs govlint into its own
  environment, which needs a package index for the dependencies; when none
  is reachable that test is skipped (only then: any other failure fails).

HOME, PRE_COMMIT_HOME and the Git identity are private to each test so
nothing leaks into (or from) the user's own configuration.
"""
from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SEED_004 = ROOT / "tests" / "data" / "shared" / "seeds" / "004_4ae8e34d3be90645.txt"
NO_INDEX = ("Could not find a version that satisfies", "No matching distribution found",
            "Failed to establish a new connection", "Temporary failure in name resolution",
            "Network is unreachable")


def _hook_definition() -> dict:
    from ruamel.yaml import YAML

    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return next(h for h in hooks if h["id"] == "govlint")


@pytest.fixture()
def env(tmp_path: Path) -> dict:
    pre_commit = BIN / "pre-commit"
    assert pre_commit.exists(), "pre-commit is a dev dependency: pip install -e '.[dev]'"
    e = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    (tmp_path / "home").mkdir()
    e.update(HOME=str(tmp_path / "home"), PRE_COMMIT_HOME=str(tmp_path / "pre-commit-cache"),
             XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_CONFIG_HOME=str(tmp_path / "config"),
             GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t",
             GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t",
             PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    return e


def run(args: list, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=600)


def git(cwd: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    r = run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main",
             "-c", "commit.gpgsign=false", *args], cwd, env)
    assert r.returncode == 0, r.stderr
    return r


def report_repo(tmp_path: Path, env: dict, config: str) -> Path:
    """A repository with one bad report, one clean report and a README."""
    from govlint.scaffold.synth import render_report

    repo = tmp_path / "reports"
    repo.mkdir()
    git(repo, env, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (repo / "bad.txt").write_bytes(SEED_004.read_bytes())  # no statistics period: GL301
    (repo / "good.md").write_text(render_report("2021", 2024), encoding="utf-8")
    (repo / "notes.py").write_text("print('不是报告')\n", encoding="utf-8")
    git(repo, env, "add", "-A")
    git(repo, env, "commit", "-q", "-m", "reports")
    return repo


def local_config() -> str:
    """The shipped hook as a ``repo: local`` hook on this virtualenv's govlint.

    Written as JSON (a subset of YAML) so no quoting can go wrong; pre-commit
    splits ``entry`` like a shell, hence shlex.quote for the path.
    """
    hook = _hook_definition()
    entry = shlex.split(hook["entry"])
    assert entry[0] == "govlint", hook["entry"]
    govlint = BIN / "govlint"
    assert govlint.exists()
    local = {"id": hook["id"], "name": hook["name"], "language": "system",
             "entry": " ".join([shlex.quote(str(govlint)), *entry[1:]]), "files": hook["files"],
             "pass_filenames": hook.get("pass_filenames", True)}
    return json.dumps({"repos": [{"repo": "local", "hooks": [local]}]}, ensure_ascii=False,
                      indent=2) + "\n"


def test_local_hook_fails_on_bad_report_and_passes_on_good(tmp_path, env):
    repo = report_repo(tmp_path, env, local_config())
    pc = BIN / "pre-commit"

    bad = run([pc, "run", "--files", "bad.txt"], repo, env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "GL301" in bad.stdout and "Failed" in bad.stdout
    assert "统计期限" in bad.stdout  # govlint's own (Chinese) message, not a pre-commit error

    good = run([pc, "run", "--files", "good.md"], repo, env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout and "GL" not in good.stdout

    other = run([pc, "run", "--files", "notes.py"], repo, env)
    assert other.returncode == 0 and "no files to check" in other.stdout

    every = run([pc, "run", "--all-files"], repo, env)
    assert every.returncode == 1 and "bad.txt" in every.stdout and "good.md" not in every.stdout


def test_installed_git_hook_blocks_the_commit(tmp_path, env):
    repo = report_repo(tmp_path, env, local_config())
    r = run([BIN / "pre-commit", "install"], repo, env)
    assert r.returncode == 0, r.stdout + r.stderr
    (repo / "bad2.txt").write_bytes(SEED_004.read_bytes())
    git(repo, env, "add", "bad2.txt")
    blocked = run(["git", "commit", "-m", "bad"], repo, env)
    assert blocked.returncode != 0 and "GL301" in blocked.stdout + blocked.stderr
    assert "bad2.txt" not in git(repo, env, "ls-tree", "--name-only", "HEAD").stdout

    (repo / "bad2.txt").unlink()
    (repo / "good2.md").write_text((repo / "good.md").read_text(encoding="utf-8"),
                                   encoding="utf-8")
    git(repo, env, "add", "-A")
    ok = run(["git", "commit", "-m", "good"], repo, env)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "good2.md" in git(repo, env, "ls-tree", "--name-only", "HEAD").stdout


def _snapshot_checkout(dest: Path, env: dict) -> str:
    """A one-commit Git copy of this checkout's working tree (what would be
    published), so the hook under test is the current code, not an old HEAD."""
    dest.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(ROOT / name, dest / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in ("linter", "rules"):
        shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    git(dest, env, "init", "-q")
    git(dest, env, "add", "-A")
    git(dest, env, "commit", "-q", "-m", "snapshot")
    return git(dest, env, "rev-parse", "HEAD").stdout.strip()


def test_repo_hook_as_users_configure_it(tmp_path, env):
    rev = _snapshot_checkout(tmp_path / "govlint-src", env)
    config = ("repos:\n"
              f"  - repo: {tmp_path / 'govlint-src'}\n"
              f"    rev: {rev}\n"
              "    hooks: [{id: govlint}]\n")
    repo = report_repo(tmp_path, env, config)
    pc = BIN / "pre-commit"
    bad = run([pc, "run", "--files", "bad.txt"], repo, env)
    out = bad.stdout + bad.stderr
    if bad.returncode == 3 and any(s in out for s in NO_INDEX):
        pytest.skip("pre-commit could not install govlint's dependencies (no package index)")
    assert bad.returncode == 1 and "GL301" in bad.stdout, out
    good = run([pc, "run", "--files", "good.md"], repo, env)
    assert good.returncode == 0 and "Passed" in good.stdout, good.stdout + good.stderr
