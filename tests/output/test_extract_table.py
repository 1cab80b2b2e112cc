"""The supervisor's spreadsheet: wide CSV (BOM, one row per report) and xlsx; read back = JSON."""
from __future__ import annotations

import csv
import io
import json

import openpyxl
from click.testing import CliRunner

from gen.paths import CORPUS, SEEDS
from govlint.batch.columns import cell_keys, columns
from govlint.batch.previous import read_data
from govlint.cli import main

REAL = [str(p) for p in (*SEEDS, *CORPUS)]


def extract(*args: str) -> str:
    res = CliRunner().invoke(main, ["extract", *args])
    assert res.exit_code == 0, res.output
    return res.output


def test_wide_csv_starts_with_a_bom_and_has_one_row_per_report(tmp_path):
    out = tmp_path / "all.csv"
    extract(*REAL, "--format", "csv", "-o", str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:7] == ["文件", "发布机关", "年度", "模板", "错误", "警告", "提示"]
    assert "表三 一、本年新收政府信息公开申请数量 总计" in rows[0]
    assert len(rows) - 1 == len(REAL)
    assert [h for _, h in columns(cell_keys())] == rows[0]  # the documented, stable order
    by_file = {r[0]: r for r in rows[1:]}
    huaian = by_file[next(p for p in REAL if p.endswith(".pdf"))]
    assert huaian[1:4] == ["淮安市人民政府", "2024", "2021"]
    assert huaian[rows[0].index("表三 一、本年新收政府信息公开申请数量 总计")] == "3119"
    assert int(by_file[next(p for p in REAL if "000_" in p)][4]) >= 1  # seed 000 lacks the period: an error


def test_wide_csv_read_back_gives_the_json_cells(tmp_path):
    out = tmp_path / "all.csv"
    extract(*REAL, "--format", "csv", "-o", str(out))
    data = json.loads(extract(*REAL, "--format", "json"))
    back = {r.path: r for r in read_data(str(out))}
    assert sorted(back) == sorted(d["path"] for d in data)
    for d in data:
        r = back[d["path"]]
        assert (r.issuer, r.year, r.template) == (d["issuer"], d["year"], d["template"])
        assert {k: c.value for k, c in r.all_cells.items()} == {k: c["value"] for k, c in d["cells"].items()}


def test_english_headers(tmp_path):
    out = extract(str(SEEDS[0]), "--format", "csv", "--lang", "en")
    head = next(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert head[:4] == ["file", "issuer", "year", "template"] and "Table 3, I. new requests, total" in head


def test_long_csv_is_still_there():
    out = extract(str(SEEDS[0]), "--format", "csv-long")
    assert out.splitlines()[0] == "path,issuer,year,template,key,value,raw,line,column,page"


def test_xlsx_has_a_sheet_per_template_and_the_findings(tmp_path):
    out = tmp_path / "all.xlsx"
    extract(*REAL, "--format", "xlsx", "-o", str(out))
    wb = openpyxl.load_workbook(out, read_only=True)
    assert wb.sheetnames == ["2021年格式", "2019年格式", "问题"]
    data = json.loads(extract(*REAL, "--format", "json"))
    for sheet, tid in (("2021年格式", "2021"), ("2019年格式", "2019")):
        rows = list(wb[sheet].iter_rows(values_only=True))
        assert list(rows[0][:4]) == ["文件", "发布机关", "年度", "模板"]
        assert len(rows) - 1 == sum(1 for d in data if d["template"] == tid)
        assert all(r[3] == tid for r in rows[1:])
    findings = list(wb["问题"].iter_rows(values_only=True))
    assert findings[0][:5] == ("文件", "行", "列", "页", "代码") and len(findings) > len(REAL)


def test_xlsx_needs_an_output_file():
    res = CliRunner().invoke(main, ["extract", str(SEEDS[0]), "--format", "xlsx"])
    assert res.exit_code == 2 and "-o" in res.output
