"""The indented JSON writer prints exactly what ``json.dumps(indent=2, ensure_ascii=False)`` prints."""
from __future__ import annotations

import json

import pytest

from govlint.output.jsonindent import dumps_indented

from gen.output_fixtures import all_results

VALUES = [
    {}, [], "", 0, -3, 1.5, 1e-7, 2.0, 10**20, True, False, None, float("nan"), float("inf"), -float("inf"),
    "第3行「表三」\u3000\t\n\"quoted\" \\ \u2028 \x00 \U0001F600",
    {"a": [], "b": {}, "c": [1, [2, [3, {}]], {"d": None}], "e": "值"},
    [[], {}, [[]], [{}], {"x": [{}]}],
    {1: "int key", 2.5: "float key", True: "bool key", None: "null key", "s": 0},
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_the_same_text_as_the_standard_library(value: object) -> None:
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_every_finding_of_the_output_fixtures_prints_the_same() -> None:
    items = [d.to_json() for r in all_results() for d in r.diagnostics]
    assert len(items) > 5
    for item in items:
        assert dumps_indented(item) == json.dumps(item, ensure_ascii=False, indent=2)
    assert dumps_indented(items) == json.dumps(items, ensure_ascii=False, indent=2)


def test_a_value_json_cannot_write_is_the_same_error() -> None:
    with pytest.raises(TypeError):
        dumps_indented({"a": object()})
    with pytest.raises(TypeError):
        dumps_indented({("tuple", "key"): 1})
