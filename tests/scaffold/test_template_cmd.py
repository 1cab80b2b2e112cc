"""`govlint template YEAR`: a blank report in the right format, clean once filled.

The strongest check of a template is the linter itself: fill the blank cells
the way an officer would (consistent numbers) and `govlint check` must find
nothing; put one number off by one and it must find a GL2xx.  The filler
below works on the Markdown text only (it finds each row by its label and
writes into the empty fields between the tabs), so it also proves the cells
are really blank and really where the parser looks for them.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Optional

import pytest

from gen.fill import consistent_values, fill_docx
from govlint.templates import Template, builtin_templates



def govlint(*args: str, cwd: Optional[Path] = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govlint", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, timeout=120)


def template_text(year: int, *extra: str) -> str:
    r = govlint("template", str(year), *extra)
    assert r.returncode == 0, r.stderr
    return r.stdout


def tpl(template_id: str) -> Template:
    return builtin_templates()[template_id]


# ------------------------------------------------------------------ the filler

def _fill_fields(fields: list[str], numbers: list[str]) -> list[str]:
    """Write ``numbers`` into the last len(numbers) fields, which must be blank."""
    n = len(numbers)
    assert fields[-n:] == [""] * n, f"template cells are not blank: {fields}"
    return fields[:-n] + numbers


def fill_markdown(md: str, t: Template, values: dict[str, float]) -> str:
    """Put ``values`` into the blank cells of a `govlint template` Markdown.

    Each data row is looked up, in template order, as the next line whose
    last non-empty field is the row's label; 表四 is the line of 15 empty
    fields.  Fails loudly if a row is not found or a cell is not blank.
    """
    lines = md.split("\n")
    fmt = lambda x: str(int(x)) if float(x).is_integer() else str(x)  # noqa: E731
    for name in ("t2", "t3"):
        pos = 0
        for row in t.tables[name].rows:
            if row.group:
                continue
            while True:
                assert pos < len(lines), f"{name} row {row.label} not found"
                fields = lines[pos].split("\t")
                labels = [f for f in fields if f]
                if "\t" in lines[pos] and labels and labels[-1] == row.label:
                    break
                pos += 1
            nums = [fmt(values[k]) for k in row.cell_keys(name)]
            lines[pos] = "\t".join(_fill_fields(fields, nums))
            pos += 1
    t4_keys = t.tables["t4"].expected_keys
    blank = [i for i, ln in enumerate(lines) if ln and set(ln) == {"\t"}]
    assert len(blank) == 1 and lines[blank[0]].count("\t") == len(t4_keys) - 1, blank
    lines[blank[0]] = "\t".join(fmt(values[k]) for k in t4_keys)
    text = "\n".join(lines)
    return text.replace("收费通知 件", "收费通知0件").replace("信息处理费 元", "信息处理费0元")


def check_json(path: Path) -> tuple[int, list[dict]]:
    r = govlint("check", "--output-format", "json", str(path))
    assert r.returncode in (0, 1), r.stderr
    return r.returncode, json.loads(r.stdout)


# ----------------------------------------------------------------------- tests

def test_engine_is_wired():
    """The tests below mean nothing if `check` finds nothing at all."""
    seed = Path(__file__).parents[1] / "data" / "shared" / "seeds" / "000_0119a7a489d5d32c.txt"
    code, found = check_json(seed)
    assert code == 1 and "GL301" in {d["code"] for d in found}


@pytest.mark.parametrize("year,template_id", [(2019, "2019"), (2020, "2019"), (2021, "2021"),
                                              (2025, "2021")])
def test_every_official_label_and_the_fixed_sentences(year, template_id):
    md = template_text(year)
    t = tpl(template_id)
    assert md.startswith(f"# （发布机关）{year}年政府信息公开工作年度报告\n")
    for i, s in enumerate(t.sections):
        assert f"\n## {'一二三四五六'[i]}、{s.heading}\n" in md
    for table in t.tables.values():
        for r in table.rows:
            if not table.single_row:
                assert r.label in md, r.label
        for col in table.columns.values():
            assert col in md, col
        for g in table.groups.values():  # 表四: 行政诉讼（复议后起诉） → 行政诉讼, 复议后起诉
            assert all(part in md for part in g.replace("）", "").split("（")), g
    assert f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。" in md
    assert md.rstrip().endswith(f"{year + 1}年　月　日")
    fee = "本年度共发出收费通知 件，收取信息处理费 元。"
    six = md[md.index("## 六、"):]
    if year >= 2021:
        assert fee in six and "未收取信息处理费" in six
    else:
        assert "收费通知" not in md


def test_2020_uses_the_2019_format():
    md = template_text(2020)
    for label in ("其他对外管理服务事项", "政府集中采购", "本年新制作数量", "第二十条第（九）项"):
        assert label in md
    assert "本年制发件数" not in md and "逾期不补正" not in md
    md21 = template_text(2021)
    assert "其他对外管理服务事项" not in md21 and "政府集中采购" not in md21
    assert "本年制发件数" in md21


@pytest.mark.parametrize("year,template_id,seed", [(2025, "2021", 1), (2025, "2021", 2),
                                                   (2021, "2021", 3), (2020, "2019", 4)])
def test_filled_template_is_clean(tmp_path, year, template_id, seed):
    t = tpl(template_id)
    p = tmp_path / f"{year}.md"
    p.write_text(fill_markdown(template_text(year), t, consistent_values(t, seed)),
                 encoding="utf-8")
    code, found = check_json(p)
    assert found == [] and code == 0, [(d["code"], d["message"]) for d in found]
    r = govlint("extract", str(p))
    data = json.loads(r.stdout)[0]
    assert data["missing"] == [] and data["template"] == template_id and data["year"] == year


@pytest.mark.parametrize("key,codes", [("t3.granted.natural_person", {"GL202", "GL203"}),
                                       ("t3.new.research", {"GL201", "GL202"}),
                                       ("t3.carry_forward.total", {"GL202"}),
                                       ("t4.review.total", {"GL204"})])
def test_one_number_off_fails(tmp_path, key, codes):
    t = tpl("2021")
    values = consistent_values(t, 7)
    values[key] += 1
    p = tmp_path / "off.md"
    p.write_text(fill_markdown(template_text(2025), t, values), encoding="utf-8")
    code, found = check_json(p)
    got = {d["code"] for d in found}
    assert code == 1
    assert got and all(c.startswith("GL2") for c in got), got
    assert codes <= got, got


def test_blank_template_is_not_clean(tmp_path):
    p = tmp_path / "blank.md"
    p.write_text(template_text(2025), encoding="utf-8")
    code, found = check_json(p)
    got = {d["code"] for d in found}
    assert code == 1 and "GL122" in got  # blank cells: "没有发生的应填0"
    assert not got & {"GL101", "GL102", "GL103", "GL104", "GL105", "GL106", "GL120", "GL121",
                      "GL301", "GL501", "GL111"}


def test_unfilled_fee_sentence_is_reported(tmp_path):
    t = tpl("2021")
    md = fill_markdown(template_text(2025), t, consistent_values(t, 1))
    md = md.replace("收费通知0件", "收费通知 件").replace("信息处理费0元", "信息处理费 元")
    p = tmp_path / "fee.md"
    p.write_text(md, encoding="utf-8")
    _, found = check_json(p)
    assert "GL401" in {d["code"] for d in found}


def test_issuer_option(tmp_path):
    md = template_text(2025, "--issuer", "示例县人民政府办公室")
    assert md.startswith("# 示例县人民政府办公室2025年政府信息公开工作年度报告")
    assert "\n示例县人民政府办公室\n2026年　月　日" in md


def test_output_file_and_no_overwrite(tmp_path):
    out = tmp_path / "r.md"
    r = govlint("template", "2025", "-o", str(out))
    assert r.returncode == 0 and out.read_text(encoding="utf-8") == template_text(2025)
    out.write_text("已写好的报告", encoding="utf-8")
    r = govlint("template", "2025", "-o", str(out))
    assert r.returncode == 2 and "--force" in r.stderr
    assert out.read_text(encoding="utf-8") == "已写好的报告"
    assert govlint("template", "2025", "-o", str(out), "--force").returncode == 0
    assert out.read_text(encoding="utf-8") == template_text(2025)


@pytest.mark.parametrize("args", [("2018",), ("2025", "--format", "docx"), ("abc",)])
def test_usage_errors(args):
    r = govlint("template", *args)
    assert r.returncode == 2 and "Traceback" not in r.stderr and r.stdout == ""


@pytest.mark.parametrize("year,template_id", [(2025, "2021"), (2020, "2019")])
def test_docx_reads_back_blank(tmp_path, year, template_id):
    out = tmp_path / "x.docx"
    r = govlint("template", str(year), "--format", "docx", "-o", str(out))
    assert r.returncode == 0, r.stderr
    data = json.loads(govlint("extract", str(out)).stdout)[0]
    expected = [k for tb in tpl(template_id).tables.values() for k in tb.expected_keys]
    assert data["template"] == template_id and data["year"] == year
    assert data["cells"] == {}
    assert sorted(data["missing"]) == sorted(expected)
    assert [s["number"] for s in data["sections"]] == [1, 2, 3, 4, 5, 6]
    assert all(s["standard"] for s in data["sections"])


def test_docx_filled_in_word_is_clean(tmp_path):
    t = tpl("2021")
    out = tmp_path / "x.docx"
    assert govlint("template", "2025", "-o", str(out)).returncode == 0  # format from suffix
    values = consistent_values(t, 5)
    fill_docx(out, t, values)
    code, found = check_json(out)
    assert found == [] and code == 0, [(d["code"], d["message"]) for d in found]
    cells = json.loads(govlint("extract", str(out)).stdout)[0]["cells"]
    assert {k: c["value"] for k, c in cells.items()} == {k: int(v) for k, v in values.items()}


def test_docx_headers_are_merged_like_the_printed_form(tmp_path):
    import docx

    out = tmp_path / "x.docx"
    assert govlint("template", "2025", "-o", str(out)).returncode == 0
    t2, t3, t4 = docx.Document(str(out)).tables
    same = lambda tbl, a, b: tbl.cell(*a)._tc is tbl.cell(*b)._tc  # noqa: E731
    assert t2.cell(0, 0).text == "第二十条第（一）项" and same(t2, (0, 0), (0, 3))
    assert t3.cell(0, 3).text == "申请人情况" and same(t3, (0, 3), (0, 9))
    assert t3.cell(1, 4).text == "法人或其他组织" and same(t3, (1, 4), (1, 8))
    assert same(t3, (0, 0), (2, 2)) and same(t3, (1, 3), (2, 3)) and same(t3, (1, 9), (2, 9))
    labels = [t3.cell(r, 0).text for r in range(len(t3.rows))]
    first, last = labels.index("三、本年度办理结果"), labels.index("四、结转下年度继续办理")
    assert same(t3, (first, 0), (last - 1, 0))  # 三 spans every result row
    assert same(t3, (3, 0), (3, 2))  # 一、本年新收 spans the three label columns
    denied = [t3.cell(r, 1).text for r in range(len(t3.rows))].index("（三）不予公开")
    assert same(t3, (denied, 1), (denied + 7, 1)) and not same(t3, (denied, 1), (denied + 8, 1))
    assert t4.cell(0, 5).text == "行政诉讼" and same(t4, (0, 5), (0, 14))
    assert same(t4, (1, 0), (2, 0)) and t4.cell(1, 10).text == "复议后起诉"
    assert len(t4.rows) == 4 and all(c.text == "" for c in t4.rows[3].cells)


def test_cli_module_stays_light():
    """`govlint --version` imports every command module: this one must not
    pull in the templates, synth or python-docx at import time."""
    code = ("import sys, govlint.cli.template as m, govlint.scaffold.form as b; "
            "assert m.DEFAULT_ISSUER == b.DEFAULT_ISSUER")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
    code = ("import sys, govlint.cli.template; "
            "bad = [k for k in sys.modules if k.startswith(('docx', 'govlint.scaffold', "
            "'govlint.scaffold.synth', 'govlint.templates', 'ruamel'))]; assert not bad, bad")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_docx_properties_are_govlints_and_the_file_follows_the_umask(tmp_path):
    import datetime
    import os
    import stat

    import docx

    out = tmp_path / "x.docx"
    code = ("import os, sys; os.umask(0o027); from govlint.cli import main; sys.argv[0] = 'govlint'; "
            "main()")
    r = subprocess.run([sys.executable, "-c", code, "template", "2025", "--format", "docx", "-o", str(out),
                        "--issuer", "示例县人民政府办公室"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    props = docx.Document(str(out)).core_properties
    assert props.author == props.last_modified_by == "govlint"
    assert props.title == "示例县人民政府办公室2025年政府信息公开工作年度报告"
    now = datetime.datetime.now(datetime.timezone.utc)
    assert abs((now - props.created.replace(tzinfo=datetime.timezone.utc)).total_seconds()) < 300
    assert "python-docx" not in (props.comments or "")
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.docx"]  # no temporary file left
