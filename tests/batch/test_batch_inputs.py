"""--roster and --previous: missing units, unknown issuers, malformed rosters, last year as data."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gen.series import Spec, series, write
from govlint.batch.roster import RosterError, parse_roster
from govlint.cli import main


def invoke(*args: str) -> tuple[int, str, str]:
    try:
        runner = CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        runner = CliRunner()  # click ≥ 8.2 keeps stderr apart anyway
    res = runner.invoke(main, list(args))
    return res.exit_code, res.stdout, res.stderr


def this_year(tmp_path: Path, year: int = 2022) -> tuple[Path, list[Spec]]:
    specs = [s for s in series() if s.year == year]
    write(specs, tmp_path / str(year))
    return tmp_path / str(year), specs


def test_missing_unit_is_one_finding_on_its_roster_row(tmp_path):
    folder, specs = this_year(tmp_path)
    roster = tmp_path / "units.csv"
    roster.write_text("name,aliases,level\n" + "".join(f"{s.issuer},,部门\n" for s in specs)
                      + "示例县农业农村局,县农业局;县农业农村局,部门\n", encoding="utf-8")
    code, out, err = invoke("check", str(folder), "--roster", str(roster), "--output-format", "json")
    found = [i for i in json.loads(out) if i["code"].startswith("GL7")]
    assert [(f["code"], f["filename"], f["location"]["line"]) for f in found] == [("GL707", str(roster), 5)]
    assert "示例县农业农村局" in found[0]["message"] and "2022" in found[0]["message"]
    code, out, _ = invoke("check", str(folder), "--roster", str(roster), "--select", "GL7")
    assert code == 1 and f"{roster}:5:1: GL707" in out
    code, out, _ = invoke("check", str(folder), "--roster", str(roster), "--select", "GL7",
                          "--output-format", "sarif")
    res = json.loads(out)["runs"][0]["results"]
    assert res[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 5


def test_roster_aliases_and_wording_match(tmp_path):
    folder, specs = this_year(tmp_path)
    roster = tmp_path / "units.csv"
    roster.write_text("名称,别名,层级\n示例县政府,,县政府\n示例县教体局,示例县教育体育局,部门\n"
                      "示例县青山镇人民政府,,乡镇\n", encoding="utf-8-sig")
    code, out, _ = invoke("check", str(folder), "--roster", str(roster), "--select", "GL7")
    assert code == 0, out


def test_report_not_on_the_roster(tmp_path):
    folder, specs = this_year(tmp_path)
    roster = tmp_path / "units.csv"
    roster.write_text("name\n示例县人民政府\n示例县青山镇人民政府\n", encoding="utf-8")
    code, out, _ = invoke("check", str(folder), "--roster", str(roster), "--output-format", "json")
    found = [i for i in json.loads(out) if i["code"].startswith("GL7")]
    assert [(f["code"], Path(f["filename"]).name) for f in found] == [("GL708", "u1-2022.md")]
    assert "示例县教育体育局" in found[0]["message"] and found[0]["location"]["line"] == 1


@pytest.mark.parametrize("text,row", [
    ("unit\n示例县人民政府\n", "1"),  # no name column
    ("name,level\n示例县人民政府,县\n,部门\n", "3"),  # empty name
    ("name,level\n示例县人民政府,县\n示例县教育局,部门,多余\n", "3"),  # too many fields
    ("name\n示例县人民政府\n示例县政府\n", "3"),  # the same unit twice
])
def test_malformed_roster_is_one_line_naming_file_and_row(tmp_path, text, row):
    folder, _ = this_year(tmp_path)
    roster = tmp_path / "units.csv"
    roster.write_text(text, encoding="utf-8")
    code, out, err = invoke("check", str(folder), "--roster", str(roster))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert str(roster) in err and f"第{row}行" in err and "Traceback" not in err
    with pytest.raises(RosterError) as e:
        parse_roster(text, "u.csv")
    assert f"row {row}" in e.value.en


def test_missing_roster_file_is_a_usage_error(tmp_path):
    folder, _ = this_year(tmp_path)
    code, _, err = invoke("check", str(folder), "--roster", str(tmp_path / "nope.csv"), "--lang", "en")
    assert code == 2 and "nope.csv" in err and len(err.strip().splitlines()) == 1


def _broken_carry(tmp_path: Path) -> Path:
    specs = [s for s in series() if s.year == 2022]
    s = next(x for x in specs if x.unit == 0)
    s.cells["t3.carried_over.natural_person"] += 3
    write(specs, tmp_path / "2022")
    return tmp_path / "2022"


@pytest.mark.parametrize("kind", ["folder", "json", "csv", "csv-long"])
def test_previous_from_last_years_reports_or_their_data(tmp_path, kind):
    last = tmp_path / "2021"
    write([s for s in series() if s.year == 2021], last)
    folder = _broken_carry(tmp_path)
    prev = last
    if kind != "folder":
        prev = tmp_path / f"2021.{'json' if kind == 'json' else 'csv'}"
        code, _, err = invoke("extract", str(last), "--format", kind, "-o", str(prev))
        assert code == 0, err
    code, out, err = invoke("check", str(folder), "--previous", str(prev), "--output-format", "json")
    found = [i for i in json.loads(out) if i["code"].startswith("GL7")]
    assert [(f["code"], f["column_key"]) for f in found] == [("GL701", "natural_person")]
    rel = found[0]["related"][0]
    assert rel["filename"] == str(last / "u0-2021.html") and rel["row"] == "carry_forward"
    if kind in ("folder", "json", "csv-long"):  # the wide table keeps no positions
        assert rel["location"]["line"] > 0


def test_previous_that_is_not_extract_data(tmp_path):
    folder = _broken_carry(tmp_path)
    bad = tmp_path / "last.json"
    bad.write_text('{"not": "a list"}', encoding="utf-8")
    code, _, err = invoke("check", str(folder), "--previous", str(bad))
    assert code == 2 and "last.json" in err and len(err.strip().splitlines()) == 1
