"""The format registry, render() and the colour decision."""
from __future__ import annotations

import io

import pytest

from gen.output_fixtures import RULES, all_results
from govlint import output
from govlint.output import (FORMATS, OutputOptions, get_formatter, output_encoding, register_format,
                            render, should_color)


def test_builtin_formats_are_registered_and_import():
    assert {"text", "json", "sarif", "github", "junit", "csv", "html"} <= set(FORMATS)
    for name in ["text", "json", "sarif", "github", "junit", "csv", "html"]:
        assert callable(get_formatter(name))


def test_every_format_renders_the_fixtures():
    results = all_results()
    for name in ["text", "json", "sarif", "github", "junit", "csv", "html"]:
        out = render(name, results, rules=RULES)
        assert isinstance(out, str) and out.endswith("\n") and "GL201" in out, name


def test_unknown_format_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown output format 'yaml'.*json"):
        render("yaml", [], rules={})


def test_plugin_format_is_registered_and_receives_options(monkeypatch):
    monkeypatch.setitem(output.FORMATS, "count", None)  # restored after the test
    seen = {}

    def count(results, opts: OutputOptions) -> str:
        seen["opts"] = opts
        return f"{sum(len(r.diagnostics) for r in results)}\n"

    register_format("count", count, encoding="gb18030")
    try:
        assert render("count", all_results(), rules=RULES, lang="en", statistics=True,
                      root="reports") == "8\n"
        assert seen["opts"].en and seen["opts"].statistics and seen["opts"].root == "reports"
        assert output_encoding("count") == "gb18030"
    finally:
        output.ENCODINGS.pop("count", None)


def test_string_target_is_imported_lazily(monkeypatch):
    monkeypatch.setitem(output.FORMATS, "json2", "govlint.output.json_:render_json")
    assert render("json2", [], rules={}) == "[]\n"


def test_csv_is_written_with_a_bom_for_excel():
    assert output_encoding("csv") == "utf-8-sig"
    assert output_encoding("json") == "utf-8"


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@pytest.mark.parametrize("env,tty,expected", [
    ({}, True, True),
    ({}, False, False),
    ({"NO_COLOR": "1"}, True, False),
    ({"NO_COLOR": ""}, True, True),  # empty NO_COLOR is unset (no-color.org)
    ({"FORCE_COLOR": "1"}, False, True),
    ({"FORCE_COLOR": "0"}, False, False),
    ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
    ({"TERM": "dumb"}, True, False),
])
def test_should_color(monkeypatch, env, tty, expected):
    for var in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(var, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert should_color(_Stream(tty)) is expected


def test_should_color_on_closed_stream(monkeypatch):
    for var in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(var, raising=False)
    s = io.StringIO()
    s.close()
    assert should_color(s) is False
