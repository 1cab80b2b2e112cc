"""The HTML report, checked structurally (no browser needed).

Every finding must be listed and drawn where it belongs: on its table cell,
row or table when the span names one, else on its source line; every badge
and link must resolve to an element on the page; nothing may load from the
network.
"""
from __future__ import annotations

import re

import lxml.html
import pytest

from gen.output_fixtures import RULES, all_results, count, docx_report, main_report
from govlint.output import render
from govlint.output.html_body import cell_id, finding_id, line_id, row_id, table_id


def _doc(results, **kw):
    return lxml.html.fromstring(render("html", results, rules=RULES, **kw))


def _by_id(doc, id_: str):
    found = doc.xpath("//*[@id=$i]", i=id_)
    assert len(found) == 1, f"id {id_!r} found {len(found)} times"
    return found[0]


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def test_single_report_has_no_summary_and_lists_every_finding():
    r = main_report()
    doc = _doc([r])
    assert not doc.xpath('//*[@id="summary"]')
    items = doc.xpath('//li[contains(@class,"finding")]')
    assert len(items) == len(r.diagnostics) == 5
    messages = [" ".join(li.xpath('.//div[@class="msg"]//text()')) for li in items]
    for d in r.diagnostics:
        assert d.message in messages


def test_findings_are_anchored_on_cell_row_table_and_line():
    r = main_report()
    doc = _doc([r])
    # sidebar numbering follows the sorted diagnostics: 1 GL301, 2 GL601, 3 GL201, 4 GL103, 5 GL110
    codes = [li.xpath('.//span[@class="code"]//text()')[0] for li in doc.xpath('//li[@id]')]
    assert codes == ["GL301", "GL601", "GL201", "GL103", "GL110"]
    expected = {
        3: cell_id(1, "t3.new.total"),  # GL201 on its cell
        4: row_id(1, "t3", "other.overdue_fee"),  # GL103 on its (missing) row
        5: table_id(1, "t4"),  # GL110 on the table
        2: line_id(1, 4),  # GL601 on its sentence
    }
    for k, target in expected.items():
        el = _by_id(doc, target)
        assert {"hit"} <= _classes(el), target
        badges = el.xpath('.//a[contains(@class,"badge")]/@href')
        assert f"#{finding_id(1, k)}" in badges, (target, badges)
        item = _by_id(doc, finding_id(1, k))
        assert f"#{target}" in item.xpath('.//div[@class="loc"]/a/@href')
    assert "error" in _classes(_by_id(doc, cell_id(1, "t3.new.total")))
    assert "warning" in _classes(_by_id(doc, line_id(1, 4)))
    # the cell finding also marks its source line
    assert f"#{finding_id(1, 3)}" in _by_id(doc, line_id(1, 15)).xpath('.//a/@href')
    # the file-level finding has no anchor and says so
    assert "整个文件" in _by_id(doc, finding_id(1, 1)).text_content()


def test_span_text_is_underlined_in_the_source():
    doc = _doc([main_report()])
    marks = _by_id(doc, line_id(1, 4)).xpath('.//mark')
    assert [m.text for m in marks] == ["予以公开 3 件"] and "warning" in _classes(marks[0])


