"""Cross-report rules on numbers: 结转 carried over, 现行有效 chained, two versions of one report.

Identities across years (FORMAT.md "Across years"): this year's 二、上年结转
equals last year's 四、结转下年度继续办理 in every column; in the 2021 format,
last year's 现行有效 + this year's 本年制发 − 本年废止 = this year's 现行有效
for 规章 and 行政规范性文件.  A cell either report lacks is not compared.
"""
from __future__ import annotations

from typing import Iterable

from ..engine.pyrule import RuleContext, fmt_num
from ..labels import message_cell_label, message_column_label, message_row_label
from ..model import Diagnostic, Severity
from .model import Batch
from .rule import BatchRule

BASIS_T3 = "国办公开办函〔2021〕30号、〔2019〕60号（表三“二、上年结转”与上年“四、结转下年度继续办理”）"


def _en(ctx: RuleContext) -> str:
    return "en" if ctx.lang.startswith("en") else "zh"


class CarriedOver(BatchRule):
    code = "GL701"
    name = "carried-over-matches-last-year"
    severity = Severity.WARNING
    message = {"zh": "表三“二、上年结转”{column}为{this}，上年报告“四、结转下年度继续办理”为{last}，相差{diff}",
               "en": "Table 3 II (carried over), {column}: {this}, but last year's report carried "
                     "{last} forward (IV); difference {diff}"}
    summary = {"zh": "本年“上年结转”等于上年“结转下年度继续办理”（逐列）",
               "en": "carried over = last year's carried forward, per column"}
    docs = {
        "rationale": {
            "zh": "上年未办结、结转到本年的申请，在本年报告中就是“上年结转”。两份报告数字不一致，说明其中一份填错，"
                  "或有申请在年度之间被遗漏。",
            "en": "Requests last year's report carried forward are this year's carried-over requests; "
                  "if the two reports disagree, one is wrong or requests were lost between years."},
        "basis": BASIS_T3,
        "examples": {
            "fail": [{"template": "2021", "year": 2022, "set": {"t3.carried_over.natural_person": 2},
                      "also": [{"year": 2021, "section_text": {"5": "本年度人员变动较大，培训不足。"}}]}],
            "pass": [{"template": "2021", "year": 2022,
                      "also": [{"year": 2021, "section_text": {"5": "本年度人员变动较大，培训不足。"}}]}],
        },
    }

    def check_batch(self, batch: Batch, ctx: RuleContext) -> Iterable[Diagnostic]:
        """Per column of 表三, this year's carried_over against last year's carry_forward."""
        for e in self.entries(batch):
            prev = batch.last_year(e)
            if prev is None:
                continue
            cols = [k.rsplit(".", 1)[1] for k in e.report.expected.get("t3", []) if k.startswith("t3.new.")]
            for col in cols:
                this_key, last_key = f"t3.carried_over.{col}", f"t3.carry_forward.{col}"
                this, last = e.report.value(this_key), prev.report.value(last_key)
                if this is None or last is None:
                    continue
                if abs(this - last) > 1e-9:
                    yield self.finding(ctx, e.report.cell_span(this_key), e.report, [prev.report.cell_span(last_key)],
                                       column=message_column_label("t3", col, _en(ctx), e.report.template),
                                       this=this, last=last, diff=abs(this - last))


