"""Cross-report rules on narrative text: copied from last year, copied between units.

Sections 一 (总体情况) and 五 (存在的主要问题及改进情况) are where a report
says what the body did and will do; reviewers score "与上年度重复率大于50%"
and see the same 五 in several units' reports every year.  Text is compared
after removing numbers and the template's own sentences (see
:mod:`govlint.batch.textsim`); the share found is in the message.
"""
from __future__ import annotations

from typing import Any, Iterable, Optional

from ..engine.pyrule import RuleContext
from ..labels import section_label
from ..model import BatchRecord, Diagnostic, Severity, Span
from .model import Batch, Entry
from .rule import BatchRule
from .textsim import containment, normalise, section_text, shingles, similar_pairs

# sentences every report has because the form or the rules ask for them
TEMPLATE_SENTENCES = [
    r"统计(?:期限|期间|时限|区间)",
    r"勾稽关系",
    r"^[（(][一二三四五六七八九十][）)][^，。,]{0,12}[。：:]?$",
    r"^(?:存在的?主要问题|改进情况|改进措施|主要问题)[：:]?$",
    r"如对本报告有任何疑问|联系电话|联系地址|邮编|网址",
]
_COMMON: dict[str, Any] = {"sections": [1, 5], "template_sentences": TEMPLATE_SENTENCES, "min_chars": 30,
                           "shingle": 5}


def _prepared(report: BatchRecord, number: int, opts: dict[str, Any], cache: dict) -> set[str]:
    key = (id(report), number, int(opts.get("shingle", 5)), int(opts.get("min_chars", 30)),
           tuple(opts.get("template_sentences") or []))
    if key not in cache:
        text = normalise(section_text(report, number), opts.get("template_sentences") or [])
        if len(text) < int(opts.get("min_chars", 30)):
            cache[key] = set()
        else:  # copies of one text (boilerplate) share one set: memory grows with the distinct texts
            by_text = ("text", text, int(opts.get("shingle", 5)))
            if by_text not in cache:
                cache[by_text] = shingles(text, int(opts.get("shingle", 5)))
            cache[key] = cache[by_text]
    return cache[key]


def _heading(report: BatchRecord, number: int) -> Optional[Span]:
    s = report.section(number)
    return s.span if s else None


def _pct(x: float) -> str:
    return f"{round(x * 100)}%"


class CopiedFromLastYear(BatchRule):
    code = "GL705"
    name = "copied-from-last-year"
    severity = Severity.WARNING
    options = {**_COMMON, "threshold": 0.5}
    message = {"zh": "{section}有{share}的文字与上年报告相同（去除数字和格式规定的语句后；阈值{threshold}）",
               "en": "{share} of {section} repeats last year's report (numbers and the form's own sentences "
                     "removed; threshold {threshold})"}
    summary = {"zh": "“总体情况”“存在的主要问题及改进情况”不照抄上年报告（重复率阈值默认50%）",
               "en": "sections 1 and 5 are not copied from last year (default threshold 50%)"}
    docs = {
        "rationale": {
            "zh": "年度报告应反映本年度的工作和问题。照抄上年的总体情况和问题改进，只改数字，是评估中常见的扣分项"
                  "（如“与上年度重复率大于50%”）。比较时去掉数字和格式本身规定的语句，重复率写在提示中；阈值可用"
                  "选项 threshold 调整（0–1）。",
            "en": "A report should describe this year's work and problems. Sections copied from last year with "
                  "only the numbers changed are a common scoring deduction (\"more than 50% repeated\"). "
                  "Numbers and the form's own sentences are removed first; the option threshold (0–1) sets the bar."},
        "basis": "《中华人民共和国政府信息公开条例》第四十九条、第五十条；各地政务公开评估细则（与上年度重复率）",
        "examples": {
            "fail": [{"template": "2021", "year": 2022,
                      "section_text": {"5": "存在的主要问题：一是信息发布的及时性不够，二是解读形式单一。"
                                            "改进情况：2022年将建立信息更新台账，每月检查3次栏目更新情况。"},
                      "also": [{"year": 2021,
                                "section_text": {"5": "存在的主要问题：一是信息发布的及时性不够，二是解读形式单一。"
                                                      "改进情况：2021年将建立信息更新台账，每月检查2次栏目更新情况。"}}]}],
            "pass": [{"template": "2021", "year": 2022,
                      "section_text": {"1": "本年度围绕乡村振兴和营商环境，主动公开政策文件和办事指南，依法答复申请。",
                                       "5": "存在的主要问题：基层工作人员变动频繁，业务培训覆盖不足。"
                                            "改进情况：组织两期专题培训，把政务公开纳入新入职人员培训课程。"},
                      "also": [{"year": 2021,
                                "section_text": {"1": "全年重点做好疫情防控信息发布，财政预决算按时在门户网站公开。",
                                                 "5": "存在的主要问题：政策解读以文字为主，图解和视频较少。"
                                                      "改进情况：联合宣传部门制作图解，重要政策同步发布解读视频。"}}]}],
        },
    }

    def check_batch(self, batch: Batch, ctx: RuleContext) -> Iterable[Diagnostic]:
        """Each report against the same unit's report of the year before, per compared section."""
        threshold = float(ctx.options.get("threshold", 0.5))
        for e in self.entries(batch):
            prev = batch.last_year(e)
            if prev is None:
                continue
            for number in ctx.options.get("sections") or [1, 5]:
                mine = _prepared(e.report, number, ctx.options, ctx.cache)
                theirs = _prepared(prev.report, number, ctx.options, ctx.cache)
                if not mine or not theirs:
                    continue
                share = containment(mine, theirs)
                if share > threshold:
                    yield self.finding(ctx, _heading(e.report, number), e.report,
                                       [_heading(prev.report, number)],
                                       section=section_label(number, ctx.lang, e.report.template),
                                       share=_pct(share), threshold=_pct(threshold))