def test_tables_use_chinese_labels_in_template_order():
    doc = _doc([main_report()])
    t3 = _by_id(doc, table_id(1, "t3"))
    labels = [th.text_content() for th in t3.xpath('.//th[contains(@class,"label")]')]
    assert labels[0] == "一、本年新收政府信息公开申请数量"
    assert labels[2] == "（一）予以公开"
    assert labels[-1] == "四、结转下年度继续办理"
    assert labels.index("（七）总计") == len(labels) - 2
    heads = " ".join(t3.xpath('.//tr[@class="subhead"]//th/text()'))
    for word in ["自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]:
        assert word in heads
    groups = t3.xpath('.//tr[@class="group"]/th/text()')
    assert groups[:2] == ["三、本年度办理结果", "（三）不予公开"]
    assert _by_id(doc, cell_id(1, "t3.new.total")).text == "5"
    assert "blank" in _classes(_by_id(doc, cell_id(1, "t3.denied.state_secret.commercial")))
    assert "missing" in _classes(_by_id(doc, cell_id(1, "t3.other.overdue_fee.total")))
    t4 = _by_id(doc, table_id(1, "t4"))
    assert "结果维持" in t4.text_content() and "行政复议" in t4.text_content()
    t2 = _by_id(doc, table_id(1, "t2"))
    assert "本年制发件数" in t2.text_content() and "行政规范性文件" in t2.text_content()


def test_many_reports_get_a_summary_linking_to_each_section():
    results = all_results()
    doc = _doc(results)
    summary = _by_id(doc, "summary")
    links = summary.xpath('.//a[starts-with(@href,"#rep")]/@href')
    sections = doc.xpath('//section[contains(@class,"report")]/@id')
    assert sorted(links) == sorted(f"#{s}" for s in sections) and len(sections) == len(results)
    text = summary.text_content()
    for code in ["GL201", "GL601", "GL103", "GL110", "GL301", "GL901"]:
        assert code in text
    assert "示例区人民政府办公室" in text and "（未识别）" in text
    # worst files first: the report with 3 errors heads the file table
    first = _by_id(doc, "worst-files").xpath('.//tbody/tr[1]/td[1]//text()')
    assert first == ["reports/示例区人民政府办公室2025年报告.md"]
    # every finding of every report is listed once
    assert len(doc.xpath('//li[contains(@class,"finding")]')) == count(results)


def test_every_internal_link_resolves():
    doc = _doc(all_results())
    ids = set(doc.xpath("//@id"))
    assert len(ids) == len(doc.xpath("//@id")), "duplicate ids"
    for href in doc.xpath('//a/@href'):
        if href.startswith("#"):
            assert href[1:] in ids, href


def test_unparsed_and_docx_reports():
    doc = _doc(all_results())
    assert "无法解析此文件" in doc.text_content()
    # the DOCX finding names a cell of a table that was not found: drawn on the table box
    n = sorted(r.path for r in all_results()).index(docx_report().path) + 1
    box = _by_id(doc, table_id(n, "t3"))
    assert "hit" in _classes(box) and "表三（文档中第3个表格）第5行第8列" in _by_id(doc, finding_id(n, 1)).text_content()


def test_self_contained_no_network():
    out = render("html", all_results(), rules=RULES)
    assert out.count("<html") == 1 and "<style>" in out and "<script>" in out
    assert not re.search(r"<link\b|<img\b|@import|url\(|<script[^>]+src=", out)
    external = [h for h in re.findall(r'href="([^"#][^"]*)"', out)]
    assert set(external) <= {m.url for m in RULES.values() if m.url}


@pytest.mark.parametrize("lang,word", [("zh", "问题"), ("en", "Findings")])
def test_language(lang, word):
    doc = _doc([main_report()], lang=lang)
    assert word in doc.xpath('//aside//h3/text()')[0]
    assert doc.get("lang") == ("zh-CN" if lang == "zh" else "en")


def test_excerpt_mode_for_many_reports(monkeypatch):
    from govlint.output import html as html_mod
    monkeypatch.setattr(html_mod, "FULL_TEXT_LIMIT", 1)
    doc = _doc(all_results())
    n = sorted(r.path for r in all_results()).index(main_report().path) + 1
    shown = doc.xpath(f'//section[@id="rep{n}"]//div[contains(@class,"src-line")]/@id')
    assert line_id(n, 4) in shown and line_id(n, 15) in shown
    assert line_id(n, 9) not in shown  # far from any finding
    assert doc.xpath(f'//section[@id="rep{n}"]//div[contains(@class,"gap")]')
