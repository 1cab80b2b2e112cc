"""PDF loader: text lines with pages, ruled tables recovered as grid rows."""
from __future__ import annotations

import pytest

from gen.paths import SHARED
from gen.build import Content, Section, expected_rows, standard_content, to_pdf
from govlint.load import Limits, load
from govlint.load.pdf import load_pdf

HUAIAN = SHARED / "corpus" / "001_huaian-shi-2024.pdf"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    c = standard_content()
    p = tmp_path_factory.mktemp("pdf") / "r.pdf"
    to_pdf(c, str(p))
    return c, load(str(p))


def test_ruled_tables_become_rows(generated):
    c, doc = generated
    assert doc.kind == "pdf"
    assert [ln.text for ln in doc.lines if ln.cells] == expected_rows(c)


def test_pages_and_line_numbers(generated):
    _, doc = generated
    assert doc.pages and doc.pages >= 2
    assert all(ln.page for ln in doc.lines)
    assert [ln.lines[0] for ln in doc.lines] == list(range(1, len(doc.lines) + 1))
    assert len(doc.source_lines) == len(doc.lines)
    t3 = next(ln for ln in doc.lines if ln.text.startswith("一、本年新收"))
    assert t3.page == 2  # the table did not fit on page 1
    assert t3.span(doc.path, 0, 2).where == "表格2 第4行 第1列"


@pytest.mark.parametrize("ruling", ["lines", "filled"])
def test_other_ruling_styles(tmp_path, ruling):
    c = standard_content()
    p = tmp_path / "r.pdf"
    to_pdf(c, str(p), ruling=ruling)
    assert [ln.text for ln in load(str(p)).lines if ln.cells] == expected_rows(c)


def test_unruled_tables_stay_text(tmp_path):
    p = tmp_path / "plain.pdf"
    to_pdf(standard_content(), str(p), ruled=False)
    doc = load(str(p))
    assert not any(ln.cells for ln in doc.lines)
    assert any("3119" in ln.text for ln in doc.lines)


def test_kangxi_radicals_normalised(tmp_path):
    p = tmp_path / "k.pdf"
    to_pdf(Content("⼀、总体情况", [Section("⼆、主动公开", ["⼯作 １２３"])]), str(p))
    doc = load(str(p))
    assert [ln.text for ln in doc.lines] == ["一、总体情况", "二、主动公开", "工作 123"]
    assert doc.source_lines[0] == "⼀、总体情况"


def test_max_pages_reads_first_pages_and_warns(tmp_path):
    p = tmp_path / "long.pdf"
    c = Content("标题", [Section(f"第{i}节", ["正文" * 200]) for i in range(30)])
    to_pdf(c, str(p))
    full = load(str(p))
    doc = load_pdf(str(p), p.read_bytes(), Limits(max_pages=2))
    assert doc.warnings and "只读取了前 2 页" in doc.warnings[0]
    assert {ln.page for ln in doc.lines} == {1, 2} and len(full.lines) > len(doc.lines)


def test_end_to_end_parse(generated, tmp_path):
    from govlint.parse import parse_document
    report = parse_document(generated[1])
    assert report.value("t3.new.total") == 3119
    assert report.value("t3.carry_forward.total") == 39
    assert report.value("t4.review.upheld") == 5
    assert len(report.sections) == 6


def test_real_corpus_pdf():
    from govlint.parse import parse_document
    doc = load(str(HUAIAN))
    assert doc.pages == 6
    assert not any(ln.text.strip("- ").isdigit() for ln in doc.lines)  # page numbers dropped
    rows = [ln.text for ln in doc.lines if ln.cells]
    assert "一、本年新收政府信息公开申请数量\t\t\t3001\t53\t0\t0\t61\t4\t3119" in rows
    assert "72\t64\t178\t37\t351\t13\t4\t8\t1\t26\t12\t1\t1\t6\t20" in rows
    report = parse_document(doc)
    v = report.value
    assert (v("t3.new.total"), v("t3.carried_over.total")) == (3119, 34)
    assert (v("t3.total_handled.total"), v("t3.carry_forward.total")) == (3050, 103)
    assert v("t2.fees.amount") == 96171.6
    cell = report.cell("t3.new.total")
    assert cell.span.page == 4
    # the T3 rows on page 5 continue table 3 rather than starting a new one
    assert report.cell("t3.carry_forward.total").span.where.startswith("表格3 ")