class CopiedBetweenUnits(BatchRule):
    code = "GL706"
    name = "copied-between-units"
    severity = Severity.WARNING
    options = {**_COMMON, "threshold": 0.8}
    related = {"zh": "另一单位", "en": "other unit"}
    message = {"zh": "{section}与“{other}”的报告{share}相同（去除数字和格式规定的语句后）",
               "en": "{section} is {share} the same as the report of \"{other}\" (numbers and the form's own "
                     "sentences removed)"}
    messages = {"unchecked": {
        "zh": "本批有{n}份报告，未安装 datasketch，未检查单位之间的雷同文本（pip install 'govlint[supervisor]'）",
        "en": "{n} reports and datasketch is not installed: text shared between units was not checked "
              "(pip install 'govlint[supervisor]')"}}
    summary = {"zh": "不同单位的报告没有雷同的“总体情况”“存在的主要问题及改进情况”",
               "en": "different units' reports do not share sections 1 or 5"}
    docs = {
        "rationale": {
            "zh": "不同单位的报告“存在的主要问题及改进情况”一字不差，说明照抄了其他单位的报告，问题和措施并非本单位的。"
                  "相似度为两段文字（去掉数字和格式规定的语句后）的 Jaccard 相似度，阈值可用选项 threshold 调整；"
                  "大批量报告用 MinHash LSH 查找，无需两两比较。",
            "en": "Two units with word-for-word the same problems and measures copied one another's report. "
                  "Similarity is the Jaccard similarity of the two texts (numbers and the form's own sentences "
                  "removed), option threshold; large runs are searched with MinHash LSH, not pair by pair."},
        "basis": "《中华人民共和国政府信息公开条例》第四十九条（年度报告应包括本机关存在的主要问题及改进情况）",
        "examples": {
            "fail": [{"template": "2021", "year": 2022, "issuer": "示例县教育局",
                      "also": [{"issuer": "示例县卫生健康局"}]}],
            "pass": [{"template": "2021", "year": 2022, "issuer": "示例县教育局",
                      "also": [{"issuer": "示例县卫生健康局",
                                "section_text": {"1": "本局全年依法依规答复群众申请，政务公开专栏按月更新。",
                                                 "5": "存在的主要问题：医疗机构信息公开不够全面。"
                                                      "改进情况：督促各乡镇卫生院按统一目录公开服务信息。"}}]}],
        },
    }

    def check_batch(self, batch: Batch, ctx: RuleContext) -> Iterable[Diagnostic]:
        """Near-duplicate sections among this run's reports of different units."""
        threshold = float(ctx.options.get("threshold", 0.8))
        entries = [e for e in self.entries(batch) if e.unit is not None]
        for number in ctx.options.get("sections") or [1, 5]:
            items = {i: _prepared(e.report, number, ctx.options, ctx.cache) for i, e in enumerate(entries)}
            pairs = similar_pairs(items, threshold)
            if pairs is None:
                yield self.finding(ctx, None, entries[0].report, message=self.messages["unchecked"],
                                   severity=Severity.INFO, n=len(entries))
                return
            for a, b, sim in pairs:
                ea, eb = sorted((entries[a], entries[b]), key=lambda e: e.path)  # type: ignore[index]
                if ea.unit is eb.unit:
                    continue
                yield self._pair(ctx, eb, ea, number, sim)

    def _pair(self, ctx: RuleContext, mine: Entry, other: Entry, number: int, sim: float) -> Diagnostic:
        return self.finding(ctx, _heading(mine.report, number), mine.report, [_heading(other.report, number)],
                            section=section_label(number, ctx.lang, mine.report.template),
                            other=other.unit.name if other.unit else other.path, share=_pct(sim))


RULES = [CopiedFromLastYear, CopiedBetweenUnits]
