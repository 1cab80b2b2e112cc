"""A 表四 left entirely empty in a Word or web table: the blank-cell finding points
at its data row, not at the header above it (the row has no text, so it used to be
dropped by the loader and the finding fell back on the header)."""
from __future__ import annotations

import pytest

from gen.build import sample_values, standard_content, to_docx, to_html
from govlint.labels import parse_where
from govlint.runner import RunOptions, check_file

T4 = [f"t4.{g}.{c}" for g in ("review", "litigation_direct", "litigation_after_review")
      for c in ("upheld", "corrected", "other", "pending", "total")]


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_blank_table4_is_found_on_its_data_row(fmt, tmp_path):
    values = sample_values("2021")
    values.update({k: "" for k in T4})
    content = standard_content(values)
    path = tmp_path / f"r.{fmt}"
    if fmt == "docx":
        to_docx(content, str(path))
    else:
        path.write_text(to_html(content), "utf-8")
    result = check_file(str(path), RunOptions())
    blank = [d for d in result.diagnostics if d.code == "GL122" and "表四" in d.message]
    assert len(blank) == 1 and "15个空白单元格" in blank[0].message
    kind, n = parse_where(blank[0].span.where)
    header_rows = 3  # 行政复议/行政诉讼 · 未经复议直接起诉/复议后起诉 · 结果维持…
    assert (kind, n["table"], n["row"]) == ("cell", 3, header_rows + 1)
    assert (blank[0].span.table, blank[0].span.row, blank[0].span.column_key) == ("t4", "review", "upheld")
    cells = [result.report.cell(k) for k in T4]
    assert all(c is not None and c.value is None for c in cells)  # blank, never 0
    assert {parse_where(c.span.where)[1]["row"] for c in cells} == {header_rows + 1}
