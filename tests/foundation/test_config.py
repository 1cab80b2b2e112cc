"""Configuration files, discovery by walking up, selection semantics."""
from __future__ import annotations

import pytest

from govlint.config import Config, ConfigError, load_config


def test_defaults_enable_everything():
    c = Config()
    assert c.is_enabled("GL201") and c.is_enabled("GLX101")


def test_prefix_select_ignore_specificity():
    c = Config(select=("GL2", "GL3"), ignore=("GL30",), extend_select=("GL301",))
    assert c.is_enabled("GL201")
    assert not c.is_enabled("GL101")
    assert not c.is_enabled("GL302")  # GL30 ignore is more specific than GL3
    assert c.is_enabled("GL301")  # extend-select GL301 is more specific than ignore GL30
    assert not Config(severity={"GL201": "off"}).is_enabled("GL201")


def test_with_overrides():
    c = Config(select=("GL1",), ignore=("GL110",)).with_overrides(select=["gl2"], ignore=["GL203"],
                                                                  extend_select=["GL301"])
    assert c.select == ("GL2",) and c.ignore == ("GL110", "GL203") and c.extend_select == ("GL301",)


def test_yaml_found_by_walking_up(tmp_path):
    (tmp_path / ".govlint.yaml").write_text(
        "select: [GL2]\nextend-select: [GL301]\nignore: [GL204]\nseverity: {GL201: warning}\n"
        "per-file-ignores: {'drafts/*.md': [GL2]}\noptions: {gl303: {default: {month: 2, day: 1}}}\n"
        "plugins: {disable: [some-plugin]}\nlimits: {max-pages: 5}\n", encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (sub / "r.md").write_text("x", encoding="utf-8")
    c = load_config(str(sub / "r.md"))
    assert c.path == str(tmp_path / ".govlint.yaml")
    assert c.select == ("GL2",) and c.is_enabled("GL301") and not c.is_enabled("GL204")
    assert c.severity == {"GL201": "warning"}
    assert c.options_for("GL303", {"pick": "last"}) == {"pick": "last", "default": {"month": 2, "day": 1}}
    assert c.plugins == {"disable": ("some-plugin",)} and c.limits == {"max_pages": 5}
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    assert not c.is_enabled("GL201", str(drafts / "x.md"))
    assert c.is_enabled("GL201", str(tmp_path / "final.md"))


def test_pyproject_tool_section(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.govlint]\nignore = ["GL6"]\n', encoding="utf-8")
    c = load_config(str(tmp_path / "x.md"))
    assert c.ignore == ("GL6",) and not c.is_enabled("GL601")


def test_pyproject_without_section_is_skipped(tmp_path):
    (tmp_path / ".govlint.yml").write_text("ignore: [GL1]\n", encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert load_config(str(inner / "r.md")).ignore == ("GL1",)


def test_explicit_file_and_errors(tmp_path):
    p = tmp_path / "cfg.yaml"
    p.write_text("selec: [GL1]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"cfg.yaml: unknown key\(s\): selec"):
        load_config(None, str(p))
    p.write_text("severity: {GL201: fatal}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="severity.GL201"):
        load_config(None, str(p))
    p.write_text("a: !!python/object/apply:os.system ['x']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read configuration"):
        load_config(None, str(p))
    with pytest.raises(ConfigError, match="not found"):
        load_config(None, str(tmp_path / "nope.yaml"))
