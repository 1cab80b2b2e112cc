"""A 表三/表四 cell that holds something other than a number ("五", "1e308", "nan")
is read as missing with one finding naming the cell (GL128), is not a blank cell
(GL122), and does not shift the rest of its row: no arithmetic finding comes from
the numbers next to it."""
from __future__ import annotations

import pytest

from gen.build import sample_values, standard_content, to_docx, to_html
from govlint.runner import RunOptions, check_file
from govlint.scaffold.synth import render_report

def _text_lines(key: str, bad: str) -> list[str]:
    """render_report's tab-delimited tables, with the cell ``key`` replaced by ``bad``."""
    row, col = key.split(".")[1:]
    lines = render_report("2021", 2022).split("\n")
    for i, line in enumerate(lines):
        cells = line.split("\t")
        if key.startswith("t3.") and row == "new" and cells[0].startswith("一、本年新收"):
            cells[2 + ["natural_person", "commercial", "research", "social_welfare",
                       "legal_service", "other_org", "total"].index(col)] = bad
            lines[i] = "\t".join(cells)
    return lines


def _write(fmt: str, key: str, bad: str, tmp_path) -> str:
    path = tmp_path / f"r.{fmt}"
    if fmt in ("txt", "md"):
        lines = _text_lines(key, bad)
        assert any(bad in ln for ln in lines)
        if fmt == "md":
            lines = [("| " + ln.replace("\t", " | ") + " |") if "\t" in ln else ln for ln in lines]
        path.write_text("\n".join(lines), "utf-8")
    else:
        values = sample_values("2021")
        values[key] = bad
        content = standard_content(values)
        if fmt == "docx":
            to_docx(content, str(path))
        else:
            path.write_text(to_html(content), "utf-8")
    return str(path)


def _shifted(bad, good) -> list[str]:
    """Findings of ``bad`` that ``good`` (the same report with the number back) lacks,
    other than the new finding.  The "无法核对" notices of the identities that need
    the missing cell are consequences: folded into the finding, not shown."""
    seen = {(d.code, d.message) for d in good.diagnostics}
    return [f"{d.code} {d.message}" for d in bad.diagnostics
            if (d.code, d.message) not in seen and d.code != "GL128"]


def _row(result, row: str) -> dict:
    return {k: c.value for k, c in result.report.all_cells.items() if k.startswith(f"t3.{row}.")}


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx"])
@pytest.mark.parametrize("bad", ["五", "1e308", "nan"])
def test_non_number_in_table3_row_is_one_finding_and_no_shift(fmt, bad, tmp_path):
    key = "t3.new.research"
    (tmp_path / "bad").mkdir()
    (tmp_path / "good").mkdir()
    path = _write(fmt, key, bad, tmp_path / "bad")
    result = check_file(path, RunOptions())
    good = check_file(_write(fmt, key, "0", tmp_path / "good"), RunOptions())
    found = [d for d in result.diagnostics if d.code == "GL128"]
    assert len(found) == 1, [(d.code, d.message) for d in result.diagnostics]
    msg = found[0].message
    assert "表三" in msg and "本年新收" in msg and "科研机构" in msg and bad in msg
    assert "GL122" not in {d.code for d in result.diagnostics}
    assert not _shifted(result, good)
    cell = result.report.cell(key)
    assert cell is not None and cell.value is None and cell.raw.strip() == bad
    assert (found[0].span.table, found[0].span.row, found[0].span.column_key) == ("t3", "new", "research")
    assert {d.code for d in found[0].folded} >= {"GL201", "GL202"}  # the identities over the cell
    # every other cell of the row keeps its own column
    assert _row(result, "new") == {**_row(good, "new"), key: None}


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_non_number_first_value_cell(fmt, tmp_path):
    """The first value column (right after the label) is a cell too."""
    key = "t3.new.natural_person"
    (tmp_path / "bad").mkdir()
    (tmp_path / "good").mkdir()
    result = check_file(_write(fmt, key, "五", tmp_path / "bad"), RunOptions())
    good = check_file(_write(fmt, key, "5", tmp_path / "good"), RunOptions())
    found = [d for d in result.diagnostics if d.code == "GL128"]
    assert len(found) == 1 and "自然人" in found[0].message, [(d.code, d.message) for d in result.diagnostics]
    assert "GL122" not in {d.code for d in result.diagnostics} and not _shifted(result, good)
    assert _row(result, "new") == {**_row(good, "new"), key: None}


def test_non_number_in_table4_html(tmp_path):
    values = sample_values("2021")
    values["t4.review.corrected"] = "两"
    path = tmp_path / "r.html"
    path.write_text(to_html(standard_content(values)), "utf-8")
    result = check_file(str(path), RunOptions())
    found = [d for d in result.diagnostics if d.code == "GL128"]
    assert len(found) == 1 and "表四" in found[0].message and "两" in found[0].message
    assert "GL122" not in {d.code for d in result.diagnostics}
    assert result.report.cell("t4.review.corrected").value is None
    assert [result.report.cell(f"t4.review.{c}").value for c in ("upheld", "other", "pending", "total")] \
        == [5, 1, 0, 8]


def test_non_number_message_in_english(tmp_path):
    path = _write("txt", "t3.new.research", "nan", tmp_path)
    result = check_file(path, RunOptions(lang="en"))
    found = [d for d in result.diagnostics if d.code == "GL128"]
    assert len(found) == 1
    msg = found[0].message
    assert "Table 3" in msg and "nan" in msg and "not a number" in msg
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in msg.replace("nan", "")), msg


@pytest.mark.parametrize("mark", ["—", "/", "无"])
def test_blank_marks_stay_blank_cells(mark, tmp_path):
    """The usual blank marks are blank cells (GL122), not a non-number."""
    result = check_file(_write("txt", "t3.new.research", mark, tmp_path), RunOptions())
    codes = [d.code for d in result.diagnostics]
    assert "GL128" not in codes and codes.count("GL122") == 1, codes
    assert result.report.cell("t3.new.social_welfare").value == 0


@pytest.mark.parametrize("unit", ["万元", "（万元）", "单位：件"])
def test_a_unit_in_a_cell_of_its_own_is_no_value(unit, tmp_path):
    """"96171.6 | 万元": the unit has a cell of its own after the number; it is not
    a value, and the row still has its three numbers."""
    lines = render_report("2021", 2022).split("\n")
    i = next(k for k, ln in enumerate(lines) if ln.startswith("行政事业性收费"))
    lines[i] = lines[i].rstrip("\t") + "\t" + unit
    path = tmp_path / "r.txt"
    path.write_text("\n".join(lines), "utf-8")
    result = check_file(str(path), RunOptions())
    codes = [d.code for d in result.diagnostics]
    assert "GL128" not in codes, [(d.code, d.message) for d in result.diagnostics]
