"""Layouts found in real published reports beyond ../shared (minimal snippets).

Each case is a pattern a scout run over real portal pages and PDF text found
the parser getting wrong; the snippets are rewritten, not copied.
"""
from __future__ import annotations

from govlint.load import load
from govlint.parse import parse_document, parse_text

T3_HEAD = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def test_merged_label_cells_in_html_are_not_blank_cells(tmp_path):
    html = f"""<html><head><meta charset="utf-8"></head><body>
<p>某区人民政府办公室2021年政府信息公开工作年度报告</p><p>三、收到和处理政府信息公开申请情况</p>
<table>
<tr><td colspan="2" rowspan="3">{T3_HEAD}</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="2">一、本年新收政府信息公开申请数量</td><td>260</td><td>12</td><td></td><td></td><td>1</td><td>1</td><td></td></tr>
<tr><td rowspan="2">三、本年度办理结果</td><td>（一）予以公开</td><td>258</td><td>12</td><td></td><td></td><td>1</td><td>1</td><td></td></tr>
<tr><td>（二）部分公开（区分处理的，只计这一情形，不计其他情形）</td><td>3</td><td></td><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td colspan="2">四、结转下年度继续办理</td><td></td><td></td><td></td><td></td><td></td><td></td><td></td></tr>
</table></body></html>"""
    path = tmp_path / "r.html"
    path.write_text(html, encoding="utf-8")
    r = parse_document(load(str(path)))
    row = lambda key: [r.value(f"t3.{key}.{c}") for c in (  # noqa: E731
        "natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")]
    assert row("new") == [260, 12, None, None, 1, 1, None]
    assert row("granted") == [258, 12, None, None, 1, 1, None]
    assert row("partial") == [3, None, None, None, None, None, None]
    # an all-blank row of a native table is blank, not absent
    assert r.cell("t3.carry_forward.natural_person") is not None
    assert r.value("t3.carry_forward.natural_person") is None


def test_merged_middle_column_in_2019_t2(tmp_path):
    html = """<html><body><p>某县2019年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p><table>
<tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年新制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td></tr>
<tr><td>规章</td><td colspan="2">13</td><td>524</td></tr>
<tr><td>规范性文件</td><td>2</td><td>2</td><td>40</td></tr></table></body></html>"""
    path = tmp_path / "t2.html"
    path.write_text(html, encoding="utf-8")
    r = parse_document(load(str(path)))
    # a number merged across two columns counts for both
    assert [r.value(f"t2.rules.{c}") for c in ("new_made", "new_published", "total_published")] == [13, 13, 524]
    assert [r.value(f"t2.normative_docs.{c}") for c in ("new_made", "new_published", "total_published")] == [2, 2, 40]


WRAPPED = """某县市场监督管理局2022年政府信息公开工作年度报告
二、主动公开政府信息情况
2022 年,我局制发规章 0 件,主动公开行政规范性文件 2 件,
公开行政许可信息 1260 条、行政处罚信息 35 条。
第二十条第(一)项
信息内容 本年制发件数 本年废止件数 现行有效件数
规章 0 0 0
行政规范性文件 2 1 9
第二十条第(五)项
信息内容 本年处理决定数量
行政许可 1260
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
本年度因政府信息公开被申请行政复议 2 件,均维
持原决定。
行政复议 行政诉讼
结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉
结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计
2 0 0 0 2 0 0 0 0 0 0 0 0 0 0
2022 年未发生行政诉讼 0 起
五、存在的主要问题及改进情况
"""


