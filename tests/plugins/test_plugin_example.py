"""The example province plugin: installed by pip into a temporary venv, found by
entry point, its rules run, can be selected/ignored and appear in the listing.

In-process tests register the same plugin module through the config's
``plugins: {enable: [...]}`` (same hooks, no install needed)."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from govlint import plugins
from govlint.config import Config
from govlint.engine import catalog, run
from govlint.parse import parse_text as parse_text_any
from govlint.scaffold.synth import render_report
from venvs import install_in_venv

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "plugins" / "govlint-example-province"


@pytest.fixture(scope="session")
def plugin_venv(tmp_path_factory) -> Path:
    """A venv that sees this environment's packages and has the plugin pip-installed."""
    return install_in_venv(tmp_path_factory.mktemp("pluginvenv"), PLUGIN)


SCRIPT = r"""
import json
from govlint.config import Config
from govlint.engine import run, catalog
from govlint.parse import parse_text as parse_text_any
from govlint.plugins import list_plugins
from govlint.scaffold.synth import render_report
rep = parse_text_any(render_report("2021", 2022, cells={"t2.fees.amount": None}), "r.md")
print(json.dumps({
  "plugins": [[p.name, p.module, p.version] for p in list_plugins()],
  "all": sorted({d.code for d in run(rep, Config())}),
  "ignored": sorted({d.code for d in run(rep, Config(ignore=("GLX",)))}),
  "selected": sorted({d.code for d in run(rep, Config(select=("GLX1",)))}),
  "catalog": {c: m.source for c, m in catalog().items() if c.startswith("GLX")},
}))
"""


def test_installed_plugin_is_discovered_by_entry_point(plugin_venv):
    r = subprocess.run([str(plugin_venv), "-c", SCRIPT], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    names = {p[0]: p for p in out["plugins"]}
    assert names["example-province"][1] == "govlint_example_province.plugin"
    assert names["example-province"][2] == "0.1.0"
    assert {"GLX101", "GLX201"} <= set(out["all"]) and "GL122" in out["all"]
    assert not [c for c in out["ignored"] if c.startswith("GLX")] and "GL122" in out["ignored"]
    assert out["selected"] == ["GLX101"]
    assert out["catalog"] == {"GLX101": "example-province", "GLX201": "example-province",
                              "GLX303": "example-province"}


@pytest.fixture()
def enabled(monkeypatch, tmp_path):
    import shutil

    # only the package (a build may leave *.egg-info next to it, which would
    # make the entry point visible too)
    shutil.copytree(PLUGIN / "govlint_example_province", tmp_path / "govlint_example_province")
    monkeypatch.syspath_prepend(str(tmp_path))
    plugins.reset()
    yield Config(plugins={"enable": ("govlint_example_province.plugin",)})
    plugins.reset()


def test_plugin_rules_in_process(enabled):
    rep = parse_text_any(render_report("2021", 2022, date="2023-01-20"), "r.md")
    codes = {d.code for d in run(rep, enabled)}
    assert {"GLX101", "GLX303"} <= codes and "GL303" not in codes
    assert "GLX201" not in codes  # fee amount present
    cat = catalog(enabled)
    assert cat["GLX303"].source == "govlint_example_province.plugin"
    info = {p.name: p for p in plugins.list_plugins(enabled)}
    assert "govlint_rule_files" in info["govlint_example_province.plugin"].hooks


def test_plugin_examples_pass(enabled):
    from govlint.engine.examples import run_examples
    from govlint_example_province.pyrules import CountyFeeAmount

    res = run_examples([PLUGIN / "govlint_example_province" / "rules.yaml"], rules=[CountyFeeAmount()],
                       config=enabled)
    assert res and all(r.ok for r in res), [r.detail for r in res if not r.ok]
    assert {r.code for r in res} == {"GLX101", "GLX201", "GLX303"}


def test_broken_plugin_is_gl907_and_run_continues(tmp_path, monkeypatch):
    (tmp_path / "broken_govlint_plugin.py").write_text(
        "from govlint.hookspecs import hookimpl\n"
        "@hookimpl\ndef govlint_rule_files():\n    raise RuntimeError('no packs today')\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    plugins.reset()
    try:
        cfg = Config(plugins={"enable": ("broken_govlint_plugin", "no_such_module_xyz")})
        rep = parse_text_any(render_report("2021", 2022, cells={"t3.new.natural_person": 6, "t3.new.total": 7}),
                             "r.md")
        diags = run(rep, cfg)
        msgs = [d.message for d in diags if d.code == "GL907"]
        assert any("broken_govlint_plugin" in m and "no packs today" in m for m in msgs)
        assert any("no_such_module_xyz" in m for m in msgs)
        assert "GL201" in {d.code for d in diags}
    finally:
        plugins.reset()
