"""The report year: what the report calls itself comes before what its data period says.

A title without a year, a first sentence "现公布…2019年政府信息公开工作年度报告"
and a statistics period of 2018: the report is for 2019 and the period is
wrong (GL302).  Taking the year from the period would hide exactly that.
"""
from __future__ import annotations

import pytest

from govlint.config import Config
from govlint.engine import run
from govlint.parse import parse_text
from govlint.scaffold.synth import render_report

UNDATED_TITLE = "示例县人民政府办公室政府信息公开工作年度报告"
WRONG_PERIOD = "本报告中所列数据的统计期限自2018年1月1日起至2018年12月31日止。全年受理申请6件。"


def _report(first: str, path: str = "r.md", title: str = UNDATED_TITLE):
    md = render_report("2019", 2019, title=title, section_text={1: first + WRONG_PERIOD})
    return parse_text(md, path)


def test_first_sentence_naming_the_report_gives_the_year():
    rep = _report("根据《条例》要求，现公布示例县人民政府办公室2019年政府信息公开工作年度报告。")
    assert rep.year == 2019
    codes = [d.code for d in run(rep, Config())]
    assert "GL302" in codes and "GL303" not in codes  # dated 2020-01-20: in time for 2019


@pytest.mark.parametrize("name,year", [("示例县2019年报.md", 2019), ("reports/huaian-2019.md", 2019),
                                        ("a2019b.md", 2018), ("20190115.md", 2018),
                                        ("2019-2020.md", 2018)])
def test_file_name_year_when_the_text_does_not_name_itself(name, year):
    rep = _report("根据《条例》要求，现公布本机关年度报告。", path=name)
    assert rep.year == year  # 2018: nothing better than the most named year


def test_title_year_still_comes_first():
    rep = _report("现公布示例县2018年政府信息公开工作年度报告。", path="2017.md",
                  title="示例县人民政府办公室2019年政府信息公开工作年度报告")
    assert rep.year == 2019
    assert "GL302" in [d.code for d in run(rep, Config())]
