"""`govlint extract` on the five real seed reports, cell by cell.

tests/data/seeds_expected.yaml was written by reading each seed by hand; every
expected cell must come out with its value under the right canonical key,
every absent cell must be listed as missing, and every cell's location must
point at the number in the original file.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from gen.paths import DATA, SEEDS
from govlint.cli import main

EXPECTED = YAML(typ="safe").load((DATA / "seeds_expected.yaml").read_text(encoding="utf-8"))


def extract(*paths: str) -> list[dict]:
    res = CliRunner().invoke(main, ["extract", *paths, "--format", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


@pytest.fixture(scope="module")
def extracted() -> dict[str, dict]:
    data = extract(*map(str, SEEDS))
    return {d["path"].rsplit("/", 1)[-1]: d for d in data}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata(extracted, name):
    exp, got = EXPECTED[name], extracted[name]
    assert got["issuer"] == exp["issuer"]
    assert got["year"] == exp["year"]
    assert got["template"] == exp["template"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_cell(extracted, name):
    exp, got = EXPECTED[name], extracted[name]
    from govlint.templates import builtin_templates

    tpl = builtin_templates()[exp["template"]]
    expected_keys = [k for t in tpl.tables.values() for k in t.expected_keys]
    seen = set()
    for row, values in exp["rows"].items():
        keys = [k for k in expected_keys if k.rsplit(".", 1)[0] == row]
        assert len(keys) == len(values), row
        for key, value in zip(keys, values):
            assert key in got["cells"], f"{name}: {key} not extracted"
            assert got["cells"][key]["value"] == value, f"{name}: {key}"
            seen.add(key)
    missing_rows = set(exp["missing"])
    for key in expected_keys:
        if key.rsplit(".", 1)[0] in missing_rows:
            assert key in got["missing"] and key not in got["cells"], f"{name}: {key}"
            seen.add(key)
    # nothing extra, nothing unaccounted for
    assert seen == set(expected_keys)
    assert set(got["cells"]) | set(got["missing"]) == set(expected_keys)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_cell_spans_point_at_the_number(extracted, path):
    source = path.read_text(encoding="utf-8").splitlines()
    got = extracted[path.name]
    assert got["cells"]
    for key, c in got["cells"].items():
        line = source[c["line"] - 1]
        assert line[c["column"] - 1:].startswith(c["raw"]), (key, c, line)


@pytest.mark.parametrize("name,key,line,column", [
    ("000_0119a7a489d5d32c.txt", "t3.new.natural_person", 94, 18),
    ("000_0119a7a489d5d32c.txt", "t3.denied.third_party.total", 126, 22),  # number inside a wrapped label
    ("000_0119a7a489d5d32c.txt", "t2.licensing.decisions", 40, 15),
    ("001_8e7f9fba4889a118.txt", "t3.not_processed.petition.natural_person", 56, None),
    ("003_1ee472de9be0b35c.txt", "t4.review.corrected", 87, 3),
    ("004_4ae8e34d3be90645.txt", "t3.partial.total", 111, 1),  # last number on the next line
    ("004_4ae8e34d3be90645.txt", "t3.other.overdue_fee.total", 172, 1),
    ("002_64068642beb0e7e1.txt", "t2.procurement.amount", 39, 10),
])
def test_sample_locations(extracted, name, key, line, column):
    c = extracted[name]["cells"][key]
    assert c["line"] == line
    if column is not None:
        assert c["column"] == column


def test_defects_are_reported_as_notes(extracted):
    kinds = lambda name: {(n["kind"], n["table"], n["row"]) for n in extracted[name]["notes"]}  # noqa: E731
    assert ("cell_blank", "t2", "rules") in kinds("002_64068642beb0e7e1.txt")
    assert ("rows_cut_off", "t3", "new") in kinds("002_64068642beb0e7e1.txt")
    assert ("extra_values", "t4", "data") in kinds("003_1ee472de9be0b35c.txt")
    heading = [s for s in extracted["002_64068642beb0e7e1.txt"]["sections"] if s["number"] == 6]
    assert heading and heading[0]["standard"] is False
    for name in ("000_0119a7a489d5d32c.txt", "001_8e7f9fba4889a118.txt", "004_4ae8e34d3be90645.txt"):
        assert not extracted[name]["notes"], extracted[name]["notes"]
    assert [s["number"] for s in extracted["000_0119a7a489d5d32c.txt"]["sections"]] == [1, 2, 3, 4, 5, 6]
