"""The review pack's kinds on the cases their examples do not pin down: one finding per
defect, silence where nothing can be judged (a cut-off copy, a missing cell)."""
from __future__ import annotations

from govlint.config import Config
from govlint.engine import run
from govlint.parse import parse_text
from govlint.scaffold.synth import render_report


def _findings(text: str, code: str) -> list[str]:
    return [d.message for d in run(parse_text(text, "r.md"), Config()) if d.code == code]


def test_parts_of_section_1_numbered_like_sections_is_one_finding():
    text = render_report("2021", 2022).replace("（一）主动公开。", "一、主动公开\n").replace(
        "（二）依申请公开。", "二、依申请公开\n").replace("（三）政府信息管理。", "三、政府信息管理\n")
    found = _findings(text, "GL112")
    assert found == ["标题“主动公开”重新从“一”开始编号（前面已编到“一”）；六个部分统一用一至六编号，部分内的小标题用（一）（二）"]


def test_sections_out_of_order_and_repeated_numbers():
    text = render_report("2021", 2022)
    four = text[text.index("## 四、"):text.index("## 五、")]
    swapped = text.replace(four, "").replace("## 六、", four + "## 六、")  # 四 after 五
    assert any("排在“五”之后" in m for m in _findings(swapped, "GL112"))
    assert _findings(render_report("2021", 2022).replace("## 五、存在", "## 四、存在"), "GL112") == [
        "标题“存在的主要问题及改进情况”与前一个一级标题同为“四”，编号重复"]


def test_a_sentence_listing_numerals_is_no_heading():
    text = render_report("2021", 2022).replace("（一）主动公开。", "一、二、三季度分别发布信息10条。\n（一）主动公开。")
    assert _findings(text, "GL112") == []
    restart = render_report("2021", 2022).replace("（一）主动公开。", "一、主动公开\n")
    assert len(_findings(restart, "GL112")) == 1  # a real heading numbered 一 is still seen


def test_a_missing_section_is_no_numbering_fault():
    assert _findings(render_report("2021", 2022, omit_sections=(4,)), "GL112") == []


def test_section_5_cut_off_at_its_heading_is_not_judged_but_an_empty_5_is():
    text = render_report("2021", 2022)
    cut = text[:text.index("## 五、")] + "## 五、存在的主要问题及改进情况\n"
    assert _findings(cut, "GL620") == []
    empty = render_report("2021", 2022, section_text={5: ""})
    assert _findings(empty, "GL620") == [
        "“五、存在的主要问题及改进情况”只有0个字的实际内容（如“无”“本年度未发现问题”），应写明存在的主要问题及改进情况"]


def test_section_5_with_problems_but_no_improvement():
    text = render_report("2021", 2022, section_text={5: "存在的主要问题：政策解读不够深入，信息更新不及时。"})
    assert _findings(text, "GL620") == ["“五、存在的主要问题及改进情况”没有写改进情况"]


def test_claim_is_not_judged_when_the_table_cell_is_missing():
    text = render_report("2021", 2022, cells={"t4.review.total": None},
                         section_text={4: "本年度未发生政府信息公开行政复议。"})
    assert _findings(text, "GL622") == []
    judged = render_report("2021", 2022, section_text={4: "本年度未发生政府信息公开行政复议。"})
    assert len(_findings(judged, "GL622")) == 1  # the default 表四 has 2 reviews


def test_amount_decimals_are_read_from_the_text_as_written():
    text = render_report("2021", 2022).replace("\n行政事业性收费\t0\n", "\n行政事业性收费\t0.00001\n")
    assert len(_findings(text, "GL127")) == 1
    ok = render_report("2021", 2022).replace("\n行政事业性收费\t0\n", "\n行政事业性收费\t96171.6\n")
    assert _findings(ok, "GL127") == []


def test_2019_change_column_may_be_negative_but_counts_may_not():
    assert _findings(render_report("2019", 2020, cells={"t2.licensing.change": -5}), "GL126") == []
    assert len(_findings(render_report("2019", 2020, cells={"t2.licensing.decisions": -5}), "GL126")) == 1


def test_a_claim_without_a_subject_speaks_of_the_clause_before_it():
    def claims(text: str) -> list[str]:
        report = render_report("2021", 2022).replace("（一）主动公开。", text + "\n（一）主动公开。")
        return _findings(report, "GL621")

    assert claims("上年度结转申请1件，已全部办结。") == []  # last year's requests
    assert claims("本年度收到申请6件，均已办结。") != []
    # "所有申请" names its own subject: quoted whole, whatever the clause before says
    assert [m.split("”")[0] for m in claims("本年度新收申请6件，上年结转1件，所有申请均已办结。")] == ["正文称“所有申请均已办结"]


def test_a_heading_repeated_word_for_word_is_no_numbering_fault():
    # some reports repeat the section's heading as the caption of its table
    text = render_report("2021", 2022).replace("## 二、主动公开政府信息情况\n",
                                               "## 二、主动公开政府信息情况\n\n二、主动公开政府信息情况\n", 1)
    assert _findings(text, "GL112") == []
    # a different heading with the number of the one before is still one finding, not one per section after
    misnumbered = render_report("2021", 2022).replace("## 五、存在", "## 四、存在")
    assert len(_findings(misnumbered, "GL112")) == 1