def test_sentences_wrapped_by_pdf_extraction_stay_out_of_tables():
    r = parse_text(WRAPPED, "wrapped.txt")
    assert [r.value(f"t2.rules.{c}") for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert [r.value(f"t2.normative_docs.{c}") for c in ("issued", "repealed", "in_force")] == [2, 1, 9]
    assert r.value("t4.review.upheld") == 2 and r.value("t4.review.total") == 2
    assert r.value("t4.litigation_after_review.total") == 0
    assert not [n for n in r.notes if n.kind in ("extra_values", "value_count")], r.notes


def test_signed_changes_in_2019_t2():
    text = """某县卫生健康局2020年政府信息公开工作年度报告
二、主动公开政府信息情况
第二十条第(五)项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政许可 13 +3 847
"""
    r = parse_text(text, "signed.txt")
    assert [r.value(f"t2.licensing.{c}") for c in ("previous_count", "change", "decisions")] == [13, 3, 847]


def test_titles_and_issuers_as_portals_print_them():
    cases = {
        "2019年上海市人民政府办公厅政府信息公开工作年度报告\n一、总体情况\n": ("上海市人民政府办公厅", 2019),
        "首页 > 政务公开 > 年报 > 2021 > 街道办事处政府信息公开工作年度报告\n"
        "2021年迎宾路街道政府信息公开工作年度报告\n一、总体情况\n": ("迎宾路街道", 2021),
        "Page 8 - 某市某区信访局2022年政府信息公开工作年度报告\n一、总体情况\n": ("某市某区信访局", 2022),
        "驼峰路街道办事处政府信息公开工作年度报告\n一、总体情况\n2020年,我街道…\n": ("驼峰路街道办事处", 2020),
    }
    for text, (issuer, year) in cases.items():
        r = parse_text(text, "t.txt")
        assert (r.issuer, r.year) == (issuer, year), text


def test_title_with_table_debris_and_arabic_section_numbers():
    text = ("某市审计局2022年政府信息公开工作年度报告 | ||||||||||||||||||||||||||||||||||||||||||||||"
            "||||||||||||||||||||||||||\n1、 总体情况\n2022年，我局……\n2、主动公开政府信息情况\n")
    r = parse_text(text, "t.txt")
    assert (r.issuer, r.year) == ("某市审计局", 2022)
    assert [(s.number, s.standard) for s in r.sections] == [(1, False), (2, False)]


def test_table_cut_after_a_row_does_not_conjure_the_next():
    text = """某区司法局2022年政府信息公开工作年度报告
二、主动公开政府信息情况
第二十条第(六)项 |
信息内容 |
本年处理决定数量 |
行政处罚 |
3 |
行政强制 |
0 |
||
第二十条第(
"""
    r = parse_text(text, "cut.txt")
    assert r.value("t2.enforcement.decisions") == 0
    assert r.cell("t2.fees.amount") is None
    assert {n.row for n in r.notes if n.kind == "rows_cut_off"} >= {"fees"}


def test_headings_run_into_one_paragraph_are_found():
    text = ("某市审计局2022年政府信息公开工作年度报告\n"
            "根据《条例》规定，现公布本报告。电子版可在本局网站下载。 一、总体情况 2022年，我局认真落实……"
            "全年主动公开信息120条。 二、主动公开政府信息情况 本年度……。 三、收到和处理政府信息公开申请情况"
            " 全年共受理申请2件。\n")
    r = parse_text(text, "run-on.txt")
    assert [s.number for s in r.sections] == [1, 2, 3]
    assert all(s.standard for s in r.sections)
    first = r.sections[0]
    assert first.span.line == 2 and text.splitlines()[1][first.span.column - 1:].startswith("一、总体情况")


def test_a_preamble_listing_the_sections_is_not_where_they_are():
    # "本报告包括：一、总体情况；二、…；三、…。": headings listed in a sentence, each with no text
    # of its own after it, are a table of contents; the sections are the headings further down
    listing = "本报告包括：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况。"
    text = ("某县审计局2022年政府信息公开工作年度报告\n" + listing + "\n一、总体情况\n本年度……\n"
            "二、主动公开政府信息情况\n本年度……\n三、收到和处理政府信息公开申请情况\n全年共受理申请2件。\n")
    r = parse_text(text, "listing.txt")
    assert [(s.number, s.span.line) for s in r.sections] == [(1, 3), (2, 5), (3, 7)]
