"""GLX201: a Python rule, written exactly like govlint's built-in Python rules."""
from __future__ import annotations

from typing import Iterable

from govlint.engine.pyrule import PyRule, RuleContext
from govlint.model import Diagnostic, Report, Severity


class CountyFeeAmount(PyRule):
    code = "GLX201"
    name = "county-fee-amount"
    severity = Severity.WARNING
    when = {"template": ["2021"], "issuer": "(县|区|旗)", "not_issuer": "(乡|镇|街道)"}
    message = {"zh": "县（区）级机关应在表二“行政事业性收费”填写本年收费金额（没有收费填0）",
               "en": "county-level bodies fill Table 2's administrative-fee amount (0 if none)"}
    summary = {"zh": "县（区）级机关填报行政事业性收费金额", "en": "county-level bodies report the fee amount"}
    docs = {
        "rationale": {"zh": "本省汇总县级收费数据，空白无法汇总。",
                      "en": "The province aggregates county fee data; a blank cannot be aggregated."},
        "basis": "（示例）某省政务公开办关于做好年度报告工作的通知",
        "examples": {
            "fail": [{"template": "2021", "year": 2022, "set": {"t2.fees.amount": None}}],
            "pass": [{"template": "2021", "year": 2022},
                     {"template": "2021", "year": 2022, "issuer": "示例镇人民政府",
                      "set": {"t2.fees.amount": None}}],
        },
    }

    def check(self, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
        table = report.tables.get("t2")
        if table is None or not table.found:
            return
        cell = report.cell("t2.fees.amount")
        if cell is None or cell.value is None:
            yield self.diagnostic(ctx, cell.span if cell else table.span, report=report)
