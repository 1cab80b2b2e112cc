"""A generated series (3 issuers × 3 years, both forms, Markdown and HTML) with one
cross-report identity broken at a time: each break is found with both files'
places, the unbroken series gives nothing, wording changes keep the pair and a
different body never pairs."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gen.series import ISSUERS, Spec, prose, series, write
from govlint.cli import main


def run_check(folder: Path, *args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, ["check", str(folder), *args])
    return res.exit_code, res.output


def gl7(folder: Path) -> list[dict]:
    code, out = run_check(folder, "--output-format", "json")
    items = json.loads(out)
    return [i for i in items if i["code"].startswith("GL7")]


def spec(specs: list[Spec], unit: int, year: int) -> Spec:
    return next(s for s in specs if s.unit == unit and s.year == year)


def test_unbroken_series_has_no_cross_report_finding(tmp_path):
    write(series(), tmp_path)
    code, out = run_check(tmp_path)
    assert code == 0, out
    assert "GL7" not in out


def test_carried_over_break_points_at_both_cells(tmp_path):
    specs = series()
    s = spec(specs, 1, 2022)  # Markdown this year, HTML last year
    s.cells["t3.carried_over.natural_person"] += 1
    s.cells["t3.carried_over.total"] += 1
    s.cells["t3.new.natural_person"] -= 1  # its own table still balances
    s.cells["t3.new.total"] -= 1
    write(specs, tmp_path)
    found = gl7(tmp_path)
    assert sorted((f["code"], f["column_key"]) for f in found) == [("GL701", "natural_person"),
                                                                   ("GL701", "total")]
    f = found[0]
    assert f["filename"].endswith("u1-2022.md") and f["row"] == "carried_over" and f["location"]["line"] > 0
    rel = f["related"][0]
    assert rel["filename"].endswith("u1-2021.html") and rel["row"] == "carry_forward"
    assert rel["location"]["line"] > 0 and rel["label"] == "上年"


def test_in_force_chain_break(tmp_path):
    specs = series()
    spec(specs, 2, 2022).cells["t2.normative_docs.in_force"] = 13.0
    write(specs, tmp_path)
    found = gl7(tmp_path)
    assert [(f["code"], f["row"], f["column_key"]) for f in found] == [("GL702", "normative_docs", "in_force")]
    assert found[0]["related"][0]["filename"].endswith("u2-2021.html")
    assert "12" in found[0]["message"] and "13" in found[0]["message"]


def test_two_versions_of_one_report(tmp_path):
    specs = series()
    orig = spec(specs, 0, 2021)
    copy = Spec(0, 2021, orig.issuer, "md", dict(orig.cells), dict(orig.prose), name="u0-2021-更正版.md")
    copy.cells["t2.licensing.decisions"] = 999.0
    specs.append(copy)
    write(specs, tmp_path)
    found = gl7(tmp_path)
    assert [f["code"] for f in found] == ["GL703"]
    assert found[0]["table"] == "t2" and found[0]["row"] == "licensing"
    assert {found[0]["filename"], found[0]["related"][0]["filename"]} == {
        str(tmp_path / "u0-2021-更正版.md"), str(tmp_path / "u0-2021.html")}


def test_same_report_in_two_formats_is_not_two_versions(tmp_path):
    specs = series()
    orig = spec(specs, 0, 2021)
    specs.append(Spec(0, 2021, orig.issuer, "md", dict(orig.cells), dict(orig.prose), name="u0-2021.md"))
    write(specs, tmp_path)
    assert gl7(tmp_path) == []


def test_issuer_typo_is_reported_on_the_rare_spelling(tmp_path):
    specs = series()
    spec(specs, 1, 2020).issuer = "示例县教育育体育局"
    write(specs, tmp_path)
    found = gl7(tmp_path)
    assert [f["code"] for f in found] == ["GL704"]
    assert found[0]["filename"].endswith("u1-2020.md") and "示例县教育体育局" in found[0]["message"]
    assert found[0]["location"]["line"] == 1  # the title that names the issuer


def test_narrative_copied_from_last_year_with_numbers_changed(tmp_path):
    specs = series()
    last, this = spec(specs, 2, 2021), spec(specs, 2, 2022)
    last.prose[5] = ("存在的主要问题：一是全年仅更新栏目12次，二是3个村的公开栏未按时更新。"
                     "改进情况：明年计划开展培训4次，实现25个村公开栏每月更新。")
    this.prose[5] = ("存在的主要问题：一是全年仅更新栏目15次，二是5个村的公开栏未按时更新。"
                     "改进情况：明年计划开展培训6次，实现27个村公开栏每月更新。")
    write(specs, tmp_path)
    found = gl7(tmp_path)
    assert [f["code"] for f in found] == ["GL705"]
    assert found[0]["filename"].endswith("u2-2022.md") and "100%" in found[0]["message"]
    assert found[0]["related"][0]["filename"].endswith("u2-2021.html")


def test_copy_threshold_is_an_option(tmp_path):
    specs = series()
    this = spec(specs, 0, 2022)
    half = prose(0, 2021)[5]  # last year's 五 and a little new text: about 70 % repeated
    this.prose[5] = half + "另有移动端页面适配不完善。"
    write(specs, tmp_path / "default")
    found = gl7(tmp_path / "default")
    assert [f["code"] for f in found] == ["GL705"] and "阈值50%" in found[0]["message"]
    write(specs, tmp_path / "strict")
    (tmp_path / "strict" / ".govlint.yaml").write_text("options:\n  GL705: {threshold: 0.9}\n", encoding="utf-8")
    assert gl7(tmp_path / "strict") == []


def test_text_copied_between_two_units(tmp_path):
    specs = series()
    spec(specs, 0, 2022).prose[5] = spec(specs, 1, 2022).prose[5]
    write(specs, tmp_path)
    found = gl7(tmp_path)
    assert [f["code"] for f in found] == ["GL706"]
    names = {found[0]["filename"], found[0]["related"][0]["filename"]}
    assert names == {str(tmp_path / "u0-2022.md"), str(tmp_path / "u1-2022.md")}


def test_renamed_wording_keeps_the_pair(tmp_path):
    specs = series()
    spec(specs, 0, 2021).issuer = "示例县政府"  # 人民政府 → 政府 last year
    spec(specs, 0, 2022).issuer = "某省某市示例县人民政府"  # and a region prefix this year
    spec(specs, 0, 2022).cells["t3.carried_over.natural_person"] += 2
    write(specs, tmp_path)
    found = gl7(tmp_path)
    assert {f["code"] for f in found} == {"GL701"}
    assert found[0]["related"][0]["filename"].endswith("u0-2021.html")


@pytest.mark.parametrize("last,this", [("示例县教育局", "示例县教育体育局"),
                                       ("示例县人民政府办公室", "示例县人民政府")])
def test_a_different_body_never_pairs(tmp_path, last, this):
    specs = [s for s in series() if s.unit == 1 and s.year in (2021, 2022)]
    specs[0].issuer, specs[1].issuer = last, this
    specs[1].cells["t3.carried_over.natural_person"] += 2  # would be GL701 if they paired
    specs[1].cells["t2.normative_docs.in_force"] = 40.0  # would be GL702
    specs[1].prose = dict(specs[0].prose)  # would be GL705
    write(specs, tmp_path)
    # the text copied between two bodies may be flagged as such (GL706); nothing pairs them
    assert {f["code"] for f in gl7(tmp_path)} <= {"GL706"}


def test_text_output_names_last_years_place(tmp_path):
    specs = series()
    spec(specs, 1, 2022).cells["t3.carried_over.natural_person"] += 1
    write(specs, tmp_path)
    code, out = run_check(tmp_path, "--select", "GL7")
    assert code == 1
    line = next(ln for ln in out.splitlines() if "= 上年：" in ln)
    assert "u1-2021.html:" in line and "四、结转下年度继续办理" in line
    code, out = run_check(tmp_path, "--select", "GL7", "--lang", "en")
    assert "= last year: " in out


def test_sarif_related_locations(tmp_path):
    specs = series()
    spec(specs, 2, 2022).cells["t2.normative_docs.in_force"] = 13.0
    write(specs, tmp_path)
    code, out = run_check(tmp_path, "--output-format", "sarif", "--select", "GL7")
    results = json.loads(out)["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["GL702"]
    rel = results[0]["relatedLocations"][0]
    assert rel["physicalLocation"]["artifactLocation"]["uri"].endswith("u2-2021.html")
    assert rel["physicalLocation"]["region"]["startLine"] > 0 and rel["message"]["text"] == "上年"


def test_one_file_alone_runs_no_batch_stage(tmp_path):
    write(series()[:1], tmp_path)
    code, out = run_check(tmp_path / "u0-2020.md")
    assert code == 0 and "GL7" not in out


def test_cross_report_rules_can_be_ignored(tmp_path):
    specs = series()
    spec(specs, 2, 2022).cells["t2.normative_docs.in_force"] = 13.0
    write(specs, tmp_path)
    code, out = run_check(tmp_path, "--ignore", "GL702")
    assert code == 0 and "GL702" not in out


def test_issuers_are_distinct():
    assert len(set(ISSUERS)) == 3
