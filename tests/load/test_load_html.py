"""HTML loader: portal noise dropped, tables as grid rows, spans into the source."""
from __future__ import annotations

import pytest

from gen.build import Content, Section, Table, expected_paragraphs, expected_rows, \
    standard_content, to_html
from govlint.load import Limits, load
from govlint.load.html import load_html


def _load(tmp_path, html: str, name: str = "r.html", encoding: str = "utf-8"):
    p = tmp_path / name
    p.write_bytes(html.encode(encoding))
    return load(str(p))


def test_rows_and_paragraphs_match_content(tmp_path):
    c = standard_content()
    doc = _load(tmp_path, to_html(c))
    assert doc.kind == "html"
    assert [ln.text for ln in doc.lines if ln.cells] == expected_rows(c)
    texts = [ln.text for ln in doc.lines]
    for para in expected_paragraphs(c):
        assert para in texts


def test_every_table_row_has_the_full_grid(tmp_path):
    doc = _load(tmp_path, to_html(standard_content()))
    by_table: dict[int, set[int]] = {}
    for ln in doc.lines:
        if ln.cells:
            assert "\n" not in ln.text
            by_table.setdefault(ln.cells[0].table_index, set()).add(len(ln.cells))
            assert len(ln.text.split("\t")) == len(ln.cells)
    assert by_table == {1: {4}, 2: {10}, 3: {15}}


def test_noise_is_dropped(tmp_path):
    doc = _load(tmp_path, to_html(standard_content(), noise=True))
    joined = "\n".join(ln.text for ln in doc.lines)
    assert "脚本文字" not in joined  # the <script> text
    assert "隐藏" not in joined  # display:none
    assert "首页 |" not in joined  # <nav>
    assert "td {" not in joined  # <style>


@pytest.mark.parametrize("declared", ["gb2312", "gbk", None])
def test_gbk_declared_or_not(tmp_path, declared):
    c = standard_content()
    doc = _load(tmp_path, to_html(c, charset=declared), encoding="gb18030")
    assert doc.lines[1].text.startswith("某市人民政府2024年")
    assert [ln.text for ln in doc.lines if ln.cells] == expected_rows(c)


def test_cell_spans_point_at_the_source(tmp_path):
    doc = _load(tmp_path, to_html(standard_content()))
    checked = 0
    for ln in doc.lines:
        for cell in ln.cells or []:
            text = ln.text[cell.start:cell.end]
            if text.isdigit():
                line, col = ln.lines[cell.start], ln.cols[cell.start]
                assert doc.source_lines[line - 1][col - 1:col - 1 + len(text)] == text
                checked += 1
    assert checked > 150


def test_paragraph_spans_point_at_the_source(tmp_path):
    doc = _load(tmp_path, to_html(standard_content()))
    ln = next(ln for ln in doc.lines if "受理政府信息公开申请" in ln.text)
    i = ln.text.index("3119")
    assert doc.source_lines[ln.lines[i] - 1][ln.cols[i] - 1:ln.cols[i] + 3] == "3119"


def test_nested_layout_tables_keep_inner_tables(tmp_path):
    inner = Table([["a", "b"], ["1", "2"]])
    c = Content("标题", [Section("一、总体情况", ["正文", inner])])
    html = to_html(c)
    html = html.replace('<table border="1"', '<table><tr><td><table><tr><td>'
                        '<table border="1"').replace("</table>", "</table></td></tr></table>"
                                                      "</td></tr></table>", 1)
    doc = _load(tmp_path, html)
    assert [ln.text for ln in doc.lines if ln.cells] == ["a\tb", "1\t2"]


def test_rowspan_colspan_grid(tmp_path):
    html = ("<table><tr><td rowspan=2>A</td><td colspan=2>B</td></tr>"
            "<tr><td>c</td><td>d</td></tr><tr><td>1</td><td>2</td><td>3</td></tr></table>")
    doc = _load(tmp_path, html)
    assert [ln.text for ln in doc.lines] == ["A\tB\t", "\tc\td", "1\t2\t3"]


def test_end_to_end_parse(tmp_path):
    from govlint.parse import parse_document
    report = parse_document(_load(tmp_path, to_html(standard_content())))
    assert report.value("t3.new.total") == 3119
    assert report.value("t3.carried_over.natural_person") == 34
    assert report.value("t4.review.total") == 8
    assert report.value("t2.fees.amount") == 96171.6
    assert report.cell("t3.new.total").span.where == "表格2 第4行 第10列"
    assert len(report.sections) == 6


def test_element_limit(tmp_path):
    html = "<html><body>" + "<span>a</span>" * 2000 + "</body></html>"
    from govlint.errors import LoadError
    with pytest.raises(LoadError) as e:
        load_html("x.html", html.encode(), Limits(max_elements=1000))
    assert e.value.code == "GL908"


def test_two_column_layout_table_without_inner_tables(tmp_path):
    article = "".join(f"<p>第{i}段：" + "政府信息公开工作" * 10 + "</p>" for i in range(10))
    html = f"<table><tr><td>导航</td><td>{article}</td></tr></table>"
    doc = _load(tmp_path, html)
    assert not any(ln.cells for ln in doc.lines)
    assert len(doc.lines) == 11


def test_wrong_declared_charset(tmp_path):
    c = standard_content()
    # declared gb2312, saved as UTF-8 (common on portals) — and the reverse
    assert _load(tmp_path, to_html(c, charset="gb2312")).lines[1].text.startswith("某市人民政府")
    assert _load(tmp_path, to_html(c, charset="utf-8"), encoding="gb18030").lines[1].text \
        .startswith("某市人民政府")
