"""Issuer (发布机关) detection over every real report, and the name matching pairing stands on.

The expected issuer of each real report was decided by reading the file: the
name a person would give, as the report itself spells it.  Two excerpts
never name their body (a 雄县 township that only says "我乡", a 长春市 bureau
that only says "我局"): for them the right answer is "not named".
"""
from __future__ import annotations

import pytest

from govlint.load import load
from govlint.parse import parse_document, parse_text
from govlint.parse.issuer import issuer_key, same_body

from gen.paths import CORPUS, SEEDS

EXPECTED = {
    # seeds
    "000_0119a7a489d5d32c.txt": "红旗区人民政府",
    "001_8e7f9fba4889a118.txt": "红旗区人民政府办公室",
    "002_64068642beb0e7e1.txt": "红旗满族乡",  # title; the 落款 红旗满族乡人民政府 is the same body
    "003_1ee472de9be0b35c.txt": "卫滨区人民政府办公室",
    "004_4ae8e34d3be90645.txt": "红旗区科学技术局",
    # corpus
    "001_huaian-shi-2024.pdf": "淮安市人民政府",  # on the line above the title
    "003_xiongxian-xiang-2019.txt": None,  # only "我乡"
    "005_baotou-jiuyuan-zwfwj-2022.txt": "九原区政务服务局",
    "007_changchun-erdao-fwzsb-2022.txt": "二道区房屋征收工作管理办公室",  # first sentence of 一
    "009_panzhihua-yanbian-xinjiu-zhen-2021.txt": "盐边县新九镇人民政府",  # above the repeated title
    "011_yiyang-taojiang-sjj-2020.txt": "桃江县审计局",  # "县审计局", completed from the contact line
    "013_hengyang-hengdong-yanglin-zhen-2023.txt": "衡阳市衡东县杨林镇",  # title after the breadcrumbs
    "015_tieling-changtu-qijiazi-zhen-2023.txt": "昌图县七家子镇",  # garbled title "…工作告年度报"
    "017_jining-weishan-liangcheng-zhen-2020.txt": "两城镇人民政府",  # "由两城镇人民政府党政办公室编制"
    "019_ganzi-derong-wjj-2019.txt": "得荣县卫生健康局",
    "021_chaoyang-jianping-wjj-2020.txt": "建平县卫生健康局",
    "023_shanwei-lufeng-hedong-zhen-2021.txt": "河东镇",
    "025_xian-lintong-muzhai-jiedao-2021.txt": "穆寨街道办事处",  # "现将穆寨街道办事处2021年度信息公开工作…"
    "027_changchun-shizhi-bumen-2023.txt": None,  # only "我局"
    "029_nanchong-yilong-xinzheng-zhen-2023.txt": "仪陇县新政镇",
}

REAL = [*SEEDS, *CORPUS]


def test_every_real_report_has_a_stated_issuer():
    assert sorted(p.name for p in REAL) == sorted(EXPECTED)


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_issuer_of_real_report(path):
    report = parse_document(load(str(path)))
    assert report.issuer == EXPECTED[path.name]
    if report.issuer:
        span = report.issuer_span
        assert span is not None and span.line > 0  # a place a person can look at
    # none of the real reports names two different bodies
    assert not [n for n in report.notes if n.kind == "issuer_conflict"]


def test_hit_rate_is_everything_nameable():
    named = [p for p in REAL if EXPECTED[p.name]]
    hits = [p for p in named if parse_document(load(str(p))).issuer == EXPECTED[p.name]]
    assert len(hits) == len(named) == 18


@pytest.mark.parametrize("a,b", [
    ("淮安市人民政府", "江苏省淮安市人民政府"),
    ("淮安市人民政府", "淮安市政府"),
    ("红旗区人民政府办公室", "红旗区政府办"),
    ("红旗满族乡", "红旗满族乡人民政府"),
    ("穆寨街道办事处", "穆寨街道"),
    ("衡东县杨林镇", "衡阳市衡东县杨林镇人民政府"),
    ("X县人民政府（县政务服务中心）", "X县人民政府(县政务服务中心)"),
    ("红旗区 科学技术局", "红旗区科学技术局"),
])
def test_same_body_tolerates_wording(a, b):
    assert same_body(a, b) and same_body(b, a)


@pytest.mark.parametrize("a,b", [
    ("红旗区教育局", "红旗区教育体育局"),
    ("示例县人民政府", "示例县人民政府办公室"),
    ("淮安市人民政府", "淮安区人民政府"),
    ("教育局", "红旗区教育局"),  # no place of its own: could be any county's
    ("东城区教育局", "西城区教育局"),
])
def test_same_body_never_merges_two_bodies(a, b):
    assert not same_body(a, b) and not same_body(b, a)
    assert issuer_key(a) != issuer_key(b)


def _body(title: str, first: str, closing: str) -> str:
    return f"{title}\n\n一、总体情况\n\n{first}\n\n五、存在的主要问题及改进情况\n\n无。\n\n{closing}\n"


def test_portal_source_used_only_when_nothing_else_names_the_body():
    text = "来源：红旗区人民政府办公室 发布时间：2023-01-20\n\n一、总体情况\n\n我局全年主动公开信息20条。\n"
    r = parse_text(text, "page.html.txt", kind="text")
    assert (r.issuer, r.issuer_source) == ("红旗区人民政府办公室", "portal")
    r = parse_text("来源：红旗区人民政府办公室\n" + _body("红旗区科学技术局2022年政府信息公开工作年度报告",
                                                   "全年主动公开信息20条。", ""), "a.txt", kind="text")
    assert r.issuer == "红旗区科学技术局"
    assert not [n for n in r.notes if n.kind == "issuer_conflict"]  # the portal never conflicts


def test_file_name_is_the_last_resort():
    r = parse_text("一、总体情况\n\n我局全年主动公开信息20条。\n", "reports/红旗区水利局2023年报.txt", kind="text")
    assert (r.issuer, r.issuer_source, r.issuer_span) == ("红旗区水利局", "filename", None)


def test_conflict_between_title_and_signature_is_noted_with_both_places():
    r = parse_text(_body("红旗区科学技术局2022年政府信息公开工作年度报告", "全年主动公开信息20条。",
                         "红旗区教育局\n2023年1月20日"), "a.txt", kind="text")
    notes = [n for n in r.notes if n.kind == "issuer_conflict"]
    assert r.issuer == "红旗区科学技术局" and len(notes) == 1
    assert notes[0].data["name"] == "红旗区教育局" and notes[0].span.line == 11
    assert notes[0].data["chosen_span"].line == 1


def test_publishing_sentence_names_the_body():
    text = ("根据《条例》要求，现将红旗区水利局2023年政府信息公开工作年度报告公布如下。\n\n"
            "一、总体情况\n\n2023年，我局认真贯彻落实。\n")
    r = parse_text(text, "x.txt", kind="text")
    assert (r.issuer, r.issuer_source) == ("红旗区水利局", "sentence")
    assert r.issuer_span.line == 1 and r.issuer_span.column == 12
