"""DOCX loader: body order, merged cells as a grid, Word numbering, locators."""
from __future__ import annotations

import docx
import pytest
from docx.oxml import parse_xml

from gen.build import expected_paragraphs, expected_rows, standard_content, to_docx
from govlint.load import load
from govlint.load._wordnum import chinese, fmt

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory):
    c = standard_content()
    p = tmp_path_factory.mktemp("docx") / "r.docx"
    to_docx(c, str(p))
    return c, load(str(p))


def test_rows_and_paragraphs_in_body_order(report_docx):
    c, doc = report_docx
    assert doc.kind == "docx"
    assert [ln.text for ln in doc.lines if ln.cells] == expected_rows(c)
    assert [ln.text for ln in doc.lines if not ln.cells] == expected_paragraphs(c)
    texts = [ln.text for ln in doc.lines]
    # the T3 rows come after the section 三 heading and before section 四
    assert texts.index("三、收到和处理政府信息公开申请情况") < \
        next(i for i, t in enumerate(texts) if t.startswith("一、本年新收")) < \
        texts.index("四、政府信息公开行政复议、行政诉讼情况")


def test_merged_cells_once_at_top_left(report_docx):
    _, doc = report_docx
    rows = [ln.text.split("\t") for ln in doc.lines if ln.cells and ln.cells[0].table_index == 2]
    assert rows[0][3] == "申请人情况" and rows[0][4:] == [""] * 6
    assert rows[1][4] == "法人或其他组织" and rows[1][5:9] == [""] * 4
    assert rows[5][0] == "三、本年度办理结果"
    assert all(r[0] == "" for r in rows[6:26])  # covered by the vertical merge
    assert {len(r) for r in rows} == {10}


def test_numbers_split_over_runs_are_joined(report_docx):
    _, doc = report_docx
    assert any("受理政府信息公开申请3119件" in ln.text for ln in doc.lines)


def test_locators(report_docx):
    _, doc = report_docx
    assert doc.lines[0].where == "第1段"
    assert len(doc.source_lines) == len(doc.lines)
    row = next(ln for ln in doc.lines if ln.text.startswith("一、本年新收"))
    i = row.text.rindex("3119")
    span = row.span(doc.path, i, i + 4)
    assert span.where == "表格2 第4行 第10列"
    assert doc.source_lines[span.line - 1][span.column - 1:span.end_column - 1] == "3119"


def test_word_numbering_is_rendered(tmp_path):
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {W_NS} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    numbered("总体情况", 0)
    numbered("主动公开", 1)
    numbered("依申请公开", 1)
    numbered("主动公开政府信息情况", 0)
    numbered("规章", 1)
    path = tmp_path / "n.docx"
    d.save(str(path))
    assert [ln.text for ln in load(str(path)).lines] == [
        "一、总体情况", "(一)主动公开", "(二)依申请公开", "二、主动公开政府信息情况", "(一)规章"]


def test_chinese_counting():
    assert [chinese(n) for n in (1, 10, 11, 20, 21, 99, 100, 105)] == \
        ["一", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零五"]
    assert fmt(3, "decimalEnclosedCircle") == "③" and fmt(2, "ideographTraditional") == "乙"


def test_vertical_merge_and_grid_before(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).text, t.cell(0, 1).text, t.cell(0, 2).text = "甲", "乙", "丙"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "合并"
    t.cell(1, 1).merge(t.cell(1, 2)).text = "横向"
    t.cell(2, 1).text, t.cell(2, 2).text = "1", "2"
    path = tmp_path / "m.docx"
    d.save(str(path))
    assert [ln.text for ln in load(str(path)).lines] == ["甲\t乙\t丙", "合并\t横向\t", "\t1\t2"]


def test_end_to_end_parse(tmp_path):
    from govlint.parse import parse_document
    p = tmp_path / "r.docx"
    to_docx(standard_content(), str(p))
    report = parse_document(load(str(p)))
    assert report.value("t3.new.total") == 3119
    assert report.value("t3.total_handled.total") == 3114
    assert report.value("t4.litigation_direct.total") == 4
    assert report.value("t2.penalty.decisions") == 3985758
    assert len(report.sections) == 6