class InForceChain(BatchRule):
    code = "GL702"
    name = "in-force-chain"
    severity = Severity.WARNING
    when = {"template": ["2021"]}
    message = {"zh": "表二“{row}”现行有效件数为{this}，但上年现行有效{last} + 本年制发{issued} − 本年废止{repealed} = {expected}",
               "en": "Table 2, {row}: {this} in force, but last year's {last} + {issued} issued − "
                     "{repealed} repealed = {expected}"}
    summary = {"zh": "现行有效件数 = 上年现行有效 + 本年制发 − 本年废止（2021年格式）",
               "en": "in force = last year's in force + issued − repealed (2021 format)"}
    docs = {
        "rationale": {
            "zh": "规章和行政规范性文件的现行有效件数逐年承接：上年末有效的，加上本年制发的，减去本年废止的，"
                  "就是本年末有效的。对不上说明某一年的制发、废止或现行有效件数有误。",
            "en": "Rules and normative documents in force carry over year to year: last year's, plus "
                  "this year's issued, minus this year's repealed. A mismatch means one of the counts is wrong."},
        "basis": "国办公开办函〔2021〕30号（表二 第二十条第（一）项：本年制发件数、本年废止件数、现行有效件数）",
        "examples": {
            "fail": [{"template": "2021", "year": 2022, "set": {"t2.normative_docs.in_force": 12},
                      "also": [{"year": 2021, "section_text": {"5": "本年度人员变动较大，培训不足。"}}]}],
            "pass": [{"template": "2021", "year": 2022, "set": {"t2.normative_docs.in_force": 11},
                      "also": [{"year": 2021, "section_text": {"5": "本年度人员变动较大，培训不足。"}}]}],
        },
    }

    def check_batch(self, batch: Batch, ctx: RuleContext) -> Iterable[Diagnostic]:
        """For 规章 and 行政规范性文件, when both years use the 2021 form."""
        for e in self.entries(batch):
            prev = batch.last_year(e)
            if prev is None or prev.report.template != "2021":
                continue
            for row in ("rules", "normative_docs"):
                cells = [e.report.value(f"t2.{row}.{c}") for c in ("issued", "repealed", "in_force")]
                last = prev.report.value(f"t2.{row}.in_force")
                if last is None or any(c is None for c in cells):
                    continue
                issued, repealed, this = cells
                expected = last + issued - repealed  # type: ignore[operator]
                if abs(expected - this) > 1e-9:  # type: ignore[operator]
                    yield self.finding(ctx, e.report.cell_span(f"t2.{row}.in_force"), e.report,
                                       [prev.report.cell_span(f"t2.{row}.in_force")],
                                       row=message_row_label("t2", row, _en(ctx), "2021"), this=this,
                                       last=last, issued=issued, repealed=repealed, expected=expected)


class TwoVersions(BatchRule):
    code = "GL703"
    name = "two-versions"
    severity = Severity.WARNING
    related = {"zh": "另一份", "en": "the other version"}
    message = {"zh": "{issuer}{year}年度有两份报告，{n}处数字不同，如{cell}：本文件为{this}，另一份为{other}",
               "en": "{issuer} has two {year} reports whose numbers differ in {n} cell(s), e.g. {cell}: "
                     "{this} here, {other} in the other"}
    summary = {"zh": "同一机关同一年度只有一份报告（两份的数字不同）",
               "en": "one report per issuer and year (two versions with different numbers)"}
    docs = {
        "rationale": {
            "zh": "同一机关同一年度出现两份数字不同的报告，通常是更正后的报告未替换原稿，公众无法知道哪份为准。"
                  "同一份报告的不同格式（如PDF和Word）数字相同，不报告。",
            "en": "Two reports of one body and year with different numbers usually mean a corrected report "
                  "did not replace the original; readers cannot tell which one holds. The same report in "
                  "two formats (PDF and Word) has the same numbers and is not reported."},
        "basis": "《中华人民共和国政府信息公开条例》第五十条（每年公布一份本机关年度报告）",
        "examples": {
            "fail": [{"template": "2021", "year": 2022, "set": {"t2.licensing.decisions": 121},
                      "also": [{}]}],
            "pass": [{"template": "2021", "year": 2022, "also": [{}]}],
        },
    }

    def check_batch(self, batch: Batch, ctx: RuleContext) -> Iterable[Diagnostic]:
        """Each later file of a (unit, year) group against the first one."""
        for (unit, year), group in batch.groups().items():
            if year is None or len(group) < 2:
                continue
            first = group[0]
            for e in group[1:]:
                if e.report.path == first.report.path:
                    continue
                mine, theirs = e.report.values, first.report.values
                diff = sorted(k for k, v in mine.items() if v is not None and theirs.get(k) is not None
                              and abs(theirs[k] - v) > 1e-9)  # type: ignore[operator]
                if not diff:
                    continue
                k = diff[0]
                yield self.finding(ctx, e.report.cell_span(k), e.report, [first.report.cell_span(k)],
                                   issuer=unit.name, year=year, n=len(diff), this=fmt_num(mine[k]),
                                   other=fmt_num(theirs[k]),
                                   cell=message_cell_label(k, _en(ctx), e.report.template))


RULES = [CarriedOver, InForceChain, TwoVersions]
